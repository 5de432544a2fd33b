from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import (
            changes,
            lookups,  # noqa: F401  (registers the JSON list lookup)
            pagecache,
        )

        pagecache.connect_signals()
        changes.connect_signals()
