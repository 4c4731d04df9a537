"""Citizen reports in the admin: read-only, and without what the sender wrote or their
contact. Reports are answered in the workspace (``portal:feedback_case``), through the
services; the admin only helps a site administrator find one."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from portal.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "system",
        "organisation",
        "kind",
        "status",
        "due_on",
        "escalated_at",
    )
    list_filter = ("status", "kind")
    search_fields = ("reference",)
    fields = (
        "reference",
        "system",
        "organisation",
        "version_number",
        "kind",
        "language",
        "status",
        "assignee",
        "created_at",
        "due_on",
        "replied_at",
        "reply_published_at",
        "escalated_at",
    )
    readonly_fields = fields
    list_select_related = ("system", "organisation")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
