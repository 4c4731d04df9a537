"""Predicates of ``catalogue/registration.yaml``: registration (Art 49) and Art 6(3)."""

from __future__ import annotations

from compliance.predicates._common import (
    CLASSIFICATION,
    Params,
    annex_iii_beyond_critical_infrastructure,
    annex_iii_points,
    art6_3_derogation_applied,
    outcome_of,
)
from compliance.rules.model import PASS, Choice, Verdict, fail, not_applicable
from compliance.rules.registry import predicate
from register.models import AISystem, Withholding


@predicate(
    "registration_recorded",
    params={"field": Choice(("eu_database_ref", "eu_database_url"))},
    reads=lambda params: {CLASSIFICATION, f"system.{params['field']}"},
)
def registration_recorded(system: AISystem, params: Params) -> Verdict:
    """Annex III uses other than point 2 (registered nationally under Art 49(5))."""
    if not annex_iii_beyond_critical_infrastructure(system):
        return not_applicable(reason="no_annex_iii_use")
    return PASS if getattr(system, params["field"]).strip() else fail(field=params["field"])


@predicate("non_public_registration_withheld", reads=(CLASSIFICATION, "system.withholding"))
def non_public_registration_withheld(system: AISystem, params: Params) -> Verdict:
    """Art 49(4): the classification put the system in the non-public section (points 1, 6 or 7
    used in law enforcement, migration, asylum or border control), so the record is restricted."""
    if not outcome_of(system).get("non_public_registration"):
        return not_applicable(reason="public_registration")
    if system.withholding == Withholding.RESTRICTED:
        return PASS
    return fail(
        areas=sorted({p[0] for p in annex_iii_points(system)}), withholding=system.withholding
    )


@predicate("art6_3_assessment_documented", params={"min_chars": int}, reads=(CLASSIFICATION,))
def art6_3_assessment_documented(system: AISystem, params: Params) -> Verdict:
    """The justification is an answer of the questionnaire, stored with the classification."""
    if not art6_3_derogation_applied(system):
        return not_applicable(reason="no_derogation")
    text = str((system.classification_answers or {}).get("art6_3_justification") or "").strip()
    if len(text) < params["min_chars"]:
        return fail(chars=len(text), min_chars=params["min_chars"])
    return PASS


@predicate("art6_3_registered", reads=(CLASSIFICATION, "system.eu_database_ref"))
def art6_3_registered(system: AISystem, params: Params) -> Verdict:
    if not art6_3_derogation_applied(system):
        return not_applicable(reason="no_derogation")
    return PASS if system.eu_database_ref.strip() else fail()
