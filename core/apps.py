from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class OperatorAdminConfig(admin_apps.AdminConfig):
    """The Django admin, for the site's operators only (core.adminsite.OperatorAdminSite).
    Named in INSTALLED_APPS instead of django.contrib.admin."""

    default_site = "core.adminsite.OperatorAdminSite"
    # INSTALLED_APPS names it in full; "core" alone means CoreConfig.
    default = False


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
