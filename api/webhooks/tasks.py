"""The webhook task: thin, idempotent (the service claims the delivery with a conditional
UPDATE), acknowledged late; the service says when to retry."""

from __future__ import annotations

from celery import shared_task


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
