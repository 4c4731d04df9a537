"""Information about the system and Art 50 duties: AIA-13-01, AIA-26-01, AIA-15-01,
AIA-26-11, AIA-50-05 and AIA-50-02…04, which read the AI disclosure and the marking method."""

from __future__ import annotations

import pytest

from tests.compliance.factories import (
    MINIMAL_RISK_ANSWERS,
    assert_effective_from_respected,
    family_rule_ids,
    high_risk_answers,
    reclassify,
    update,
    verdict,
)

pytestmark = pytest.mark.django_db

RULES = family_rule_ids("transparency")


def test_the_family_holds_the_expected_rules():
    assert set(RULES) == {
        "AIA-13-01",
        "AIA-26-01",
        "AIA-15-01",
        "AIA-26-11",
        "AIA-50-05",
        "AIA-50-02",
        "AIA-50-03",
        "AIA-50-04",
    }


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_does_not_apply_before_its_effective_date(rule_id, high_risk):
    assert_effective_from_respected(rule_id, high_risk)


@pytest.mark.parametrize("rule_id", ["AIA-26-01", "AIA-15-01", "AIA-26-11"])
def test_a_complete_high_risk_deployer_record_passes(rule_id, high_risk):
    assert verdict(rule_id, high_risk).passed


# --- Instructions for use and accuracy --------------------------------------------------------


def test_deployer_without_the_providers_instructions_fails(high_risk):
    result = verdict("AIA-26-01", update(high_risk, instructions_for_use_url=""))
    assert result.failed
    assert result.detail == {"field": "instructions_for_use_url"}


@pytest.mark.parametrize("role", ["provider", "both"])
def test_providers_must_publish_instructions(high_risk, role):
    system = update(high_risk, act_role=role, instructions_for_use_url="")
    assert verdict("AIA-13-01", system).failed
    assert verdict("AIA-26-01", system).not_applicable


def test_provider_instructions_rule_does_not_apply_to_deployers(high_risk):
    assert verdict("AIA-13-01", high_risk).not_applicable


def test_missing_accuracy_fails(high_risk):
    result = verdict("AIA-15-01", update(high_risk, performance_en=""))
    assert result.failed
    assert result.detail == {"field": "performance"}


def test_accuracy_is_asked_only_of_high_risk(minimal):
    assert verdict("AIA-15-01", update(minimal, performance_en="")).not_applicable


# --- AIA-26-11 people informed ----------------------------------------------------------------


def test_unpublished_record_does_not_inform_people(high_risk):
    system = update(high_risk, published_version=None, status="draft")
    result = verdict("AIA-26-11", system)
    assert result.failed
    assert result.detail == {"missing": ["public_card"]}


def test_withdrawn_card_does_not_inform_people(high_risk):
    assert verdict("AIA-26-11", update(high_risk, status="withdrawn")).failed


def test_people_informed_needs_summary_and_affected_groups(high_risk):
    system = update(high_risk, affected_groups_kk="", affected_groups_ru="", affected_groups_en="")
    assert verdict("AIA-26-11", system).detail == {"missing": ["affected_groups"]}


def test_people_informed_is_not_asked_of_annex_i_only_systems(high_risk):
    annex_i_only = high_risk_answers(annex_iii=[], annex_i_safety_component=True)
    assert verdict("AIA-26-11", reclassify(high_risk, annex_i_only)).not_applicable


def test_people_informed_applies_once_in_use(high_risk):
    system = update(high_risk, published_version=None, status="draft", phase="design")
    assert verdict("AIA-26-11", system).not_applicable


# --- Art 50 -----------------------------------------------------------------------------------


def test_chatbot_without_a_disclosure_text_fails(high_risk):
    provider = update(high_risk, act_role="provider")
    assert verdict("AIA-50-05", provider).passed
    result = verdict("AIA-50-05", update(provider, ai_disclosure_en=""))
    assert result.failed
    assert result.detail == {"field": "ai_disclosure"}


def test_art_50_1_binds_the_provider_not_the_deployer(high_risk):
    system = update(high_risk, ai_disclosure_en="")
    assert verdict("AIA-50-05", system).detail == {"reason": "out_of_scope"}


def test_disclosure_is_only_asked_when_the_duty_is_triggered(high_risk):
    no_duty = high_risk_answers(interacts_with_people=False, role="provider")
    system = reclassify(high_risk, no_duty, ai_disclosure_en="", act_role="provider")
    assert verdict("AIA-50-05", system).detail == {"reason": "duty_not_triggered"}


def test_limited_risk_chatbot_needs_a_disclosure(minimal):
    answers = {**MINIMAL_RISK_ANSWERS, "interacts_with_people": True, "role": "provider"}
    system = reclassify(minimal, answers, act_role="provider")
    assert system.risk_class == "limited"
    assert verdict("AIA-50-05", system).passed
    assert verdict("AIA-50-05", update(system, ai_disclosure_en="")).failed


def test_minimal_risk_has_no_art_50_duty(minimal):
    system = update(minimal, ai_disclosure_en="", act_role="provider")
    assert system.risk_class == "minimal" and not system.transparency_obligations
    assert verdict("AIA-50-05", system).not_applicable


def test_synthetic_content_marking_is_a_provider_duty(high_risk):
    synthetic = high_risk_answers(interacts_with_people=False, generates_synthetic_content=True)
    system = reclassify(high_risk, synthetic, marking_method_en="")
    assert system.transparency_obligations == ["50(2)", "50(5)"]
    assert verdict("AIA-50-02", system).not_applicable
    system = update(system, act_role="provider")
    assert verdict("AIA-50-02", system).detail == {"field": "marking_method"}
    assert verdict("AIA-50-02", update(system, marking_method_en="C2PA manifests")).passed


@pytest.mark.parametrize(
    ("paragraph", "trigger"),
    [
        ("50(3)", "emotion_or_biometric_categorisation"),
        ("50(4)", "deep_fake_or_public_interest_text"),
    ],
)
def test_deployer_disclosures_use_the_disclosure_text(high_risk, paragraph, trigger):
    rule_id = "AIA-50-0" + paragraph[3]
    system = reclassify(
        high_risk, high_risk_answers(interacts_with_people=False, **{trigger: True})
    )
    assert system.transparency_obligations == [paragraph, "50(5)"]
    assert verdict(rule_id, system).passed
    assert verdict(rule_id, update(system, ai_disclosure_en="")).failed
    assert verdict(rule_id, update(system, act_role="provider")).not_applicable


def test_art_50_rules_are_not_applicable_to_prohibited_systems(high_risk):
    system = reclassify(high_risk, high_risk_answers(prohibited_practices=["c"]))
    assert verdict("AIA-50-05", update(system, act_role="provider")).not_applicable
