"""A regulator's requests to an agency about one of its records: a question or a note with a
due date, visible to the agency, answered by it and closed by the regulator. Regulators never
edit records; this is how they ask. Every change is in the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register.audit import track
from register.fields import BoundedTextField

SUBJECT_LENGTH = 200
TEXT_LENGTH = 4000


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Awaiting the agency's answer")
    ANSWERED = "answered", _("Answered by the agency")
    CLOSED = "closed", _("Closed by the regulator")


@track
class RegulatorRequest(models.Model):
    system = models.ForeignKey(
        "register.AISystem",
        verbose_name=_("AI system"),
        on_delete=models.CASCADE,
        related_name="regulator_requests",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=SUBJECT_LENGTH)
    body = BoundedTextField(_("request"), max_length=TEXT_LENGTH)
    due_on = models.DateField(_("answer due by"))
    status = models.CharField(
        _("state"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    answer = BoundedTextField(_("answer"), max_length=TEXT_LENGTH, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("regulator's request")
        verbose_name_plural = _("regulator's requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The overview's concern "requests past their due date" and the agency's list.
            models.Index(fields=["due_on"], condition=Q(status="open"), name="request_open_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(answer="") | Q(status="closed"),
                name="request_answered_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN


def reports_storage() -> Storage:
    """The storage of the reports of organisations and of the register (``STORAGES["reports"]``:
    local files, or S3-compatible object storage in production)."""
    return storages["reports"]


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be made")
    RUNNING = "running", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Not made")


class ReportFailure(models.TextChoices):
    """Why a report was not made, each with what the page tells the reader."""

    TOO_MANY = "too_many", _("The selection holds more systems than a report may hold.")
    TIME_LIMIT = "time_limit", _("Making the report took longer than it is allowed to.")
    MEMORY_LIMIT = "memory_limit", _("Making the report needed more memory than it is allowed.")
    WORKER_LOST = "worker_lost", _("The report's worker stopped twice before it was done.")
    EMPTY = "empty", _("No system of the selection has a published record.")
    ERROR = "error", _("The report could not be made.")


@track(updates_of=["status"])
class CollectionReport(models.Model):
    """The audit report of every system of one organisation, or of the whole register
    (``organisation`` empty), in one language: built by a Celery task, kept in the reports
    storage and handed out again while what it was made from is unchanged (``data_sha256``,
    ``oversight.reports.collection.scope_digest``)."""

    organisation = models.ForeignKey(
        "register.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8)
    data_sha256 = models.CharField(_("SHA-256 of what it is made from"), max_length=64)
    status = models.CharField(
        _("state"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    failure = models.CharField(
        _("why it was not made"), max_length=16, choices=ReportFailure.choices, blank=True
    )
    systems_total = models.PositiveIntegerField(_("systems"), default=0)
    systems_done = models.PositiveIntegerField(_("systems done"), default=0)
    # The file's name in the reports storage (``reports_storage()``, read when it is used, so
    # that a change of STORAGES applies at once).
    file = models.CharField(_("file"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    # The last time anyone asked for it (a request answered with this report included): what
    # REPORTS_RETENTION_DAYS counts from.
    last_requested_at = models.DateTimeField(_("last asked for"), default=timezone.now)
    # Set by each claim of the task: a report that stays ``running`` much longer than its time
    # limit lost its worker (``collection_reports_sweep``).
    claimed_at = models.DateTimeField(_("started"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit report of several systems")
        verbose_name_plural = _("audit reports of several systems")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # A report asked for again is found by its scope, language and data.
            models.Index(
                fields=["organisation", "language", "data_sha256"], name="collection_report_data"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation or '*'} {self.language} ({self.status})"

    @property
    def is_running(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)
