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
