"""Rules for every record: classification, contact, scope, review, retirement, legal basis,
supplier, risks, explanation and appeal (national and Art 86), languages."""

from __future__ import annotations

import datetime as dt

import pytest

from register.models import HumanOversight, LegalBasis, Organisation, Risk, Supplier
from tests.compliance.factories import (
    TODAY,
    assert_effective_from_respected,
    family_rule_ids,
    high_risk_answers,
    reclassify,
    update,
    verdict,
)

pytestmark = pytest.mark.django_db

RULES = family_rule_ids("record")


def test_the_family_holds_the_expected_rules():
    assert set(RULES) == {
        "KZ-CLS-01",
        "KZ-CLS-02",
        "KZ-REC-01",
        "KZ-REC-02",
        "KZ-REC-03",
        "KZ-REC-04",
        "KZ-REC-05",
        "KZ-REC-06",
        "KZ-REC-07",
        "KZ-ADM-01",
        "AIA-86-01",
        "KZ-LANG-01",
        "KZ-LANG-02",
    }


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_does_not_apply_before_its_effective_date(rule_id, high_risk):
    assert_effective_from_respected(rule_id, high_risk)


@pytest.mark.parametrize("rule_id", sorted(set(RULES) - {"KZ-REC-04"}))
def test_a_complete_high_risk_record_passes(rule_id, high_risk):
    assert verdict(rule_id, high_risk).passed


@pytest.mark.parametrize("rule_id", sorted(set(RULES) - {"KZ-REC-04", "KZ-REC-07", "AIA-86-01"}))
def test_a_complete_minimal_risk_record_passes(rule_id, minimal):
    assert verdict(rule_id, minimal).passed


def test_an_unclassified_record_fails_classification(minimal):
    result = verdict("KZ-CLS-01", reclassify(minimal, None))
    assert result.failed


def test_record_rules_apply_to_unclassified_records(minimal):
    system = reclassify(minimal, None, scope_kk="", scope_ru="", scope_en="")
    assert verdict("KZ-REC-02", system).failed


# --- KZ-REC-01 contact point -----------------------------------------------------------------


def test_no_contact_anywhere_fails(minimal):
    Organisation.objects.filter(pk=minimal.organisation_id).update(contact_email="")
    result = verdict("KZ-REC-01", update(minimal, contact_email=""))
    assert result.failed


@pytest.mark.parametrize(
    "contact",
    [
        {"contact_phone": "+7 7172 000000"},
        {"contact_url": "https://example.gov.kz/contact"},
        {"contact_email": "ai@example.gov.kz"},
    ],
)
def test_any_contact_of_the_record_passes(minimal, contact):
    Organisation.objects.filter(pk=minimal.organisation_id).update(contact_email="")
    system = update(minimal, **{"contact_email": "", **contact})
    assert verdict("KZ-REC-01", system).passed


def test_the_organisations_email_is_a_contact_point(minimal):
    assert verdict("KZ-REC-01", update(minimal, contact_email="")).passed


# --- KZ-REC-02 scope, KZ-REC-03 review, KZ-REC-04 retirement -----------------------------------


def test_missing_scope_fails(minimal):
    result = verdict("KZ-REC-02", update(minimal, scope_kk="", scope_ru="", scope_en=""))
    assert result.failed
    assert result.detail == {"field": "scope"}


def test_missing_review_date_fails(minimal):
    result = verdict("KZ-REC-03", update(minimal, next_review_on=None))
    assert result.detail == {"reason": "missing"}


def test_passed_review_date_fails(minimal):
    yesterday = TODAY - dt.timedelta(days=1)
    result = verdict("KZ-REC-03", update(minimal, next_review_on=yesterday))
    assert result.failed
    assert result.detail == {"reason": "overdue", "due": yesterday.isoformat()}


def test_review_due_today_passes(minimal):
    assert verdict("KZ-REC-03", update(minimal, next_review_on=TODAY)).passed


def test_retired_records_need_no_review_date(minimal):
    system = update(minimal, phase="retired", retired_on=dt.date(2026, 6, 1), next_review_on=None)
    assert verdict("KZ-REC-03", system).not_applicable


def test_retired_system_without_a_date_fails(minimal):
    assert verdict("KZ-REC-04", update(minimal, phase="retired")).failed
    system = update(minimal, retired_on=dt.date(2026, 6, 1))
    assert verdict("KZ-REC-04", system).passed


def test_retirement_date_is_not_asked_of_systems_in_use(minimal):
    assert verdict("KZ-REC-04", minimal).not_applicable


# --- KZ-REC-05 legal basis, KZ-REC-06 supplier, KZ-REC-07 risks --------------------------------


def test_no_legal_basis_fails(minimal):
    LegalBasis.objects.filter(system=minimal).delete()
    assert verdict("KZ-REC-05", minimal).failed


def test_deployer_without_a_supplier_fails(minimal):
    Supplier.objects.filter(system=minimal).delete()
    assert verdict("KZ-REC-06", minimal).failed


@pytest.mark.parametrize("role", ["provider", "both"])
def test_in_house_systems_need_no_supplier(minimal, role):
    Supplier.objects.filter(system=minimal).delete()
    assert verdict("KZ-REC-06", update(minimal, act_role=role)).not_applicable


def test_high_risk_system_without_risks_fails(high_risk):
    Risk.objects.filter(system=high_risk).delete()
    assert verdict("KZ-REC-07", high_risk).detail == {"reason": "no_risks"}


def test_risk_without_mitigation_fails_naming_it(high_risk):
    risk = Risk.objects.create(system=high_risk, name_en="Drift")
    result = verdict("KZ-REC-07", high_risk)
    assert result.failed
    assert result.detail == {"reason": "no_mitigation", "risk_ids": [risk.pk]}


def test_risk_register_is_not_asked_of_minimal_risk_systems(minimal):
    Risk.objects.filter(system=minimal).delete()
    assert verdict("KZ-REC-07", minimal).not_applicable


# --- KZ-ADM-01 and AIA-86-01 explanation and appeal --------------------------------------------


def test_missing_appeal_text_fails_the_national_rule(minimal):
    system = update(minimal, appeal_route_kk="", appeal_route_ru="", appeal_route_en="")
    result = verdict("KZ-ADM-01", system)
    assert result.failed
    assert result.detail == {"missing": ["appeal_route"]}


def test_appeal_needs_a_link_or_the_organisations_address(minimal):
    Organisation.objects.filter(pk=minimal.organisation_id).update(address="")
    result = verdict("KZ-ADM-01", update(minimal, appeal_url=""))
    assert result.detail == {"missing": ["appeal_url"]}
    Organisation.objects.filter(pk=minimal.organisation_id).update(address="Astana, 1 Main St")
    assert verdict("KZ-ADM-01", minimal).passed


def test_art_86_explanation_fails_for_high_risk_without_route(high_risk):
    system = update(high_risk, appeal_route_kk="", appeal_route_ru="", appeal_route_en="")
    assert verdict("AIA-86-01", system).failed
    assert verdict("KZ-ADM-01", system).failed


def test_art_86_does_not_apply_to_critical_infrastructure_only(high_risk):
    system = reclassify(high_risk, high_risk_answers(annex_iii=["2"]))
    assert verdict("AIA-86-01", system).detail == {"reason": "no_annex_iii_use"}


def test_art_86_does_not_apply_to_minimal_risk(minimal):
    assert verdict("AIA-86-01", minimal).not_applicable


def test_art_86_is_a_deployer_duty(high_risk):
    assert verdict("AIA-86-01", update(high_risk, act_role="provider")).not_applicable


# --- KZ-LANG-01 and KZ-LANG-02 -----------------------------------------------------------------


def test_summary_missing_in_a_language_fails_naming_it(minimal):
    result = verdict("KZ-LANG-01", update(minimal, summary_en="", summary_ru=""))
    assert result.failed
    assert result.detail == {"field": "summary", "missing": ["ru", "en"]}


def test_untranslated_part_fails_completeness(minimal):
    HumanOversight.objects.filter(system=minimal).update(responsible_role_kk="")
    result = verdict("KZ-LANG-02", minimal)
    assert result.failed
    assert result.detail == {"missing": {"kk": ["HumanOversight.responsible_role"]}}


def test_completeness_lists_every_language_with_gaps(minimal):
    system = update(minimal, scope_ru="", appeal_route_en="")
    assert verdict("KZ-LANG-02", system).detail == {
        "missing": {"ru": ["AISystem.scope"], "en": ["AISystem.appeal_route"]}
    }


def test_completeness_agrees_with_the_registers_own_check(high_risk):
    from register.i18n import missing_by_language
    from register.models import ImpactAssessment
    from tests.compliance.factories import loaded

    ImpactAssessment.objects.filter(system=high_risk, kind="fria").update(fria_period_ru="")
    system = update(high_risk, name_kk="", affected_groups_en="")
    parts = [system, system.oversight]
    for related in ("suppliers", "legal_bases", "data_sources", "impact_assessments", "risks"):
        parts.extend(getattr(loaded(system), related).all())
    expected = {code: sorted(set(labels)) for code, labels in missing_by_language(parts).items()}
    assert verdict("KZ-LANG-02", system).detail == {
        "missing": {code: labels for code, labels in expected.items() if labels}
    }
    assert expected["ru"] == ["ImpactAssessment.fria_period"]


def test_a_recorded_disagreement_with_the_class_fails_kz_cls_02(agency, editor):
    from compliance.rules import get_catalogue
    from register.selectors import systems_with_parts
    from tests.factories import complete_system

    rule = get_catalogue().get("KZ-CLS-02")
    system = complete_system(agency, editor)
    today = dt.date(2026, 11, 29)
    loaded = systems_with_parts().get(pk=system.pk)
    assert rule.evaluate(loaded, today=today).outcome == "pass"
    loaded.classification_disagreement = "It should be high risk."
    assert rule.evaluate(loaded, today=today).outcome == "fail"
    assert rule.evaluate(loaded, today=dt.date(2024, 1, 1)).outcome == "not_applicable"
