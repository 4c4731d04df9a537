"""Each system's standing (its open findings by severity and its waived ones) follows its
findings: written by the check and the waiver services in the same transaction, rewritten only
when a count changes, and what the findings pages count instead of the findings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance import standing
from compliance.checks import check_systems
from compliance.models import Finding, FindingStatus, SystemStanding
from compliance.selectors import organisation_findings, organisation_summary
from compliance.services import finding_waive
from register.models import AISystem, HumanOversight, ImpactAssessment
from tests.compliance.factories import TODAY, compliant_high_risk_system, update

pytestmark = pytest.mark.django_db


def run(*systems):
    return check_systems([s.pk for s in systems], trigger="command", today=TODAY)


def counts(system) -> tuple[int, int, int, int, int]:
    row = SystemStanding.objects.get(system=system)
    return row.blocker, row.major, row.minor, row.waived, row.open


def recounted(system) -> tuple[int, int, int, int, int]:
    """The same figures counted from the findings themselves."""
    findings = Finding.objects.filter(system=system)
    by = {
        severity: findings.filter(status=FindingStatus.OPEN, severity=severity).count()
        for severity in ("blocker", "major", "minor")
    }
    waived = findings.filter(status=FindingStatus.WAIVED).count()
    return by["blocker"], by["major"], by["minor"], waived, sum(by.values())


@pytest.fixture
def broken(agency):
    """A high-risk record of ``agency`` failing a blocker, a major and a minor rule."""
    system = compliant_high_risk_system()
    AISystem.objects.filter(pk=system.pk).update(organisation=agency)
    ImpactAssessment.objects.filter(system=system, kind="fria").delete()
    HumanOversight.objects.filter(system=system).update(automation_bias_en="")
    return update(system, performance_en="")


def test_the_check_writes_the_counts_of_the_findings_it_opened(broken):
    run(broken)
    assert counts(broken) == recounted(broken) == (1, 1, 1, 0, 3)


def test_a_check_that_changes_nothing_writes_no_standing(broken):
    run(broken)
    with CaptureQueriesContext(connection) as queries:
        run(broken)
    assert not any("compliance_systemstanding" in q["sql"] for q in queries.captured_queries)
    # And the recount itself writes no row when nothing changed.
    assert standing.refresh([broken.pk]) == 0


def test_fixing_the_record_lowers_the_counts(broken):
    run(broken)
    update(broken, performance_en="Accuracy 0.93 on the 2025 test set.")
    run(broken)
    assert counts(broken) == recounted(broken) == (1, 0, 1, 0, 2)


def test_a_waiver_moves_a_finding_from_open_to_waived(broken, approver):
    run(broken)
    finding_waive(
        finding=Finding.objects.get(system=broken, rule_id="AIA-15-01"),
        actor=approver,
        reason="Supplier delivers metrics in March.",
        expires_on=TODAY + dt.timedelta(days=30),
        today=TODAY,
    )
    assert counts(broken) == recounted(broken) == (1, 0, 1, 1, 2)


def test_a_system_never_checked_has_no_row_and_refresh_all_counts_every_system(broken, high_risk):
    assert not SystemStanding.objects.exists()
    assert standing.refresh_all() == 2
    assert counts(high_risk) == (0, 0, 0, 0, 0)
    assert standing.refresh([]) == 0 and standing.refresh([10**9]) == 0


def test_the_findings_pages_count_the_standings(broken, agency, approver):
    run(broken)
    page = organisation_findings(agency)
    assert page.paginator.count == len(page.object_list) == 3
    register_wide = organisation_findings(None)
    assert register_wide.paginator.count == 3
    summary = organisation_summary(agency)
    assert (summary.blocker, summary.major, summary.minor, summary.waived) == (1, 1, 1, 0)
    assert summary.systems_with_blockers == 1


def test_the_register_wide_count_by_rule_is_kept_until_findings_change(broken, agency):
    from compliance.selectors import open_findings_by_rule

    run(broken)
    counted = open_findings_by_rule()
    assert counted == {"AIA-14-04": 1, "AIA-15-01": 1, "AIA-27-01": 1}
    generation = standing.findings_generation()
    with CaptureQueriesContext(connection) as queries:
        assert open_findings_by_rule() == counted
    assert len(queries) == 0
    # A check that changes nothing keeps the generation; one that resolves a finding starts
    # a new one, and the count follows.
    run(broken)
    assert standing.findings_generation() == generation
    update(broken, performance_en="Accuracy 0.93 on the 2025 test set.")
    run(broken)
    assert standing.findings_generation() != generation
    assert open_findings_by_rule() == {"AIA-14-04": 1, "AIA-27-01": 1}
