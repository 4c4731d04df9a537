"""Absolute addresses of the portal's pages, on the register's public address (``SITE_URL``),
never on the Host header of a request: feeds, the sitemap, canonical links and the
disclosure kit all link to the same place, whatever address the page was fetched from."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

from register.i18n import CONTENT_LANGUAGES


def absolute(path: str) -> str:
    """``path`` (``/kk/systems/…/``) on ``SITE_URL``."""
    return settings.SITE_URL.rstrip("/") + path


def site_scheme() -> str:
    return urlsplit(settings.SITE_URL).scheme


def site_netloc() -> str:
    return urlsplit(settings.SITE_URL).netloc


def without_language(path: str) -> str:
    """``path`` without its language prefix (``/kk/systems/`` → ``/systems/``): the address
    that sends a reader to their own language (``x-default``)."""
    for code in CONTENT_LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return "/" + path[len(prefix) :]
    return path
