"""Liveness and readiness probes for load balancers and container orchestration."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and serving requests. Touches no database, cache or broker."""
    return JsonResponse({"status": "ok"})


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    # A read is a round trip to the cache: a probe every few seconds writes nothing.
    cache.get("readyz")


def _check_broker() -> None:
    if not settings.CELERY_BROKER_URL:
        return
    from config.celery import app

    with app.connection_for_write(url=settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


CHECKS = (("database", _check_database), ("cache", _check_cache), ("broker", _check_broker))


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """The database, the cache and the broker are reachable (200), or not (503). The answer
    is only ``ok`` or ``unavailable``: what failed, and why, goes to the log, not to whoever
    asks."""
    ready = True
    for name, check in CHECKS:
        try:
            check()
        except Exception as exc:  # noqa: BLE001 — any failure means "not ready"
            logger.warning("readiness check %s failed: %s", name, exc)
            ready = False
    return JsonResponse({"status": "ok" if ready else "unavailable"}, status=200 if ready else 503)
