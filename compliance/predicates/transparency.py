"""Predicates of ``catalogue/transparency.yaml``: Art 50 duties and informing people.

The Art 50 duties read the record's AI disclosure (``ai_disclosure``: 50(1), (3), (4)) and
marking method (``marking_method``: 50(2)).

Measurable proxy (a choice the rule's hint explains to the editor): people are informed
(Art 26(11)) when the record has a plain-language summary and names the affected groups, and its
card is public (published and not withdrawn).
"""

from __future__ import annotations

from compliance.classification import TRANSPARENCY_PARAGRAPHS
from compliance.predicates._common import (
    CLASSIFICATION,
    SYSTEM_TEXT_FIELDS,
    Params,
    annex_iii_points,
    has_text,
    outcome_of,
)
from compliance.rules.model import PASS, Choice, Verdict, fail, not_applicable
from compliance.rules.registry import predicate
from register.models import AISystem


@predicate(
    "transparency_duty_described",
    params={"paragraph": Choice(TRANSPARENCY_PARAGRAPHS), "field": Choice(SYSTEM_TEXT_FIELDS)},
    reads=lambda params: {CLASSIFICATION, f"system.{params['field']}"},
)
def transparency_duty_described(system: AISystem, params: Params) -> Verdict:
    """Only for systems whose classification triggered the Art 50 paragraph."""
    if params["paragraph"] not in (outcome_of(system).get("transparency_obligations") or ()):
        return not_applicable(reason="duty_not_triggered")
    return PASS if has_text(system, params["field"]) else fail(field=params["field"])


@predicate(
    "people_informed",
    reads=(
        CLASSIFICATION,
        "system.summary",
        "system.affected_groups",
        "system.published_version",
        "system.status",
    ),
)
def people_informed(system: AISystem, params: Params) -> Verdict:
    if not annex_iii_points(system):
        return not_applicable(reason="no_annex_iii_use")
    missing = [name for name in ("summary", "affected_groups") if not has_text(system, name)]
    if not system.is_public or system.is_withdrawn:
        missing.append("public_card")
    return fail(missing=missing) if missing else PASS
