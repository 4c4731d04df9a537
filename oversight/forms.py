"""Forms of the regulators' tools: the language of a report, the report to verify."""

from __future__ import annotations

from typing import Any, Final

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from register.languages import CONTENT_LANGUAGES, SELF_NAMES

# A report of one system weighs well under a megabyte; this bounds what an upload may make
# the server read.
MAX_REPORT_BYTES: Final = 20 * 1024 * 1024


class ReportLanguageForm(forms.Form):
    """``?lang=kk|ru|en``: the report's language; the interface's when it is not given."""

    lang = forms.ChoiceField(
        label=_("Language"), choices=[(code, SELF_NAMES[code]) for code in CONTENT_LANGUAGES]
    )

    def __init__(self, data: Any, *, default: str) -> None:
        super().__init__({"lang": data.get("lang") or default})


class VerifyReportForm(forms.Form):
    report = forms.FileField(
        label=_("Audit report (PDF)"),
        help_text=_("The PDF file of an audit report that this register made."),
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".pdf"}),
        error_messages={
            "required": _("Choose the PDF file of an audit report."),
            "empty": _("The file is empty."),
            "invalid": _("Choose the PDF file of an audit report."),
        },
    )

    def clean_report(self) -> bytes:
        upload = self.cleaned_data["report"]
        if upload.size > MAX_REPORT_BYTES:
            raise ValidationError(
                _("The file is larger than %(limit)d MB."),
                code="file_too_large",
                params={"limit": MAX_REPORT_BYTES // (1024 * 1024)},
            )
        return upload.read(MAX_REPORT_BYTES + 1)
