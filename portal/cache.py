"""Django's Redis cache, tolerant of Redis being down.

The cache holds only what can be recomputed (allauth's rate-limit counters, cached figures). When
Redis is out of reach a read is a miss and a write is dropped, logged once a minute, so pages
keep working; short socket timeouts keep a dead Redis from holding a request for long, and after
a failure the cache is not asked again for a few seconds.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)
_last_warning = [0.0]


def _warn(error) -> None:
    now = time.monotonic()
    if now - _last_warning[0] > 60:
        _last_warning[0] = now
        logger.warning("Cache unavailable, carrying on without it: %s", error)


# After a failure the cache is left alone this many seconds: a page that asks it many times
# (a save tells the dashboards' cache of its change) must not wait for a timeout each time.
RETRY_AFTER = 5.0


def _tolerant(name, fallback):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        if time.monotonic() >= getattr(self, "_down_until", 0.0):
            try:
                return method(self, *args, **kwargs)
            except REDIS_DOWN as error:
                self._down_until = time.monotonic() + RETRY_AFTER
                _warn(error)
        return fallback(*args, **kwargs) if callable(fallback) else fallback

    call.__name__ = name
    return call


def _default(key, default=None, *args, **kwargs):
    return default


def _incr(key, delta=1, *args, **kwargs):
    # A counter that cannot be read counts from nothing: rate limits do not lock anyone out.
    return delta


class TolerantRedisCache(RedisCache):
    get = _tolerant("get", _default)
    set = _tolerant("set", None)
    add = _tolerant("add", True)
    touch = _tolerant("touch", False)
    delete = _tolerant("delete", False)
    has_key = _tolerant("has_key", False)
    incr = _tolerant("incr", _incr)
    get_many = _tolerant("get_many", lambda *a, **k: {})
    set_many = _tolerant("set_many", lambda *a, **k: [])
    delete_many = _tolerant("delete_many", None)
    clear = _tolerant("clear", False)
