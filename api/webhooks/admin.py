"""Webhooks in the Django admin, for site administrators only: they register the addresses,
read the signing secret and follow the deliveries (read-only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from api.webhooks.models import PublicationEvent, Webhook, WebhookDelivery


class WebhookForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=PublicationEvent.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Webhook
        fields = ["url", "description", "events", "active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        schemes = ("https://", "http://") if settings.DEBUG else ("https://",)
        if not url.lower().startswith(schemes):
            raise forms.ValidationError(
                _("Give an https:// address: the requests carry a signature and a payload."),
                code="https_required",
            )
        return url


class SiteAdminOnly:
    """Only site administrators see or change these, whatever permissions staff have."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)


@admin.register(Webhook)
class WebhookAdmin(SiteAdminOnly, admin.ModelAdmin):
    form = WebhookForm
    list_display = ("url", "description", "events", "active", "created_at")
    list_filter = ("active",)
    readonly_fields = ("secret", "created_at")
    fields = ("url", "description", "events", "active", "secret", "created_at")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(SiteAdminOnly, admin.ModelAdmin):
    list_display = ("created_at", "webhook", "event", "public_id", "version", "status", "attempts")
    list_filter = ("status", "event")
    list_select_related = ("webhook",)
    search_fields = ("public_id",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in WebhookDelivery._meta.fields]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
