"""Production: PostgreSQL, Redis, a Celery worker and beat. No default secrets: every
value below that has none must come from the environment."""

from .base import *  # noqa: F403
from .base import env
from .objectstore import media_storage

DEBUG = False
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=env.str("REDIS_URL"))
CELERY_TASK_ALWAYS_EAGER = False

# Redis is optional at run time: core.cache.RedisCache answers "nothing stored" and logs a
# warning when Redis does not answer, so the page cache, the fragment cache and the API
# throttle skip or fail open instead of answering 500 (tests/test_redis_outage.py). Short
# time-outs keep an unreachable Redis from holding a request.
CACHES = {
    "default": {
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": env.str("REDIS_URL"),
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    }
}

# Static files are served by the web process itself (no CDN, no separate file server).
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer's liveness probe speaks plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
X_FRAME_OPTIONS = "DENY"

# Uploads on an S3-compatible object store when MEDIA_S3_BUCKET is set (config/settings/
# objectstore.py): every web and worker machine then sees the same files, and pages link
# to them with signed, expiring URLs, so the store's origin joins img-src.
MEDIA_STORAGE, MEDIA_ORIGINS = media_storage(env)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
_directives = CONTENT_SECURITY_POLICY["DIRECTIVES"]  # noqa: F405
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,  # noqa: F405
    "DIRECTIVES": {**_directives, "img-src": [*_directives["img-src"], *MEDIA_ORIGINS]},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="horisont@localhost")
