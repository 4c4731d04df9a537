"""A small fixed-window rate limiter on the cache (Redis in production)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one attempt for ``key`` in ``scope``; False once more than ``limit`` attempts were
    made in the current ``window`` seconds. Keys are hashed, so no address is stored in clear."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    name = f"ratelimit:{scope}:{digest}"
    # add() starts the window only if the counter does not exist; incr() is atomic on Redis.
    if cache.add(name, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add() and incr()
        cache.add(name, 1, timeout=window)
        count = 1
    return count <= limit
