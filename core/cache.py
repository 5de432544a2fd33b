"""The Redis cache, optional at run time.

Production keeps the anonymous page cache, the filter-fragment cache and the API
throttle's counters in Redis (config/settings/production.py). None of them is worth an
error page: when Redis does not answer, this backend logs a warning and behaves as an
empty cache that keeps nothing. A read is a miss, a write is skipped, a counter starts
again. So pages render without the cache, committed writes are not turned into 500s by
the invalidation that follows them, and the throttle lets requests through (fails open)
until Redis is back (tests/test_redis_outage.py).

Only the errors of an outage are absorbed (no connection, a time-out); anything else,
such as a value that cannot be pickled, still raises. After an outage error the process
does not ask that Redis again for RETRY_SECONDS: a Redis that does not answer at all (a
time-out, not a refused connection) then costs one time-out per process every few seconds,
not one per cache call."""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)
# One warning per process in this many seconds, not one per cache call.
WARNING_INTERVAL_SECONDS = 60

# After an outage error, calls answer the fallback at once for this long.
RETRY_SECONDS = 5

_last_warning = {"at": None}
# Redis location -> time.monotonic() until which it is not asked.
_down_until = {}


def reset():
    """Forget outages seen so far (for tests that start a new one)."""
    _last_warning["at"] = None
    _down_until.clear()


def _warn(operation, error):
    now = time.monotonic()
    if _last_warning["at"] is None or now - _last_warning["at"] >= WARNING_INTERVAL_SECONDS:
        _last_warning["at"] = now
        logger.warning("The cache (Redis) did not answer (%s: %s); going on without it.", operation, error)


def _degrades_to(fallback):
    """Run the cache operation; on an outage, warn and answer `fallback(*args, **kwargs)`."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            location = self._location_key
            if time.monotonic() < _down_until.get(location, 0):
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except OUTAGE_ERRORS as error:
                _down_until[location] = time.monotonic() + RETRY_SECONDS
                _warn(method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _default(key, default=None, *args, **kwargs):
    return default


def _none(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


def _all_failed(data, *args, **kwargs):
    return list(data)


def _missing(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (the cache did not answer).")


class RedisCache(RedisCache):
    """Django's Redis cache, degrading to "nothing stored" when Redis is unreachable."""

    @property
    def _location_key(self):
        return tuple(self._servers)

    get = _degrades_to(_default)(RedisCache.get)
    get_many = _degrades_to(_empty)(RedisCache.get_many)
    set = _degrades_to(_none)(RedisCache.set)
    set_many = _degrades_to(_all_failed)(RedisCache.set_many)
    add = _degrades_to(_false)(RedisCache.add)
    touch = _degrades_to(_false)(RedisCache.touch)
    delete = _degrades_to(_false)(RedisCache.delete)
    delete_many = _degrades_to(_none)(RedisCache.delete_many)
    has_key = _degrades_to(_false)(RedisCache.has_key)
    incr = _degrades_to(_missing)(RedisCache.incr)
    clear = _degrades_to(_false)(RedisCache.clear)
