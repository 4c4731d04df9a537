"""Writes of the webhooks: the deliveries an event makes, and one attempt to send one.

Requests are signed like this (the receiver checks both headers, and refuses an old timestamp)::

    X-Register-Timestamp: 1767225600
    X-Register-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>
    X-Register-Event: published
    X-Register-Delivery: <delivery id>
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from api.webhooks.models import ERROR_CHARS, DeliveryStatus, Webhook, WebhookDelivery
from portal.addresses import absolute
from register.models import AISystem

USER_AGENT: Final = "kz-ai-register-webhooks/1"
# A claimed delivery whose worker vanished is claimed again after this long (seconds beyond
# the request's own timeout).
STALE_CLAIM_SECONDS: Final = 120
# How many deliveries one run of the sweep attempts at most.
SWEEP_LIMIT: Final = 200


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The ``X-Register-Signature`` of ``body`` sent at ``timestamp``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def _addresses(public_id: str) -> tuple[str, str]:
    """The public card (in the site's language) and the API's record of ``public_id``."""
    with translation.override(settings.LANGUAGE_CODE):
        card = reverse("portal:card", kwargs={"public_id": public_id})
    try:
        api = reverse("api:system", kwargs={"public_id": public_id})
    except NoReverseMatch:  # before the public read endpoints are routed
        api = f"/api/v1/systems/{public_id}"
    return absolute(card), absolute(api)


@transaction.atomic
def deliveries_create(*, system_id: int, event: str, version: int) -> list[int]:
    """One pending delivery per active webhook that asks for ``event``, in the caller's
    transaction (the publication's); each is sent once it commits. Returns their ids."""
    hooks = list(Webhook.objects.filter(active=True, events__contains=[event]))
    if not hooks:
        return []
    public_id = AISystem.objects.values_list("public_id", flat=True).get(pk=system_id)
    card, api = _addresses(public_id)
    event_id = uuid.uuid4()
    now = timezone.now()
    occurred_at = now.isoformat()
    deliveries = [
        WebhookDelivery(
            webhook=hook,
            next_attempt_at=now,
            event_id=event_id,
            event=event,
            public_id=public_id,
            version=version,
            payload={
                "event": event,
                "public_id": public_id,
                "version": version,
                "url": card,
                "api_url": api,
                "occurred_at": occurred_at,
            },
        )
        for hook in hooks
    ]
    for delivery in deliveries:
        delivery.full_clean(exclude=["webhook"])
    WebhookDelivery.objects.bulk_create(deliveries)
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(_enqueue(ids))
    return ids


def _enqueue(ids: list[int]):  # type: ignore[no-untyped-def]
    def enqueue_webhook_deliveries() -> None:
        from api.webhooks.tasks import deliver_webhook

        for pk in ids:
            deliver_webhook.delay(pk)

    return enqueue_webhook_deliveries


@dataclass(frozen=True)
class Attempt:
    """What one attempt did: ``status`` of the delivery after it, and the seconds to wait
    before the next attempt (``None``: no next attempt)."""

    status: str | None
    retry_in: int | None = None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is the receiver's answer, not an address to follow (it could point into
    the register's own network)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST ``body``; the HTTP status (an ``OSError`` when there is none)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _claimable(now: dt.datetime) -> Q:
    """Deliveries an attempt may take: pending ones, and those whose worker vanished."""
    stale = now - timedelta(seconds=settings.WEBHOOK_TIMEOUT + STALE_CLAIM_SECONDS)
    return Q(status=DeliveryStatus.PENDING) | Q(status=DeliveryStatus.SENDING, updated_at__lt=stale)


def _claim(delivery_id: int) -> WebhookDelivery | None:
    """Take the delivery for one attempt (a conditional UPDATE, so that two workers never
    send it at once); ``None`` when it is sent, failed or being sent by another worker."""
    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(_claimable(now), pk=delivery_id).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, updated_at=now
    )
    if claimed != 1:
        return None
    return WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)


def _wait(attempts: int) -> int:
    ceiling = settings.CELERY_BROKER_VISIBILITY_TIMEOUT // 2
    return min(settings.WEBHOOK_RETRY_SECONDS * 2 ** (attempts - 1), ceiling)


def delivery_attempt(*, delivery_id: int) -> Attempt:
    """Send the delivery once, unless it is already sent, failed or being sent (then nothing
    happens). A 2xx answer makes it sent; a network error or a 5xx leaves it pending for a
    retry after an exponential wait, until ``WEBHOOK_MAX_ATTEMPTS``; anything else (4xx, a
    redirect) fails it at once."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return Attempt(status=None)
    body = json.dumps(
        {**delivery.payload, "delivery_id": delivery.pk}, ensure_ascii=False, sort_keys=True
    ).encode()
    timestamp = str(int(timezone.now().timestamp()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Register-Timestamp": timestamp,
        "X-Register-Signature": signature(delivery.webhook.secret, timestamp, body),
        "X-Register-Event": delivery.event,
        "X-Register-Delivery": str(delivery.pk),
    }
    code: int | None = None
    error = ""
    try:
        code = _post(delivery.webhook.url, body, headers)
    except (OSError, ValueError) as exc:  # URLError, timeouts, refused connections
        error = f"{type(exc).__name__}: {exc}"
    retryable = code is None or code >= 500
    if code is not None and 200 <= code < 300:
        status = DeliveryStatus.SENT
    elif retryable and delivery.attempts < settings.WEBHOOK_MAX_ATTEMPTS:
        status = DeliveryStatus.PENDING
    else:
        status = DeliveryStatus.FAILED
    if code is not None and status != DeliveryStatus.SENT:
        error = f"HTTP {code}"
    now = timezone.now()
    retry_in = _wait(delivery.attempts) if status == DeliveryStatus.PENDING else None
    WebhookDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=status,
        last_status_code=code,
        last_error=error[:ERROR_CHARS],
        sent_at=now if status == DeliveryStatus.SENT else None,
        next_attempt_at=now + timedelta(seconds=retry_in) if retry_in is not None else None,
        updated_at=now,
    )
    return Attempt(status=status, retry_in=retry_in)


def deliveries_sweep(*, limit: int = SWEEP_LIMIT, now: dt.datetime | None = None) -> dict[str, int]:
    """Attempt up to ``limit`` deliveries that are due at ``now`` (pending ones whose wait is
    over, and those whose worker vanished), oldest first; count the outcomes. Without a broker
    this is how a retry happens; with one, it catches deliveries whose task was lost."""
    now = now or timezone.now()
    due = list(
        WebhookDelivery.objects.filter(_claimable(now))
        .filter(Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    counts: dict[str, int] = {}
    for delivery_id in due:
        outcome = delivery_attempt(delivery_id=delivery_id).status or "skipped"
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
