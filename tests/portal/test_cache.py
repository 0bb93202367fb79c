"""The Redis cache degrades to misses when Redis is down (issue 16, Faults): rate limits and
cached figures never turn a page into a 500."""

import time

import pytest

from portal.cache import TolerantRedisCache
from tests.faults.services import free_port


def _dead_cache():
    # Nothing listens on this port: every call fails to connect.
    url = f"redis://127.0.0.1:{free_port()}/0"
    return TolerantRedisCache(
        url, {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}
    )


def test_reads_are_misses_and_writes_are_dropped_when_redis_is_down():
    cache = _dead_cache()
    started = time.monotonic()
    assert cache.get("key", "fallback") == "fallback"
    assert cache.set("key", 1) is None
    assert cache.add("key", 1) is True
    assert cache.incr("counter", 3) == 3
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("key") is False
    assert time.monotonic() - started < 5  # short timeouts: a dead Redis holds nobody long


def test_after_a_failure_the_cache_is_left_alone_for_a_while(monkeypatch):
    from portal import cache as module

    cache = _dead_cache()
    calls = []
    real_get = module.RedisCache.get

    def counting_get(self, *args, **kwargs):
        calls.append(args)
        return real_get(self, *args, **kwargs)

    monkeypatch.setattr(module.RedisCache, "get", counting_get)
    monkeypatch.setattr(TolerantRedisCache, "get", module._tolerant("get", module._default))
    assert cache.get("a", "miss") == "miss"
    started = time.monotonic()
    for _ in range(20):
        assert cache.get("a", "miss") == "miss"
    assert len(calls) == 1  # Redis was asked once, not 21 times
    assert time.monotonic() - started < 0.1
    later = time.monotonic() + module.RETRY_AFTER + 1
    monkeypatch.setattr(module.time, "monotonic", lambda: later)
    assert cache.get("a", "miss") == "miss"
    assert len(calls) == 2  # and again once the pause is over


@pytest.mark.postgres  # the PostgreSQL and Redis run (make test-pg)
def test_a_live_redis_is_used_as_usual(settings):
    cache = TolerantRedisCache("redis://127.0.0.1:6379/15", {})
    try:
        cache.set("portal-test-key", "verdi", 30)
        assert cache.get("portal-test-key") == "verdi"
    finally:
        cache.delete("portal-test-key")
