"""An import of the largest file the setting allows (10,000 rows), checked and applied. Run with
``pytest -m slow tests/api/test_import_scale.py -s`` to see the times."""

from __future__ import annotations

import time

import pytest

from api.imports.services import dry_run, run_import
from register.models import AISystem
from tests.api.import_helpers import MINIMAL, csv_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROWS = 10_000


def test_ten_thousand_rows_are_checked_and_applied_in_a_fixed_number_of_queries(
    agency, editor, django_assert_max_num_queries
):
    data = csv_bytes(
        [
            {**MINIMAL, "external_id": f"S-{i}", "oversight.mode": "human_decides"}
            for i in range(ROWS)
        ]
    )
    started = time.perf_counter()
    with django_assert_max_num_queries(10):
        _fmt, plan = dry_run("big.csv", data, organisation=agency, actor=editor)
    checked = time.perf_counter()
    assert plan.counts()["create"] == ROWS
    run_import("big.csv", data, organisation=agency, actor=editor)
    applied = time.perf_counter()
    assert AISystem.objects.filter(organisation=agency).count() == ROWS
    again = time.perf_counter()
    _fmt, plan = dry_run("big.csv", data, organisation=agency, actor=editor)
    assert plan.counts()["unchanged"] == ROWS
    print(
        f"\n{ROWS} rows: dry run {checked - started:.1f} s, apply {applied - checked:.1f} s, "
        f"dry run against existing records {time.perf_counter() - again:.1f} s"
    )


def test_an_agencys_spreadsheet_of_500_systems_imports_through_the_pages_without_losing_a_row(
    client, agency, editor, django_capture_on_commit_callbacks
):
    """The issue's "done when": the upload page, the dry run, Apply, and what happens after
    the commit (each new record checked by the compliance engine, in-process without a
    broker), with a part sheet of several items per record."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from api.imports.models import ImportJob
    from register.models import Risk
    from tests.api.import_helpers import xlsx_bytes

    systems = [
        {
            **MINIMAL,
            "external_id": f"INV-{i}",
            "name_en": f"System {i}",
            "oversight.can_stop": "yes",
        }
        for i in range(500)
    ]
    risks = [
        {"external_id": f"INV-{i}", "name_en": f"Risk {i}.{n}", "likelihood": "low"}
        for i in range(500)
        for n in range(2)
    ]
    data = xlsx_bytes({"systems": systems, "risks": risks})
    client.force_login(editor)
    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/workspace/import/", {"file": SimpleUploadedFile("inventory.xlsx", data)}
        )
    job = ImportJob.objects.get()
    assert (job.status, job.created_count, job.error_count) == ("planned", 500, 0)
    checked = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    applied = time.perf_counter()
    job.refresh_from_db()
    assert job.status == "applied"
    names = set(AISystem.objects.filter(organisation=agency).values_list("name_en", flat=True))
    assert names == {row["name_en"] for row in systems}
    assert Risk.objects.filter(system__organisation=agency).count() == 1000
    assert len(job.result) == 500
    print(
        f"\n500 systems with 1,000 risks: upload and dry run {checked - started:.1f} s, "
        f"apply with the checks after it {applied - checked:.1f} s"
    )
