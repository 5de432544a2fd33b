from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation

PROBLEM_MEDIA_TYPE = "application/problem+json"


class ContentNegotiation(DefaultContentNegotiation):
    """An unknown `?format=` is a 406 (DRF answers 404, as for a URL suffix).

    `Accept: application/problem+json` (a client that wants to read our errors) is
    acceptable everywhere: every error is a problem document whatever the renderer, and a
    success is answered in JSON, the API's default (RFC 9110 lets a server answer in its
    default format rather than 406)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except exceptions.NotAcceptable:
            format_query = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
            if format_query or PROBLEM_MEDIA_TYPE not in request.META.get("HTTP_ACCEPT", ""):
                raise
            return renderers[0], renderers[0].media_type

    def filter_renderers(self, renderers, format):
        try:
            return super().filter_renderers(renderers, format)
        except Http404:
            formats = ", ".join(renderer.format for renderer in renderers)
            raise exceptions.NotAcceptable(
                _("Unknown format. Choose one of: %(formats)s.") % {"formats": formats}
            ) from None
