"""The whole portal's view matrix: every URL pattern for each persona (tests/viewtests.py)."""

import pytest

from .viewtests import PortalViewTests

pytestmark = pytest.mark.django_db


class TestPortalViews(PortalViewTests):
    """Every URL pattern of the portal for each persona."""
