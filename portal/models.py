"""Citizen feedback on a published record: a report, routed to the organisation and answered.

A report is written only by ``portal.feedback.services``. What the sender wrote (the message,
their name and e-mail address) is shown to the organisation's members and never in public: the
card shows counts and, when the organisation publishes a reply, the organisation's own summary
of the question beside its reply.

The secrets of a report (the key of the sender's status page and the e-mail confirmation
token) are stored as SHA-256 hex digests; the values themselves exist only in the sender's
link.
"""

from __future__ import annotations

import datetime as dt

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.feedback.validators import NoControlCharacters
from register.audit import no_truncate
from register.fields import BoundedTextField
from register.languages import CONTENT_LANGUAGES
from register.models.mail import LANGUAGE_CHOICES

# What a sender may write, and what the organisation writes back.
MESSAGE_MAX_LENGTH = 4_000
REPLY_MAX_LENGTH = 4_000
PUBLIC_SUMMARY_MAX_LENGTH = 1_000
NAME_MAX_LENGTH = 200
# "R-2026-7K3M9Q": the year and six characters that cannot be mistaken for each other on the
# phone or on paper (no 0/O, 1/I/L, U/V).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
REFERENCE_LENGTH = 6
REFERENCE_PATTERN = rf"R-[0-9]{{4}}-[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}}"


class ReportKind(models.TextChoices):
    """What the sender asks for; each is a link on the card."""

    ERROR = "error", _("Report an error")
    QUESTION = "question", _("Ask a question")
    REVIEW = "review", _("Request an explanation or a human review")


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


#: Reports the organisation still owes an answer: counted as open, due and escalated.
OPEN_STATUSES = (ReportStatus.NEW, ReportStatus.IN_PROGRESS)


class Report(models.Model):
    """One message from a member of the public about one published record."""

    Kind = ReportKind
    Status = ReportStatus

    reference = models.CharField(_("reference number"), max_length=16, unique=True)
    system = models.ForeignKey(
        "register.AISystem",
        verbose_name=_("AI system"),
        on_delete=models.PROTECT,
        related_name="feedback_reports",
    )
    # The organisation that answers: the system's when the report was received (the queue
    # reads it without a join).
    organisation = models.ForeignKey(
        "register.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="feedback_reports",
    )
    version_number = models.PositiveIntegerField(_("version the sender was reading"))
    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind.choices)
    message = BoundedTextField(
        _("message"), max_length=MESSAGE_MAX_LENGTH, validators=[NoControlCharacters()]
    )
    sender_name = models.CharField(
        _("name"),
        max_length=NAME_MAX_LENGTH,
        blank=True,
        validators=[NoControlCharacters(multiline=False)],
    )
    sender_email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    wants_reply = models.BooleanField(_("a reply by e-mail is wanted"), default=False)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    email_confirmed_at = models.DateTimeField(_("e-mail address confirmed"), null=True, blank=True)
    confirmation_token_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_key_sha256 = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    due_on = models.DateField(_("answer due"))
    reply = BoundedTextField(
        _("reply"), max_length=REPLY_MAX_LENGTH, blank=True, validators=[NoControlCharacters()]
    )
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    public_summary = BoundedTextField(
        _("public summary of the question"),
        max_length=PUBLIC_SUMMARY_MAX_LENGTH,
        blank=True,
        validators=[NoControlCharacters()],
    )
    reply_published_at = models.DateTimeField(
        _("reply published on the card"), null=True, blank=True
    )
    escalated_at = models.DateTimeField(_("escalated to the regulator"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("citizen report")
        verbose_name_plural = _("citizen reports")
        ordering = ["due_on", "pk"]
        indexes = [
            # The organisation's queue: its reports of a status, soonest due first.
            models.Index(fields=["organisation", "status", "due_on"], name="report_queue"),
            # The card's summary: a system's reports, and its published replies newest first.
            models.Index(fields=["system", "created_at"], name="report_by_system"),
            # The daily escalation: open reports not yet escalated, oldest first.
            models.Index(
                fields=["created_at"],
                condition=Q(escalated_at__isnull=True, status__in=OPEN_STATUSES),
                name="report_to_escalate",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReportKind.values), name="report_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=CONTENT_LANGUAGES), name="report_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(wants_reply=False) | ~Q(sender_email=""),
                name="report_reply_needs_email",
            ),
            models.CheckConstraint(
                condition=Q(email_confirmed_at__isnull=True) | ~Q(sender_email=""),
                name="report_confirmed_has_email",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.ANSWERED)
                | (~Q(reply="") & Q(replied_at__isnull=False)),
                name="report_answered_has_reply",
            ),
            models.CheckConstraint(
                condition=Q(reply_published_at__isnull=True)
                | (~Q(reply="") & ~Q(public_summary="") & Q(replied_at__isnull=False)),
                name="report_published_has_reply_and_summary",
            ),
            models.CheckConstraint(
                condition=Q(status_key_sha256__regex=r"^[0-9a-f]{64}$"),
                name="report_status_key_is_a_digest",
            ),
            models.CheckConstraint(
                condition=Q(confirmation_token_sha256="")
                | Q(confirmation_token_sha256__regex=r"^[0-9a-f]{64}$"),  # noqa: S106
                name="report_token_is_a_digest",
            ),
            models.CheckConstraint(
                condition=Q(reference__regex=rf"^{REFERENCE_PATTERN}$"),
                name="report_reference_format",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())

    @property
    def is_escalated(self) -> bool:
        return self.escalated_at is not None

    @property
    def reply_is_published(self) -> bool:
        return self.reply_published_at is not None


# The trail records what the organisation did with a report (status, assignment, reply,
# publication, escalation) and who did it. The sender's own words and contact are left out,
# so that they can be erased from the report when it is no longer needed, and the secrets'
# digests with them.
pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=[
        "message",
        "sender_name",
        "sender_email",
        "confirmation_token_sha256",
        "status_key_sha256",
    ],
    append_only=True,
    meta={"triggers": [no_truncate()]},
)(Report)
