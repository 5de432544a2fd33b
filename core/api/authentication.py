"""Token authentication for systems: `Authorization: Bearer <token>` (RFC 6750), and
`Token <token>` for clients written for DRF's TokenAuthentication. No Basic auth: a
request that sends Basic credentials is refused with 401 and the Bearer challenge, so a
client configured with a user name and password learns it at once instead of quietly
reading public data only.

A token has a scope (read only, or read and write) and may expire: an expired token is
refused like a revoked one (401), and a read-only token is refused any method that is
not safe (403), whatever the resource, before the view runs.

`last_used` is written by `TokenUseMiddleware` once the view has returned, outside the
request's transaction (ATOMIC_REQUESTS), so an answer that rolls back (any 4xx) still
records the use."""

from django.utils import formats
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, permissions

from core.models import ApiToken

KEYWORDS = ("bearer", "token")
REFUSED_KEYWORDS = ("basic",)


class ReadOnlyToken(exceptions.PermissionDenied):
    default_detail = _("This token is read-only: it may read but not change anything. Make a read-write token.")
    default_code = "read_only_token"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        keyword = header[0].decode("latin-1").lower() if header else ""
        if keyword in REFUSED_KEYWORDS:
            raise exceptions.AuthenticationFailed(
                _("Basic authentication is not accepted. Send a token: Authorization: Bearer <token>.")
            )
        if keyword not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after the keyword, separated by one space."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        token = ApiToken.find_active(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid, or it was revoked."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(
                _("The token expired after %(date)s. Make a new one.") % {"date": formats.date_format(token.expires)}
            )
        # Noted on the underlying request, for TokenUseMiddleware.
        request._request.api_token = token
        if request.method not in permissions.SAFE_METHODS and not token.may_write:
            raise ReadOnlyToken()
        return token.user, token

    def authenticate_header(self, request):
        # Makes DRF answer a missing or bad token with 401 rather than 403.
        return 'Bearer realm="api"'


class TokenUseMiddleware:
    """Records the use of an API token after the view, outside its transaction: with
    ATOMIC_REQUESTS the view's writes roll back on an error answer, this one does not.
    At most one UPDATE per token and minute (ApiToken.LAST_USED_RESOLUTION)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        token = getattr(request, "api_token", None)
        if token is not None:
            token.record_use()
        return response
