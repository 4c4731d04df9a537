"""Celery tasks of the plain-language assistant: thin wrappers that take ids and call
``services``. Link checks run only here, from the periodic ``check_due_links``, never while a
request is served; ``manage.py check_links`` runs the same service without a broker. Imported by
``compliance.tasks``, so the worker finds them; no model is imported at the top (see there)."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction

from compliance.tasks import _RETRY


@shared_task(name="compliance.plain_language_review", soft_time_limit=60, time_limit=90, **_RETRY)
def review(system_id: int) -> bool:
    """Review one record after a change; re-check it when the hints changed."""
    from compliance.plain_language.services import review_refresh
    from compliance.tasks import check_system

    changed = review_refresh(system_id=system_id)
    if changed:
        check_system.delay(system_id)
    return changed


@shared_task(name="compliance.check_link", soft_time_limit=60, time_limit=90, **_RETRY)
def check_link(link_id: int) -> str:
    from compliance.plain_language.services import link_check

    return link_check(link_id=link_id)


@shared_task(name="compliance.check_due_links", soft_time_limit=120, time_limit=180, **_RETRY)
def check_due_links() -> int:
    """Queue one ``check_link`` per due link; returns how many were queued."""
    from compliance.plain_language.services import links_due, links_prune

    links_prune()
    due = links_due()
    for link_id in due:
        check_link.delay(link_id)
    return len(due)


def enqueue_review(system_id: int) -> None:
    """Review ``system_id`` once the current transaction commits."""
    transaction.on_commit(lambda: review.delay(system_id), robust=True)
