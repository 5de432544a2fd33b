from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation


class ContentNegotiation(DefaultContentNegotiation):
    """An unknown `?format=` is a 406 (DRF answers 404, as for a URL suffix)."""

    def filter_renderers(self, renderers, format):
        try:
            return super().filter_renderers(renderers, format)
        except Http404:
            formats = ", ".join(renderer.format for renderer in renderers)
            raise exceptions.NotAcceptable(
                _("Unknown format. Choose one of: %(formats)s.") % {"formats": formats}
            ) from None
