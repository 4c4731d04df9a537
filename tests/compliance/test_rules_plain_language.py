"""Plain language on the card: KZ-PLN-01…04 report the plain-language assistant's stored hints,
each for its section's fields, as minor findings."""

from __future__ import annotations

import pytest

from compliance.plain_language import CHECKED_FIELDS, KINDS
from compliance.plain_language.services import review_refresh
from compliance.rules import get_catalogue
from register import schema
from register.sections import SECTIONS_BY_SLUG
from tests.compliance.factories import assert_effective_from_respected, family_rule_ids, verdict
from tests.compliance.test_plain_language_texts import HARD, JARGON, LONG

pytestmark = pytest.mark.django_db

RULES = family_rule_ids("plain_language")


def _reviewed(system, **fields):
    from register.models import AISystem

    AISystem.objects.filter(pk=system.pk).update(**fields)
    review_refresh(system_id=system.pk)
    return system


def test_the_family_holds_the_expected_rules():
    assert set(RULES) == {"KZ-PLN-01", "KZ-PLN-02", "KZ-PLN-03", "KZ-PLN-04"}


def test_the_rules_together_cover_every_checked_field_and_kind():
    rules = [get_catalogue().get(rule_id) for rule_id in RULES]
    assert {name for rule in rules for name in rule.params["fields"]} == set(CHECKED_FIELDS)
    assert {kind for rule in rules for kind in rule.params["kinds"]} == set(KINDS)


@pytest.mark.parametrize("rule_id", RULES)
def test_each_rule_reads_fields_its_section_offers(rule_id):
    rule = get_catalogue().get(rule_id)
    offered = set(SECTIONS_BY_SLUG[rule.section].fields)
    assert {name.removeprefix("system.") for name in rule.fields_read()} <= offered
    assert rule.severity == "minor"
    assert rule.reference.confidence in ("M", "L")


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_does_not_apply_before_its_effective_date(rule_id, high_risk):
    assert_effective_from_respected(rule_id, _reviewed(high_risk))


@pytest.mark.parametrize("rule_id", RULES)
def test_a_record_never_reviewed_is_not_judged(rule_id, high_risk):
    result = verdict(rule_id, high_risk)
    assert result.not_applicable
    assert result.detail == {"reason": "not_reviewed"}


@pytest.mark.parametrize("rule_id", RULES)
def test_a_compliant_record_in_plain_language_passes(rule_id, high_risk):
    assert verdict(rule_id, _reviewed(high_risk)).passed


def test_a_long_summary_fails_the_summary_rule_only(high_risk):
    system = _reviewed(high_risk, summary_ru=LONG["ru"])
    result = verdict("KZ-PLN-01", system)
    assert result.failed
    assert result.detail == {
        "hints": 2,
        "fields": ["summary"],
        "codes": ["long_sentence", "reading_level"],
    }
    assert verdict("KZ-PLN-02", system).passed


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_jargon_in_the_appeal_route_fails_the_rights_texts_rule(high_risk, language):
    system = _reviewed(high_risk, **{f"appeal_route_{language}": JARGON[language][0]})
    result = verdict("KZ-PLN-02", system)
    assert result.failed
    assert result.detail["fields"] == ["appeal_route"]
    assert "jargon" in result.detail["codes"]


def test_a_hard_english_text_on_affected_groups_fails(high_risk):
    result = verdict("KZ-PLN-02", _reviewed(high_risk, affected_groups_en=HARD["en"]))
    assert result.failed
    assert "reading_level" in result.detail["codes"]


def test_a_malformed_address_in_the_explanation_route_fails_the_links_and_contacts_rule(
    high_risk,
):
    system = _reviewed(high_risk, explanation_route_ru="Пишите на help@egov")
    result = verdict("KZ-PLN-03", system)
    assert result.failed
    assert result.detail == {"hints": 1, "fields": ["explanation_route"], "codes": ["email"]}
    assert verdict("KZ-PLN-02", system).passed


def test_malformed_public_contacts_fail_the_contacts_rule(high_risk):
    result = verdict("KZ-PLN-04", _reviewed(high_risk, contact_phone="+7 12"))
    assert result.failed
    assert result.detail == {"hints": 1, "fields": ["contact_phone"], "codes": ["phone"]}


def test_the_links_and_contacts_rules_are_kazakh_principles_only():
    for rule_id in ("KZ-PLN-03", "KZ-PLN-04"):
        assert dict(get_catalogue().get(rule_id).applies_to.jurisdictions) == {"KZ": "principle"}


def test_the_checked_fields_are_in_the_field_schema():
    editable = {name for section in schema.SECTIONS for name in section.fields}
    assert set(CHECKED_FIELDS) <= editable
