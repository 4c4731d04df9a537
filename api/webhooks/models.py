"""Webhooks and their deliveries."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from register.audit import track
from register.extensions import PUBLICATION_EVENTS
from register.validators import ChoiceListValidator

# The error text a delivery keeps of its last failed attempt.
ERROR_CHARS = 500


class PublicationEvent(models.TextChoices):
    """The events a webhook can ask for (``register.extensions.PUBLICATION_EVENTS``)."""

    PUBLISHED = "published", _("Published for the first time")
    CHANGED = "changed", _("A new version published")
    WITHDRAWN = "withdrawn", _("Withdrawn from publication")


assert tuple(PublicationEvent.values) == PUBLICATION_EVENTS  # noqa: S101 — one list of events


def new_secret() -> str:
    return secrets.token_hex(32)


# Who registered, changed or removed an address is in the audit trail; the secret is not.
@track(exclude=["secret"], related_name="history")
class Webhook(models.Model):
    """An address that is told of publications, with the secret its requests are signed with."""

    url = models.URLField(_("address"), max_length=500)
    description = models.CharField(_("description"), max_length=255, blank=True)
    events = models.JSONField(
        _("events"),
        default=list,
        validators=[ChoiceListValidator(PublicationEvent.choices)],
        help_text=_("The events the address is told of."),
    )
    secret = models.CharField(_("signing secret"), max_length=64, default=new_secret)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="https://") | Q(url__startswith="http://"),
                name="webhook_url_http",
            ),
        ]

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event told to one webhook: its payload, and what became of it."""

    Status = DeliveryStatus

    webhook = models.ForeignKey(
        Webhook, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(_("event id"))
    event = models.CharField(_("event"), max_length=16, choices=PublicationEvent.choices)
    public_id = models.CharField(_("public identifier"), max_length=16)
    version = models.PositiveIntegerField(_("version"))
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(
        _("last HTTP status"), null=True, blank=True
    )
    last_error = models.CharField(_("last error"), max_length=ERROR_CHARS, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    next_attempt_at = models.DateTimeField(
        _("next attempt"),
        null=True,
        blank=True,
        help_text=_("When a pending delivery is due to be sent (again)."),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event_id"], name="delivery_once_per_event"),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="delivery_status_valid"
            ),
        ]
        indexes = [
            # The admin's list of one webhook's deliveries, newest first.
            models.Index(fields=["webhook", "-created_at"], name="delivery_by_webhook"),
            # The sweep's pending deliveries that are due.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["pending", "sending"]),
                name="delivery_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.public_id} v{self.version} → {self.webhook_id}"
