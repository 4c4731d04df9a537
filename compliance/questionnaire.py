"""The EU AI Act questionnaire as a sequence of short web forms (GOV.UK "question pages").

Each step edits a few keys of the answers object that ``compliance.classification.classify``
takes; the last page shows the outcome before it is stored. The forms only collect answers:
every legal decision is in the classification function.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from compliance import classification_texts as texts
from compliance.classification import ANNEX_III_POINTS, PROHIBITED_PRACTICES
from register.i18n import pick

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


class StepForm(forms.Form):
    """A questionnaire step: converts between form values and answer values."""

    bool_fields: tuple[str, ...] = ()
    unsure_fields: tuple[str, ...] = ()

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
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
        if "exclusion" in data:
            data["exclusion"] = data["exclusion"] or None
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
    unsure_fields = ("is_ai_system", "fixed_rules_only", "infers_outputs")
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


class RoleStep(StepForm):
    bool_fields = ("public_authority",)
    role = _radio(
        _("What is your organisation's role?"),
        [
            ("deployer", _("We use a system that someone else built (deployer)")),
            ("provider", _("We built it, or had it built, and others use it (provider)")),
            ("both", _("We built it and we use it ourselves (provider and deployer)")),
        ],
    )
    public_authority = _radio(
        _("Is your organisation a public authority or does it provide public services?"), YES_NO
    )
    exclusion = _radio(
        _("Is the system used only for one of these purposes?"),
        [
            ("", _("No, none of these")),
            ("military_defence_security", _("Military, defence or national security")),
            ("research", _("Scientific research and development, before any use in practice")),
        ],
        _("The AI Act does not apply to these uses (Art 2(3), 2(6))."),
        required=False,
    )


class ProhibitedStep(StepForm):
    prohibited_practices = forms.MultipleChoiceField(
        label=_("Does the system do any of these? Choose all that apply."),
        choices=[
            (
                letter,
                lazy(
                    lambda letter=letter: f"5(1)({letter}) — {_text(texts.PRACTICES, letter)}", str
                )(),
            )
            for letter in PROHIBITED_PRACTICES
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "These practices are banned (AI Act Art 5). If none applies, choose "
            "nothing and continue."
        ),
    )


class HighRiskStep(StepForm):
    bool_fields = ("annex_i_safety_component",)
    annex_i_safety_component = _radio(
        _(
            "Is it a safety component of a product that needs a third-party conformity "
            "assessment (for example a medical device or a lift)?"
        ),
        YES_NO,
        _("Products under the EU harmonisation law listed in AI Act Annex I."),
    )
    annex_iii = forms.MultipleChoiceField(
        label=_("Is it used for any of these purposes? Choose all that apply."),
        choices=[(point, _lazy_point(point)) for point in ANNEX_III_POINTS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The high-risk uses of AI Act Annex III."),
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
        "gpai",
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
    gpai = _radio(
        _("Is it a general-purpose AI model, such as a large language model?"),
        YES_NO,
        _("AI Act Art 51–55."),
    )


@dataclass(frozen=True)
class Step:
    slug: str
    title: Any
    form_class: type[StepForm]


STEPS: tuple[Step, ...] = (
    Step("ai-system", _("Is it an AI system?"), AISystemStep),
    Step("role", _("Your organisation's role"), RoleStep),
    Step("prohibited", _("Banned practices"), ProhibitedStep),
    Step("high-risk", _("High-risk uses"), HighRiskStep),
    Step("profiling", _("Profiling and exceptions"), ProfilingStep),
    Step("transparency", _("Transparency"), TransparencyStep),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def next_step(slug: str) -> Step | None:
    index = [step.slug for step in STEPS].index(slug)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous_step(slug: str) -> Step | None:
    index = [step.slug for step in STEPS].index(slug)
    return STEPS[index - 1] if index else None
