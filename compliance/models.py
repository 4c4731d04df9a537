"""Findings of the rule catalogue and the check runs that produce them.

A finding exists only for a (system, rule) pair that has failed at least once; its status then
follows the rule's verdicts: open → resolved → open again, waived until the waiver expires, or
not applicable when the rule no longer applies (class changed, rule withdrawn or switched off).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register.audit import no_truncate, track
from register.fields import BoundedTextField

if TYPE_CHECKING:
    from compliance.rules import Rule


class Severity(models.TextChoices):
    BLOCKER = "blocker", _("Blocker")
    MAJOR = "major", _("Major")
    MINOR = "minor", _("Minor")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    WAIVED = "waived", _("Waived")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


#: The findings the findings pages list: those still to act on or set aside by a waiver.
LISTED_STATUSES: Final = (FindingStatus.OPEN, FindingStatus.WAIVED)


class Trigger(models.TextChoices):
    CHANGE = "change", _("A change to the record")
    SWEEP = "sweep", _("Nightly sweep")
    COMMAND = "command", _("Management command")


def _track_finding(model: type[models.Model]) -> type[models.Model]:
    """``register.audit.track`` without ``last_seen_at``: every check run moves that time
    forward for still-failing findings, which is not a change worth an event. pghistory writes
    an update event only when a tracked column changes."""
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        exclude=["last_seen_at"],
        append_only=True,
        meta={"triggers": [no_truncate()]},
    )(model)


@_track_finding
class Finding(models.Model):
    """One rule's standing for one AI system. Written only by ``compliance.checks`` and the
    waiver service."""

    Status = FindingStatus
    Severity = Severity

    system = models.ForeignKey(
        "register.AISystem",
        verbose_name=_("AI system"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    rule_id = models.CharField(_("rule"), max_length=32)
    status = models.CharField(
        _("status"), max_length=16, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    severity = models.CharField(
        _("severity"),
        max_length=8,
        choices=Severity.choices,
        help_text=_("Copied from the rule when the finding was last evaluated."),
    )
    first_seen_at = models.DateTimeField(_("first seen"))
    last_seen_at = models.DateTimeField(_("last seen failing"))
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    waiver_reason = BoundedTextField(_("reason for the waiver"), blank=True)
    waiver_expires_on = models.DateField(_("waiver ends on"), null=True, blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("waived by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    catalogue_version = models.CharField(
        _("catalogue version"),
        max_length=64,
        help_text=_("The rule catalogue under which the current state was determined."),
    )

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["system", "rule_id"]
        constraints = [
            # Also the index behind every per-system read (the check's upsert, the summaries
            # and the publication gate), which all filter on system first.
            models.UniqueConstraint(fields=["system", "rule_id"], name="finding_one_per_rule"),
            models.CheckConstraint(
                condition=Q(status__in=FindingStatus.values), name="finding_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(severity__in=Severity.values), name="finding_severity_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=FindingStatus.WAIVED)
                | (~Q(waiver_reason="") & Q(waiver_expires_on__isnull=False)),
                name="finding_waiver_complete",
                violation_error_code="waiver_incomplete",
                violation_error_message=_("A waiver needs a reason and an end date."),
            ),
            models.CheckConstraint(
                condition=~Q(status=FindingStatus.RESOLVED) | Q(resolved_at__isnull=False),
                name="finding_resolved_has_time",
            ),
        ]
        indexes = [
            # open_findings_by_rule(): how many systems fail each rule (regulators' overview).
            models.Index(
                fields=["rule_id"],
                name="finding_open_by_rule",
                condition=Q(status=FindingStatus.OPEN),
            ),
            # organisation_findings(): the findings pages, in their order, a page at a time.
            models.Index(
                fields=["severity", "system", "rule_id"],
                name="finding_listed",
                condition=Q(status__in=LISTED_STATUSES),
            ),
            # waivers_expiring(): reminders to approvers before a waiver runs out.
            models.Index(
                fields=["waiver_expires_on"],
                name="finding_waiver_expiry",
                condition=Q(status=FindingStatus.WAIVED),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} · {self.system_id} · {self.get_status_display()}"

    @property
    def rule(self) -> Rule | None:
        """The catalogue rule, or ``None`` if the rule has been withdrawn."""
        from compliance.rules import get_catalogue

        return get_catalogue().get(self.rule_id)

    @property
    def is_open(self) -> bool:
        return self.status == FindingStatus.OPEN

    def waiver_active(self, today: dt.date | None = None) -> bool:
        """Waived, and the waiver runs through ``waiver_expires_on`` inclusive."""
        today = today or timezone.localdate()
        return (
            self.status == FindingStatus.WAIVED
            and self.waiver_expires_on is not None
            and self.waiver_expires_on >= today
        )


class SystemStanding(models.Model):
    """A system's open findings by severity and its waived ones, as of its last check: what
    the dashboards, the findings pages and the regulator's overview count, a row per system
    instead of every finding behind it. Derived from the findings and rewritten with them, in
    the same transaction, by ``compliance.standing.refresh`` (the check service and the waiver
    service call it); a system never checked has no row and counts as having no finding. Not in
    the audit trail: the findings it counts are."""

    system = models.OneToOneField(
        "register.AISystem",
        verbose_name=_("AI system"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="standing",
    )
    blocker = models.PositiveIntegerField(_("open blocker findings"), default=0)
    major = models.PositiveIntegerField(_("open major findings"), default=0)
    minor = models.PositiveIntegerField(_("open minor findings"), default=0)
    waived = models.PositiveIntegerField(_("waived findings"), default=0)
    open = models.GeneratedField(
        expression=models.F("blocker") + models.F("major") + models.F("minor"),
        output_field=models.PositiveIntegerField(_("open findings")),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("standing of a system")
        verbose_name_plural = _("standings of systems")

    def __str__(self) -> str:
        return f"{self.system_id}: {self.open} open, {self.waived} waived"


@track
class CheckRun(models.Model):
    """One call of ``check_systems``: what it checked and what changed."""

    Trigger = Trigger

    trigger = models.CharField(_("trigger"), max_length=16, choices=Trigger.choices)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    catalogue_version = models.CharField(_("catalogue version"), max_length=64)
    systems_checked = models.PositiveIntegerField(_("systems checked"), default=0)
    findings_opened = models.PositiveIntegerField(_("findings opened"), default=0)
    findings_resolved = models.PositiveIntegerField(_("findings resolved"), default=0)

    class Meta:
        verbose_name = _("check run")
        verbose_name_plural = _("check runs")
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trigger__in=Trigger.values), name="checkrun_trigger_valid"
            ),
        ]
        indexes = [
            # latest_check_run(): the newest run, shown on dashboards.
            models.Index(fields=["-started_at"], name="checkrun_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_trigger_display()} · {self.started_at:%Y-%m-%d %H:%M}"


# The plain-language assistant's models live with it; importing them here makes them the app's.
from compliance.plain_language.models import (  # noqa: E402, F401
    JargonPhrase,
    LinkCheck,
    LinkStatus,
    PlainLanguageReview,
)
