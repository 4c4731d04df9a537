"""Celery tasks of the compliance engine: thin wrappers that take ids and call
``compliance.checks.check_systems``. The service is idempotent, so a redelivered task (acks
late, worker lost) only repeats the same comparison.

``BEAT_SCHEDULE`` is the one place where the periodic work of this app is declared; settings
set ``CELERY_BEAT_SCHEDULE`` from it, which is why this module imports no model at the top: it
must load before the app registry. ``manage.py run_checks`` runs the same service without a
broker.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from celery import shared_task
from celery.schedules import crontab
from django.db import InterfaceError, OperationalError, transaction

_RETRY: Final[dict[str, Any]] = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}

BEAT_SCHEDULE: Final = {
    "compliance-nightly-sweep": {
        "task": "compliance.sweep",
        # 21:30 UTC is 02:30 in Astana (UTC+5), when nobody edits records.
        "schedule": crontab(hour=21, minute=30),
        "options": {"expires": 6 * 60 * 60},
    },
    # The plain-language assistant's link check: links never checked, or checked longer ago
    # than LINK_CHECK_TTL_HOURS (compliance.plain_language.tasks).
    "compliance-link-check": {
        "task": "compliance.check_due_links",
        "schedule": crontab(minute="*/10"),
        "options": {"expires": 10 * 60},
    },
}


@shared_task(name="compliance.check_system", soft_time_limit=60, time_limit=90, **_RETRY)
def check_system(system_id: int) -> dict[str, int]:
    """Re-check one system after a change to it."""
    from compliance.checks import check_systems
    from compliance.models import Trigger

    result = check_systems([system_id], trigger=Trigger.CHANGE)
    return {"opened": result.findings_opened, "resolved": result.findings_resolved}


@shared_task(name="compliance.check_batch", soft_time_limit=240, time_limit=300, **_RETRY)
def check_batch(system_ids: list[int]) -> dict[str, int]:
    """Check one batch of the nightly sweep."""
    from compliance.checks import check_systems
    from compliance.models import Trigger

    result = check_systems(system_ids, trigger=Trigger.SWEEP)
    return {
        "systems": result.systems_checked,
        "opened": result.findings_opened,
        "resolved": result.findings_resolved,
    }


@shared_task(name="compliance.sweep", soft_time_limit=120, time_limit=180, **_RETRY)
def sweep(batch_size: int | None = None) -> int:
    """Split every system into batches and queue one ``check_batch`` per batch; returns the
    number of batches. Batches keep an organisation's systems together where they fit, so
    that its approvers get one digest a night."""
    from compliance.checks import BATCH_SIZE
    from register.models import AISystem

    rows = AISystem.objects.order_by("organisation_id", "pk").values_list("organisation_id", "pk")
    batches = organisation_batches(rows, batch_size or BATCH_SIZE)
    for batch in batches:
        check_batch.delay(batch)
    return len(batches)


def organisation_batches(rows: Iterable[tuple[int, int]], size: int) -> list[list[int]]:
    """Pack ``(organisation_id, system_id)`` rows, sorted by organisation, into batches of at
    most ``size`` ids. An organisation starts a new batch when it does not fit in the current
    one; one larger than ``size`` is split."""
    by_organisation: dict[int, list[int]] = {}
    for organisation_id, system_id in rows:
        by_organisation.setdefault(organisation_id, []).append(system_id)
    batches: list[list[int]] = []
    current: list[int] = []
    for ids in by_organisation.values():
        if current and len(current) + len(ids) > size:
            batches.append(current)
            current = []
        for start in range(0, len(ids), size):
            part = ids[start : start + size]
            if len(current) + len(part) > size:
                batches.append(current)
                current = []
            current.extend(part)
    if current:
        batches.append(current)
    return batches


def enqueue_check(system_id: int) -> None:
    """Re-check ``system_id`` once the current transaction commits (call it from services
    that change a record or its parts)."""
    # robust: a broker failure after the commit is logged, not raised into the request; the
    # nightly sweep catches the record up.
    transaction.on_commit(lambda: check_system.delay(system_id), robust=True)


# The plain-language assistant's tasks, registered with the worker through this module.
from compliance.plain_language import tasks as _plain_language_tasks  # noqa: E402, F401
