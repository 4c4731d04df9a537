"""An import of a spreadsheet or JSON file into an organisation's records: the file as it was
uploaded, its dry run and, once applied, what it created and updated."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be checked")
        PLANNING = "planning", _("Being checked")
        PLANNED = "planned", _("Checked")
        QUEUED = "queued", _("Waiting to be applied")
        APPLYING = "applying", _("Being applied")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Not applied")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        ZIP = "zip", "ZIP (CSV)"
        XLSX = "xlsx", "XLSX"
        JSON = "json", "JSON"

    organisation = models.ForeignKey(
        "register.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices, blank=True)
    # Bounded by API_IMPORT_MAX_BYTES when uploaded; kept to apply exactly what was checked.
    data = models.BinaryField(_("file"))
    language = models.CharField(_("language of the report"), max_length=8)
    status = models.CharField(
        _("state"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    created_count = models.PositiveIntegerField(_("records to create"), default=0)
    updated_count = models.PositiveIntegerField(_("records to update"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged records"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    report = models.JSONField(_("dry run"), default=dict, blank=True)
    result = models.JSONField(_("records written"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    finished_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    # Set by each claim of a task (the dry run, the application): a job that stays in
    # ``planning`` or ``applying`` much longer than a task may run lost its worker.
    claimed_at = models.DateTimeField(_("started at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When ``data`` was emptied after API_IMPORT_RETENTION_DAYS.
    purged_at = models.DateTimeField(_("file deleted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"

    @property
    def is_running(self) -> bool:
        return self.status in (
            self.Status.PENDING,
            self.Status.PLANNING,
            self.Status.QUEUED,
            self.Status.APPLYING,
        )

    @property
    def progress_total(self) -> int:
        """What ``rows_done`` counts towards: while applying, the records to write; else the
        rows of the file."""
        if self.status == self.Status.APPLYING:
            return self.created_count + self.updated_count
        return self.rows_total

    @property
    def can_apply(self) -> bool:
        return self.status == self.Status.PLANNED and self.error_count == 0
