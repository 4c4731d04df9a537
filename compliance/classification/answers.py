"""The questionnaire's answers: the vocabularies they draw on, the validated `Answers` and the
function that checks raw answers into them.

Validation collects every problem before raising; booleans are strict JSON booleans; an invalid
list item is echoed cut to 40 characters, and the valid values of a field are listed once per
field, not once per item.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any, Final

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

RISK_CLASSES: Final = ("prohibited", "high", "limited", "minimal", "out_of_scope")
ROLES: Final = ("provider", "deployer", "both", "importer", "distributor")
EXCLUSIONS: Final = (
    "military_defence_security",
    "research",
    "pre_market_research",
    "third_country_cooperation",
)
#: Art 5(1)(a)-(h), then the practice the Digital Omnibus on AI adds (systems generating
#: non-consensual intimate imagery or child sexual abuse material).
PROHIBITED_PRACTICES: Final = ("a", "b", "c", "d", "e", "f", "g", "h", "intimate_imagery")
#: The article reference each practice is cited by. The Omnibus's point of Art 5 has no letter
#: in the sources at hand, so it is cited by the amendment rather than by a guessed letter.
PRACTICE_ARTICLES: Final[Mapping[str, str]] = {
    **{letter: f"5(1)({letter})" for letter in PROHIBITED_PRACTICES if len(letter) == 1},
    "intimate_imagery": "5-omnibus",
}
ANNEX_III_POINTS: Final = (
    "1a", "1b", "1c",
    "2",
    "3a", "3b", "3c", "3d",
    "4a", "4b",
    "5a", "5b", "5c", "5d",
    "6a", "6b", "6c", "6d", "6e",
    "7a", "7b", "7c", "7d",
    "8a", "8b",
)  # fmt: skip
ART6_3_CONDITIONS: Final = ("a", "b", "c", "d")
TRANSPARENCY_PARAGRAPHS: Final = ("50(1)", "50(2)", "50(3)", "50(4)", "50(5)")

KZ_RISK_DEGREES: Final = ("minimal", "medium", "high")
KZ_AUTONOMY_DEGREES: Final = ("low", "medium", "high")
KZ_PROHIBITED_CAPABILITIES: Final = (
    "manipulation",
    "vulnerability",
    "social_scoring",
    "unlawful_personal_data",
    "biometric_discrimination",
    "emotion_without_consent",
    "unlawful_results",
)
DECISION_ROLES: Final = ("automatic", "recommends", "informs")


class ClassificationInputError(ValueError):
    """The answers could not be classified; `errors` maps each field to its messages.

    Field-independent problems (the answers are not an object at all) are under `"__all__"`,
    as in Django's non-field errors.
    """

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        self.errors: dict[str, list[str]] = {key: list(value) for key, value in errors.items()}
        super().__init__(
            "; ".join(f"{key}: {' '.join(messages)}" for key, messages in self.errors.items())
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class Answers:
    """The questionnaire's answers, validated and normalised.

    Lists are de-duplicated tuples in the law's order; choices are lower-cased and stripped;
    free texts (`art6_3_justification`, `kz_failure_consequences`, `kz_risk_assigned_by`) keep
    the text as written.
    """

    # EU AI Act: scope (Art 2, Art 3(1)).
    is_ai_system: bool | None = None
    infers_outputs: bool | None = None
    fixed_rules_only: bool | None = None
    influences_environments: bool | None = None
    role: str = "deployer"
    exclusion: str | None = None
    open_source: bool = False
    # EU AI Act: Art 5, Art 6 and Annexes I and III.
    prohibited_practices: tuple[str, ...] = ()
    annex_i_safety_component: bool = False
    annex_i_section_b: bool = False
    annex_iii: tuple[str, ...] = ()
    profiling: bool = False
    art6_3_conditions: tuple[str, ...] = ()
    art6_3_justification: str = ""
    law_enforcement_migration_use: bool = False
    # EU AI Act: Art 50.
    interacts_with_people: bool = False
    generates_synthetic_content: bool = False
    emotion_or_biometric_categorisation: bool = False
    deep_fake_or_public_interest_text: bool = False
    crime_detection_authorised: bool = False
    # EU AI Act: general-purpose AI (Art 3(63), 3(66), 51-55).
    gpai: bool = False
    gpai_system: bool = False
    gpai_systemic_risk: bool = False
    # Who deploys it.
    public_authority: bool = True
    public_service_provider: bool = False
    # Kazakhstan's Law on Artificial Intelligence (Arts 17, 21).
    kz_risk_degree: str | None = None
    kz_failure_consequences: str = ""
    kz_risk_assigned_by: str = ""
    decision_role: str | None = None
    human_can_correct: bool = False
    kz_prohibited_capabilities: tuple[str, ...] = ()
    critical_ict_object: bool = False
    state_information_resources: bool = False
    synthetic_results: bool = False

    @property
    def is_provider(self) -> bool:
        return self.role in ("provider", "both")

    @property
    def is_deployer(self) -> bool:
        return self.role in ("deployer", "both")

    def to_dict(self) -> dict[str, Any]:
        """The answers as JSON-ready data that `validate_answers` accepts back unchanged."""
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in asdict(self).items()
        }


ANSWER_FIELDS: Final = tuple(f.name for f in fields(Answers))

_NULLABLE_BOOLS: Final = (
    "is_ai_system",
    "infers_outputs",
    "fixed_rules_only",
    "influences_environments",
)
_BOOLS: Final = (
    "open_source",
    "annex_i_safety_component",
    "annex_i_section_b",
    "profiling",
    "law_enforcement_migration_use",
    "interacts_with_people",
    "generates_synthetic_content",
    "emotion_or_biometric_categorisation",
    "deep_fake_or_public_interest_text",
    "crime_detection_authorised",
    "gpai",
    "gpai_system",
    "gpai_systemic_risk",
    "public_authority",
    "public_service_provider",
    "human_can_correct",
    "critical_ict_object",
    "state_information_resources",
    "synthetic_results",
)
_TEXTS: Final = ("art6_3_justification", "kz_failure_consequences", "kz_risk_assigned_by")
# Single choices; `None` (or a blank string, what an HTML form sends for "none") means unset.
_CHOICES: Final[Mapping[str, tuple[str, ...]]] = {
    "role": ROLES,
    "exclusion": EXCLUSIONS,
    "kz_risk_degree": KZ_RISK_DEGREES,
    "decision_role": DECISION_ROLES,
}
_REQUIRED_CHOICES: Final = frozenset({"role"})
_CHOICE_LISTS: Final[Mapping[str, tuple[tuple[str, ...], Any]]] = {
    "prohibited_practices": (PROHIBITED_PRACTICES, gettext_lazy("Art 5 practice")),
    "annex_iii": (ANNEX_III_POINTS, gettext_lazy("Annex III point")),
    "art6_3_conditions": (ART6_3_CONDITIONS, gettext_lazy("Art 6(3) condition")),
    "kz_prohibited_capabilities": (
        KZ_PROHIBITED_CAPABILITIES,
        gettext_lazy("Art 17(3) capability of the Law on AI"),
    ),
}


def validate_answers(answers: Mapping[str, Any]) -> Answers:
    """Check and normalise raw answers (as decoded from JSON) into `Answers`.

    Missing keys take the dataclass defaults. Every problem is collected before raising, so one
    `ClassificationInputError` reports all of them. Booleans must be JSON booleans (not 0/1 or
    strings); null is accepted only where the answer may be unknown (`is_ai_system`,
    `infers_outputs`, `fixed_rules_only`, `influences_environments`) and for the optional
    choices (`exclusion`, `kz_risk_degree`, `decision_role`), where it means "none".
    """
    if not isinstance(answers, Mapping):
        raise ClassificationInputError({"__all__": [_("The answers must be a JSON object.")]})

    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}

    for key in answers:
        if key not in ANSWER_FIELDS:
            message = _("Unknown field.")
            close = difflib.get_close_matches(str(key), ANSWER_FIELDS, n=1)
            if close:
                message = _("Unknown field; did you mean “%(name)s”?") % {"name": close[0]}
            errors[str(key)] = [message]

    for name in _NULLABLE_BOOLS:
        if name in answers:
            value = answers[name]
            if value is None or isinstance(value, bool):
                values[name] = value
            else:
                errors[name] = [_("Must be true, false or null (unknown).")]

    for name in _BOOLS:
        if name in answers:
            value = answers[name]
            if isinstance(value, bool):
                values[name] = value
            else:
                errors[name] = [_("Must be true or false.")]

    for name, choices in _CHOICES.items():
        if name not in answers:
            continue
        raw = answers[name]
        if name in _REQUIRED_CHOICES:
            choice = _choice(raw)
            if choice in choices:
                values[name] = choice
            else:
                errors[name] = [_("Must be one of: %(values)s.") % {"values": ", ".join(choices)}]
            continue
        blank = raw is None or (isinstance(raw, str) and not raw.strip())
        choice = None if blank else _choice(raw)
        if blank or choice in choices:
            values[name] = choice
        else:
            errors[name] = [
                _("Must be null or one of: %(values)s.") % {"values": ", ".join(choices)}
            ]

    for name, (choices, label) in _CHOICE_LISTS.items():
        if name in answers:
            items, item_errors = _choice_list(answers[name], choices, label)
            if item_errors:
                errors[name] = item_errors
            else:
                values[name] = items

    for name in _TEXTS:
        if name in answers:
            text = answers[name]
            if isinstance(text, str):
                values[name] = text
            else:
                errors[name] = [_("Must be text.")]

    if errors:
        raise ClassificationInputError(errors)
    return Answers(**values)


def _choice(value: Any) -> str | None:
    return value.strip().lower() if isinstance(value, str) else None


def _choice_list(
    value: Any, choices: tuple[str, ...], label: Any
) -> tuple[tuple[str, ...], list[str]]:
    """Normalise a list of choices to a de-duplicated tuple in `choices` order, or report errors.

    Each bad item is named (cut to 40 characters); the valid values follow once, at the end.
    """
    # A bare string is iterable too; "5a" must not be read as ["5", "a"].
    if not isinstance(value, (list, tuple)):
        return (), [_("Must be a list.")]
    # Each choice at most once: a longer list is refused whole, not item by item.
    if len(value) > len(choices):
        return (), [
            _("At most %(most)d items, one per %(label)s; got %(count)d.")
            % {"most": len(choices), "label": label, "count": len(value)}
        ]
    errors: list[str] = []
    unknown = False
    seen: set[str] = set()
    for item in value:
        choice = _choice(item)
        if choice in choices:
            seen.add(choice)
        elif choice is None:
            errors.append(
                _("Each %(label)s must be text, not %(type)s.")
                % {"label": label, "type": _json_type(item)}
            )
        else:
            unknown = True
            errors.append(
                _("Unknown %(label)s: “%(value)s”.") % {"label": label, "value": item[:40]}
            )
    if unknown:
        errors.append(_("Valid values: %(values)s.") % {"values": ", ".join(choices)})
    return tuple(c for c in choices if c in seen), errors


def _json_type(value: Any) -> str:
    if value is None:
        return _("null")
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, Mapping):
        return _("an object")
    if isinstance(value, Iterable):
        return _("a list")
    return _("a value of another type")
