"""Every test starts with an empty cache. The personas and shared fixtures are in
tests/support/ (registered in the root conftest.py)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counters and cached fragments live in the cache: no test inherits another's."""
    cache.clear()
    yield
    cache.clear()
