"""Public reads from a PostgreSQL replica (``DATABASE_REPLICA_URL``), everything else from the
primary.

A request is a public read when it is a ``GET`` or ``HEAD`` without a session or a messages
cookie: a citizen reading the portal or a client of the open-data API. Only those read from the
replica, a few hundred milliseconds behind the primary at most; a signed-in user, who may have
just saved something, every form sent, and every Celery task read from the primary, so nobody
reads a state older than their own last write. Every write goes to the primary, and migrations
run there only (the replica follows by streaming replication).
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
_PUBLIC_READ: contextvars.ContextVar[bool] = contextvars.ContextVar("public_read", default=False)
# Cookies that make a request personal (portal.cache.is_personal reads the same two).
_PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def is_public_read(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not any(
        name in request.COOKIES for name in _PERSONAL_COOKIES
    )


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


def replica_for_public_reads(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: mark a public read for the router, for as long as the request lasts."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if not has_replica() or not is_public_read(request):
            return get_response(request)
        token = _PUBLIC_READ.set(True)
        try:
            return get_response(request)
        finally:
            _PUBLIC_READ.reset(token)

    return middleware


class PublicReadsFromReplica:
    """The database router of an installation with ``DATABASE_REPLICA_URL``."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        return REPLICA if _PUBLIC_READ.get() else "default"

    def db_for_write(self, model: type, **hints: Any) -> str:
        return "default"

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True  # the same data on both

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"
