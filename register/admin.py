"""Site administration: organisations and memberships are managed here; records are shown
read-only, because they change only through the agency workflow (which writes the audit trail
and the published versions)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from register.i18n import columns
from register.models import (
    AISystem,
    DataSource,
    HumanOversight,
    ImpactAssessment,
    LegalBasis,
    Membership,
    Organisation,
    OutgoingEmail,
    PublishedVersion,
    Risk,
    Supplier,
)


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["short_code", *columns("name"), "bin", "kind", "region", "jurisdiction"]
    list_filter = ["jurisdiction", "kind", "region"]
    search_fields = ["short_code", "bin", *columns("name"), "contact_email"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = [
        "user__username",
        "user__email",
        "organisation__short_code",
        *(f"organisation__{name}" for name in columns("name")),
    ]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


class _PartInline(ReadOnlyMixin, admin.StackedInline):
    extra = 0
    show_change_link = False


class SupplierInline(_PartInline):
    model = Supplier


class LegalBasisInline(_PartInline):
    model = LegalBasis


class DataSourceInline(_PartInline):
    model = DataSource


class HumanOversightInline(_PartInline):
    model = HumanOversight


class ImpactAssessmentInline(_PartInline):
    model = ImpactAssessment


class RiskInline(_PartInline):
    model = Risk


@admin.register(AISystem)
class AISystemAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "public_id",
        "name_en",
        "organisation",
        "phase",
        "risk_class",
        "status",
        "updated_at",
    ]
    list_filter = [
        "status",
        "risk_class",
        "phase",
        "application_area",
        "act_role",
        "decision_role",
        "withholding",
        "organisation",
    ]
    search_fields = ["public_id", *columns("name"), "organisation__short_code"]
    list_select_related = ["organisation"]
    date_hierarchy = "updated_at"
    inlines = [
        HumanOversightInline,
        SupplierInline,
        LegalBasisInline,
        DataSourceInline,
        ImpactAssessmentInline,
        RiskInline,
    ]


@admin.register(PublishedVersion)
class PublishedVersionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["system", "number", "published_at", "published_by", "sha256", "record_sha256"]
    list_filter = ["published_at"]
    search_fields = ["system__public_id", "sha256", "record_sha256"]
    list_select_related = ["system", "published_by"]


admin.site.site_header = _("AI Register administration")
admin.site.site_title = _("AI Register")


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The outbox, to see what was sent and what waits; only the outbox service writes it."""

    list_display = ["created_at", "kind", "to_address", "language", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["to_address", "subject"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "kind",
        "to_address",
        "language",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)
