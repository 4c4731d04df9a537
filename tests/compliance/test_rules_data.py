"""Data governance and personal data: AIA-10-01…03, KZ-PD-02, KZ-PD-03."""

from __future__ import annotations

import pytest

from register.models import DataSource
from tests.compliance.factories import (
    DocumentedDataSourceFactory,
    assert_effective_from_respected,
    family_rule_ids,
    verdict,
)

pytestmark = pytest.mark.django_db

RULES = family_rule_ids("data")


def test_the_family_holds_the_expected_rules():
    assert set(RULES) == {"AIA-10-01", "AIA-10-02", "AIA-10-03", "KZ-PD-02", "KZ-PD-03"}


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_does_not_apply_before_its_effective_date(rule_id, high_risk):
    assert_effective_from_respected(rule_id, high_risk)


@pytest.mark.parametrize("rule_id", ["AIA-10-01", "AIA-10-02", "AIA-10-03", "KZ-PD-03"])
def test_documented_data_passes(rule_id, high_risk):
    assert verdict(rule_id, high_risk).passed


def test_high_risk_system_without_data_sources_fails_listing(high_risk):
    DataSource.objects.filter(system=high_risk).delete()
    assert verdict("AIA-10-01", high_risk).failed
    assert verdict("AIA-10-02", high_risk).not_applicable
    assert verdict("AIA-10-03", high_risk).not_applicable


@pytest.mark.parametrize(
    ("rule_id", "field"), [("AIA-10-02", "origin"), ("AIA-10-03", "bias_examination")]
)
def test_every_source_needs_the_text(high_risk, rule_id, field):
    undocumented = DocumentedDataSourceFactory(system=high_risk, **{f"{field}_en": ""})
    result = verdict(rule_id, high_risk)
    assert result.failed
    assert result.detail == {"field": field, "source_ids": [undocumented.pk]}


@pytest.mark.parametrize("rule_id", ["AIA-10-01", "AIA-10-02", "AIA-10-03"])
def test_data_governance_is_asked_only_of_high_risk_systems(rule_id, minimal):
    DocumentedDataSourceFactory(system=minimal, origin_en="", bias_examination_en="")
    assert verdict(rule_id, minimal).not_applicable


def test_sensitive_data_without_a_legal_basis_fails(minimal):
    source = DocumentedDataSourceFactory(
        system=minimal, special_categories=["health"], legal_basis_en=""
    )
    result = verdict("KZ-PD-02", minimal)
    assert result.failed
    assert result.detail == {"field": "legal_basis", "source_ids": [source.pk]}


def test_sensitive_data_with_a_legal_basis_passes(minimal):
    DocumentedDataSourceFactory(system=minimal, special_categories=["biometric"])
    assert verdict("KZ-PD-02", minimal).passed


def test_legal_basis_rule_needs_sensitive_data(minimal):
    DocumentedDataSourceFactory(system=minimal, legal_basis_en="")
    assert verdict("KZ-PD-02", minimal).detail == {"reason": "no_matching_data"}


def test_personal_data_without_retention_fails(minimal):
    source = DocumentedDataSourceFactory(system=minimal, retention_days=None)
    DocumentedDataSourceFactory(system=minimal, retention_days=None, personal_data="none")
    result = verdict("KZ-PD-03", minimal)
    assert result.failed
    assert result.detail == {"source_ids": [source.pk]}


def test_retention_rule_needs_personal_data(minimal):
    DocumentedDataSourceFactory(system=minimal, retention_days=None, personal_data="none")
    assert verdict("KZ-PD-03", minimal).not_applicable


def test_data_rules_do_not_apply_to_retired_systems(high_risk):
    from tests.compliance.factories import update

    DataSource.objects.filter(system=high_risk).delete()
    system = update(high_risk, phase="retired", retired_on="2027-01-01")
    assert verdict("AIA-10-01", system).not_applicable
