"""Prohibited practices: AIA-05-01."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.compliance.factories import (
    assert_effective_from_respected,
    family_rule_ids,
    high_risk_answers,
    reclassify,
    verdict,
)

pytestmark = pytest.mark.django_db


def _prohibited(system, **fields):
    return reclassify(system, high_risk_answers(prohibited_practices=["f", "c"]), **fields)


def test_the_family_holds_the_expected_rules():
    assert family_rule_ids("prohibited") == ["AIA-05-01"]


def test_rule_does_not_apply_before_art_5_applies(high_risk):
    assert_effective_from_respected("AIA-05-01", _prohibited(high_risk))


def test_prohibited_system_in_use_fails_as_a_blocker(high_risk):
    result = verdict("AIA-05-01", _prohibited(high_risk))
    assert result.failed
    assert result.detail == {"phase": "production", "practices": ["c", "f"]}


def test_planned_prohibited_system_fails_too(high_risk):
    assert verdict("AIA-05-01", _prohibited(high_risk, phase="idea")).failed


def test_retired_prohibited_system_passes(high_risk):
    system = _prohibited(high_risk, phase="retired", retired_on=dt.date(2026, 1, 31))
    assert verdict("AIA-05-01", system).passed


def test_retired_without_a_date_still_fails(high_risk):
    assert verdict("AIA-05-01", _prohibited(high_risk, phase="retired")).failed


def test_other_classes_are_not_concerned(high_risk):
    assert verdict("AIA-05-01", high_risk).detail == {"reason": "out_of_scope"}


def test_prohibited_rule_is_a_blocker_that_cannot_be_waived():
    from compliance.rules import get_catalogue

    rule = get_catalogue().get("AIA-05-01")
    assert rule.severity == "blocker"
    assert rule.waivable is False
