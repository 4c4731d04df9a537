"""Reports of several systems: an organisation's or the whole register's, made by the task
``oversight.build_report`` (in-process here, as without a broker; a real worker in
``test_collection_report_worker.py``), kept in the reports storage, handed out again while
their data is unchanged, verifiable, and only for those who may read every system in them."""

from __future__ import annotations

import os
import signal

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance.models import Finding, FindingStatus
from oversight.models import CollectionReport, ReportFailure, ReportStatus, reports_storage
from oversight.reports import services as services_module
from oversight.reports import verify as verify_module
from oversight.reports.collection import BATCH, Scope, collection_html, entries, scope_digest
from oversight.reports.render import html_to_pdf
from oversight.reports.services import (
    collection_report_build,
    collection_report_request,
    collection_reports_sweep,
)
from oversight.reports.verify import verify
from register import workflow
from register.services import publication
from register.services.publication import system_withdraw
from tests.factories import UserFactory, complete_system
from tests.oversight.report_support import KAZAKH_NAME, outline_titles, pdf_reader, pdf_text
from tests.register.test_no_english import english_on

REPORTS = "/en/oversight/reports/"


@pytest.fixture
def two_systems(agency, editor, publish):
    first = publish(complete_system(agency, editor, name_kk=KAZAKH_NAME))
    second = publish(complete_system(agency, editor, name_en="Second assistant"))
    return first, second


@pytest.fixture
def other_system(other_agency, other_agency_editor, other_agency_approver):
    system = complete_system(other_agency, other_agency_editor, name_en="Other agency's")
    publication.system_submit(system=system, actor=other_agency_editor)
    publication.system_publish(
        system=system,
        actor=other_agency_approver,
        confirmed=workflow.confirmation_names("publish"),
    )
    system.refresh_from_db()
    return system


@pytest.fixture
def make(django_capture_on_commit_callbacks):
    """Ask for a report and run what its request queued (the build, in this process)."""

    def _make(actor, organisation, language="en") -> CollectionReport:
        with django_capture_on_commit_callbacks(execute=True):
            report = collection_report_request(
                actor=actor, organisation=organisation, language=language
            )
        report.refresh_from_db()
        return report

    return _make


def _pdf(report: CollectionReport) -> bytes:
    with reports_storage().open(report.file, "rb") as handle:
        return handle.read()


# --- What a report holds ----------------------------------------------------------------------


def test_an_organisations_report_has_its_summary_then_a_section_per_system(
    make, regulator, agency, two_systems, other_system, reports_folder
):
    report = make(regulator, agency, "kk")
    assert report.status == ReportStatus.READY, report.failure
    assert report.systems_total == 2 and report.pages >= 2
    assert (reports_folder / report.file).is_file()
    pdf = _pdf(report)
    assert report.size == len(pdf)
    text = pdf_text(pdf)
    for system in two_systems:
        assert system.public_id in text
        assert system.published_version.record_sha256 in text.replace("\n", "")
    assert other_system.public_id not in text
    assert KAZAKH_NAME in text
    reader = pdf_reader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "kk"
    titles = outline_titles(pdf)
    assert any(two_systems[0].public_id in title for title in titles)
    # The open findings of each system are listed with their rule.
    rule = Finding.objects.filter(system=two_systems[0], status=FindingStatus.OPEN).first()
    assert rule is not None and rule.rule_id in text


def test_the_whole_registers_report_names_every_organisation(
    make, regulator, agency, two_systems, other_system
):
    report = make(regulator, None, "ru")
    assert report.status == ReportStatus.READY
    text = pdf_text(_pdf(report))
    assert other_system.public_id in text and two_systems[1].public_id in text
    # The organisations' table and each section name the organisation, in the report's language.
    assert text.replace("\n", " ").count(other_system.organisation.name_ru) >= 2


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_english_in_a_kazakh_or_russian_report_of_several_systems(
    regulator, agency, two_systems, other_system, language
):
    scope = Scope(None)
    html = collection_html(scope, language, digest=scope_digest(scope)).html
    assert english_on(html, language) == []


def test_user_text_in_a_record_is_printed_as_text(make, regulator, agency, editor, publish):
    publish(complete_system(agency, editor, name_en='<b>bold</b> & <img src="x">'))
    text = pdf_text(_pdf(make(regulator, agency)))
    assert '<b>bold</b> & <img src="x">' in text


# --- Reuse, and what changes it -----------------------------------------------------------------


def test_asking_again_while_nothing_changed_hands_out_the_same_report(
    make, regulator, approver, agency, two_systems
):
    first = make(regulator, agency)
    again = make(approver, agency)
    assert again.pk == first.pk
    assert CollectionReport.objects.count() == 1
    # Another language is another report.
    assert make(regulator, agency, "ru").pk != first.pk


def test_a_changed_finding_or_a_withdrawn_record_makes_a_new_report(
    make, regulator, approver, agency, two_systems
):
    first = make(regulator, agency)
    finding = Finding.objects.filter(system=two_systems[0], status=FindingStatus.OPEN).first()
    Finding.objects.filter(pk=finding.pk).update(
        status=FindingStatus.RESOLVED, resolved_at=timezone.now()
    )
    second = make(regulator, agency)
    assert second.pk != first.pk and second.data_sha256 != first.data_sha256
    system_withdraw(system=two_systems[1], actor=approver)
    third = make(regulator, agency)
    assert third.pk not in (first.pk, second.pk)


def test_the_digest_is_computed_in_two_queries_whatever_the_size(
    regulator, agency, editor, publish, two_systems
):
    with CaptureQueriesContext(connection) as small:
        scope_digest(Scope(agency))
    publish(complete_system(agency, editor))
    with CaptureQueriesContext(connection) as larger:
        digest = scope_digest(Scope(agency))
    assert len(small) == len(larger) == 2
    assert digest.systems == 3


def test_the_sections_are_read_in_batches_of_fixed_queries(agency, two_systems):
    with CaptureQueriesContext(connection) as queries:
        batches = list(entries(Scope(agency), "en"))
    assert [len(batch) for batch in batches] == [2] and BATCH >= 2
    assert len(queries) == 3  # the list, then per batch the systems and their findings


# --- Verification -------------------------------------------------------------------------------


def test_a_fresh_report_verifies_and_a_changed_register_is_named(
    make, regulator, agency, editor, publish, two_systems
):
    pdf = _pdf(make(regulator, agency))
    result = verify(pdf)
    assert result.is_collection and result.matches and result.organisation == agency
    Finding.objects.filter(system=two_systems[0]).update(
        status=FindingStatus.RESOLVED, resolved_at=timezone.now()
    )
    assert verify(pdf).codes == [verify_module.FINDINGS_CHANGED]
    publish(complete_system(agency, editor))
    result = verify(pdf)
    assert result.codes == [verify_module.RECORDS_CHANGED, verify_module.FINDINGS_CHANGED]
    assert "3" in str(result.changes[0].message) and "2" in str(result.changes[0].message)


def test_verify_report_command_on_a_report_of_several_systems(
    make, regulator, agency, editor, publish, two_systems, tmp_path, capsys
):
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf(make(regulator, agency)))
    call_command("verify_report", str(path))
    out = capsys.readouterr().out
    assert f"Report of organisation {agency.short_code} (2 systems)" in out
    assert "the report matches the register" in out
    publish(complete_system(agency, editor))
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_report", str(path))
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert "no longer matches" in out and "The published records have changed" in out


def test_the_verification_page_reads_a_report_of_several_systems(
    make, client, regulator, other_agency_editor, agency, two_systems
):
    pdf = _pdf(make(regulator, agency))
    client.force_login(regulator)
    upload = SimpleUploadedFile("report.pdf", pdf, content_type="application/pdf")
    page = client.post("/en/oversight/verify/", {"report": upload})
    assert page.status_code == 200
    assert "The report of 2 systems: nothing has changed since it was made." in page.text
    # Another organisation's people learn nothing about this one from verifying its report.
    client.force_login(other_agency_editor)
    upload = SimpleUploadedFile("report.pdf", pdf, content_type="application/pdf")
    page = client.post("/en/oversight/verify/", {"report": upload})
    assert "The register holds no record with this number." in page.text
    assert "nothing has changed" not in page.text


# --- Limits and failures --------------------------------------------------------------------------


def test_a_selection_larger_than_a_report_may_hold_is_refused_with_a_reason(
    client, settings, regulator, agency, two_systems
):
    settings.REPORTS_MAX_SYSTEMS = 1
    with pytest.raises(ValidationError) as refused:
        collection_report_request(actor=regulator, organisation=agency, language="en")
    assert refused.value.code == ReportFailure.TOO_MANY
    client.force_login(regulator)
    page = client.post(REPORTS, {"scope": agency.short_code, "lang": "ru"})
    assert page.status_code == 200
    assert "a report holds at most 1" in page.text
    assert not CollectionReport.objects.exists()


def test_an_organisation_without_a_published_record_has_no_report(regulator, agency):
    with pytest.raises(ValidationError) as refused:
        collection_report_request(actor=regulator, organisation=agency, language="en")
    assert refused.value.code == ReportFailure.EMPTY


def test_a_build_past_its_soft_time_limit_fails_with_that_reason(
    monkeypatch, regulator, agency, two_systems
):
    with transaction.atomic():
        report = collection_report_request(actor=regulator, organisation=agency, language="en")

    def soft_time_limit(signum, frame):  # what billiard raises in a worker past the limit
        raise SoftTimeLimitExceeded

    def render_past_the_limit(*args, **kwargs):  # the limit falls due while the PDF is made
        os.kill(os.getpid(), signal.SIGALRM)
        return html_to_pdf(*args, **kwargs)

    monkeypatch.setattr(services_module, "html_to_pdf", render_past_the_limit)
    previous = signal.signal(signal.SIGALRM, soft_time_limit)
    try:
        collection_report_build(report_id=report.pk)
    finally:
        signal.signal(signal.SIGALRM, previous)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.failure == ReportFailure.TIME_LIMIT and not report.file


def test_a_build_stops_itself_at_its_soft_time_limit_should_the_signal_be_swallowed(
    settings, monkeypatch, regulator, agency, two_systems
):
    """A library that catches ``Exception`` where the task's soft limit lands carries on; the
    build's own check between two steps stops it all the same."""
    with transaction.atomic():
        report = collection_report_request(actor=regulator, organisation=agency, language="en")
    settings.REPORTS_SOFT_TIME_LIMIT = 1
    clock = iter([0.0, 0.5, 5.0])  # at the claim, after the first step, after the second
    monkeypatch.setattr(services_module, "clock", lambda: next(clock, 9.0))
    assert collection_report_build(report_id=report.pk) == ReportFailure.TIME_LIMIT
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.failure == ReportFailure.TIME_LIMIT and not report.file


def test_a_build_beyond_its_memory_limit_fails_with_that_reason(
    settings, regulator, agency, two_systems
):
    with transaction.atomic():
        report = collection_report_request(actor=regulator, organisation=agency, language="en")
    settings.REPORTS_MEMORY_LIMIT_MB = 64  # less than this process holds already
    assert collection_report_build(report_id=report.pk) == ReportFailure.MEMORY_LIMIT
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.failure == ReportFailure.MEMORY_LIMIT and not report.file


def test_a_build_delivered_twice_builds_once(make, regulator, agency, two_systems):
    report = make(regulator, agency)
    events = report.events.count()
    collection_report_build(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY and report.attempts == 1
    assert report.events.count() == events


def test_the_sweep_queues_a_lost_build_again_and_fails_it_after_the_second_loss(
    settings, django_capture_on_commit_callbacks, regulator, agency, two_systems
):
    with transaction.atomic():
        report = collection_report_request(actor=regulator, organisation=agency, language="en")
    long_ago = report.created_at.replace(year=report.created_at.year - 1)
    CollectionReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.RUNNING, claimed_at=long_ago, attempts=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        counts = collection_reports_sweep()
    assert counts["requeued"] == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.READY and report.attempts == 2
    CollectionReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.RUNNING, claimed_at=long_ago
    )
    assert collection_reports_sweep()["failed"] == 1
    report.refresh_from_db()
    assert report.failure == ReportFailure.WORKER_LOST


def test_the_sweep_deletes_reports_nobody_asked_for_in_the_retention_period(
    make, settings, regulator, agency, two_systems, reports_folder
):
    report = make(regulator, agency)
    path = reports_folder / report.file
    assert path.is_file()
    CollectionReport.objects.filter(pk=report.pk).update(
        last_requested_at=report.created_at.replace(year=report.created_at.year - 1)
    )
    assert collection_reports_sweep()["deleted"] == 1
    assert not path.exists() and not CollectionReport.objects.exists()


def test_the_layout_reports_each_page_as_it_goes():
    pages: list[int] = []
    html = "<html><body>" + '<p style="page-break-after: always">x</p>' * 4 + "</body></html>"
    rendered = html_to_pdf(html, on_page=pages.append)
    assert pages == [1, 2, 3, 4] and rendered.pages == 4


# --- Who may ask, read and download ----------------------------------------------------------


def test_only_regulators_may_ask_for_the_whole_register(regulator, approver, two_systems):
    with pytest.raises(PermissionDenied):
        collection_report_request(actor=approver, organisation=None, language="en")
    assert collection_report_request(actor=regulator, organisation=None, language="en")


def test_an_agency_asks_only_for_its_own_organisations_report(
    client, make, editor, agency, other_agency, two_systems, other_system
):
    with pytest.raises(PermissionDenied):
        collection_report_request(actor=editor, organisation=other_agency, language="en")
    client.force_login(editor)
    page = client.get(REPORTS)
    assert page.status_code == 200
    choices = [value for value, _label in page.context["form"].fields["scope"].choices]
    assert choices == [agency.short_code]
    refused = client.post(REPORTS, {"scope": "*", "lang": "en"})
    assert refused.status_code == 200 and not CollectionReport.objects.exists()
    assert "Choose whose systems the report covers." in refused.text


def test_a_regulator_asks_on_the_page_follows_the_progress_and_downloads(
    client, regulator, agency, two_systems, django_capture_on_commit_callbacks
):
    client.force_login(regulator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REPORTS, {"scope": agency.short_code, "lang": "ru"})
    report = CollectionReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/oversight/reports/{report.pk}/"
    page = client.get(response["Location"])
    assert "Download the report (PDF)" in page.text
    download = client.get(f"/en/oversight/reports/{report.pk}/report.pdf")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "no-store" in download["Cache-Control"]
    assert f"audit-report-{agency.short_code}-" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    listing = client.get(REPORTS)
    assert f"/en/oversight/reports/{report.pk}/" in listing.text


def test_a_report_being_made_refreshes_its_page_unless_asked_not_to(
    client, regulator, agency, two_systems
):
    with transaction.atomic():
        report = collection_report_request(actor=regulator, organisation=agency, language="en")
    client.force_login(regulator)
    page = client.get(f"/en/oversight/reports/{report.pk}/")
    assert '<meta http-equiv="refresh" content="5">' in page.text
    assert "Stop refreshing this page" in page.text
    still = client.get(f"/en/oversight/reports/{report.pk}/?refresh=off")
    assert 'http-equiv="refresh"' not in still.text
    assert client.get(f"/en/oversight/reports/{report.pk}/report.pdf").status_code == 404


@pytest.mark.parametrize(
    ("user_fixture", "page", "download"),
    [
        ("regulator", 200, 200),
        ("site_admin", 200, 200),
        ("editor", 200, 200),
        ("approver", 200, 200),
        ("other_agency_editor", 404, 404),
        ("other_agency_approver", 404, 404),
    ],
)
def test_who_reads_and_downloads_an_organisations_report(
    request, client, make, regulator, agency, two_systems, user_fixture, page, download
):
    report = make(regulator, agency)
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(f"/en/oversight/reports/{report.pk}/").status_code == page
    assert client.get(f"/en/oversight/reports/{report.pk}/report.pdf").status_code == download


@pytest.mark.parametrize("user_fixture", ["editor", "approver", "other_agency_editor"])
def test_the_whole_registers_report_is_the_regulators_only(
    request, client, make, regulator, two_systems, user_fixture
):
    report = make(regulator, None)
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(f"/en/oversight/reports/{report.pk}/").status_code == 404
    assert client.get(f"/en/oversight/reports/{report.pk}/report.pdf").status_code == 404


def test_the_public_never_reaches_the_reports(client, make, regulator, agency, two_systems):
    report = make(regulator, agency)
    for url in (REPORTS, f"/en/oversight/reports/{report.pk}/", f"{REPORTS}{report.pk}/report.pdf"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_someone_of_no_organisation_may_not_ask(client, db):
    client.force_login(UserFactory(username="nobody"))
    assert client.get(REPORTS).status_code == 403


@pytest.mark.parametrize("reports", [1, 8])
def test_the_reports_pages_read_the_same_queries_however_many_reports(
    client,
    regulator,
    agency,
    other_agency,
    two_systems,
    other_system,
    reports,
    django_assert_max_num_queries,
):
    for number in range(reports):
        with transaction.atomic():
            report = collection_report_request(
                actor=regulator,
                organisation=(agency, other_agency, None)[number % 3],
                language=("en", "kk", "ru")[number % 3 if number < 3 else (number // 3) % 3],
            )
    client.force_login(regulator)
    with django_assert_max_num_queries(12):
        assert client.get(REPORTS).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/en/oversight/reports/{report.pk}/").status_code == 200
