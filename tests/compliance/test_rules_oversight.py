"""Human oversight, training, logs and monitoring: AIA-14-01…05, AIA-26-02/05/06, AIA-04-02."""

from __future__ import annotations

import pytest

from compliance.rules import get_catalogue
from register.models import HumanOversight
from tests.compliance.factories import (
    MINIMAL_RISK_ANSWERS,
    assert_effective_from_respected,
    family_rule_ids,
    high_risk_answers,
    reclassify,
    update,
    update_oversight,
    verdict,
)

pytestmark = pytest.mark.django_db

RULES = family_rule_ids("oversight")


def test_the_family_holds_the_expected_rules():
    assert set(RULES) == {
        "AIA-14-01",
        "AIA-14-02",
        "AIA-14-03",
        "AIA-14-04",
        "AIA-14-05",
        "AIA-26-02",
        "AIA-26-05",
        "AIA-26-06",
        "AIA-04-02",
    }


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_does_not_apply_before_its_effective_date(rule_id, high_risk):
    assert_effective_from_respected(rule_id, high_risk)


@pytest.mark.parametrize(
    "rule_id", ["AIA-14-01", "AIA-14-02", "AIA-14-03", "AIA-14-04", "AIA-26-02", "AIA-26-05"]
)
def test_oversight_rules_pass_for_a_documented_high_risk_system(rule_id, high_risk):
    assert verdict(rule_id, high_risk).passed


@pytest.mark.parametrize(
    "rule_id",
    ["AIA-14-01", "AIA-14-02", "AIA-14-03", "AIA-14-04", "AIA-26-02", "AIA-26-05", "AIA-26-06"],
)
def test_high_risk_system_without_an_oversight_part_fails(rule_id, high_risk):
    HumanOversight.objects.filter(system=high_risk).delete()
    result = verdict(rule_id, high_risk)
    assert result.failed
    assert result.detail.get("reason") == "no_oversight" or result.detail.get("days") is None


@pytest.mark.parametrize(
    "rule_id", ["AIA-14-01", "AIA-14-02", "AIA-14-03", "AIA-14-04", "AIA-26-02", "AIA-26-06"]
)
def test_oversight_rules_do_not_apply_to_a_minimal_risk_system(rule_id, minimal):
    assert verdict(rule_id, minimal).not_applicable


def test_blank_oversight_role_fails_named_role(high_risk):
    system = update_oversight(
        high_risk, responsible_role_kk="", responsible_role_ru="", responsible_role_en=""
    )
    result = verdict("AIA-14-01", system)
    assert result.failed
    assert result.detail == {"reason": "no_role"}


def test_role_in_one_language_is_enough_for_named_role(high_risk):
    system = update_oversight(high_risk, responsible_role_kk="", responsible_role_ru="")
    assert verdict("AIA-14-01", system).passed


def test_override_needs_the_power_and_a_description(high_risk):
    system = update_oversight(high_risk, can_override=False, override_how_en="")
    result = verdict("AIA-14-02", system)
    assert result.failed
    assert result.detail == {"missing": ["can_override", "override_how"]}


def test_stop_needs_the_power_and_a_description(high_risk):
    system = update_oversight(high_risk, can_stop=False)
    result = verdict("AIA-14-03", system)
    assert result.failed
    assert result.detail == {"missing": ["can_stop"]}


def test_missing_automation_bias_measures_fail(high_risk):
    result = verdict("AIA-14-04", update_oversight(high_risk, automation_bias_en=""))
    assert result.failed
    assert result.detail == {"field": "automation_bias"}


def test_two_person_verification_applies_only_to_remote_biometric_identification(high_risk):
    assert verdict("AIA-14-05", high_risk).not_applicable
    system = reclassify(high_risk, high_risk_answers(annex_iii=["1a", "6d"]))
    assert verdict("AIA-14-05", system).passed


def test_one_person_verifying_identifications_fails(high_risk):
    reclassify(high_risk, high_risk_answers(annex_iii=["1a"]))
    result = verdict("AIA-14-05", update_oversight(high_risk, people_count=1))
    assert result.failed
    assert result.detail == {"people": 1, "min_people": 2}


def test_untrained_overseers_fail(high_risk):
    result = verdict("AIA-26-02", update_oversight(high_risk, training_en=""))
    assert result.failed


def test_training_duty_belongs_to_deployers(high_risk):
    assert verdict("AIA-26-02", update(high_risk, act_role="provider")).not_applicable


def test_monitoring_applies_only_once_the_system_is_in_use(high_risk):
    system = update_oversight(high_risk, monitoring_en="")
    assert verdict("AIA-26-05", system).failed
    assert verdict("AIA-26-05", update(system, phase="development")).not_applicable


@pytest.mark.parametrize(("days", "passes"), [(183, True), (365, True), (182, False)])
def test_logs_must_be_kept_at_least_six_months(high_risk, days, passes):
    result = verdict("AIA-26-06", update_oversight(high_risk, log_retention_days=days))
    assert result.passed is passes
    if not passes:
        assert result.detail == {"days": 182, "min_days": 183}


def test_unknown_log_retention_fails(high_risk):
    result = verdict("AIA-26-06", update_oversight(high_risk, log_retention_days=None))
    assert result.failed
    assert result.detail == {"days": None, "min_days": 183}


def test_logs_rule_states_its_threshold_in_every_language():
    from compliance.rules import get_catalogue

    rule = get_catalogue().get("AIA-26-06")
    for code in ("kk", "ru", "en"):
        assert "183" in rule.text("title", code)


def test_ai_literacy_applies_to_every_class_in_scope(minimal):
    assert verdict("AIA-04-02", minimal).passed
    result = verdict("AIA-04-02", update_oversight(minimal, training_en=""))
    assert result.failed
    limited = reclassify(minimal, {**MINIMAL_RISK_ANSWERS, "interacts_with_people": True})
    assert limited.risk_class == "limited"
    assert verdict("AIA-04-02", limited).failed


def test_ai_literacy_without_an_oversight_part_fails(minimal):
    HumanOversight.objects.filter(system=minimal).delete()
    assert verdict("AIA-04-02", minimal).detail == {"reason": "no_oversight"}


def test_ai_literacy_applies_to_high_risk_systems_too(high_risk):
    """The amended Art 4 ("take measures to support AI literacy") for every class."""
    assert verdict("AIA-04-02", update_oversight(high_risk, training_en="")).failed
    assert get_catalogue().get("AIA-04-02").reference.confidence == "M"


def test_oversight_by_a_named_role_is_the_deployers_art_26_2_duty(high_risk):
    rule = get_catalogue().get("AIA-14-01")
    assert rule.reference.citation == "Art 26(2)"
    system = update_oversight(
        high_risk, responsible_role_kk="", responsible_role_ru="", responsible_role_en=""
    )
    assert verdict("AIA-14-01", update(system, act_role="provider")).not_applicable


def test_retired_systems_need_no_oversight(high_risk):
    system = update_oversight(
        high_risk, responsible_role_kk="", responsible_role_ru="", responsible_role_en=""
    )
    system = update(system, phase="retired", retired_on="2027-01-01")
    assert verdict("AIA-14-01", system).not_applicable
