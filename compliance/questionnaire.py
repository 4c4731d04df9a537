"""The risk-classification questionnaire as a sequence of short web forms (GOV.UK "question
pages"): the questions of Kazakhstan's AI Law and of the EU AI Act.

Each step edits a few keys of the answers object that ``compliance.classification.classify``
takes; the last page shows the outcome before it is stored. The forms only collect answers:
every legal decision is in the classification function. The decision role and whether a person
can correct the system are not asked: ``compliance.services.classification_apply`` takes them
from the record, so that the autonomy degree follows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from compliance import classification_texts as texts
from compliance.classification import (
    ANNEX_III_POINTS,
    KZ_PROHIBITED_CAPABILITIES,
    KZ_RISK_DEGREES,
    PROHIBITED_PRACTICES,
)
from register.i18n import pick
from register.models import ActRole

YES_NO_UNSURE = [("yes", _("Yes")), ("no", _("No")), ("unsure", _("I am not sure"))]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
_TO_BOOL = {"yes": True, "no": False, "unsure": None, "": None}
_FROM_BOOL = {True: "yes", False: "no", None: "unsure"}


def _text(mapping: Any, key: str) -> str:
    return pick(mapping[key])


_lazy_text = lazy(_text, str)


def _point_label(point: str) -> str:
    area, letter = point[0], point[1:]
    reference = f"{area}({letter})" if letter else area
    return f"{reference} — {_text(texts.ANNEX_III_USES, point)}"


_lazy_point = lazy(_point_label, str)


def _practice_label(letter: str) -> str:
    # The Art 5(1) letters are cited as such; a practice added by an amendment has a key.
    reference = f"5(1)({letter}) — " if len(letter) == 1 else ""
    return f"{reference}{_text(texts.PRACTICES, letter)}"


_lazy_practice = lazy(_practice_label, str)


def _degree_label(degree: str) -> str:
    return capfirst(_text(texts.KZ_RISK_DEGREE_TEXTS, degree))


_lazy_degree = lazy(_degree_label, str)


class StepForm(forms.Form):
    """A questionnaire step: converts between form values and answer values.

    ``optional_choices`` are single choices whose blank value is the answer ``None``.
    """

    bool_fields: tuple[str, ...] = ()
    unsure_fields: tuple[str, ...] = ()
    optional_choices: tuple[str, ...] = ()

    @classmethod
    def initial_from(cls, answers: dict[str, Any], *, system: Any = None) -> dict[str, Any]:
        """Initial values from ``answers``; ``system`` (the record) may supply others."""
        initial: dict[str, Any] = {}
        for name in cls.base_fields:
            if name not in answers:
                continue
            value = answers[name]
            if name in (*cls.bool_fields, *cls.unsure_fields):
                initial[name] = _FROM_BOOL[value]
            else:
                initial[name] = "" if value is None else value
        return initial

    def answers(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in (*self.bool_fields, *self.unsure_fields):
            data[name] = _TO_BOOL[data.get(name) or ""]
        for name in ("exclusion", *self.optional_choices):
            if name in data:
                data[name] = data[name] or None
        return data


def _radio(
    label: Any, choices: list, help_text: Any = "", required: bool = True
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        required=required,
    )


class AISystemStep(StepForm):
    unsure_fields = (
        "is_ai_system",
        "fixed_rules_only",
        "infers_outputs",
        "influences_environments",
    )
    is_ai_system = _radio(
        _("Is it an AI system?"),
        YES_NO_UNSURE,
        _(
            "An AI system works with some autonomy and infers from its input how to produce "
            "predictions, content, recommendations or decisions (AI Act Art 3(1))."
        ),
    )
    fixed_rules_only = _radio(
        _("If you are not sure: does it only apply fixed rules that people wrote?"),
        YES_NO_UNSURE,
        _(
            "For example a benefit calculator that applies the formula in the "
            "regulation. Such software is not an AI system."
        ),
        required=False,
    )
    infers_outputs = _radio(
        _("Does it learn from data or infer its outputs, rather than follow written rules?"),
        YES_NO_UNSURE,
        required=False,
    )
    influences_environments = _radio(
        _("If you are not sure: can its outputs influence the physical or digital world?"),
        YES_NO_UNSURE,
        _(
            "For example a decision, a recommendation that a person acts on, a message sent to "
            "a citizen, or a change to a record (AI Act Art 3(1))."
        ),
        required=False,
    )


class RoleStep(StepForm):
    """The role is asked here and nowhere else: the first answer is the record's own role, and
    storing the classification writes the answer back to the record."""

    bool_fields = ("public_authority", "public_service_provider")
    role = _radio(
        _("What is your organisation's role?"),
        [
            (ActRole.DEPLOYER, _("We use a system that someone else built (deployer)")),
            (ActRole.PROVIDER, _("We built it, or had it built, and others use it (provider)")),
            (ActRole.BOTH, _("We built it and we use it ourselves (provider and deployer)")),
            (
                ActRole.IMPORTER,
                _("We bring into the EU a system built by a company outside it (importer)"),
            ),
            (
                ActRole.DISTRIBUTOR,
                _("We supply a system that others built, without changing it (distributor)"),
            ),
        ],
        _("AI Act Art 3(3), 3(4), 3(6) and 3(7); importers and distributors: Arts 23 and 24."),
    )
    public_authority = _radio(
        _("Is your organisation a public authority?"),
        YES_NO,
        _("A ministry, an akimat, an agency or another state body."),
    )
    public_service_provider = _radio(
        _("Is it a private organisation that provides public services?"),
        YES_NO,
        _(
            "For example a company that runs a public service under a contract with the state. "
            "The fundamental-rights impact assessment covers such organisations too "
            "(AI Act Art 27)."
        ),
    )
    exclusion = _radio(
        _("Is the system used only for one of these purposes?"),
        [
            ("", _("No, none of these")),
            ("military_defence_security", _("Military, defence or national security")),
            (
                "third_country_cooperation",
                _(
                    "Cooperation of a public authority of a non-EU country with the EU or its "
                    "member states in law enforcement or justice, with safeguards for people's "
                    "rights"
                ),
            ),
            (
                "research",
                _("Scientific research and development, and nothing else (AI Act Art 2(6))"),
            ),
            (
                "pre_market_research",
                _(
                    "Research, testing or development before the system is put on the market "
                    "or into service (AI Act Art 2(8))"
                ),
            ),
        ],
        _(
            "The AI Act does not apply to these uses (Art 2(3), 2(4), 2(6), 2(8)). Testing in "
            "real-world conditions is not excluded: if people outside the project are exposed "
            "to the system, choose none of these."
        ),
        required=False,
    )

    @classmethod
    def initial_from(cls, answers: dict[str, Any], *, system: Any = None) -> dict[str, Any]:
        initial = super().initial_from(answers, system=system)
        if system is not None and "role" not in answers:
            initial["role"] = system.act_role
        return initial


class KzRiskStep(StepForm):
    bool_fields = ("critical_ict_object", "state_information_resources", "synthetic_results")
    optional_choices = ("kz_risk_degree",)
    kz_risk_degree = _radio(
        _("What is the system's risk degree?"),
        [
            *((degree, _lazy_degree(degree)) for degree in KZ_RISK_DEGREES),
            ("", _("Not assigned yet")),
        ],
        _(
            "Kazakhstan's AI Law (Art 17(1)): the owner or holder assigns the degree from what "
            "happens if the system fails or stops. It is not a list of uses: judge the "
            "consequences of failure."
        ),
        required=False,
    )
    kz_failure_consequences = forms.CharField(
        label=_("What happens if the system fails or stops working?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Needed if you chose a degree: the reasoning behind it. Example: if the assistant "
            "stops, people use the call centre instead and wait longer; no one loses a benefit."
        ),
    )
    kz_risk_assigned_by = forms.CharField(
        label=_("Who assigned the risk degree?"),
        required=False,
        max_length=255,
        help_text=_(
            "A role, not a person's name. Example: Head of the Information Security Department."
        ),
    )
    critical_ict_object = _radio(
        _("Is the system a critically important object of the ICT infrastructure?"),
        YES_NO,
        _("Objects on the list of critically important ICT infrastructure objects."),
    )
    state_information_resources = _radio(
        _("Does the system form state electronic information resources?"),
        YES_NO,
        _(
            "A high-degree system that is either of these must meet the information-security "
            "requirements for state systems (AI Law Art 17)."
        ),
    )
    synthetic_results = _radio(
        _("Does it create synthetic results?"),
        YES_NO,
        _(
            "Images, video, audio or text that imitate a real person's looks, voice or "
            "behaviour, or events that never happened. They must carry a machine-readable mark "
            "and a warning people can see (AI Law Arts 1, 21(2))."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kz_risk_degree") and not (data.get("kz_failure_consequences") or "").strip():
            self.add_error(
                "kz_failure_consequences",
                forms.ValidationError(
                    _("Explain what happens if the system fails, or choose no degree yet."),
                    code="consequences_required",
                ),
            )
        return data


class KzProhibitedStep(StepForm):
    kz_prohibited_capabilities = forms.MultipleChoiceField(
        label=_("Can the system do any of these? Choose all that apply."),
        choices=[
            (key, lazy(lambda key=key: _text(texts.KZ_CAPABILITIES, key), str)())
            for key in KZ_PROHIBITED_CAPABILITIES
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Kazakhstan's AI Law bans creating and operating systems with these capabilities "
            "(Art 17(3)). They resemble the EU AI Act's banned practices, but without the EU's "
            "threshold of significant harm; emotion detection is banned without consent "
            "everywhere, not only at work or in education; and unlawful personal-data processing "
            "and unlawful results have no EU counterpart. If none applies, choose nothing and "
            "continue."
        ),
    )


class ProhibitedStep(StepForm):
    prohibited_practices = forms.MultipleChoiceField(
        label=_("Does the system do any of these? Choose all that apply."),
        choices=[(letter, _lazy_practice(letter)) for letter in PROHIBITED_PRACTICES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "These practices are banned (AI Act Art 5). If none applies, choose "
            "nothing and continue."
        ),
    )


class HighRiskStep(StepForm):
    bool_fields = ("annex_i_safety_component", "annex_i_section_b", "law_enforcement_migration_use")
    annex_i_safety_component = _radio(
        _(
            "Is it a safety component of a product that needs a third-party conformity "
            "assessment (for example a medical device or a lift)?"
        ),
        YES_NO,
        _("Products under the EU harmonisation law listed in AI Act Annex I."),
    )
    annex_i_section_b = _radio(
        _(
            "If so: is the product a vehicle, an aircraft, a ship, rail equipment or farm "
            "machinery?"
        ),
        YES_NO,
        _(
            "The laws in Annex I Section B. For these products only some articles of the AI "
            "Act apply (Art 2(2))."
        ),
    )
    annex_iii = forms.MultipleChoiceField(
        label=_("Is it used for any of these purposes? Choose all that apply."),
        choices=[(point, _lazy_point(point)) for point in ANNEX_III_POINTS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The high-risk uses of AI Act Annex III."),
    )
    law_enforcement_migration_use = _radio(
        _("Is it used in law enforcement, migration, asylum or border control?"),
        YES_NO,
        _(
            "Biometric, law-enforcement and migration systems used there are registered in a "
            "non-public section of the EU database (AI Act Art 49(4))."
        ),
    )


class ProfilingStep(StepForm):
    bool_fields = ("profiling",)
    profiling = _radio(
        _("Does the system profile people?"),
        YES_NO,
        _(
            "Profiling means evaluating personal aspects of a person, such as their work, "
            "economic situation, health, behaviour or location, from their personal data."
        ),
    )
    art6_3_conditions = forms.MultipleChoiceField(
        label=_("Does any of these describe what the system does? Choose all that apply."),
        choices=[
            ("a", _("(a) It performs a narrow procedural task")),
            ("b", _("(b) It improves the result of work a person has already completed")),
            (
                "c",
                _(
                    "(c) It detects decision patterns or deviations, and a person still "
                    "reviews every decision"
                ),
            ),
            ("d", _("(d) It performs a preparatory task for an assessment that a person makes")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "AI Act Art 6(3): a system with an Annex III use is not high-risk if it "
            "meets one of these and does not profile people."
        ),
    )
    art6_3_justification = forms.CharField(
        label=_("Why does it pose no significant risk of harm?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Needed if you chose a condition above: the law asks you to document it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("art6_3_conditions") and not (data.get("art6_3_justification") or "").strip():
            self.add_error(
                "art6_3_justification",
                forms.ValidationError(
                    _(
                        "Explain why the system poses no significant risk, "
                        "or untick the conditions."
                    ),
                    code="justification_required",
                ),
            )
        return data


class TransparencyStep(StepForm):
    bool_fields = (
        "interacts_with_people",
        "generates_synthetic_content",
        "emotion_or_biometric_categorisation",
        "deep_fake_or_public_interest_text",
        "crime_detection_authorised",
        "open_source",
        "gpai",
        "gpai_system",
        "gpai_systemic_risk",
    )
    interacts_with_people = _radio(
        _("Do people talk or write to the system directly?"),
        YES_NO,
        _("For example a chatbot (AI Act Art 50(1))."),
    )
    generates_synthetic_content = _radio(
        _("Does it create text, images, audio or video?"), YES_NO, _("AI Act Art 50(2).")
    )
    emotion_or_biometric_categorisation = _radio(
        _("Does it recognise emotions or sort people by biometric data?"),
        YES_NO,
        _("AI Act Art 50(3)."),
    )
    deep_fake_or_public_interest_text = _radio(
        _(
            "Does it make deep fakes, or write text published to inform the public without a "
            "person's editorial review?"
        ),
        YES_NO,
        _("AI Act Art 50(4)."),
    )
    crime_detection_authorised = _radio(
        _("Is it authorised by law to detect, prevent or investigate crime?"),
        YES_NO,
        _("Such systems are exempt from some of the duties above (AI Act Art 50)."),
    )
    open_source = _radio(
        _("Is it released under a free and open-source licence?"),
        YES_NO,
        _(
            "The AI Act does not apply to free and open-source systems unless they are "
            "high-risk, banned or have transparency duties (Art 2(12))."
        ),
    )
    gpai = _radio(
        _("Is it a general-purpose AI model, such as a large language model?"),
        YES_NO,
        _("AI Act Art 51–55."),
    )
    gpai_system = _radio(
        _("Is it a general-purpose AI system, one that can serve many purposes?"),
        YES_NO,
        _(
            "A system built on a general-purpose model that people can use for many tasks, "
            "for example a general chat assistant (AI Act Art 3(66))."
        ),
    )
    gpai_systemic_risk = _radio(
        _("If it is a general-purpose AI model: does it have systemic risk?"),
        YES_NO,
        _(
            "Models with high-impact capabilities, such as those trained with very large "
            "computing power, or designated by the European Commission (AI Act Art 51)."
        ),
    )


@dataclass(frozen=True)
class Step:
    slug: str
    title: Any
    form_class: type[StepForm]


STEPS: tuple[Step, ...] = (
    Step("ai-system", _("Is it an AI system?"), AISystemStep),
    Step("role", _("Your organisation's role"), RoleStep),
    Step("kz-risk", _("Kazakhstan's AI Law: risk degree"), KzRiskStep),
    Step("kz-prohibited", _("Kazakhstan's AI Law: banned capabilities"), KzProhibitedStep),
    Step("prohibited", _("EU AI Act: banned practices"), ProhibitedStep),
    Step("high-risk", _("High-risk uses"), HighRiskStep),
    Step("profiling", _("Profiling and exceptions"), ProfilingStep),
    Step("transparency", _("Transparency and general-purpose AI"), TransparencyStep),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def next_step(slug: str) -> Step | None:
    index = [step.slug for step in STEPS].index(slug)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous_step(slug: str) -> Step | None:
    index = [step.slug for step in STEPS].index(slug)
    return STEPS[index - 1] if index else None
