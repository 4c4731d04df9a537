"""EU AI Act risk classification (Regulation (EU) 2024/1689) as one pure function.

`classify(answers, language=...)` turns the questionnaire's answers into a risk class, the
Art 50 transparency duties, the Annex III points that make the system high-risk, whether a
fundamental rights impact assessment (Art 27) is due, the obligations that follow and a
plain-language rationale in Kazakh, Russian or English.

The function has no side effects and reads no settings, database or clock: the same answers give
an equal outcome, and the answers are never modified. The texts live in
`compliance.classification_texts`; the logic and those texts together are versioned by
`CLASSIFICATION_VERSION`, which every outcome carries so that a stored classification can be told
apart from one made under different rules.

Readings of the Act that the code encodes (each one is a choice a lawyer could question):

- Scope comes first: a system that is not an AI system (Art 3(1)) or falls under an exclusion
  (Art 2(3) military, defence, national security; Art 2(6) and 2(8) research) is `out_of_scope`
  whatever else is answered, prohibited practices included. An explicit `is_ai_system` answer
  overrides the two helper questions; when it is unknown and the helpers do not settle it, the
  system is treated as an AI system (precaution).
- A prohibited system reports only its Art 5(1) points: transparency duties, Annex III points, the
  FRIA and every other obligation are moot for a system that must not be used, and listing them
  would suggest it could be made compliant.
- Art 6(3) lowers an Annex III system only when at least one condition is named, a non-blank
  justification is given and the system does not profile people; it lowers the whole system, not
  single points, because the Act assesses the system. An Annex I safety component stays high-risk
  through Art 6(1) either way.
- Art 50 duties are reported for the system whatever the role, since the register describes the
  system, not only the answering organisation's share of the duties; 50(5) accompanies any of them.
- `gpai` with a provider role means the organisation provides a general-purpose AI model: Art 53
  and Art 54 (authorised representative for providers outside the EU, which Kazakh providers are)
  are listed. A GPAI model never changes the class by itself; systemic risk (Art 51, 55) is not
  asked and is only mentioned.
- Deployer duties that the Act ties to Annex III (Art 26(8), 26(11), 49(3), 86) are not listed for
  an Annex I-only system; Annex III point 2 (critical infrastructure) is registered nationally
  (Art 49(5)) and is left out of Art 27, 49(1), 49(3) and 86 as the Act does.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Final

from compliance import classification_texts as texts

CLASSIFICATION_VERSION: Final = "2026.1"

LANGUAGES: Final = texts.LANGUAGES
RISK_CLASSES: Final = ("prohibited", "high", "limited", "minimal", "out_of_scope")
ROLES: Final = ("provider", "deployer", "both")
EXCLUSIONS: Final = ("military_defence_security", "research")
PROHIBITED_PRACTICES: Final = ("a", "b", "c", "d", "e", "f", "g", "h")
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

# Annex III areas whose registration sits in the non-public section of the EU database (Art 49(4)).
_NON_PUBLIC_AREAS: Final = frozenset({"1", "6", "7"})
# Annex III points for which every deployer, public or private, owes a FRIA (Art 27(1)).
_FRIA_ANY_DEPLOYER_POINTS: Final = frozenset({"5b", "5c"})
# Annex III point 2 is carved out of Art 27, 49(1), 49(3) and 86.
_CRITICAL_INFRASTRUCTURE: Final = "2"

_PROVIDER_HIGH_RISK_ARTICLES: Final = (
    "9", "10", "11", "12", "13", "14", "15", "16", "17", "43", "47", "48", "72", "73",
)  # fmt: skip
_DEPLOYER_HIGH_RISK_ARTICLES: Final = (
    "14", "26(1)", "26(2)", "26(4)", "26(5)", "26(6)", "26(9)",
)  # fmt: skip


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

    Lists are de-duplicated tuples in the Act's order; strings are lower-cased and stripped;
    `art6_3_justification` keeps the text as written.
    """

    is_ai_system: bool | None = None
    infers_outputs: bool | None = None
    fixed_rules_only: bool | None = None
    role: str = "deployer"
    exclusion: str | None = None
    prohibited_practices: tuple[str, ...] = ()
    annex_i_safety_component: bool = False
    annex_iii: tuple[str, ...] = ()
    profiling: bool = False
    art6_3_conditions: tuple[str, ...] = ()
    art6_3_justification: str = ""
    interacts_with_people: bool = False
    generates_synthetic_content: bool = False
    emotion_or_biometric_categorisation: bool = False
    deep_fake_or_public_interest_text: bool = False
    gpai: bool = False
    public_authority: bool = True

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

_NULLABLE_BOOLS: Final = ("is_ai_system", "infers_outputs", "fixed_rules_only")
_BOOLS: Final = (
    "annex_i_safety_component",
    "profiling",
    "interacts_with_people",
    "generates_synthetic_content",
    "emotion_or_biometric_categorisation",
    "deep_fake_or_public_interest_text",
    "gpai",
    "public_authority",
)
_CHOICE_LISTS: Final[Mapping[str, tuple[tuple[str, ...], str]]] = {
    "prohibited_practices": (PROHIBITED_PRACTICES, "Art 5(1) practice"),
    "annex_iii": (ANNEX_III_POINTS, "Annex III point"),
    "art6_3_conditions": (ART6_3_CONDITIONS, "Art 6(3) condition"),
}


def validate_answers(answers: Mapping[str, Any]) -> Answers:
    """Check and normalise raw answers (as decoded from JSON) into `Answers`.

    Missing keys take the dataclass defaults. Every problem is collected before raising, so one
    `ClassificationInputError` reports all of them. Booleans must be JSON booleans (not 0/1 or
    strings); null is accepted only where the answer may be unknown (`is_ai_system`,
    `infers_outputs`, `fixed_rules_only`) and for `exclusion`, where it means "none".
    """
    if not isinstance(answers, Mapping):
        raise ClassificationInputError({"__all__": ["The answers must be a JSON object."]})

    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}

    for key in answers:
        if key not in ANSWER_FIELDS:
            message = "Unknown field."
            close = difflib.get_close_matches(str(key), ANSWER_FIELDS, n=1)
            if close:
                message = f"Unknown field; did you mean '{close[0]}'?"
            errors[str(key)] = [message]

    for name in _NULLABLE_BOOLS:
        if name in answers:
            value = answers[name]
            if value is None or isinstance(value, bool):
                values[name] = value
            else:
                errors[name] = ["Must be true, false or null (unknown)."]

    for name in _BOOLS:
        if name in answers:
            value = answers[name]
            if isinstance(value, bool):
                values[name] = value
            else:
                errors[name] = ["Must be true or false."]

    if "role" in answers:
        role = _choice(answers["role"])
        if role in ROLES:
            values["role"] = role
        else:
            errors["role"] = [f"Must be one of: {', '.join(ROLES)}."]

    if "exclusion" in answers:
        # A blank string is what an HTML form sends for "none of these".
        raw = answers["exclusion"]
        blank = raw is None or (isinstance(raw, str) and not raw.strip())
        exclusion = None if blank else _choice(raw)
        if blank or exclusion in EXCLUSIONS:
            values["exclusion"] = exclusion
        else:
            errors["exclusion"] = [f"Must be null or one of: {', '.join(EXCLUSIONS)}."]

    for name, (choices, label) in _CHOICE_LISTS.items():
        if name in answers:
            items, item_errors = _choice_list(answers[name], choices, label)
            if item_errors:
                errors[name] = item_errors
            else:
                values[name] = items

    if "art6_3_justification" in answers:
        justification = answers["art6_3_justification"]
        if isinstance(justification, str):
            values["art6_3_justification"] = justification
        else:
            errors["art6_3_justification"] = ["Must be text."]

    if errors:
        raise ClassificationInputError(errors)
    return Answers(**values)


def classify(answers: Mapping[str, Any] | Answers, *, language: str = "en") -> dict[str, Any]:
    """Classify an AI system under the EU AI Act from the questionnaire's answers.

    Returns a new JSON-ready dict with `version`, `risk_class` (one of `RISK_CLASSES`),
    `transparency_obligations` (Art 50 paragraphs, in order), `annex_iii` (the points that make it
    high-risk, in the Act's order; empty unless the class is "high" through Annex III),
    `fria_required`, `prohibited_practices` (the Art 5(1) letters of a prohibited system),
    `art6_3_applied` (whether Art 6(3) lowered the Annex III uses), `obligations`
    (`{"article", "title"}` sorted by article) and `rationale` (sentences, each citing its
    article), texts in `language`. `language_neutral` keeps what does not depend on `language`.

    Raises `ValueError` for a language other than kk, ru or en, and `ClassificationInputError`
    (a `ValueError`) for malformed answers.
    """
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}; expected one of: {', '.join(LANGUAGES)}.")
    # `Answers` can be built directly, bypassing validation: check it like raw answers.
    raw = answers.to_dict() if isinstance(answers, Answers) else answers
    return _render(_assess(validate_answers(raw)), language)


#: The keys of `classify`'s outcome that hold texts in the outcome's language.
_TEXT_KEYS: Final = ("obligations", "rationale")


def language_neutral(outcome: Mapping[str, Any]) -> dict[str, Any]:
    """What a record stores of `classify`'s outcome: every decision, with its logic version, and
    no text. `obligations` becomes the list of article references; the rationale is left out
    (`classify` on the stored answers renders it again, in any language)."""
    neutral = {key: value for key, value in outcome.items() if key not in _TEXT_KEYS}
    neutral["obligations"] = [obligation["article"] for obligation in outcome["obligations"]]
    return json.loads(json.dumps(neutral))


# --- Assessment: language-independent decisions -------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Term:
    """A placeholder value translated at render time from one of the texts tables."""

    table: Mapping[str, Mapping[str, str]]
    item: str


@dataclass(frozen=True, slots=True)
class _Line:
    key: str
    params: Mapping[str, str | _Term] = field(default_factory=dict)


@dataclass(slots=True)
class _Assessment:
    risk_class: str = "minimal"
    transparency: list[str] = field(default_factory=list)
    annex_iii: list[str] = field(default_factory=list)
    fria_required: bool = False
    prohibited_practices: list[str] = field(default_factory=list)
    art6_3_applied: bool = False
    articles: set[str] = field(default_factory=set)
    lines: list[_Line] = field(default_factory=list)

    def say(self, key: str, **params: str | _Term) -> None:
        self.lines.append(_Line(key, params))


def _assess(a: Answers) -> _Assessment:
    result = _Assessment()

    if not _assess_scope(a, result):
        result.risk_class = "out_of_scope"
        return result

    if a.prohibited_practices:
        _assess_prohibited(a, result)
        return result

    high_points = _assess_annex_iii(a, result)
    is_high = a.annex_i_safety_component or bool(high_points)
    if is_high:
        result.risk_class = "high"
        result.annex_iii = list(high_points)
        _assess_high_risk_duties(a, high_points, result)

    _assess_transparency(a, result)
    if not is_high:
        if result.transparency:
            result.risk_class = "limited"
            result.say("class.limited")
        else:
            result.risk_class = "minimal"
            result.say("class.minimal")

    # AI literacy binds providers and deployers of every AI system in scope.
    result.articles.add("4")
    result.say("literacy")

    if a.gpai:
        if a.is_provider:
            result.articles.update(("53", "54"))
            result.say("gpai.provider")
        else:
            result.say("gpai.deployer")
        result.say("gpai.class")
    return result


def _assess_scope(a: Answers, result: _Assessment) -> bool:
    """Record why the system is in or out of scope; return whether the Act applies."""
    in_scope = True
    if a.is_ai_system is False:
        result.say("out.not_ai")
        in_scope = False
    elif a.is_ai_system is None and a.fixed_rules_only is True:
        result.say("out.fixed_rules")
        in_scope = False
    elif a.is_ai_system is None and a.infers_outputs is False:
        result.say("out.no_inference")
        in_scope = False

    if a.exclusion == "military_defence_security":
        result.say("out.military")
        in_scope = False
    elif a.exclusion == "research":
        result.say("out.research")
        in_scope = False

    if not in_scope:
        result.say("out.other_law")
        return False

    if a.is_ai_system is True:
        result.say("ai.confirmed")
    elif a.infers_outputs is True:
        result.say("ai.infers")
    else:
        result.say("ai.precaution")
    return True


def _assess_prohibited(a: Answers, result: _Assessment) -> None:
    result.risk_class = "prohibited"
    result.prohibited_practices = list(a.prohibited_practices)
    for letter in a.prohibited_practices:
        result.articles.add(f"5(1)({letter})")
        result.say("prohibited.practice", letter=letter, practice=_Term(texts.PRACTICES, letter))
    result.say("prohibited.effect")
    has_other_answers = (
        a.annex_i_safety_component or a.annex_iii or _transparency_paragraphs(a) or a.gpai
    )
    if has_other_answers:
        result.say("prohibited.overrides")


def _assess_annex_iii(a: Answers, result: _Assessment) -> tuple[str, ...]:
    """Record the Art 6(1)/6(2)/6(3) reasoning; return the Annex III points that stay high-risk."""
    if a.annex_i_safety_component:
        result.say("high.annex_i")
    if not a.annex_iii:
        return ()

    justified = bool(a.art6_3_justification.strip())
    if a.art6_3_conditions and justified and not a.profiling:
        result.art6_3_applied = True
        for letter in a.art6_3_conditions:
            result.say(
                "art6_3.condition", letter=letter, condition=_Term(texts.ART6_3_CONDITIONS, letter)
            )
        result.say("art6_3.applied", points=", ".join(_point_label(p) for p in a.annex_iii))
        if a.is_provider:
            result.articles.update(("6(4)", "49(2)"))
            result.say("art6_3.provider_duties")
        else:
            result.say("art6_3.deployer_note")
        return ()

    for point in a.annex_iii:
        result.say(
            "high.annex_iii", point=_point_label(point), use=_Term(texts.ANNEX_III_USES, point)
        )
    if a.profiling:
        result.say("art6_3.profiling")
    if a.art6_3_conditions and not justified:
        result.say(
            "art6_3.no_justification",
            letters=", ".join(f"({letter})" for letter in a.art6_3_conditions),
        )
    return a.annex_iii


def _assess_high_risk_duties(a: Answers, high_points: tuple[str, ...], result: _Assessment) -> None:
    beyond_critical_infrastructure = any(p != _CRITICAL_INFRASTRUCTURE for p in high_points)

    if a.is_provider:
        result.articles.update(_PROVIDER_HIGH_RISK_ARTICLES)
        if beyond_critical_infrastructure:
            result.articles.add("49(1)")
        if _CRITICAL_INFRASTRUCTURE in high_points:
            result.articles.add("49(5)")
        result.say("high.provider")

    if a.is_deployer:
        result.articles.update(_DEPLOYER_HIGH_RISK_ARTICLES)
        if high_points:
            result.articles.add("26(11)")
        if any(_area(p) == "4" for p in high_points):
            # Employment uses are by definition at the workplace.
            result.articles.add("26(7)")
        if beyond_critical_infrastructure:
            result.articles.add("86")
            if a.public_authority:
                result.articles.update(("26(8)", "49(3)"))
        result.say("high.deployer")

        public_body_duty = a.public_authority and beyond_critical_infrastructure
        any_deployer_duty = bool(_FRIA_ANY_DEPLOYER_POINTS.intersection(high_points))
        result.fria_required = public_body_duty or any_deployer_duty
        if result.fria_required:
            result.articles.add("27")
            result.say("fria.public" if public_body_duty else "fria.credit_insurance")
        else:
            result.say("fria.not_required")

    if beyond_critical_infrastructure:
        # A right of the people affected, so worth telling whoever reads the outcome.
        result.say("high.explanation")
    if any(_area(p) in _NON_PUBLIC_AREAS for p in high_points):
        result.say("high.non_public")


def _assess_transparency(a: Answers, result: _Assessment) -> None:
    paragraphs = _transparency_paragraphs(a)
    for paragraph in paragraphs:
        result.say(f"transparency.{paragraph}")
    result.transparency = list(paragraphs)
    result.articles.update(paragraphs)


def _transparency_paragraphs(a: Answers) -> tuple[str, ...]:
    triggered = [
        paragraph
        for paragraph, applies in (
            ("50(1)", a.interacts_with_people),
            ("50(2)", a.generates_synthetic_content),
            ("50(3)", a.emotion_or_biometric_categorisation),
            ("50(4)", a.deep_fake_or_public_interest_text),
        )
        if applies
    ]
    if triggered:
        triggered.append("50(5)")
    return tuple(triggered)


# --- Rendering: the decisions in one language ---------------------------------------------------


def _render(result: _Assessment, language: str) -> dict[str, Any]:
    return {
        "version": CLASSIFICATION_VERSION,
        "risk_class": result.risk_class,
        "transparency_obligations": list(result.transparency),
        "annex_iii": list(result.annex_iii),
        "fria_required": result.fria_required,
        "prohibited_practices": list(result.prohibited_practices),
        "art6_3_applied": result.art6_3_applied,
        "obligations": [
            {"article": article, "title": texts.OBLIGATION_TITLES[article][language]}
            for article in sorted(result.articles, key=article_sort_key)
        ],
        "rationale": [_render_line(line, language) for line in result.lines],
    }


def _render_line(line: _Line, language: str) -> str:
    params = {
        name: value.table[value.item][language] if isinstance(value, _Term) else value
        for name, value in line.params.items()
    }
    return texts.RATIONALE[line.key][language].format(**params)


# --- Helpers ------------------------------------------------------------------------------------


def article_sort_key(article: str) -> tuple[tuple[int, int, str], ...]:
    """Order article references as the Act does: "4" < "5(1)(a)" < "26(2)" < "26(11)" < "49(1)"."""
    return tuple(
        (0, int(token), "") if token.isdigit() else (1, 0, token)
        for token in re.findall(r"\d+|[a-z]+", article)
    )


def _point_label(point: str) -> str:
    """Annex III point as the Act writes it: "5a" -> "5(a)", "2" -> "2"."""
    return point if len(point) == 1 else f"{point[0]}({point[1:]})"


def _area(point: str) -> str:
    return point[0]


def _choice(value: Any) -> str | None:
    return value.strip().lower() if isinstance(value, str) else None


def _choice_list(
    value: Any, choices: tuple[str, ...], label: str
) -> tuple[tuple[str, ...], list[str]]:
    """Normalise a list of choices to a de-duplicated tuple in `choices` order, or report errors."""
    # A bare string is iterable too; "5a" must not be read as ["5", "a"].
    if not isinstance(value, (list, tuple)):
        return (), ["Must be a list."]
    # Each choice at most once: a longer list is refused whole, not item by item.
    if len(value) > len(choices):
        return (), [f"At most {len(choices)} items, one per {label}; got {len(value)}."]
    errors: list[str] = []
    seen: set[str] = set()
    for item in value:
        choice = _choice(item)
        if choice in choices:
            seen.add(choice)
        elif choice is None:
            errors.append(f"Every {label} must be text, not {_json_type(item)}.")
        else:
            errors.append(f"Unknown {label} {item[:40]!r}; valid values: {', '.join(choices)}.")
    return tuple(c for c in choices if c in seen), errors


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, Iterable):
        return "a list"
    return type(value).__name__


# --- Kazakhstan's AI Law (Art 17) -------------------------------------------------------------

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


def kz_autonomy(decision_role: str | None, human_can_correct: bool | None) -> str | None:
    """Art 17(2): low when a person makes the final choice (the system informs or recommends),
    medium when the system decides and a person can correct or cancel it, high when no person
    can; ``None`` for an unknown decision role."""
    if decision_role in ("informs", "recommends"):
        return "low"
    if decision_role == "automatic":
        return "medium" if human_can_correct else "high"
    return None
