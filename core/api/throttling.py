"""Anonymous 60/min, authenticated 1000/hour (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]).

DRF's throttles copy the rates when they are imported; these read them on every
request, so a settings change (in a test, or between deployments of the same code) is
honoured. The counts live in the default cache, which production shares (Redis)."""

from rest_framework import throttling
from rest_framework.settings import api_settings


class CurrentRatesMixin:
    @property
    def THROTTLE_RATES(self):  # noqa: N802 (DRF's attribute name)
        return api_settings.DEFAULT_THROTTLE_RATES


class AnonymousThrottle(CurrentRatesMixin, throttling.AnonRateThrottle):
    pass


class UserThrottle(CurrentRatesMixin, throttling.UserRateThrottle):
    pass
