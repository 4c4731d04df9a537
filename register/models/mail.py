"""Outgoing e-mail and the reader's language for it.

Every e-mail the register sends is first a row of ``OutgoingEmail``, written in the same
transaction as the change it reports, so that an SMTP or broker outage loses nothing: the
delivery task sends it after the commit, and the periodic sweep sends whatever is still due.
Rows are written only by ``register.services.outbox``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from register.audit import track
from register.fields import BoundedTextField
from register.languages import CONTENT_LANGUAGES, LANGUAGE_NAMES

LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in CONTENT_LANGUAGES]


class EmailKind(models.TextChoices):
    WORKFLOW = "workflow", _("Workflow notification")
    COMPLIANCE_DIGEST = "compliance_digest", _("Compliance digest")
    # Composed when it is sent: the reset link carries a token that must not be stored.
    PASSWORD_RESET = "password_reset", _("Password reset")


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    # A password reset for an address without an active account: nothing to send.
    NO_RECIPIENT = "no_recipient", _("No account at this address")
    FAILED = "failed", _("Given up")


class OutgoingEmail(models.Model):
    """One e-mail to one address, in the recipient's language."""

    Kind = EmailKind
    Status = EmailStatus

    kind = models.CharField(_("kind"), max_length=32, choices=EmailKind.choices)
    to_address = models.EmailField(_("to"), max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    # Written by the register, never by a user: bounded like every text column, far above any
    # e-mail it composes (a digest of a large organisation included).
    body = BoundedTextField(_("body"), blank=True, max_length=1_000_000)
    status = models.CharField(
        _("status"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The sweep: pending rows that are due, oldest first.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="outgoing_email_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EmailStatus.values), name="outgoing_email_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EmailKind.values), name="outgoing_email_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="outgoing_email_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.to_address} ({self.get_status_display()})"


@track
class Profile(models.Model):
    """What a user chose for themselves: for now, the language of the e-mails they get."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=CONTENT_LANGUAGES), name="profile_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.language}"
