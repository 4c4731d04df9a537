"""Rules of ``catalogue/kz_ai_law.yaml``: Kazakhstan's Law on Artificial Intelligence."""

from __future__ import annotations

import pytest

from compliance.classification import KZ_PROHIBITED_CAPABILITIES
from compliance.rules import get_catalogue
from register.models import HumanOversight, ImpactAssessment, LegalBasis
from tests.compliance.factories import (
    assert_effective_from_respected,
    compliant_minimal_system,
    eu_organisation,
    family_rule_ids,
    store_outcome,
    update,
    update_oversight,
    verdict,
)
from tests.factories import ImpactAssessmentFactory

pytestmark = pytest.mark.django_db

CAPABILITY_RULES = {f"KZAI-17-1{n}": c for n, c in enumerate(KZ_PROHIBITED_CAPABILITIES, 1)}


@pytest.fixture
def system():
    return compliant_minimal_system()


def test_the_family_binds_in_kazakhstan_only(system):
    for rule_id in family_rule_ids("kz_ai_law"):
        rule = get_catalogue().get(rule_id)
        assert dict(rule.applies_to.jurisdictions) == {"KZ": "binding"}
        assert rule.reference.instrument.key == "kz_ai_law"
    eu = compliant_minimal_system(organisation=eu_organisation())
    assert verdict("KZAI-17-01", eu).detail == {"reason": "not_in_jurisdiction"}


@pytest.mark.parametrize("rule_id", ["KZAI-17-01", "KZAI-21-01", "KZAI-16-03", "KZAI-18-01"])
def test_effective_from_the_ai_laws_entry_into_force(rule_id, system):
    assert get_catalogue().get(rule_id).effective_from.isoformat() == "2026-01-18"
    assert_effective_from_respected(rule_id, system)


@pytest.mark.parametrize(
    ("answers", "kz", "missing"),
    [
        ({}, {}, []),
        ({"kz_failure_consequences": ""}, {}, ["kz_failure_consequences"]),
        ({"kz_risk_assigned_by": " "}, {}, ["kz_risk_assigned_by"]),
        ({}, {"risk_degree": None}, ["risk_degree"]),
    ],
)
def test_risk_degree_needs_the_degree_its_reasoning_and_who_assigned_it(
    system, answers, kz, missing
):
    system = store_outcome(system, kz=kz, answers=answers)
    result = verdict("KZAI-17-01", system)
    assert result.passed is (not missing)
    if missing:
        assert result.detail == {"missing": missing}


@pytest.mark.parametrize("degree", ["minimal", "medium", "high"])
def test_each_degree_passes_with_its_reasoning(system, degree):
    assert verdict("KZAI-17-01", store_outcome(system, kz={"risk_degree": degree})).passed


def test_state_infosec_regime_asks_for_a_completed_security_assessment(system):
    assert verdict("KZAI-17-02", system).detail == {"reason": "no_state_infosec_regime"}
    system = store_outcome(system, kz={"risk_degree": "high", "state_infosec_regime": True})
    assert verdict("KZAI-17-02", system).detail == {"reason": "missing"}
    assessment = ImpactAssessmentFactory(
        system=system, kind=ImpactAssessment.Kind.SECURITY, state="planned"
    )
    assert verdict("KZAI-17-02", system).detail == {"reason": "not_completed"}
    ImpactAssessment.objects.filter(pk=assessment.pk).update(state="completed")
    assert verdict("KZAI-17-02", system).passed


@pytest.mark.parametrize(
    ("role", "can_correct", "can_override", "mode", "contradictions"),
    [
        ("recommends", False, False, "", []),
        ("informs", True, True, "human_decides", []),
        ("automatic", True, True, "human_monitors", []),
        ("automatic", False, False, "human_sets_policy", []),
        ("automatic", True, False, "", ["correctable_but_no_override"]),
        ("automatic", False, True, "", ["override_but_not_correctable"]),
        (
            "automatic",
            True,
            True,
            HumanOversight.Mode.HUMAN_DECIDES,
            ["person_decides_but_automatic"],
        ),
    ],
)
def test_autonomy_contradicting_the_oversight_fails(
    system, role, can_correct, can_override, mode, contradictions
):
    system = update(system, decision_role=role)
    system = store_outcome(
        system, kz={"autonomy": None}, answers={"human_can_correct": can_correct}
    )
    system = update_oversight(system, can_override=can_override, mode=mode)
    result = verdict("KZAI-17-03", system)
    assert result.passed is (not contradictions)
    if contradictions:
        assert result.detail["contradictions"] == contradictions


def test_autonomy_differing_from_the_stored_outcome_fails(system):
    system = store_outcome(system, kz={"autonomy": "high"})
    assert verdict("KZAI-17-03", system).detail["contradictions"] == ["classification_outdated"]


def test_autonomy_without_a_decision_role_does_not_apply(system):
    system = update(system, decision_role="")
    assert verdict("KZAI-17-03", system).detail == {"reason": "no_decision_role"}


@pytest.mark.parametrize(("rule_id", "capability"), sorted(CAPABILITY_RULES.items()))
def test_each_prohibited_capability_is_an_unwaivable_blocker(system, rule_id, capability):
    rule = get_catalogue().get(rule_id)
    assert (rule.severity, rule.waivable, rule.reference.confidence) == ("blocker", False, "M")
    assert verdict(rule_id, system).detail == {"reason": "capability_absent"}
    flagged = store_outcome(
        system, kz={"prohibited": True, "prohibited_capabilities": [capability]}
    )
    assert verdict(rule_id, flagged).detail == {"phase": "production", "capability": capability}
    assert_effective_from_respected(rule_id, flagged)
    others = [r for r, c in CAPABILITY_RULES.items() if c != capability]
    assert all(verdict(other, flagged).not_applicable for other in others)
    retired = update(flagged, phase="retired", retired_on="2028-01-01")
    assert verdict(rule_id, retired).passed


def test_disclosure_for_every_system_that_serves_people(system):
    assert verdict("KZAI-21-01", system).passed
    blank = update(system, ai_disclosure_en="")
    assert verdict("KZAI-21-01", blank).detail == {"field": "ai_disclosure"}
    internal = update(blank, channels=["internal"])
    assert verdict("KZAI-21-01", internal).detail == {"reason": "internal_only"}
    portal = update(blank, channels=["internal", "egov_portal"])
    assert verdict("KZAI-21-01", portal).failed


def test_synthetic_results_need_a_marking_method(system):
    assert verdict("KZAI-21-02", system).detail == {"reason": "no_synthetic_results"}
    synthetic = store_outcome(system, answers={"synthetic_results": True})
    assert verdict("KZAI-21-02", synthetic).detail == {"field": "marking_method"}
    marked = update(synthetic, marking_method_en="C2PA metadata and a visible 'Made by AI' label")
    assert verdict("KZAI-21-02", marked).passed


@pytest.mark.parametrize(
    ("rule_id", "field"),
    [("KZAI-16-01", "explanation_route"), ("KZAI-16-02", "data_access_route")],
)
def test_users_routes_are_named(system, rule_id, field):
    assert verdict(rule_id, system).passed
    assert verdict(rule_id, update(system, **{f"{field}_en": ""})).detail == {"field": field}


def test_the_non_ai_alternative_or_the_law_that_makes_it_mandatory(system):
    blank = update(system, non_ai_alternative_en="")
    assert verdict("KZAI-16-03", blank).detail == {"field": "non_ai_alternative"}
    mandatory = update(blank, interaction_mandatory=True)
    assert verdict("KZAI-16-03", mandatory).passed
    LegalBasis.objects.filter(system=system).delete()
    assert verdict("KZAI-16-03", mandatory).detail == {"reason": "no_legal_basis"}


def test_documentation_and_risks(system):
    assert verdict("KZAI-18-01", update(system, documentation_ref="")).detail == {
        "field": "documentation_ref"
    }
    assert verdict("KZAI-15-01", system).passed


def test_the_other_owner_or_holder_is_named(system):
    assert verdict("KZAI-15-02", system).detail == {"reason": "owner_and_holder"}
    holder = update(system, legal_position="holder")
    assert verdict("KZAI-15-02", holder).detail == {
        "field": "other_party",
        "legal_position": "holder",
    }
    named = update(
        holder, other_party_en="Ministry of Artificial Intelligence and Digital Development"
    )
    assert verdict("KZAI-15-02", named).passed
