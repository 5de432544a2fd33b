"""Anonymous 60/min, authenticated 1000/hour (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]).

DRF's throttles copy the rates when they are imported; these read them on every
request, so a settings change (in a test, or between deployments of the same code) is
honoured. The counts live in the default cache, which production shares (Redis).

Every throttled answer says where the client stands, in the IETF draft's headers
(draft-ietf-httpapi-ratelimit-headers): `RateLimit-Limit` (requests per window),
`RateLimit-Remaining` and `RateLimit-Reset` (seconds until a request is free again).
The throttle notes them on the request; `RateLimitHeadersMiddleware` writes them on
the response, success or problem document alike."""

import math

from rest_framework import throttling
from rest_framework.settings import api_settings

RATELIMIT_HEADERS = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")


class CurrentRatesMixin:
    @property
    def THROTTLE_RATES(self):  # noqa: N802 (DRF's attribute name)
        return api_settings.DEFAULT_THROTTLE_RATES

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        history = getattr(self, "history", None)
        if history is not None:
            remaining = max(self.num_requests - len(history), 0)
            # The window slides: one more request is free when the oldest one leaves it.
            reset = self.duration - (self.now - history[-1]) if history else 0
            state = (self.num_requests, remaining, max(math.ceil(reset), 0))
            target = getattr(request, "_request", request)
            known = getattr(target, "ratelimit", None)
            # With several throttles, the one closest to refusing is the one to report.
            if known is None or state[1] < known[1]:
                target.ratelimit = state
        return allowed


class AnonymousThrottle(CurrentRatesMixin, throttling.AnonRateThrottle):
    pass


class UserThrottle(CurrentRatesMixin, throttling.UserRateThrottle):
    pass


class RateLimitHeadersMiddleware:
    """Writes the state the throttles noted (`request.ratelimit`) as RateLimit-* headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, "ratelimit", None)
        if state is not None:
            for name, value in zip(RATELIMIT_HEADERS, state, strict=True):
                response[name] = str(value)
        return response
