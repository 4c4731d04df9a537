"""What the EU AI Act says about a system: its class, the Art 50 duties, the Annex III points and
routes, the FRIA, and the obligations of the answering organisation's role.

Pure and language-independent: the result holds decisions, article references and sentence
keys of `compliance.classification_texts.RATIONALE`, rendered later in one language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from compliance import classification_texts as texts
from compliance.classification.answers import PRACTICE_ARTICLES, Answers
from compliance.classification.reasons import Reasons, Term

# Annex III areas whose registration sits in the non-public section of the EU database when used
# in law enforcement, migration, asylum or border control management (Art 49(4)).
_NON_PUBLIC_AREAS: Final = frozenset({"1", "6", "7"})
# Annex III points for which every deployer, public or private, owes a FRIA (Art 27(1)).
_FRIA_ANY_DEPLOYER_POINTS: Final = frozenset({"5b", "5c"})
# Annex III point 2 is carved out of Art 27, 49(1), 49(3) and 86.
_CRITICAL_INFRASTRUCTURE: Final = "2"
# Annex III points that are emotion recognition or biometric categorisation: Art 50(3) follows.
_ART50_3_POINTS: Final = frozenset({"1b", "1c"})
# What applies to a high-risk product under Annex I, Section B (Art 2(2)).
_SECTION_B_ARTICLES: Final = ("6(1)", "102-109", "112")

_PROVIDER_HIGH_RISK_ARTICLES: Final = (
    "9", "10", "11", "12", "13", "14", "15", "16", "17", "43", "47", "48", "72", "73",
)  # fmt: skip
# Art 14 is the provider's design duty; the deployer's share of human oversight is Art 26(2).
_DEPLOYER_HIGH_RISK_ARTICLES: Final = (
    "26(1)", "26(2)", "26(4)", "26(5)", "26(6)", "26(7)", "26(9)",
)  # fmt: skip
# Who bears each Art 50 paragraph; 50(5) goes with whichever the role bears.
_ART50_BEARERS: Final = {
    "50(1)": "provider",
    "50(2)": "provider",
    "50(3)": "deployer",
    "50(4)": "deployer",
}


@dataclass(slots=True)
class EUAssessment(Reasons):
    risk_class: str = "minimal"
    transparency: list[str] = field(default_factory=list)
    annex_iii: list[str] = field(default_factory=list)
    fria_required: bool = False
    prohibited_practices: list[str] = field(default_factory=list)
    art6_3_applied: bool = False
    high_risk_routes: list[str] = field(default_factory=list)
    non_public_registration: bool = False


def assess(a: Answers) -> EUAssessment:
    result = EUAssessment()

    if not _assess_scope(a, result):
        result.risk_class = "out_of_scope"
        return result

    if a.prohibited_practices:
        _assess_prohibited(a, result)
        return result

    high_points = _assess_annex_iii(a, result)
    routes = high_risk_routes(a)
    result.non_public_registration = non_public_registration(a)
    if routes:
        result.risk_class = "high"
        result.annex_iii = list(high_points)
        result.high_risk_routes = list(routes)
        if routes == ("annex_i",) and a.annex_i_section_b:
            result.articles.update(_SECTION_B_ARTICLES)
            result.say("high.section_b")
            return result
        _assess_high_risk_duties(a, high_points, result)
    if result.non_public_registration:
        result.say("high.non_public")

    _assess_transparency(a, result)
    gpai_provider_duties = a.gpai and a.is_provider
    if not routes:
        if result.transparency:
            result.risk_class = "limited"
            result.say("class.limited")
        else:
            result.risk_class = "minimal"
            # No "minimal risk, voluntary code" sentence beside binding model duties.
            if not gpai_provider_duties:
                result.say("class.minimal")

    if a.is_provider or a.is_deployer:
        # AI literacy binds providers and deployers of every AI system in scope.
        result.articles.add("4")
        result.say("literacy")

    _assess_gpai(a, result)
    return result


def lowered_by_art6_3(a: Answers) -> bool:
    """Whether Art 6(3) takes the Annex III uses out of high risk: a condition is named, a
    non-blank justification documents the assessment, and the system does not profile people."""
    justified = bool(a.art6_3_justification.strip())
    return bool(a.annex_iii and a.art6_3_conditions and justified and not a.profiling)


def high_risk_routes(a: Answers) -> tuple[str, ...]:
    """The routes by which a system in scope and not prohibited is high-risk, in a fixed order."""
    routes = []
    if a.annex_iii and not lowered_by_art6_3(a):
        routes.append("annex_iii")
    if a.annex_i_safety_component:
        routes.append("annex_i")
    return tuple(routes)


def non_public_registration(a: Answers) -> bool:
    """Art 49(4): points 1, 6 and 7 used in law enforcement, migration, asylum or border control
    are registered in the non-public section, including those lowered by Art 6(3) (their
    Art 49(2) registration is one of the registrations Art 49(4) covers)."""
    return a.law_enforcement_migration_use and any(
        _area(point) in _NON_PUBLIC_AREAS for point in a.annex_iii
    )


def transparency_paragraphs(a: Answers) -> tuple[str, ...]:
    """Every Art 50 paragraph that applies to the system, whoever bears it."""
    if a.crime_detection_authorised:
        return ()
    triggered = _art50_triggers(a)
    if triggered:
        triggered.append("50(5)")
    return tuple(triggered)


def _art50_triggers(a: Answers) -> list[str]:
    emotion_or_categorisation = a.emotion_or_biometric_categorisation or bool(
        _ART50_3_POINTS.intersection(a.annex_iii)
    )
    return [
        paragraph
        for paragraph, applies in (
            ("50(1)", a.interacts_with_people),
            ("50(2)", a.generates_synthetic_content),
            ("50(3)", emotion_or_categorisation),
            ("50(4)", a.deep_fake_or_public_interest_text),
        )
        if applies
    ]


def _assess_scope(a: Answers, result: EUAssessment) -> bool:
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
    elif a.is_ai_system is None and a.influences_environments is False:
        result.say("out.no_influence")
        in_scope = False

    exclusion_lines = {
        "military_defence_security": "out.military",
        "research": "out.research",
        "pre_market_research": "out.pre_market_research",
        "third_country_cooperation": "out.third_country",
    }
    if a.exclusion:
        result.say(exclusion_lines[a.exclusion])
        in_scope = False

    if in_scope and a.open_source and not _open_source_stays_in_scope(a):
        result.say("out.open_source")
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
    if a.open_source:
        result.say("open_source.in_scope")
    return True


def _open_source_stays_in_scope(a: Answers) -> bool:
    """Art 2(12): a free and open-source system stays in scope only if it is high-risk, falls
    under Art 5 or falls under Art 50."""
    return bool(a.prohibited_practices or high_risk_routes(a) or transparency_paragraphs(a))


def _assess_prohibited(a: Answers, result: EUAssessment) -> None:
    result.risk_class = "prohibited"
    result.prohibited_practices = list(a.prohibited_practices)
    for practice in a.prohibited_practices:
        result.articles.add(PRACTICE_ARTICLES[practice])
        if practice == "intimate_imagery":
            result.say("prohibited.omnibus")
        else:
            result.say(
                "prohibited.practice", letter=practice, practice=Term(texts.PRACTICES, practice)
            )
    result.say("prohibited.effect")
    has_other_answers = (
        a.annex_i_safety_component or a.annex_iii or _art50_triggers(a) or a.gpai or a.gpai_system
    )
    if has_other_answers:
        result.say("prohibited.overrides")


def _assess_annex_iii(a: Answers, result: EUAssessment) -> tuple[str, ...]:
    """Record the Art 6(1)/6(2)/6(3) reasoning; return the Annex III points that stay high-risk."""
    if a.annex_i_safety_component:
        result.say("high.annex_i")
    if not a.annex_iii:
        return ()
    if "1b" in a.annex_iii:
        result.say("annex_iii.1b_ban")

    if lowered_by_art6_3(a):
        result.art6_3_applied = True
        for letter in a.art6_3_conditions:
            result.say(
                "art6_3.condition", letter=letter, condition=Term(texts.ART6_3_CONDITIONS, letter)
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
            "high.annex_iii", point=_point_label(point), use=Term(texts.ANNEX_III_USES, point)
        )
    if a.profiling:
        result.say("art6_3.profiling")
    if a.art6_3_conditions and not a.art6_3_justification.strip():
        result.say(
            "art6_3.no_justification",
            letters=", ".join(f"({letter})" for letter in a.art6_3_conditions),
        )
    return a.annex_iii


def _assess_high_risk_duties(
    a: Answers, high_points: tuple[str, ...], result: EUAssessment
) -> None:
    beyond_critical_infrastructure = any(p != _CRITICAL_INFRASTRUCTURE for p in high_points)

    if a.is_provider:
        result.articles.update(_PROVIDER_HIGH_RISK_ARTICLES)
        if beyond_critical_infrastructure:
            result.articles.add("49(1)")
        if _CRITICAL_INFRASTRUCTURE in high_points:
            result.articles.add("49(5)")
        result.say("high.provider")

    if a.role == "importer":
        result.articles.add("23")
        result.say("high.importer")
    if a.role == "distributor":
        result.articles.add("24")
        result.say("high.distributor")

    if a.is_deployer:
        result.articles.update(_DEPLOYER_HIGH_RISK_ARTICLES)
        if high_points:
            result.articles.add("26(11)")
        if beyond_critical_infrastructure:
            result.articles.add("86")
            if a.public_authority:
                result.articles.update(("26(8)", "49(3)"))
        result.say("high.deployer")
        result.say("high.workplace")

        public_body_duty = (
            a.public_authority or a.public_service_provider
        ) and beyond_critical_infrastructure
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


def _assess_transparency(a: Answers, result: EUAssessment) -> None:
    if a.crime_detection_authorised and _art50_triggers(a):
        result.say("transparency.crime_exception")
    paragraphs = transparency_paragraphs(a)
    for paragraph in paragraphs:
        result.say(f"transparency.{paragraph}")
    result.transparency = list(paragraphs)
    borne = [
        paragraph
        for paragraph in paragraphs
        if paragraph in _ART50_BEARERS
        and (
            (a.is_provider and _ART50_BEARERS[paragraph] == "provider")
            or (a.is_deployer and _ART50_BEARERS[paragraph] == "deployer")
        )
    ]
    if borne:
        result.articles.update((*borne, "50(5)"))
    if len(borne) < len(paragraphs) - 1:
        result.say("transparency.other_role")


def _assess_gpai(a: Answers, result: EUAssessment) -> None:
    if a.gpai:
        if a.is_provider:
            result.articles.update(("53", "54"))
            result.say("gpai.provider")
            if a.gpai_systemic_risk:
                result.articles.update(("51", "55"))
                result.say("gpai.systemic_provider")
        else:
            result.say("gpai.deployer")
            if a.gpai_systemic_risk:
                result.say("gpai.systemic_other")
        result.say("gpai.class")
    if a.gpai_system:
        result.say("gpai.system")


def _point_label(point: str) -> str:
    """Annex III point as the Act writes it: "5a" -> "5(a)", "2" -> "2"."""
    return point if len(point) == 1 else f"{point[0]}({point[1:]})"


def _area(point: str) -> str:
    return point[0]
