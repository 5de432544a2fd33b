"""Token authentication for systems: `Authorization: Bearer <token>` (RFC 6750), and
`Token <token>` for clients written for DRF's TokenAuthentication. No Basic auth."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from core.models import ApiToken

KEYWORDS = ("bearer", "token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in KEYWORDS:
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
