"""Import jobs over time: progress while checking and while applying (seen by the job page while
the application's transaction is still open)."""

from __future__ import annotations

import pytest
from django.db import transaction

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


def test_an_applied_job_counts_its_rows_again(agency, editor, django_capture_on_commit_callbacks):
    job = _job(agency, editor, rows=[{**MINIMAL, "external_id": f"A-{n}"} for n in range(3)])
    services.import_plan(job_id=job.pk)
    assert services.import_request_apply(job=job)
    services.import_apply(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == ("applied", 3, 3)


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
