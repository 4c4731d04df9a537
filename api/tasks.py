"""Celery tasks of the API: thin, they take an id and call a service, which claims its work
with a conditional UPDATE (a redelivered task does nothing)."""

from __future__ import annotations

from typing import Any, Final

from celery import shared_task
from django.db import InterfaceError, OperationalError

from api.webhooks.tasks import BEAT_SCHEDULE as WEBHOOK_BEAT_SCHEDULE
from api.webhooks.tasks import deliver_webhook, sweep_webhooks

BEAT_SCHEDULE: Final = {
    **WEBHOOK_BEAT_SCHEDULE,
    # Import jobs whose worker vanished, and uploaded files past API_IMPORT_RETENTION_DAYS
    # (``manage.py sweep_imports`` without a broker).
    "api-import-sweep": {
        "task": "api.sweep_imports",
        "schedule": 300.0,
        "options": {"expires": 300},
    },
}
__all__ = [
    "BEAT_SCHEDULE",
    "apply_import",
    "deliver_webhook",
    "plan_import",
    "sweep_imports",
    "sweep_webhooks",
]

_RETRY: Final[dict[str, Any]] = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "max_retries": 3,
}


@shared_task(name="api.plan_import", **_RETRY)
def plan_import(job_id: int) -> None:
    from api.imports.services import import_plan

    import_plan(job_id=job_id)


@shared_task(name="api.apply_import", **_RETRY)
def apply_import(job_id: int) -> None:
    from api.imports.services import import_apply

    import_apply(job_id=job_id)


@shared_task(name="api.sweep_imports", **_RETRY)
def sweep_imports() -> dict[str, int]:
    """Start again the import jobs whose worker vanished; delete old jobs' files."""
    from api.imports.services import imports_sweep

    return imports_sweep()
