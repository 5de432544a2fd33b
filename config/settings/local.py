"""The embedded default: SQLite, jobs in-process, console e-mail. For a developer's machine."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
# A fixed key is fine here: local settings never serve the public.
os.environ.setdefault("SECRET_KEY", "local-only-insecure-key-3f9b1c2e7d")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

from .base import *  # noqa: E402,F403

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
