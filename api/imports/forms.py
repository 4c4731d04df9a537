from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from register.models import Organisation


class UploadForm(forms.Form):
    """The file to import and, for a member of several organisations, which one it is for."""

    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, empty_value=None)
    file = forms.FileField(
        label=_("File to import"),
        help_text=_("CSV, XLSX, a ZIP of CSV files, or the register's own JSON."),
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload"}),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {o.pk: o for o in organisations}
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        if len(organisations) == 1:
            del self.fields["organisation"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.API_IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(limit)d MB."),
                code="file_too_large",
                params={"limit": max(1, settings.API_IMPORT_MAX_BYTES // (1024 * 1024))},
            )
        return upload

    @property
    def chosen(self) -> Organisation:
        if "organisation" not in self.fields:
            return next(iter(self.organisations.values()))
        return self.organisations[self.cleaned_data["organisation"]]


class TemplateForm(forms.Form):
    """``?filled=1``: the template filled with the current organisation's records."""

    filled = forms.BooleanField(required=False)
