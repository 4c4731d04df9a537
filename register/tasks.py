"""Background work of the register: delivering the outbox. Tasks are thin: they take ids and
call ``register.services.outbox``, which claims each row so that a redelivered or retried task
never sends an e-mail twice.

``BEAT_SCHEDULE`` declares this app's periodic work; settings read it before the app registry
is ready, so this module imports no model at the top. ``manage.py send_outbox`` runs the same
sweep without a broker.
"""

from __future__ import annotations

from typing import Final

from celery import shared_task

BEAT_SCHEDULE: Final = {
    "register-outbox-sweep": {
        "task": "register.outbox_sweep",
        "schedule": 60.0,
        "options": {"expires": 60},
    },
}


@shared_task(
    name="register.deliver_email",
    bind=True,
    acks_late=True,
    max_retries=8,
    soft_time_limit=60,
    time_limit=90,
)
def deliver_email(self, email_id: int) -> str:  # type: ignore[no-untyped-def]
    """Send one outbox row; on failure, try again with the row's backoff. Without a broker
    (tasks in-process) there is nowhere to wait, so the sweep tries again instead."""
    from register.services.outbox import email_deliver

    delivery = email_deliver(email_id=email_id)
    if (
        delivery.retry_in is not None
        and not self.request.is_eager
        and self.request.retries < self.max_retries
    ):
        raise self.retry(countdown=delivery.retry_in)
    return delivery.outcome


@shared_task(name="register.outbox_sweep", acks_late=True, soft_time_limit=240, time_limit=300)
def outbox_sweep() -> dict[str, int]:
    """Send every outbox row that is due (missed by its own task, or waiting to be retried)."""
    from register.services.outbox import outbox_sweep as sweep

    return sweep()
