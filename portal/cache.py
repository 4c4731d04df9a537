"""Public pages cached for visitors without a session.

A page is kept under a key made of the projection's generation
(``register.services.projection.public_generation``: it changes when anything is published or
withdrawn), the day, the language and the full path with its query, so a publication shows at
once and a bookmarked search is one cache entry. A request with a session or a message cookie
(a signed-in user, a form just sent) is never answered from the cache nor stored in it, and
its response is marked private; only complete ``200`` answers that set no cookie are stored,
in a cache of their own (``CACHES["pages"]``), where a flood of addresses evicts only pages.

``per_generation`` keeps a figure computed over the whole projection (the facet counts of a
search, the home page's headline) under the same generation and day, so that a page the cache
does not hold (another page of a list, another sort, a signed-in reader) still counts once.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from register.services.projection import public_generation

# Cookies that make a response personal: the session (signed in, or a form's state) and the
# messages shown once after a form was sent.
MESSAGES_COOKIE = "messages"


def is_personal(request: HttpRequest) -> bool:
    cookies = (settings.SESSION_COOKIE_NAME, MESSAGES_COOKIE)
    return any(name in request.COOKIES for name in cookies)


T = TypeVar("T")


def per_generation(name: str, parts: Any, compute: Callable[[], T]) -> T:
    """``compute()``, computed once per projection generation, day and ``parts`` (anything
    whose ``repr`` names the computation: a statement and its parameters) and kept for
    ``PUBLIC_CACHE_SECONDS`` in the default cache (computed every time when that is 0)."""
    if not settings.PUBLIC_CACHE_SECONDS:
        return compute()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"portal:{name}:{public_generation()}:{timezone.localdate().isoformat()}:{digest}"
    return caches["default"].get_or_set(key, compute, settings.PUBLIC_CACHE_SECONDS)


def page_key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    day = timezone.localdate().isoformat()
    return f"portal:page:{public_generation()}:{day}:{get_language()}:{path}"


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve ``view``'s ``GET`` answers to visitors without a session from the cache."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # type: ignore[no-untyped-def]
        cacheable = request.method in ("GET", "HEAD") and not is_personal(request)
        key = page_key(request) if cacheable else None
        if key and (cached := caches["pages"].get(key)) is not None:
            return cached
        response = view(request, *args, **kwargs)
        if not cacheable:
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if hasattr(response, "render") and callable(response.render):
            response.render()
        patch_vary_headers(response, ("Cookie",))
        if response.status_code == 200 and not response.cookies and not response.streaming:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_MAX_AGE)
            if settings.PUBLIC_CACHE_SECONDS:
                caches["pages"].set(key, response, settings.PUBLIC_CACHE_SECONDS)
        return response

    return wrapped
