"""Findings and check runs in the site administration, read-only: only the check service and
the waiver service write them, so that every change carries its audit context. The
plain-language assistant's jargon list is edited here, through its services; its link checks
are shown read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from compliance.models import CheckRun, Finding, JargonPhrase, LinkCheck
from compliance.plain_language.services import jargon_phrase_delete, jargon_phrase_save
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


@admin.register(JargonPhrase)
class JargonPhraseAdmin(admin.ModelAdmin):
    """The phrases the plain-language assistant flags, one list per language."""

    list_display = ["phrase", "language", "suggestion", "active"]
    list_editable = ["active"]
    list_filter = ["language", "active"]
    search_fields = ["phrase", "suggestion"]
    ordering = ["language", "phrase"]
    actions = ["delete_selected_phrases"]

    def save_model(self, request: Any, obj: JargonPhrase, form: Any, change: bool) -> None:
        jargon_phrase_save(actor=request.user, phrase=obj)

    def delete_model(self, request: Any, obj: JargonPhrase) -> None:
        jargon_phrase_delete(actor=request.user, phrase=obj)

    def get_actions(self, request: Any) -> dict[str, Any]:
        # Django's bulk delete bypasses delete_model; this one goes through the service.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Delete the selected phrases"), permissions=["delete"])
    def delete_selected_phrases(self, request: Any, queryset: Any) -> None:
        for phrase in queryset:
            jargon_phrase_delete(actor=request.user, phrase=phrase)


@admin.register(LinkCheck)
class LinkCheckAdmin(_ReadOnly):
    list_display = ["url", "status", "status_code", "error", "checked_at"]
    list_filter = ["status"]
    search_fields = ["url", "host"]
    ordering = ["-checked_at"]
