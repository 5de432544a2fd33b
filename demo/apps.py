from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo and benchmark data. A leaf: it may import every app; no app imports it."""

    name = "demo"
    verbose_name = _("Demo data")
