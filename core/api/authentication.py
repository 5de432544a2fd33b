"""Token authentication for systems: `Authorization: Bearer <token>` (RFC 6750), and
`Token <token>` for clients written for DRF's TokenAuthentication. No Basic auth: a
request that sends Basic credentials is refused with 401 and the Bearer challenge, so a
client configured with a user name and password learns it at once instead of quietly
reading public data only."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from core.models import ApiToken

KEYWORDS = ("bearer", "token")
REFUSED_KEYWORDS = ("basic",)


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
        token.record_use()
        return token.user, token

    def authenticate_header(self, request):
        # Makes DRF answer a missing or bad token with 401 rather than 403.
        return 'Bearer realm="api"'
