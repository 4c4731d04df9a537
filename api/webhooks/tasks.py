"""The webhook tasks: thin, idempotent (the service claims the delivery with a conditional
UPDATE), acknowledged late; the service says when to retry. ``BEAT_SCHEDULE`` declares the
periodic sweep (``manage.py send_webhooks`` runs it without a broker); settings read it before
the app registry is ready, so nothing here imports a model at the top."""

from __future__ import annotations

from typing import Final

from celery import shared_task

BEAT_SCHEDULE: Final = {
    "api-webhook-sweep": {
        "task": "api.sweep_webhooks",
        "schedule": 300.0,
        "options": {"expires": 300},
    },
}


@shared_task(
    bind=True,
    name="api.deliver_webhook",
    acks_late=True,
    max_retries=None,  # the service bounds the attempts (WEBHOOK_MAX_ATTEMPTS)
    soft_time_limit=60,
    time_limit=90,
)
def deliver_webhook(self, delivery_id: int) -> str | None:  # type: ignore[no-untyped-def]
    """Attempt one delivery, and schedule the next attempt when the service asks for one."""
    from api.webhooks.services import delivery_attempt

    attempt = delivery_attempt(delivery_id=delivery_id)
    # In-process (no broker) a retry cannot wait: the delivery stays pending and the next run
    # of the task sends it (``delivery_attempt`` again).
    if attempt.retry_in is not None and not self.request.is_eager:
        raise self.retry(countdown=attempt.retry_in)
    return attempt.status


@shared_task(name="api.sweep_webhooks", acks_late=True, soft_time_limit=600, time_limit=660)
def sweep_webhooks() -> dict[str, int]:
    """Attempt the deliveries that are due (retries, and those whose task was lost)."""
    from api.webhooks.services import deliveries_sweep

    return deliveries_sweep()
