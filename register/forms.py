"""Forms of the agency workspace.

Section and part forms are built per editing language from ``register.schema``: a civil servant
fills in one language at a time, and the "Translations" section shows what is missing in the
others. Their fields are exactly the schema's, so forms never carry the organisation, the state,
the publisher, the classification or timestamps: services set those. Help texts and choice
lists are tables here, keyed by field name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from register import schema
from register.i18n import CONTENT_LANGUAGES
from register.models import (
    AISystem,
    Channel,
    DataSource,
    Phase,
    RiskClass,
    Status,
    Technique,
)
from register.schema import Group, Section

# Help written for civil servants, with examples, for the record's own fields; keyed by base
# field name (a translated field's three columns share it).
HELP_TEXTS: dict[str, Any] = {
    "name": _("The name people know it by. Example: eGov virtual assistant."),
    "summary": _(
        "Two to four sentences for citizens: what the system does, for whom and why. Avoid "
        "jargon. Example: The assistant answers questions about public services on eGov, day "
        "and night, so that people find the right service faster."
    ),
    "scope": _("What the system is for, and what it must not be used for."),
    "benefits": _("What improves for people or for your organisation."),
    "alternatives": _("Other ways you considered, and why you chose this one."),
    "usage_frequency": _("Example: about 40,000 conversations a day."),
    "techniques": _("Choose every technique the system uses."),
    "channels": _("Where people meet the system."),
    "model_type": _("Example: gradient-boosted decision trees; large language model."),
    "architecture": _("How it works, in a few sentences a specialist can check."),
    "performance": _(
        "How well it works and how you measured it. Example: precision 0.91 on 40,000 cases "
        "from 2024."
    ),
    "instructions_for_use_url": _(
        "If you bought the system: the supplier's instructions for use (AI Act Art 13)."
    ),
    "owner_role": _(
        "A role, not a person's name. Example: Director of the Digital Services Department."
    ),
    "contact_email": _("An address that is read and answered, not a personal one."),
    "act_role": _(
        "Your answer in the risk classification questionnaire. Change it there: the "
        "classification and the compliance checks then use the same role."
    ),
    "legal_position": _(
        "Kazakhstan's AI Law gives duties to the owner of a system and to its holder, who uses "
        "it with the owner's permission (Arts 15, 18). Most public bodies both own and hold "
        "their systems."
    ),
    "other_party": _(
        "Only if another body owns or holds the system: its name. Example: you hold a system "
        "that another ministry owns, so name that ministry. Leave it empty if you are both."
    ),
    "documentation_ref": _(
        "Where the system's documentation that the AI Law asks for is kept (Art 18). Example: "
        "a document number, or a folder in your document system."
    ),
    "ai_disclosure": _(
        "How people are told that the service is provided with AI, before or while they use it "
        '(AI Law Art 21(1); AI Act Art 50(1)). Example: the chat window says "You are talking '
        'to a virtual assistant" before the first message.'
    ),
    "marking_method": _(
        "Only if the system creates images, audio, video or text that imitate a real person or "
        "events: how each result carries both a machine-readable mark and a warning that people "
        "can see (AI Law Art 21(2); AI Act Art 50(2))."
    ),
    "explanation_route": _(
        "How a person asks for an explanation of a result that affects their rights, and who "
        "answers (AI Law Art 16)."
    ),
    "data_access_route": _(
        "How a person asks for the data that a decision about them was based on (AI Law Art 16)."
    ),
    "non_ai_alternative": _(
        "How a person who refuses to use the system still gets the service, for example at a "
        "service centre or from a specialist (AI Law Art 16)."
    ),
    "interaction_mandatory": _(
        "If a law makes using the system mandatory, people cannot refuse it (AI Law Art 16). "
        "Add that law to the legal basis."
    ),
    "user_agreement_url": _("The page where people read the user agreement (AI Law Art 16)."),
    "next_review_on": _("When you will next check that this record is still right."),
    "eu_database_ref": _("The registration number, if the use is registered in the EU database."),
    "affected_groups": _("Who the system's outputs are about, or who uses it."),
    "appeal_route": _(
        "Concrete steps: where to write, which form, the deadline, and who reviews it. Example: "
        "Within 30 days, file a complaint on eGov (service 'Appeal a decision'); a specialist, "
        "not the system, reviews it within 15 working days."
    ),
    "appeal_url": _("A page or address where people can start a review or an appeal."),
    "withholding": _(
        "Restricted: the law limits what may be published (AI Act Art 49(4)); the public card "
        "shows only the permitted details. Withheld: the card shows only that the record exists "
        "and the reason."
    ),
    "withholding_reason": _("Required when the record is withheld. The public reads it."),
}

# Help for the fields of each part, keyed by part name and base field name: a part's field
# never borrows the hint of a record field of the same name (a supplier's name is not the
# name people know the system by).
PART_HELP_TEXTS: dict[str, dict[str, Any]] = {
    "oversight": {
        "responsible_role": _("The role of the person who can check and change the outputs."),
        "log_retention_days": _("For high-risk systems the law asks for at least 183 days."),
        "automation_bias": _("How you keep staff from trusting outputs without checking them."),
    },
    "suppliers": {
        "name": _("The supplier's name as it appears in the contract. Example: Kazakhtelecom JSC."),
    },
    "legal_bases": {},
    "data_sources": {
        "name": _(
            "A short name for the data, as your staff call it. Example: register of benefit "
            "applications."
        ),
        "bias_examination": _("How you checked that the data represents the people concerned."),
        "retention_days": _("How long the data is kept, in days."),
    },
    "risks": {
        "name": _("The harm, in a few words. Example: a benefit wrongly refused."),
        "mitigation": _("What you do to prevent the harm or limit it, and who checks that."),
    },
    "impact_assessments": {
        "summary": _(
            "What the assessment found and what you changed because of it, in a few sentences "
            "for citizens."
        ),
    },
}
_PART_OF_MODEL = {p.model: p.name for p in schema.PARTS}


def help_text_for(model: type[models.Model], base: str) -> Any:
    """The hint of field ``base`` of ``model`` (a record or a part), or ``None``."""
    if model is AISystem:
        return HELP_TEXTS.get(base)
    return PART_HELP_TEXTS[_PART_OF_MODEL[model]].get(base)


# Labels that say more to a civil servant than the model's name for the column.
LABELS: dict[str, Any] = {
    "withholding": _("What the public may see"),
    "legal_position": _("Do you own the system, hold it, or both?"),
    "other_party": _("The other owner or holder"),
    "interaction_mandatory": _("Does a law make using the system mandatory?"),
    "can_override": _("Can the people overseeing it override or reverse an output?"),
    "can_stop": _("Can they stop the system?"),
}

# Choices shown as radios rather than a drop-down: few options, each worth reading.
RADIOS = frozenset({"withholding", "legal_position"})
# Yes/no questions shown as two radios rather than a single checkbox: neither chosen is "not
# stated" (``None``), never "No".
YES_NO_RADIOS = frozenset({"interaction_mandatory", "can_override", "can_stop"})
YES_NO = [(True, _("Yes")), (False, _("No"))]


def _yes_no(value: Any) -> bool:
    return value in (True, "True")


CHOICE_LISTS = {
    "techniques": Technique.choices,
    "channels": Channel.choices,
    "uses": DataSource.Use.choices,
    "special_categories": DataSource.SpecialCategory.choices,
}


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    stem, _sep, code = field.name.rpartition("_")
    base = stem if code in CONTENT_LANGUAGES else field.name
    if field.name in CHOICE_LISTS:
        return forms.MultipleChoiceField(
            label=field.verbose_name,
            choices=CHOICE_LISTS[field.name],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=help_text_for(field.model, field.name) or "",
        )
    if field.name in YES_NO_RADIOS:
        return forms.TypedChoiceField(
            label=LABELS.get(field.name, field.verbose_name),
            choices=YES_NO,
            coerce=_yes_no,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            help_text=help_text_for(field.model, field.name) or "",
        )
    if field.name in RADIOS:
        kwargs["widget"] = forms.RadioSelect
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    if isinstance(field, models.DateField):
        kwargs["widget"] = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    if isinstance(field, models.TextField):
        kwargs["widget"] = forms.Textarea(attrs={"rows": 5})
    formfield = field.formfield(**kwargs)
    if formfield is not None and (hint := help_text_for(field.model, base)):
        formfield.help_text = hint
    if formfield is not None and field.name in LABELS:
        formfield.label = LABELS[field.name]
    return formfield


def add_refusal(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's refusal shown on ``form``: each message on its field when the form has
    it, on the form as a whole otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def disable(form: forms.BaseForm, names: frozenset[str]) -> None:
    """Show ``names`` read-only: a disabled field keeps the stored value whatever is posted."""
    for name in names.intersection(form.fields):
        form.fields[name].disabled = True


class RevisionForm(forms.ModelForm):
    """One section's AISystem fields. Carries the revision the user started from, for
    optimistic locking; ``reserved`` fields (``schema.reserved_fields``) are read-only.
    ``hints`` (``extensions.field_hints``) are shown under their field (``forms/field.html``)."""

    section: Section
    language: str
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self,
        *args: Any,
        reserved: frozenset[str] = frozenset(),
        hints: Mapping[str, list[Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["revision"] = self.instance.revision
        disable(self, reserved)
        for name, texts in (hints or {}).items():
            if name in self.fields:
                self.fields[name].hints = texts  # type: ignore[attr-defined]

    def grouped(self) -> list[tuple[Group, list[forms.BoundField]]]:
        """The visible fields in the section's groups, for a form shown in fieldsets."""
        return [
            (
                group,
                [
                    self[name]
                    for name in schema.expand(group.fields, schema.SYSTEM_TRANSLATED, self.language)
                ],
            )
            for group in self.section.groups
        ]


def _model_form(
    model: type[models.Model],
    fields: list[str],
    base: type[forms.ModelForm] = forms.ModelForm,
    *,
    required: Sequence[str] = (),
) -> type[forms.ModelForm]:
    """A model form of ``fields``; ``required`` (columns) are marked
    ``required_for_submission``, so their labels never say "(optional)" although a draft
    may leave them blank (``templates/forms/field.html``)."""
    form_class = forms.modelform_factory(
        model, form=base, fields=fields, formfield_callback=_formfield
    )
    for name in required:
        form_class.base_fields[name].required_for_submission = True  # type: ignore[attr-defined]
    return form_class


def required_for_submission(field: forms.Field) -> bool:
    """Whether a form field must be filled before the record is submitted for review."""
    return bool(field.required or getattr(field, "required_for_submission", False))


class PartForm(forms.ModelForm):
    """A repeatable item. ``version`` is the item's last-change time when the form was opened."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    part: schema.Part
    language: str

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.updated_at.isoformat()

    def clean(self) -> dict[str, Any]:
        """Refuse a new item in which none of the part's required fields was written (a form
        sent as it was opened would otherwise be saved as an empty row)."""
        cleaned = super().clean() or {}
        if self.instance.pk or not self.part.many:
            return cleaned
        required = [
            name
            for name in schema.expand(self.part.required, self.part.translated, self.language)
            if name in self.fields
        ]
        untouched = not any(name in self.changed_data for name in required)
        if required and untouched and not any(name in self.errors for name in required):
            self.add_error(
                required[0],
                forms.ValidationError(
                    _("Fill in at least this field to add the item, or cancel."), code="empty"
                ),
            )
        return cleaned


def section_form_class(section: Section, language: str) -> type[RevisionForm]:
    """The form of one section's AISystem fields, in one language.

    Every field is optional when saving a draft; completeness is shown on the task list.
    """
    form_class = _model_form(
        AISystem,
        section.form_fields(language),
        base=RevisionForm,
        required=schema.expand(section.required, schema.SYSTEM_TRANSLATED, language),
    )
    form_class.section = section
    form_class.language = language
    return form_class  # type: ignore[return-value]


def oversight_form_class(section: Section, language: str) -> type[forms.ModelForm]:
    """The form of the one-to-one part shown on ``section``'s page (human oversight)."""
    inline = section.inline_part
    if inline is None:
        raise ValueError(f"section {section.slug} has no one-to-one part")
    return part_form_class(inline.name, language)


def part_form_class(part: str, language: str) -> type[forms.ModelForm]:
    """The form of one part kind (``schema.part(part)``), in one language."""
    spec = schema.part(part)
    form_class = _model_form(
        spec.model,
        spec.form_fields(language),
        base=PartForm,
        required=schema.expand(spec.required, spec.translated, language),
    )
    form_class.part = spec  # type: ignore[attr-defined]
    form_class.language = language  # type: ignore[attr-defined]
    return form_class


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with the username's length checked before anything looks it up
    (Django sets only the widget's ``maxlength``; a longer name reached the lockout records)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs to change"),
        max_length=AISystem._meta.get_field("review_comment").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The editors see this comment on the record."),
    )


class ConfirmForm(forms.Form):
    """A POST whose button is the confirmation, with one required tick for each of the
    action's confirmations that has something to confirm (``workflow.to_confirm``). Its
    cleaned data is what the action's service takes: ``confirmed``, the names of the ticked
    confirmations, when the action has any."""

    def __init__(self, *args: Any, confirmations: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.confirmation_names = [confirmation.name for confirmation in confirmations]
        for confirmation in confirmations:
            self.fields[f"confirm_{confirmation.name}"] = forms.BooleanField(
                label=confirmation.label, error_messages={"required": confirmation.message}
            )

    def clean(self) -> dict[str, Any]:
        ticked = super().clean() or {}
        if not self.confirmation_names:
            return {}
        return {
            "confirmed": frozenset(
                name for name in self.confirmation_names if ticked.get(f"confirm_{name}")
            )
        }


class OrganisationSwitchForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)


class DashboardFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or identifier"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Publication state"), required=False, choices=[("", _("Any")), *Status.choices]
    )
    phase = forms.ChoiceField(
        label=_("Lifecycle phase"), required=False, choices=[("", _("Any")), *Phase.choices]
    )
    risk_class = forms.ChoiceField(
        label=_("Risk class"),
        required=False,
        choices=[("", _("Any"))]
        + [c for c in RiskClass.choices if c[0]]
        + [("unclassified", _("Not yet classified"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-updated", _("Last changed, newest first")),
            ("updated", _("Last changed, oldest first")),
            ("name", _("Name")),
            ("id", _("Identifier")),
        ],
    )
