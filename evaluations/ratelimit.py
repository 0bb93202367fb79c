"""A cache-based limit on participants' posts, like allauth's limits on logins.

The client is counted by a keyed hash of its address (the address the trusted proxy gives,
as for logins), held only in the cache for the window and never in the database; each round
also has an overall ceiling, so a flood from many addresses cannot fill a round either.
"""

from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

WINDOW_SECONDS = 10 * 60


def _limits():
    return (
        getattr(settings, "EVALUATION_POSTS_PER_CLIENT", 10),
        getattr(settings, "EVALUATION_POSTS_PER_ROUND", 300),
    )


def _hit(key: str, limit: int) -> bool:
    """Count one hit on ``key``; True if that goes over ``limit`` within the window."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > limit


def too_many_posts(http_request, round) -> bool:
    per_client, per_round = _limits()
    client = salted_hmac("evaluations.ratelimit", get_ip(http_request)).hexdigest()[:32]
    over_client = _hit(f"evaluations:post:client:{client}", per_client)
    over_round = _hit(f"evaluations:post:round:{round.pk}", per_round)
    return over_client or over_round
