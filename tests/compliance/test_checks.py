"""The check service, its tasks and command, waivers, the digest and the selectors."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import InterfaceError, OperationalError, connection
from django.test.utils import CaptureQueriesContext

from compliance import tasks
from compliance.checks import check_systems
from compliance.models import CheckRun, Finding
from compliance.selectors import (
    blocking_findings,
    compliance_score,
    compliance_summary,
    latest_check_run,
    open_findings_by_rule,
    organisation_summary,
    system_findings,
    waivers_expiring,
)
from compliance.services import finding_waive
from demo.bulk import seed_bulk
from register.models import AISystem, HumanOversight, ImpactAssessment, Membership, Organisation
from tests.compliance.factories import TODAY, compliant_high_risk_system, reclassify, update
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

FindingEvent = apps.get_model("compliance", "FindingEvent")


def run(*systems, today=TODAY, **kwargs):
    return check_systems([s.pk for s in systems], trigger="command", today=today, **kwargs)


def finding(system, rule_id) -> Finding:
    return Finding.objects.get(system=system, rule_id=rule_id)


def snapshot():
    """Every finding's state except the heartbeat."""
    return sorted(
        Finding.objects.values_list(
            "id",
            "system_id",
            "rule_id",
            "status",
            "severity",
            "first_seen_at",
            "resolved_at",
            "detail",
            "waiver_reason",
            "waiver_expires_on",
            "catalogue_version",
        )
    )


@pytest.fixture
def broken(high_risk):
    """A high-risk record with no FRIA (blocker), no accuracy (major) and an untranslated
    automation-bias text missing (minor)."""
    ImpactAssessment.objects.filter(system=high_risk, kind="fria").delete()
    HumanOversight.objects.filter(system=high_risk).update(automation_bias_en="")
    return update(high_risk, performance_en="")


# --- Opening, idempotence, resolving, reopening -------------------------------------------------


def test_a_compliant_record_gets_no_finding(high_risk):
    result = run(high_risk)
    assert result.systems_checked == 1
    assert result.findings_opened == 0
    assert not Finding.objects.exists()


def test_failing_rules_open_findings_with_severity_detail_and_version(broken):
    result = run(broken)
    assert result.findings_opened == 3
    assert set(Finding.objects.values_list("rule_id", "severity", "status")) == {
        ("AIA-27-01", "blocker", "open"),
        ("AIA-15-01", "major", "open"),
        ("AIA-14-04", "minor", "open"),
    }
    fria = finding(broken, "AIA-27-01")
    assert fria.detail == {"reason": "missing"}
    assert fria.catalogue_version == result.catalogue_version
    assert fria.first_seen_at == fria.last_seen_at
    run_row = CheckRun.objects.get(pk=result.run_id)
    assert (run_row.systems_checked, run_row.findings_opened, run_row.trigger) == (1, 3, "command")
    assert run_row.finished_at is not None


def test_running_twice_changes_nothing_and_records_no_history(broken):
    first = run(broken)
    rows, events = snapshot(), FindingEvent.objects.count()
    seen = finding(broken, "AIA-27-01").last_seen_at
    second = run(broken)
    assert snapshot() == rows
    assert FindingEvent.objects.count() == events
    assert (second.findings_opened, second.findings_resolved, second.findings_changed) == (0, 0, 0)
    assert first.findings_changed == 3
    assert finding(broken, "AIA-27-01").last_seen_at > seen


def test_findings_carry_the_audit_context(broken):
    result = run(broken)
    event = FindingEvent.objects.filter(rule_id="AIA-27-01").get()
    assert event.pgh_label == "insert"
    assert event.pgh_context.metadata == {
        "action": "compliance.check",
        "trigger": "command",
        "check_run": result.run_id,
    }


def test_fixing_the_record_resolves_the_finding(broken):
    run(broken)
    system = update(broken, performance_en="Accuracy 91%")
    result = run(system)
    accuracy = finding(system, "AIA-15-01")
    assert result.findings_resolved == 1
    assert accuracy.status == "resolved"
    assert accuracy.resolved_at is not None
    assert accuracy.detail == {}


def test_breaking_it_again_reopens_the_same_finding(broken):
    run(broken)
    first_seen = finding(broken, "AIA-15-01").first_seen_at
    run(update(broken, performance_en="Accuracy 91%"))
    result = run(update(broken, performance_en=""))
    accuracy = finding(broken, "AIA-15-01")
    assert result.findings_opened == 1
    assert (accuracy.status, accuracy.resolved_at) == ("open", None)
    assert accuracy.first_seen_at == first_seen
    assert Finding.objects.filter(rule_id="AIA-15-01").count() == 1


def test_changed_detail_is_updated_and_recorded(broken):
    run(broken)
    HumanOversight.objects.filter(system=broken).update(log_retention_days=30)
    run(broken)
    HumanOversight.objects.filter(system=broken).update(log_retention_days=90)
    result = run(broken)
    assert finding(broken, "AIA-26-06").detail == {"days": 90, "min_days": 183}
    assert result.findings_opened == 0
    assert result.findings_changed == 1


def test_a_rule_that_stops_applying_sets_its_finding_aside(broken):
    run(broken)
    run(reclassify(broken, {"role": "deployer", "public_authority": True}))
    fria = finding(broken, "AIA-27-01")
    assert fria.status == "not_applicable"
    assert fria.detail == {"reason": "out_of_scope"}


def test_findings_of_switched_off_rules_become_not_applicable(broken, settings):
    """A Kazakh body is held to the AI Act's safeguards as principles; a deployment that
    serves only the EU switches off the Kazakh rules, not the EU ones."""
    run(broken)
    assert finding(broken, "AIA-27-01").status == "open"
    update(broken, next_review_on=None)
    run(broken)
    assert finding(broken, "KZ-REC-03").status == "open"
    settings.COMPLIANCE_JURISDICTIONS = ["EU"]
    run(broken)
    assert finding(broken, "KZ-REC-03").detail == {"reason": "rule_not_enabled"}
    assert finding(broken, "AIA-27-01").status == "open"


def test_unknown_ids_are_skipped(broken):
    result = check_systems([broken.pk, 999_999], trigger="change", today=TODAY)
    assert result.systems_checked == 1


def test_check_refuses_an_unknown_trigger(broken):
    with pytest.raises(ValueError, match="trigger"):
        check_systems([broken.pk], trigger="manual")


# --- Waivers ----------------------------------------------------------------------------------


@pytest.fixture
def open_accuracy(broken, agency):
    AISystem.objects.filter(pk=broken.pk).update(organisation=agency)
    run(broken)
    return finding(broken, "AIA-15-01")


def waive(f, actor, *, reason="Supplier delivers metrics in March.", days=30):
    return finding_waive(
        finding=f,
        actor=actor,
        reason=reason,
        expires_on=TODAY + dt.timedelta(days=days),
        today=TODAY,
    )


def test_approver_can_waive_an_open_finding(open_accuracy, approver):
    waived = waive(open_accuracy, approver)
    assert waived.status == "waived"
    assert waived.waived_by == approver
    assert waived.waiver_reason == "Supplier delivers metrics in March."
    event = FindingEvent.objects.filter(pgh_obj=open_accuracy).latest("pgh_id")
    assert event.pgh_context.metadata == {"user": approver.pk, "action": "compliance.waive"}


def test_editor_cannot_waive(open_accuracy, editor):
    with pytest.raises(PermissionDenied):
        waive(open_accuracy, editor)


def test_other_agency_approver_cannot_waive(open_accuracy, other_agency_approver):
    with pytest.raises(PermissionDenied):
        waive(open_accuracy, other_agency_approver)


def test_waiver_needs_a_reason(open_accuracy, approver):
    with pytest.raises(ValidationError) as excinfo:
        waive(open_accuracy, approver, reason="   ")
    assert excinfo.value.error_dict["reason"][0].code == "required"


@pytest.mark.parametrize(
    ("days", "code"), [(0, "not_future"), (-5, "not_future"), (366, "too_long")]
)
def test_waiver_must_end_within_a_year(open_accuracy, approver, days, code):
    with pytest.raises(ValidationError) as excinfo:
        waive(open_accuracy, approver, days=days)
    assert excinfo.value.error_dict["expires_on"][0].code == code


def test_resolved_finding_cannot_be_waived(open_accuracy, approver):
    run(update(open_accuracy.system, performance_en="Accuracy 91%"))
    with pytest.raises(ValidationError) as excinfo:
        waive(open_accuracy, approver)
    assert excinfo.value.code == "not_open"


def test_prohibited_practice_cannot_be_waived(high_risk, agency, approver):
    reclassify(high_risk, {"prohibited_practices": ["c"]}, organisation=agency)
    run(high_risk)
    with pytest.raises(ValidationError) as excinfo:
        waive(finding(high_risk, "AIA-05-01"), approver)
    assert excinfo.value.code == "not_waivable"


def test_waived_finding_stays_waived_while_the_waiver_runs(open_accuracy, approver):
    waive(open_accuracy, approver, days=30)
    result = run(open_accuracy.system, today=TODAY + dt.timedelta(days=30))
    assert finding(open_accuracy.system, "AIA-15-01").status == "waived"
    assert result.findings_opened == 0


def test_expired_waiver_reopens_on_the_next_check(open_accuracy, approver):
    waive(open_accuracy, approver, days=30)
    result = run(open_accuracy.system, today=TODAY + dt.timedelta(days=31))
    reopened = finding(open_accuracy.system, "AIA-15-01")
    assert reopened.status == "open"
    assert (reopened.waiver_reason, reopened.waiver_expires_on, reopened.waived_by) == (
        "",
        None,
        None,
    )
    assert result.findings_opened == 1


def test_fixing_a_waived_finding_resolves_it(open_accuracy, approver):
    waive(open_accuracy, approver)
    result = run(update(open_accuracy.system, performance_en="Accuracy 91%"))
    assert finding(open_accuracy.system, "AIA-15-01").status == "resolved"
    assert result.findings_resolved == 1


def test_a_blocker_cannot_be_waived_and_keeps_blocking(open_accuracy, approver):
    system = open_accuracy.system
    (blocker,) = blocking_findings(system)
    assert blocker.rule_id == "AIA-27-01"
    with pytest.raises(ValidationError) as excinfo:
        waive(blocker, approver)
    assert excinfo.value.code == "not_waivable"
    assert blocking_findings(system) == [blocker]


# --- The digest ---------------------------------------------------------------------------------


def test_one_digest_per_organisation_for_new_blockers_and_majors(
    mailoutbox, django_capture_on_commit_callbacks
):
    first, second = OrganisationFactory(), OrganisationFactory()
    for organisation, names in ((first, ("a1", "a2")), (second, ("b1",))):
        for name in names:
            MembershipFactory(organisation=organisation, role="approver", user__username=name)
    MembershipFactory(organisation=first, role="editor", user__username="editor-1")
    systems = [
        compliant_high_risk_system(organisation=first, performance_en=""),
        compliant_high_risk_system(organisation=first, instructions_for_use_url=""),
        compliant_high_risk_system(organisation=second, performance_en=""),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        result = run(*systems)
    assert result.digest_organisations == 2
    # One digest per organisation for each of its approvers (each in their own language).
    by_recipient = {tuple(m.to): m for m in mailoutbox}
    assert sorted(by_recipient) == [
        ("a1@example.gov.kz",),
        ("a2@example.gov.kz",),
        ("b1@example.gov.kz",),
    ]
    for address in ("a1@example.gov.kz", "a2@example.gov.kz"):
        mail = by_recipient[(address,)]
        assert systems[0].public_id in mail.body
        assert systems[1].public_id in mail.body
        assert "AIA-15-01" in mail.body
        assert "AIA-26-01" in mail.body
    assert systems[2].public_id not in by_recipient[("a1@example.gov.kz",)].body


def test_digest_is_in_the_site_language(
    mailoutbox, django_capture_on_commit_callbacks, agency, approver, settings
):
    settings.LANGUAGE_CODE = "en"
    system = compliant_high_risk_system(organisation=agency, performance_en="")
    with django_capture_on_commit_callbacks(execute=True):
        run(system)
    (mail,) = mailoutbox
    assert mail.subject == "AI register: 1 new compliance finding for Agency A"
    assert "The system's accuracy is stated (AIA-15-01, major)" in mail.body


def test_no_digest_for_minor_findings(
    mailoutbox, django_capture_on_commit_callbacks, agency, approver
):
    system = compliant_high_risk_system(organisation=agency)
    HumanOversight.objects.filter(system=system).update(automation_bias_en="")
    with django_capture_on_commit_callbacks(execute=True):
        result = run(system)
    assert result.findings_opened == 1
    assert mailoutbox == []


def test_no_digest_when_nothing_is_new(
    mailoutbox, django_capture_on_commit_callbacks, agency, approver
):
    system = compliant_high_risk_system(organisation=agency, performance_en="")
    with django_capture_on_commit_callbacks(execute=True):
        run(system)
        run(system)
    assert len(mailoutbox) == 1


def test_digest_waits_for_the_commit(
    mailoutbox, django_capture_on_commit_callbacks, agency, approver
):
    system = compliant_high_risk_system(organisation=agency, performance_en="")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run(system)
    assert mailoutbox == []
    # The digest's delivery and the new findings generation (compliance.standing).
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1


def test_no_mail_without_an_approver(mailoutbox, django_capture_on_commit_callbacks, agency):
    MembershipFactory(organisation=agency, role=Membership.Role.EDITOR)
    system = compliant_high_risk_system(organisation=agency, performance_en="")
    with django_capture_on_commit_callbacks(execute=True):
        run(system)
    assert mailoutbox == []


# --- The sweep at scale ------------------------------------------------------------------------

# One sweep batch task: the check run's insert and update, the systems and their five prefetches,
# the findings, the upsert and the standings' recount or the heartbeat update, and the
# savepoints of the test transaction.
QUERIES_PER_BATCH_TASK = 16


@pytest.mark.slow
def test_sweep_over_10000_systems_runs_a_bounded_number_of_queries_per_batch():
    seed_bulk(10_000)
    with CaptureQueriesContext(connection) as first:
        batches = tasks.sweep.delay(500).get()
    assert batches == 20
    # Plus one: the sweep's own query for the ids. Nothing grows with the number of systems.
    assert len(first) <= QUERIES_PER_BATCH_TASK * batches + 1
    assert CheckRun.objects.filter(trigger="sweep").count() == batches
    assert Finding.objects.filter(status="open").count() > 10_000
    opened = Finding.objects.count()
    events = FindingEvent.objects.count()

    with CaptureQueriesContext(connection) as second:
        tasks.sweep.delay(500).get()
    assert Finding.objects.count() == opened
    assert FindingEvent.objects.count() == events
    assert len(second) <= len(first)
    opened_per_run = CheckRun.objects.filter(trigger="sweep").values_list(
        "findings_opened", flat=True
    )
    assert sum(opened_per_run) == opened


def test_queries_per_batch_do_not_grow_with_its_size(broken):
    others = [compliant_high_risk_system(performance_en="") for _ in range(5)]
    with CaptureQueriesContext(connection) as one:
        run(broken)
    with CaptureQueriesContext(connection) as five:
        run(*others)
    assert len(five) == len(one)


def test_sweep_keeps_an_organisation_in_one_batch_where_it_fits():
    rows = [
        (1, 10),
        (1, 11),
        (2, 20),
        (2, 21),
        (2, 22),
        (3, 30),
        (4, 40),
        (4, 41),
        (4, 42),
        (4, 43),
        (4, 44),
        (4, 45),
        (4, 46),
    ]
    assert tasks.organisation_batches(rows, 4) == [
        [10, 11],
        [20, 21, 22, 30],
        [40, 41, 42, 43],
        [44, 45, 46],
    ]


# --- Tasks and the command -----------------------------------------------------------------


def test_tasks_are_declared_for_reliable_delivery():
    from compliance.plain_language import tasks as plain_language

    for task in (
        tasks.check_system,
        tasks.check_batch,
        tasks.sweep,
        plain_language.review,
        plain_language.check_link,
        plain_language.check_due_links,
    ):
        assert task.acks_late is True
        assert task.autoretry_for == (OperationalError, InterfaceError)
        assert task.retry_backoff is True
        assert task.max_retries == 5
        assert task.soft_time_limit < task.time_limit
    assert {entry["task"] for entry in tasks.BEAT_SCHEDULE.values()} == {
        tasks.sweep.name,
        plain_language.check_due_links.name,
    }


@pytest.mark.usefixtures("annex_iii_in_force")
def test_a_change_is_checked_after_commit(broken, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.enqueue_check(broken.pk)
        assert not Finding.objects.exists()
    assert Finding.objects.filter(system=broken, status="open").exists()
    assert latest_check_run().trigger == "change"


@pytest.mark.usefixtures("annex_iii_in_force")
def test_run_checks_prints_the_counts(broken):
    out = io.StringIO()
    call_command("run_checks", stdout=out)
    version = latest_check_run().catalogue_version
    assert out.getvalue().splitlines() == [
        f"Checked 1 systems in 1 batches (catalogue {version[:12]}): 3 findings opened, "
        "0 resolved, 3 changed in all.",
        "New blocker or major findings in 1 organisations; their approvers get a digest by e-mail.",
    ]
    assert latest_check_run().trigger == "command"


@pytest.mark.parametrize("by", ["public_id", "pk"])
def test_run_checks_takes_one_system(broken, by):
    compliant_high_risk_system()
    out = io.StringIO()
    call_command("run_checks", "--system", str(getattr(broken, by)).lower(), stdout=out)
    assert "Checked 1 systems" in out.getvalue()


def test_run_checks_batches_as_told(broken):
    compliant_high_risk_system()
    out = io.StringIO()
    call_command("run_checks", "--batch-size", "1", stdout=out)
    assert "Checked 2 systems in 2 batches" in out.getvalue()


def test_run_checks_refuses_bad_arguments(db):
    with pytest.raises(CommandError, match="No AI system"):
        call_command("run_checks", "--system", "KZ-AI-999999")
    with pytest.raises(CommandError, match="batch-size"):
        call_command("run_checks", "--batch-size", "0")


# --- Selectors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blocker", "major", "minor", "score"),
    [(0, 0, 0, 100), (0, 1, 0, 90), (0, 2, 3, 71), (1, 0, 0, 40), (0, 11, 0, 0), (2, 0, 0, 40)],
)
def test_score_formula(blocker, major, minor, score):
    assert compliance_score(blocker=blocker, major=major, minor=minor) == score


def test_compliance_summary_counts_open_findings_in_one_query(
    open_accuracy, approver, django_assert_num_queries
):
    waive(finding(open_accuracy.system, "AIA-14-04"), approver)
    with django_assert_num_queries(1):
        summary = compliance_summary(open_accuracy.system)
    assert (summary.blocker, summary.major, summary.minor, summary.waived) == (1, 1, 0, 1)
    assert summary.open == 2
    assert summary.score == 40


def test_organisation_summary_in_two_queries(open_accuracy, agency, django_assert_num_queries):
    compliant_high_risk_system(organisation=agency)
    with django_assert_num_queries(2):
        summary = organisation_summary(agency)
    assert summary.systems == 2
    assert summary.systems_with_blockers == 1
    assert (summary.blocker, summary.major, summary.minor) == (1, 1, 1)
    assert summary.score == 70  # (100 + 40) / 2


def test_organisation_without_systems_scores_100(db):
    empty = Organisation.objects.create(short_code="empty", kind="other")
    assert organisation_summary(empty).score == 100


def test_blocking_findings_lists_open_blockers_only(broken):
    run(broken)
    assert [f.rule_id for f in blocking_findings(broken)] == ["AIA-27-01"]
    assert [f.rule_id for f in system_findings(broken)] == ["AIA-27-01", "AIA-15-01", "AIA-14-04"]


def test_register_wide_reads(open_accuracy, approver):
    assert open_findings_by_rule() == {"AIA-14-04": 1, "AIA-15-01": 1, "AIA-27-01": 1}
    waive(open_accuracy, approver, days=10)
    (expiring,) = waivers_expiring(before=TODAY + dt.timedelta(days=11))
    assert expiring.pk == open_accuracy.pk
    assert list(waivers_expiring(before=TODAY + dt.timedelta(days=10))) == []


def test_settings_can_import_the_beat_schedule_before_django_is_set_up():
    """``config/settings.py`` reads ``BEAT_SCHEDULE`` before any app is loaded."""
    script = "from compliance.tasks import BEAT_SCHEDULE; print(sorted(BEAT_SCHEDULE))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        env={"PATH": os.environ["PATH"]},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['compliance-link-check', 'compliance-nightly-sweep']"


@pytest.mark.django_db
def test_the_findings_table_leaves_room_for_heap_only_updates():
    """Half of each page of the findings table is left free (migration 0008), so the UPDATE
    that moves ``last_seen_at`` forward on unchanged findings touches none of its indexes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", ["compliance_finding"])
        assert cursor.fetchone()[0] == ["fillfactor=50"]
