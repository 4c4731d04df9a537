"""Findings and check runs in the site administration, read-only: only the check service and
the waiver service write them, so that every change carries its audit context."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from compliance.models import CheckRun, Finding
from register.admin import ReadOnlyMixin
from register.i18n import columns


class _ReadOnly(ReadOnlyMixin, admin.ModelAdmin):
    pass


@admin.register(Finding)
class FindingAdmin(_ReadOnly):
    list_display = [
        "rule_id",
        "rule_title",
        "system",
        "severity",
        "status",
        "first_seen_at",
        "last_seen_at",
        "waiver_expires_on",
    ]
    list_filter = ["status", "severity", "rule_id"]
    list_select_related = ["system"]
    search_fields = [
        "rule_id",
        "system__public_id",
        *(f"system__{name}" for name in columns("name")),
    ]
    date_hierarchy = "first_seen_at"
    ordering = ["-last_seen_at"]

    @admin.display(description=_("rule"))
    def rule_title(self, finding: Finding) -> str:
        rule = finding.rule
        return rule.title_text if rule else _("(withdrawn)")


@admin.register(CheckRun)
class CheckRunAdmin(_ReadOnly):
    list_display = [
        "started_at",
        "finished_at",
        "trigger",
        "systems_checked",
        "findings_opened",
        "findings_resolved",
        "catalogue_version",
    ]
    list_filter = ["trigger"]
    date_hierarchy = "started_at"
