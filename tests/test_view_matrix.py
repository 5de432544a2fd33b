"""The whole portal's view matrix: every URL pattern for each persona (tests/support/views.py)."""

import pytest

from .support.views import PortalViewTests

pytestmark = pytest.mark.django_db


class TestPortalViews(PortalViewTests):
    """Every URL pattern of the portal for each persona."""
