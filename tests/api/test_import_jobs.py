"""Import jobs over time: progress while checking and while applying (seen by the job page while
the application's transaction is still open), jobs whose worker vanished, and the deletion of
old uploaded files by the periodic sweep and its command."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api.imports import services
from api.imports.apply import apply_plan
from api.imports.models import ImportJob
from register.models import AISystem
from tests.api.import_helpers import MINIMAL, csv_bytes
from tests.factories import complete_system

pytestmark = pytest.mark.django_db

Status = ImportJob.Status


def _job(agency, editor, rows=None, **fields) -> ImportJob:
    return ImportJob.objects.create(
        organisation=agency,
        user=editor,
        file_name="systems.csv",
        data=csv_bytes(rows or [{**MINIMAL, "external_id": "J-1"}]),
        language="en",
        **fields,
    )


def _age(job: ImportJob, **delta) -> None:
    """Make ``job`` look as if it was last changed and claimed ``delta`` ago."""
    then = timezone.now() - datetime.timedelta(**delta)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=then, claimed_at=then)


# --- progress -------------------------------------------------------------------------------


def test_applying_reports_the_records_written_as_it_goes(agency, editor):
    complete_system(agency, editor, external_id="U-1")
    rows = [{**MINIMAL, "external_id": f"N-{n}"} for n in range(3)]
    rows.append({**MINIMAL, "external_id": "U-1", "name_en": "Renamed"})
    _fmt, plan = services.dry_run("s.csv", csv_bytes(rows), organisation=agency, actor=editor)
    reported: list[int] = []
    applied = apply_plan(plan, organisation=agency, actor=editor, progress=reported.append)
    assert reported[0] == 3  # the new records, written together
    assert reported[-1] == 4
    assert reported == sorted(reported)
    assert [a.action for a in applied] == ["create", "create", "create", "update"]
    assert AISystem.objects.get(external_id="U-1").name_en == "Renamed"


@pytest.mark.django_db(transaction=True)
def test_the_progress_of_an_application_is_seen_before_its_transaction_ends(
    agency, editor, owner_connection
):
    job = _job(agency, editor, status=Status.APPLYING)
    with transaction.atomic(), services._progress_outside_transaction(job.pk) as progress:
        progress(7)
        seen = owner_connection.execute(
            "SELECT rows_done FROM api_importjob WHERE id = %s", [job.pk]
        ).fetchone()
    assert seen == (7,)


def test_the_dry_run_stores_the_rows_it_counts_towards_before_it_checks_them(agency, editor):
    job = _job(agency, editor, rows=[{**MINIMAL, "external_id": f"T-{n}"} for n in range(5)])
    with CaptureQueriesContext(connection) as queries:
        services.import_plan(job_id=job.pk)
    sql = [query["sql"] for query in queries.captured_queries]
    total = next(
        i
        for i, q in enumerate(sql)
        if q.startswith('UPDATE "api_importjob"') and '"rows_total" = 5' in q
    )
    records = next(i for i, q in enumerate(sql) if 'FROM "register_aisystem"' in q)
    assert total < records  # the page shows "0 of 5" while the rows are checked
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == (Status.PLANNED, 5, 5)


def test_an_applied_job_counts_its_rows_again_and_was_claimed(
    agency, editor, django_capture_on_commit_callbacks
):
    job = _job(agency, editor, rows=[{**MINIMAL, "external_id": f"A-{n}"} for n in range(3)])
    services.import_plan(job_id=job.pk)
    assert services.import_request_apply(job=job)
    services.import_apply(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total, job.attempts) == ("applied", 3, 3, 1)
    assert job.claimed_at is not None


@pytest.mark.parametrize(
    ("status", "label", "text"),
    [
        (Status.PLANNING, "Rows checked", "40 of 120 rows checked."),
        (Status.APPLYING, "Records written", "40 of 100 records written."),
    ],
)
def test_the_job_page_shows_the_progress_of_either_phase(
    client, agency, editor, status, label, text
):
    job = _job(
        agency,
        editor,
        status=status,
        rows_total=120,
        rows_done=40,
        created_count=70,
        updated_count=30,
    )
    client.force_login(editor)
    page = client.get(f"/en/workspace/import/{job.pk}/").content.decode()
    total = 100 if status == Status.APPLYING else 120
    assert f'<progress id="import-progress" max="{total}" value="40"' in page
    assert f'<label class="govuk-label govuk-label--s" for="import-progress">{label}' in page
    assert text in page
    assert 'aria-describedby="import-progress-text"' in page
    assert '<meta http-equiv="refresh"' in page
    assert 'href="?refresh=off"' in page


def test_the_reader_can_stop_the_page_refreshing_and_refresh_it_by_hand(client, agency, editor):
    job = _job(agency, editor, status=Status.APPLYING, created_count=5, rows_done=2)
    client.force_login(editor)
    page = client.get(f"/en/workspace/import/{job.pk}/?refresh=off").content.decode()
    assert '<meta http-equiv="refresh"' not in page
    assert "Show the latest progress" in page
    assert f'href="/en/workspace/import/{job.pk}/"' in page
    ImportJob.objects.filter(pk=job.pk).update(status=Status.APPLIED)
    page = client.get(f"/en/workspace/import/{job.pk}/").content.decode()
    assert '<meta http-equiv="refresh"' not in page
    assert "<progress" not in page


# --- jobs whose worker vanished -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lost", "back", "after"),
    [(Status.PLANNING, Status.PENDING, "planned"), (Status.APPLYING, Status.QUEUED, "applied")],
)
def test_a_job_whose_worker_vanished_is_set_back_and_runs_again(
    agency, editor, settings, django_capture_on_commit_callbacks, lost, back, after
):
    settings.CELERY_TASK_TIME_LIMIT = 300
    job = _job(agency, editor, status=lost, attempts=1)
    if lost == Status.APPLYING:
        ImportJob.objects.filter(pk=job.pk).update(created_count=1)
    _age(job, minutes=7)
    with django_capture_on_commit_callbacks() as callbacks:
        counts = services.imports_sweep()
    assert counts["restarted"] == 1
    job.refresh_from_db()
    assert job.status == back
    for callback in callbacks:  # the task again (in-process, without a broker)
        callback()
    job.refresh_from_db()
    assert job.status == after
    assert job.attempts == 2


def test_a_job_claimed_within_the_time_limit_is_left_to_its_worker(agency, editor, settings):
    settings.CELERY_TASK_TIME_LIMIT = 300
    job = _job(agency, editor, status=Status.APPLYING, attempts=1)
    _age(job, minutes=5)  # 300 s and the minute of grace are not over
    assert services.imports_sweep()["restarted"] == 0
    job.refresh_from_db()
    assert job.status == Status.APPLYING


def test_a_job_that_lost_its_worker_twice_fails_with_a_message(agency, editor, settings):
    settings.CELERY_TASK_TIME_LIMIT = 60
    job = _job(agency, editor, status=Status.PLANNING, attempts=2)
    _age(job, minutes=3)
    assert services.imports_sweep()["failed"] == 1
    job.refresh_from_db()
    assert job.status == Status.FAILED
    (error,) = job.report["errors"]
    assert "stopped before it finished, and again" in error["message"]
    assert not AISystem.objects.exists()


# --- old files ------------------------------------------------------------------------------


def test_the_files_of_old_jobs_are_deleted_and_their_reports_kept(agency, editor, settings):
    settings.API_IMPORT_RETENTION_DAYS = 30
    applied = _job(agency, editor, status=Status.APPLIED, report={"counts": {"create": 1}})
    failed = _job(agency, editor, status=Status.FAILED)
    recent = _job(agency, editor, status=Status.APPLIED)
    waiting = _job(agency, editor, status=Status.QUEUED)
    for job in (applied, failed, waiting):
        _age(job, days=31)
    _age(recent, days=29)
    assert services.imports_sweep()["purged"] == 2
    for job in (applied, failed, recent, waiting):
        job.refresh_from_db()
    assert bytes(applied.data) == bytes(failed.data) == b""
    assert applied.purged_at is not None
    assert applied.report == {"counts": {"create": 1}}
    assert bytes(recent.data) and recent.purged_at is None
    assert bytes(waiting.data)  # a job still to run keeps its file
    assert services.imports_sweep()["purged"] == 0


def test_a_checked_job_nobody_applied_fails_when_its_file_is_deleted(
    client, agency, editor, settings
):
    settings.API_IMPORT_RETENTION_DAYS = 1
    job = _job(agency, editor, status=Status.PLANNED, report={"counts": {"create": 1}})
    _age(job, days=2)
    services.imports_sweep()
    job.refresh_from_db()
    assert (job.status, bytes(job.data), job.can_apply) == (Status.FAILED, b"", False)
    assert "deleted 1 day after it was checked" in job.report["errors"][0]["message"]
    client.force_login(editor)
    assert "Apply the import" not in client.get(f"/en/workspace/import/{job.pk}/").content.decode()


def test_the_command_runs_the_sweep(agency, editor, settings):
    settings.API_IMPORT_RETENTION_DAYS = 30
    job = _job(agency, editor, status=Status.APPLIED)
    _age(job, days=40)
    out = io.StringIO()
    call_command("sweep_imports", stdout=out)
    assert out.getvalue().strip() == "Imports: failed 0, purged 1, restarted 0."
    job.refresh_from_db()
    assert bytes(job.data) == b""


def test_the_sweep_is_a_periodic_task_beside_the_others(settings):
    from api.tasks import BEAT_SCHEDULE, sweep_imports

    assert BEAT_SCHEDULE["api-import-sweep"]["task"] == sweep_imports.name == "api.sweep_imports"
    assert "api-webhook-sweep" in BEAT_SCHEDULE
    assert settings.CELERY_BEAT_SCHEDULE["api-import-sweep"] == BEAT_SCHEDULE["api-import-sweep"]
