from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfoliosConfig(AppConfig):
    name = "portfolios"
    verbose_name = _("Portfolios")

    def ready(self):
        from initiatives.funding import register_exemption

        from .models import scaling_decided

        # A closed review that decided to scale an initiative takes it off the funding
        # cliff: the rule is initiatives.funding's, this app adds its reason.
        register_exemption(scaling_decided)
