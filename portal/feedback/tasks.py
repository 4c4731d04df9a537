"""The daily escalation of unanswered reports. The task is thin and idempotent: the service
claims each report with a conditional ``UPDATE … WHERE escalated_at IS NULL``, so a task run
twice (or redelivered after a lost worker) escalates and e-mails each report once.
``manage.py escalate_feedback`` runs the same service without a broker."""

from __future__ import annotations

from typing import Final

from celery import shared_task
from celery.schedules import crontab

BEAT_SCHEDULE: Final = {
    "portal-feedback-escalation": {
        "task": "portal.escalate_feedback",
        # 22:00 UTC is 03:00 in Astana (UTC+5).
        "schedule": crontab(hour=22, minute=0),
        "options": {"expires": 6 * 60 * 60},
    },
}


@shared_task(name="portal.escalate_feedback", acks_late=True, soft_time_limit=240, time_limit=300)
def escalate_feedback() -> int:
    """Escalate every report unanswered for longer than the limit; returns how many."""
    from portal.feedback.services import reports_escalate

    return len(reports_escalate())
