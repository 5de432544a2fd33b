"""Who the client is: one notion of the client's address for the API throttle, the login
lockout (django-axes) and the password-reset rate limit.

It is DRF's: REMOTE_ADDR, unless `API_NUM_PROXIES` (REST_FRAMEWORK["NUM_PROXIES"]) says
how many reverse proxies in front of the web process append to X-Forwarded-For; then the
address that many hops from the end of that header. The default is 0: a client-sent
X-Forwarded-For is ignored, so it cannot dodge a limit or pose as someone else. Behind
the reverse proxy that docs/development.md calls for, set API_NUM_PROXIES=1."""

from rest_framework.throttling import BaseThrottle


def client_address(request):
    """The client's address as the settings say to find it (a Django or DRF request)."""
    return BaseThrottle().get_ident(request)
