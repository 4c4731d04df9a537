"""Risk classification under the EU AI Act (Regulation (EU) 2024/1689) and under Kazakhstan's Law
"On Artificial Intelligence" (No. 230-VIII, 17 Nov 2025), as one pure function.

`classify(answers, language=...)` turns the questionnaire's answers into what the EU AI Act says
about the system (a risk class, the Art 50 transparency duties, the Annex III points and the
high-risk routes, whether a fundamental rights impact assessment (Art 27) is due, whether the
registration is non-public (Art 49(4)), the obligations that follow and a plain-language
rationale) and, under `kz`, what Kazakhstan's Law on AI says about it, in Kazakh, Russian or
English. Which of the two binds is not decided here: the rule engine decides it from the
organisation's jurisdiction.

The function has no side effects and reads no settings, database or clock: the same answers give
an equal outcome, and the answers are never modified. The texts live in
`compliance.classification_texts`; the logic and those texts together are versioned by
`CLASSIFICATION_VERSION`, which every outcome carries so that a stored classification can be told
apart from one made under different rules. The modules: `answers` (vocabularies, validation),
`eu` and `kz` (one framework each), `reasons` (rationale lines rendered in one language).

Readings of the EU AI Act that the code encodes (each one is a choice a lawyer could question):

- Scope comes first: a system that is not an AI system (Art 3(1)), falls under an exclusion
  (Art 2(3) military, defence, national security; Art 2(4) third-country public authorities in
  international cooperation; Art 2(6) research as the sole purpose; Art 2(8) research, testing and
  development before the market, which does not cover testing in real-world conditions) or is
  free and open-source and neither high-risk nor under Art 5 or 50 (Art 2(12)) is `out_of_scope`
  whatever else is answered, prohibited practices included (except for Art 2(12), which keeps
  Art 5 systems in). An explicit `is_ai_system` answer overrides the helper questions (fixed
  rules, inference, influence on environments); when it is unknown and the helpers do not settle
  it, the system is treated as an AI system (precaution).
- A prohibited system reports only its Art 5 points: transparency duties, Annex III points, the
  FRIA and every other obligation are moot for a system that must not be used, and listing them
  would suggest it could be made compliant. The Digital Omnibus on AI (COM(2025) 836, Official
  Journal reference not yet found) adds a practice (`intimate_imagery`), cited as `5-omnibus`
  because the sources give no letter; the outcome says it applies from 2 December 2026 and
  reads no clock.
- Art 6(3) lowers an Annex III system only when at least one condition is named, a non-blank
  justification documents that it does not pose a significant risk of harm and does not
  materially influence the outcome of decision making, and the system does not profile people
  (an Annex III system that profiles is always high-risk); it lowers the whole system, not single
  points, because the Act assesses the system. An Annex I safety component stays high-risk
  through Art 6(1) either way. `high_risk_routes` names the routes ("annex_iii", "annex_i") so
  that effective dates can be chosen per route.
- Art 2(2): a system that is high-risk only as an Annex I Section B product (`annex_i_section_b`
  with `annex_i_safety_component`) gets only Art 6(1), 102-109 and 112; `annex_i_section_b`
  alone changes nothing.
- `transparency_obligations` lists every Art 50 paragraph that applies to the system, whoever
  bears it; `obligations` lists only those of the answering role (50(1), 50(2) providers; 50(3),
  50(4) deployers), with 50(5). An Annex III 1(b) or 1(c) answer brings 50(3) with or without the
  separate flag, on any class. A system authorised by law to detect, prevent, investigate or
  prosecute crime (`crime_detection_authorised`) is excepted from 50(1) to 50(4).
- Deployers of high-risk systems owe Art 26(2) (Art 14 is the provider's design duty) and
  Art 26(7), listed for every high-risk deployer with a sentence that it applies when the system
  is used at the workplace (no separate question is asked). Art 26(8) and 49(3) bind public
  authorities (`public_authority`); Art 27 binds them and private entities providing public
  services (`public_service_provider`). Art 26(9) is the use of the provider's information for a
  data protection impact assessment; the assessment itself is owed under data-protection law.
- Art 49(4)'s non-public section covers Annex III points 1, 6 and 7 only when used in law
  enforcement, migration, asylum or border control (`law_enforcement_migration_use`), including
  points lowered by Art 6(3), whose Art 49(2) registration it covers as well.
- Importers and distributors (Arts 23, 24) get only those articles for a high-risk system: no
  provider or deployer duty, and no Art 4 (which binds providers and deployers).
- `gpai` with a provider role means the organisation provides a general-purpose AI model: Art 53
  and Art 54 (authorised representative for providers outside the EU) are listed, and Art 51 and
  55 when it has systemic risk (`gpai_systemic_risk`). A GPAI model never changes the class by
  itself, and a "minimal risk" sentence is not given beside its binding duties. `gpai_system` (an
  AI system based on a GPAI model) is classified by its use like any other system.
- Deployer duties that the Act ties to Annex III (Art 26(8), 26(11), 49(3), 86) are not listed for
  an Annex I-only system; Annex III point 2 (critical infrastructure) is registered nationally
  (Art 49(5)) and is left out of Art 27, 49(1), 49(3) and 86 as the Act does.

Readings of Kazakhstan's Law on AI (`kz`; see `compliance.classification.kz`):

- The Law applies unless the system is stated not to be an AI system or only follows fixed rules;
  the EU's exclusions and helper questions on inference do not decide it.
- The risk degree (Art 17(1)) is the owner's or holder's own assignment from the consequences of
  failure; it is reported as given, never derived from Annex III, and a high degree without the
  reasoning is pointed out. The autonomy degree (Art 17(2)) follows `kz_autonomy`; an automatic
  decision with no stated correction is read as high autonomy.
- A banned capability (Art 17(3)) reports only the ban, like EU Art 5; each is compared with the
  EU Art 5 point it resembles. The state information-security regime applies to a high-degree
  system that is a critical ICT object or forms state electronic information resources.
- Art 21(1) disclosure is listed for every system under the Law, since it covers every good, work
  or service made or provided with AI; Art 21(2) marking (machine-readable and visible) for
  synthetic results as the Law defines them. Art 16 rights and the Arts 15 and 18 duties are
  listed for every system under the Law.
- Items the reference marks as resting on secondary sources (Art 17(3), Arts 15 and 18, who bears
  Art 21) are said once per outcome to be not yet confirmed against the official text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from compliance import classification_texts as texts
from compliance.classification import eu, kz
from compliance.classification.answers import (
    ANNEX_III_POINTS,
    ANSWER_FIELDS,
    ART6_3_CONDITIONS,
    DECISION_ROLES,
    EXCLUSIONS,
    KZ_AUTONOMY_DEGREES,
    KZ_PROHIBITED_CAPABILITIES,
    KZ_RISK_DEGREES,
    PRACTICE_ARTICLES,
    PROHIBITED_PRACTICES,
    RISK_CLASSES,
    ROLES,
    TRANSPARENCY_PARAGRAPHS,
    Answers,
    ClassificationInputError,
    validate_answers,
)
from compliance.classification.kz import kz_autonomy
from compliance.classification.reasons import article_sort_key

__all__ = [
    "ANNEX_III_POINTS",
    "ANSWER_FIELDS",
    "ART6_3_CONDITIONS",
    "CLASSIFICATION_VERSION",
    "DECISION_ROLES",
    "EXCLUSIONS",
    "HIGH_RISK_ROUTES",
    "KZ_AUTONOMY_DEGREES",
    "KZ_PROHIBITED_CAPABILITIES",
    "KZ_RISK_DEGREES",
    "LANGUAGES",
    "PRACTICE_ARTICLES",
    "PROHIBITED_PRACTICES",
    "RISK_CLASSES",
    "ROLES",
    "TRANSPARENCY_PARAGRAPHS",
    "Answers",
    "ClassificationInputError",
    "article_sort_key",
    "classify",
    "kz_autonomy",
    "language_neutral",
    "validate_answers",
]

CLASSIFICATION_VERSION: Final = "2026.2"

LANGUAGES: Final = texts.LANGUAGES
HIGH_RISK_ROUTES: Final = ("annex_iii", "annex_i")


def classify(answers: Mapping[str, Any] | Answers, *, language: str = "en") -> dict[str, Any]:
    """Classify an AI system under the EU AI Act and Kazakhstan's Law on AI.

    Returns a new JSON-ready dict, keys in this order: `version`, `risk_class` (one of
    `RISK_CLASSES`), `transparency_obligations` (Art 50 paragraphs, in order), `annex_iii` (the
    points that make it high-risk, in the Act's order; empty unless the class is "high" through
    Annex III), `fria_required`, `prohibited_practices` (the Art 5 practices of a prohibited
    system), `art6_3_applied` (whether Art 6(3) lowered the Annex III uses), `high_risk_routes`
    (of `HIGH_RISK_ROUTES`), `non_public_registration` (Art 49(4)), `obligations`
    (`{"article", "title"}` sorted by article), `rationale` (sentences, each citing its article),
    and `kz`: `applies`, `risk_degree`, `autonomy`, `prohibited`, `prohibited_capabilities`,
    `state_infosec_regime`, `obligations` and `rationale` under the Law on AI. Texts are in
    `language`; `language_neutral` keeps what does not depend on it.

    Raises `ValueError` for a language other than kk, ru or en, and `ClassificationInputError`
    (a `ValueError`) for malformed answers.
    """
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}; expected one of: {', '.join(LANGUAGES)}.")
    # `Answers` can be built directly, bypassing validation: check it like raw answers.
    raw = answers.to_dict() if isinstance(answers, Answers) else answers
    validated = validate_answers(raw)
    return _render(eu.assess(validated), kz.assess(validated), language)


#: The keys of an outcome (and of its `kz` part) that hold texts in the outcome's language.
_TEXT_KEYS: Final = ("obligations", "rationale")


def language_neutral(outcome: Mapping[str, Any]) -> dict[str, Any]:
    """What a record stores of `classify`'s outcome: every decision, with its logic version, and
    no text. `obligations` (top level and in `kz`) becomes the list of article references; the
    rationales are left out (`classify` on the stored answers renders them again, in any
    language)."""
    neutral = _neutral_part(outcome)
    if "kz" in outcome:
        neutral["kz"] = _neutral_part(outcome["kz"])
    return json.loads(json.dumps(neutral))


def _neutral_part(part: Mapping[str, Any]) -> dict[str, Any]:
    neutral = {key: value for key, value in part.items() if key not in _TEXT_KEYS}
    neutral["obligations"] = [obligation["article"] for obligation in part["obligations"]]
    return neutral


def _render(result: eu.EUAssessment, kz_result: kz.KZAssessment, language: str) -> dict[str, Any]:
    return {
        "version": CLASSIFICATION_VERSION,
        "risk_class": result.risk_class,
        "transparency_obligations": list(result.transparency),
        "annex_iii": list(result.annex_iii),
        "fria_required": result.fria_required,
        "prohibited_practices": list(result.prohibited_practices),
        "art6_3_applied": result.art6_3_applied,
        "high_risk_routes": list(result.high_risk_routes),
        "non_public_registration": result.non_public_registration,
        "obligations": result.render_obligations(texts.OBLIGATION_TITLES, language),
        "rationale": result.render_lines(texts.RATIONALE, language),
        "kz": {
            "applies": kz_result.applies,
            "risk_degree": kz_result.risk_degree,
            "autonomy": kz_result.autonomy,
            "prohibited": kz_result.prohibited,
            "prohibited_capabilities": list(kz_result.prohibited_capabilities),
            "state_infosec_regime": kz_result.state_infosec_regime,
            "obligations": kz_result.render_obligations(texts.KZ_OBLIGATION_TITLES, language),
            "rationale": kz_result.render_lines(texts.KZ_RATIONALE, language),
        },
    }
