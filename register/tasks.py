"""Background work of the register. Tasks are thin: they take ids and call a function."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task

from register import notifications


@shared_task(
    acks_late=True,
    autoretry_for=(SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def send_workflow_email(kind: str, system_id: int) -> int:
    return notifications.send_workflow_email(kind, system_id)
