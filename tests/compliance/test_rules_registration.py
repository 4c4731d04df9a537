"""Registration and the Art 6(3) exception: AIA-49-01, AIA-26-08, AIA-49-04, AIA-06-01,
AIA-49-03. The registration rules are EU procedures: the records here belong to an EU body."""

from __future__ import annotations

import pytest

from tests.compliance.factories import (
    assert_effective_from_respected,
    compliant_high_risk_system,
    eu_organisation,
    family_rule_ids,
    high_risk_answers,
    reclassify,
    store_outcome,
    update,
    verdict,
)

pytestmark = pytest.mark.django_db

RULES = family_rule_ids("registration")

JUSTIFICATION = (
    "The system only sorts incoming applications into folders; a caseworker reads every "
    "application and decides, so it does not influence the outcome."
)


def _derogation(system, *, role="provider", justification=JUSTIFICATION, ref=""):
    """A record whose Annex III use was lowered by Art 6(3)."""
    answers = {
        "role": role,
        "public_authority": True,
        "annex_iii": ["5a"],
        "art6_3_conditions": ["a"],
        "art6_3_justification": justification,
    }
    return reclassify(system, answers, act_role=role, eu_database_ref=ref)


@pytest.fixture
def high_risk(db):
    return compliant_high_risk_system(organisation=eu_organisation())


def test_the_family_holds_the_expected_rules():
    assert set(RULES) == {"AIA-49-01", "AIA-26-08", "AIA-49-04", "AIA-06-01", "AIA-49-03"}


@pytest.mark.parametrize("rule_id", ["AIA-49-01", "AIA-26-08", "AIA-49-03", "AIA-49-04"])
def test_eu_database_procedures_do_not_apply_to_a_kazakh_body(rule_id):
    kazakh = compliant_high_risk_system(eu_database_ref="", eu_database_url="")
    assert verdict(rule_id, kazakh).detail == {"reason": "not_in_jurisdiction"}


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_does_not_apply_before_its_effective_date(rule_id, high_risk):
    assert_effective_from_respected(rule_id, high_risk)


# --- AIA-49-01 and AIA-26-08 ------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", ["AIA-49-01", "AIA-26-08"])
def test_registered_public_deployer_passes(high_risk, rule_id):
    assert verdict(rule_id, high_risk).passed


def test_public_deployer_without_a_registration_reference_fails(high_risk):
    result = verdict("AIA-49-01", update(high_risk, eu_database_ref=""))
    assert result.failed
    assert result.detail == {"field": "eu_database_ref"}


def test_public_deployer_must_check_the_providers_registration(high_risk):
    result = verdict("AIA-26-08", update(high_risk, eu_database_url=""))
    assert result.detail == {"field": "eu_database_url"}


@pytest.mark.parametrize("rule_id", ["AIA-49-01", "AIA-26-08"])
def test_registration_is_not_asked_of_private_deployers(high_risk, rule_id):
    system = reclassify(
        high_risk,
        high_risk_answers(public_authority=False),
        eu_database_ref="",
        eu_database_url="",
    )
    assert verdict(rule_id, system).not_applicable


@pytest.mark.parametrize("rule_id", ["AIA-49-01", "AIA-26-08"])
def test_critical_infrastructure_is_registered_nationally(high_risk, rule_id):
    system = reclassify(
        high_risk, high_risk_answers(annex_iii=["2"]), eu_database_ref="", eu_database_url=""
    )
    assert verdict(rule_id, system).detail == {"reason": "no_annex_iii_use"}


def test_registration_is_due_before_use(high_risk):
    system = update(high_risk, eu_database_ref="", phase="design")
    assert verdict("AIA-49-01", system).not_applicable


# --- AIA-49-04 the non-public section ---------------------------------------------------------


@pytest.mark.parametrize("point", ["1a", "6d", "7c"])
def test_sensitive_areas_must_be_restricted(high_risk, point):
    system = reclassify(high_risk, high_risk_answers(annex_iii=[point]))
    result = verdict("AIA-49-04", store_outcome(system, non_public_registration=True))
    assert result.failed
    assert result.detail == {"areas": [point[0]], "withholding": "none"}


def test_restricted_record_passes(high_risk):
    system = reclassify(
        high_risk, high_risk_answers(annex_iii=["6a", "5a"]), withholding="restricted"
    )
    assert verdict("AIA-49-04", store_outcome(system, non_public_registration=True)).passed


def test_sensitive_areas_outside_law_enforcement_and_migration_need_no_restriction(high_risk):
    system = reclassify(high_risk, high_risk_answers(annex_iii=["1a"]))
    system = store_outcome(system, non_public_registration=False)
    assert verdict("AIA-49-04", system).detail == {"reason": "public_registration"}


# --- AIA-06-01 and AIA-49-03 ------------------------------------------------------------------


def test_documented_derogation_passes(high_risk):
    system = _derogation(high_risk, ref="EU-DB-B-7")
    assert verdict("AIA-06-01", system).passed
    assert verdict("AIA-49-03", system).passed


def test_short_justification_fails(high_risk):
    result = verdict("AIA-06-01", _derogation(high_risk, justification="Narrow task."))
    assert result.failed
    assert result.detail == {"chars": 12, "min_chars": 80}


def test_provider_relying_on_the_exception_must_register(high_risk):
    assert verdict("AIA-49-03", _derogation(high_risk)).failed


def test_exception_rules_are_for_providers(high_risk):
    system = _derogation(high_risk, role="deployer", justification="")
    assert verdict("AIA-06-01", system).not_applicable
    assert verdict("AIA-49-03", system).not_applicable


def test_exception_rules_need_a_lowered_annex_iii_use(high_risk):
    system = update(high_risk, act_role="provider", eu_database_ref="")
    assert verdict("AIA-06-01", system).detail == {"reason": "no_derogation"}
    assert verdict("AIA-49-03", system).detail == {"reason": "no_derogation"}
