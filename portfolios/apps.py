from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfoliosConfig(AppConfig):
    name = "portfolios"
    verbose_name = _("Portfolios")

    def ready(self):
        from initiatives.funding import register_exemption

        from . import home  # noqa: F401  (its part of the home page: core/panels.register_home)
        from .models import scaling_decided

        # A closed review that decided to scale an initiative takes it off the funding
        # cliff: the rule is initiatives.funding's, this app adds its reason.
        register_exemption(scaling_decided)
