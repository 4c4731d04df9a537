"""Celery tasks of the regulators' tools: thin, they take an id and call a service, which
claims its work with a conditional UPDATE (a redelivered task does nothing)."""

from __future__ import annotations

from typing import Any, Final

from celery import shared_task
from django.db import InterfaceError, OperationalError

BEAT_SCHEDULE: Final = {
    # Reports whose worker vanished, and the files of reports nobody asked for since
    # REPORTS_RETENTION_DAYS (``manage.py sweep_reports`` without a broker).
    "oversight-report-sweep": {
        "task": "oversight.sweep_reports",
        "schedule": 600.0,
        "options": {"expires": 600},
    },
}

_RETRY: Final[dict[str, Any]] = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "max_retries": 3,
}


@shared_task(name="oversight.build_report", **_RETRY)
def build_report(report_id: int) -> None:
    """Build a report of several systems. Queued with REPORTS_SOFT_TIME_LIMIT and
    REPORTS_TIME_LIMIT (``oversight.reports.services``), which bound it in a worker."""
    from oversight.reports.services import collection_report_build

    collection_report_build(report_id=report_id)


@shared_task(name="oversight.sweep_reports", **_RETRY)
def sweep_reports() -> dict[str, int]:
    from oversight.reports.services import collection_reports_sweep

    return collection_reports_sweep()


@shared_task(name="oversight.store_system_reports", soft_time_limit=120, time_limit=180, **_RETRY)
def store_system_reports(system_id: int) -> int:
    """Make and store a newly published record's audit report in each language, so that the
    first download is a stored one; returns how many were made (a redelivered task finds them
    stored and makes none)."""
    from oversight.reports.document import store_reports_of

    return store_reports_of(system_id)
