"""The forms of the regulator's workspace: the filters of the overview, its lists and its
exports (one form, read from the address, so that every view of one selection has the same
address parameters), a request and its answer, the language of a report and the report to
verify."""

from __future__ import annotations

from typing import Any, Final

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from compliance.models import Severity
from compliance.rules import get_catalogue
from oversight.models import RegulatorRequest
from oversight.selectors import CONCERNS, UNCLASSIFIED
from register.languages import CONTENT_LANGUAGES, SELF_NAMES
from register.models import Jurisdiction, KzRiskDegree, Organisation, Phase, RiskClass, Status
from register.vocabulary import ANNEX_III_AREAS

ANY = ("", _("Any"))


def _choices(choices: list[tuple[str, Any]], unset_label: Any) -> list[tuple[str, Any]]:
    """``choices`` after "Any", the unset value ("") offered as ``UNCLASSIFIED``."""
    return [
        ANY,
        *((value, label) for value, label in choices if value),
        (UNCLASSIFIED, unset_label),
    ]


class OrganisationField(forms.ModelChoiceField):
    """An organisation by its short code, in the address."""

    def label_from_instance(self, obj: Organisation) -> str:
        return str(obj.name)


class OverviewFilterForm(forms.Form):
    organisation = OrganisationField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("short_code"),
        to_field_name="short_code",
        required=False,
        empty_label=_("Any"),
    )
    jurisdiction = forms.ChoiceField(
        label=_("Jurisdiction"), required=False, choices=[ANY, *Jurisdiction.choices]
    )
    risk_class = forms.ChoiceField(
        label=_("Risk class under the EU AI Act"),
        required=False,
        choices=_choices(RiskClass.choices, _("Not yet classified")),
    )
    kz_risk_degree = forms.ChoiceField(
        label=_("Risk degree under Kazakhstan's AI Law"),
        required=False,
        choices=_choices(KzRiskDegree.choices, _("Not assigned")),
    )
    annex_iii_area = forms.ChoiceField(
        label=_("Area of Annex III"),
        required=False,
        choices=[
            ANY,
            *(
                (area, format_lazy("{}. {}", area, label))
                for area, label in ANNEX_III_AREAS.items()
            ),
        ],
    )
    phase = forms.ChoiceField(
        label=_("Lifecycle phase"), required=False, choices=[ANY, *Phase.choices]
    )
    status = forms.ChoiceField(
        label=_("Publication state"), required=False, choices=[ANY, *Status.choices]
    )
    severity = forms.ChoiceField(
        label=_("With an open finding of severity"),
        required=False,
        choices=[ANY, *Severity.choices],
    )
    rule_id = forms.ChoiceField(label=_("With an open finding of rule"), required=False)
    changed_since = forms.DateField(
        label=_("Changed since"),
        required=False,
        help_text=_("For example, 2026-11-30"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    concern = forms.ChoiceField(
        label=_("Concern"),
        required=False,
        choices=[ANY, *((concern.key, concern.title) for concern in CONCERNS)],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule_id"].choices = [
            ANY,
            *((rule.id, f"{rule.id} · {rule.title_text}") for rule in get_catalogue().rules),
        ]

    def selection(self) -> dict[str, Any]:
        """The filters to apply: the valid ones (an invalid value is shown as an error and
        left out, never guessed)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class RequestForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=RegulatorRequest._meta.get_field("subject").max_length,
        help_text=_("For example: Fundamental-rights impact assessment not completed"),
    )
    body = forms.CharField(
        label=_("What do you ask the agency?"),
        max_length=RegulatorRequest._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The agency's editors and approvers read this, and it stays in the record's audit "
            "trail."
        ),
    )
    due_on = forms.DateField(
        label=_("Answer due by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("For example, 2026-12-31"),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer to the regulator"),
        max_length=RegulatorRequest._meta.get_field("answer").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


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


WHOLE_REGISTER = "*"


class CollectionReportForm(forms.Form):
    """Ask for the report of an organisation's systems or of the whole register: the choices
    are those the user may ask for (``oversight.reports.services.may_request``)."""

    scope = forms.ChoiceField(
        label=_("Systems"),
        error_messages={
            "required": _("Choose whose systems the report covers."),
            "invalid_choice": _("Choose whose systems the report covers."),
        },
    )
    lang = forms.ChoiceField(
        label=_("Language of the report"),
        choices=[(code, SELF_NAMES[code]) for code in CONTENT_LANGUAGES],
        error_messages={
            "required": _("Choose the language of the report."),
            "invalid_choice": _("Choose the language of the report."),
        },
    )

    def __init__(self, data: Any, *, organisations: list[Organisation], whole: bool) -> None:
        super().__init__(data)
        self.organisations = {each.short_code: each for each in organisations}
        choices = [(WHOLE_REGISTER, _("Every organisation: the whole register"))] if whole else []
        self.fields["scope"].choices = choices + [
            (code, organisation.name) for code, organisation in self.organisations.items()
        ]

    def organisation(self) -> Organisation | None:
        """The organisation chosen, ``None`` for the whole register (once valid)."""
        return self.organisations.get(self.cleaned_data["scope"])
