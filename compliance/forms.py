"""Forms of the compliance pages (the questionnaire's step forms are in ``questionnaire``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from compliance.models import Finding
from register.models import AISystem


class DisagreementForm(forms.Form):
    disagreement = forms.CharField(
        label=_("If you think this class is wrong, explain why (optional)"),
        required=False,
        max_length=AISystem._meta.get_field("classification_disagreement").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The class cannot be changed by hand. A regulator sees your explanation and reviews "
            "the record."
        ),
    )


class WaiverForm(forms.Form):
    reason = forms.CharField(
        label=_("Why can the finding be accepted for now?"),
        max_length=Finding._meta.get_field("waiver_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Regulators see this reason."),
    )
    expires_on = forms.DateField(
        label=_("Waiver ends on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("At most a year from today. The finding opens again after this date."),
    )
