"""Impact assessments: AIA-27-01 (FRIA complete before use), AIA-27-02 (FRIA reviewed after a
relevant change), GDPR-35-01 and KZ-PD-04 (DPIA for the personal data of a high-risk system, EU
and Kazakhstan) and KZ-PD-01 (DPIA for sensitive data)."""

from __future__ import annotations

import datetime as dt

import pytest

from compliance.rules import get_catalogue
from register.models import DataSource, HumanOversight, ImpactAssessment
from tests.compliance.factories import (
    FRIA_DONE,
    TODAY,
    DocumentedDataSourceFactory,
    assert_effective_from_respected,
    compliant_high_risk_system,
    eu_organisation,
    family_rule_ids,
    high_risk_answers,
    reclassify,
    update,
    verdict,
)

pytestmark = pytest.mark.django_db

RULES = family_rule_ids("fria")


def _fria(system) -> ImpactAssessment:
    return ImpactAssessment.objects.get(system=system, kind=ImpactAssessment.Kind.FRIA)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def test_the_family_holds_the_expected_rules():
    assert set(RULES) == {"AIA-27-01", "AIA-27-02", "GDPR-35-01", "KZ-PD-04", "KZ-PD-01"}


@pytest.mark.parametrize("rule_id", sorted(set(RULES) - {"GDPR-35-01"}))
def test_rule_does_not_apply_before_its_effective_date(rule_id, high_risk):
    assert_effective_from_respected(rule_id, high_risk)


def test_the_dpia_duty_comes_from_the_gdpr_in_the_eu(high_risk):
    eu = compliant_high_risk_system(organisation=eu_organisation())
    assert_effective_from_respected("GDPR-35-01", eu)
    assert verdict("GDPR-35-01", eu).passed
    assert verdict("KZ-PD-04", eu).detail == {"reason": "not_in_jurisdiction"}
    assert verdict("GDPR-35-01", high_risk).detail == {"reason": "not_in_jurisdiction"}
    ImpactAssessment.objects.filter(system=eu, kind="dpia").delete()
    assert verdict("GDPR-35-01", eu).detail["reason"] == "missing"
    assert get_catalogue().get("GDPR-35-01").reference.text("en") == "GDPR, Art 35"


# --- AIA-27-01 --------------------------------------------------------------------------------


def test_complete_fria_passes(high_risk):
    assert verdict("AIA-27-01", high_risk).passed


def test_missing_fria_fails_as_a_blocker(high_risk):
    _fria(high_risk).delete()
    result = verdict("AIA-27-01", high_risk)
    assert result.failed
    assert result.detail == {"reason": "missing"}


def test_fria_missing_parts_fails_naming_the_letters(high_risk):
    fria = _fria(high_risk)
    ImpactAssessment.objects.filter(pk=fria.pk).update(
        fria_period_kk="",
        fria_period_ru="",
        fria_period_en="",
        fria_measures_kk="",
        fria_measures_ru="",
        fria_measures_en="",
    )
    result = verdict("AIA-27-01", high_risk)
    assert result.failed
    assert result.detail == {
        "reason": "incomplete",
        "assessment_id": fria.pk,
        "state": "completed",
        "missing_parts": ["b", "f"],
        "completed_on": FRIA_DONE.isoformat(),
    }


def test_a_part_written_in_one_language_counts(high_risk):
    ImpactAssessment.objects.filter(pk=_fria(high_risk).pk).update(
        fria_risks_kk="", fria_risks_ru=""
    )
    assert verdict("AIA-27-01", high_risk).passed


def test_fria_still_in_progress_fails(high_risk):
    ImpactAssessment.objects.filter(pk=_fria(high_risk).pk).update(
        state=ImpactAssessment.State.IN_PROGRESS, completed_on=None, reviewed_on=None
    )
    result = verdict("AIA-27-01", high_risk)
    assert result.failed
    assert result.detail["state"] == "in_progress"


def test_fria_is_not_required_when_the_classification_says_so(high_risk):
    _fria(high_risk).delete()
    system = reclassify(high_risk, high_risk_answers(annex_iii=["2"]))
    assert system.fria_required is False
    result = verdict("AIA-27-01", system)
    assert result.detail == {"reason": "fria_not_required"}


def test_fria_is_due_at_first_use_not_during_development(high_risk):
    _fria(high_risk).delete()
    assert verdict("AIA-27-01", update(high_risk, phase="development")).not_applicable
    assert verdict("AIA-27-01", update(high_risk, phase="pilot")).failed


def test_fria_rule_is_a_blocker():
    from compliance.rules import get_catalogue

    assert get_catalogue().get("AIA-27-01").severity == "blocker"


# --- AIA-27-02 --------------------------------------------------------------------------------


def test_fria_completed_after_the_last_change_passes(high_risk):
    assert verdict("AIA-27-02", high_risk).passed


def test_data_source_change_after_the_review_fails_after_the_grace_period(high_risk):
    changed = TODAY - dt.timedelta(days=31)
    DataSource.objects.filter(system=high_risk).update(updated_at=_at(changed))
    result = verdict("AIA-27-02", high_risk)
    assert result.failed
    assert result.detail == {
        "changed": "data_sources",
        "changed_on": changed.isoformat(),
        "reviewed_on": FRIA_DONE.isoformat(),
    }


def test_a_change_within_the_grace_period_passes(high_risk):
    changed = TODAY - dt.timedelta(days=30)
    HumanOversight.objects.filter(system=high_risk).update(updated_at=_at(changed))
    assert verdict("AIA-27-02", high_risk).passed


def test_reclassification_after_the_review_fails(high_risk):
    system = update(high_risk, classified_at=_at(dt.date(2027, 1, 10)))
    assert verdict("AIA-27-02", system).detail["changed"] == "classification"


def test_recording_a_review_after_the_change_resolves_it(high_risk):
    system = update(high_risk, classified_at=_at(dt.date(2027, 1, 10)))
    ImpactAssessment.objects.filter(pk=_fria(system).pk).update(reviewed_on=dt.date(2027, 1, 12))
    assert verdict("AIA-27-02", system).passed


def test_review_rule_waits_for_a_complete_fria(high_risk):
    _fria(high_risk).delete()
    assert verdict("AIA-27-02", high_risk).detail == {"reason": "no_complete_fria"}


# --- KZ-PD-04, GDPR-35-01 and KZ-PD-01 ------------------------------------------------------


def test_dpia_completed_passes(high_risk):
    assert verdict("KZ-PD-04", high_risk).passed


def test_personal_data_without_dpia_fails(high_risk):
    ImpactAssessment.objects.filter(system=high_risk, kind="dpia").delete()
    result = verdict("KZ-PD-04", high_risk)
    source = DataSource.objects.get(system=high_risk)
    assert result.failed
    assert result.detail == {"reason": "missing", "source_ids": [source.pk]}


def test_planned_dpia_does_not_count(high_risk):
    ImpactAssessment.objects.filter(system=high_risk, kind="dpia").update(
        state="planned", completed_on=None
    )
    assert verdict("KZ-PD-04", high_risk).detail["reason"] == "not_completed"


def test_no_personal_data_needs_no_dpia(high_risk):
    DataSource.objects.filter(system=high_risk).update(personal_data="none")
    ImpactAssessment.objects.filter(system=high_risk, kind="dpia").delete()
    assert verdict("KZ-PD-04", high_risk).detail == {"reason": "no_matching_data"}


def test_sensitive_data_in_a_minimal_risk_system_needs_a_dpia(minimal):
    DocumentedDataSourceFactory(system=minimal, special_categories=["health"])
    result = verdict("KZ-PD-01", minimal)
    assert result.failed
    ImpactAssessment.objects.create(
        system=minimal, kind="dpia", state="completed", completed_on=dt.date(2026, 5, 1)
    )
    assert verdict("KZ-PD-01", minimal).passed


def test_ordinary_personal_data_does_not_trigger_the_sensitive_data_rule(minimal):
    DocumentedDataSourceFactory(system=minimal, special_categories=[])
    assert verdict("KZ-PD-01", minimal).not_applicable


def test_sensitive_data_rule_leaves_high_risk_to_the_high_risk_rule(high_risk):
    DataSource.objects.filter(system=high_risk).update(special_categories=["biometric"])
    ImpactAssessment.objects.filter(system=high_risk, kind="dpia").delete()
    assert verdict("KZ-PD-01", high_risk).not_applicable
    assert verdict("KZ-PD-04", high_risk).failed
