from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            home,  # noqa: F401  (its part of the home page: core/panels.register_home)
        )
