"""Reports of several systems made by a real Celery worker on the real Redis broker: asked for
by another process of the register, built in a worker child process within the task's limits,
stored, and downloaded from the page.

The worker and the asking process run as separate processes configured with the broker, as in
production; this test process prepares the data and watches the database.
"""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from demo.bulk import seed_bulk
from oversight.models import CollectionReport, ReportFailure, ReportStatus
from tests.factories import complete_system
from tests.oversight.report_support import pdf_text
from tests.worker_support import celery_worker, run_python

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ASK_FOR_THE_REPORT = """
import sys
import django
django.setup()
from django.contrib.auth import get_user_model
from register.models import Organisation
from oversight.reports.services import collection_report_request
scope = sys.argv[2] if len(sys.argv) > 2 else "agency-a"
report = collection_report_request(
    actor=get_user_model().objects.get(username="regulator"),
    organisation=None if scope == "*" else Organisation.objects.get(short_code=scope),
    language=sys.argv[1],
)
print(report.pk)
"""


@pytest.fixture
def environ(database_url, redis_url, tmp_path):
    """What the worker and the asking process run with: the test database, the broker and a
    reports storage of the test's own."""
    return {
        **{key: value for key, value in os.environ.items() if key != "DATABASE_OWNER_URL"},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": redis_url,
        # The folder of the reports storage this process reads (tests/conftest.py).
        "REPORTS_ROOT": str(tmp_path / "reports"),
        "EMAIL_BACKEND": "console",
    }


@pytest.fixture
def published(agency, editor, publish, regulator):
    return [publish(complete_system(agency, editor)) for _ in range(3)]


def _ask(environ: dict[str, str], language: str, scope: str = "agency-a") -> CollectionReport:
    asked = run_python(environ, ASK_FOR_THE_REPORT, language, scope)
    assert asked.returncode == 0, asked.stderr
    return CollectionReport.objects.get(pk=int(asked.stdout.split()[-1]))


def _finished(report: CollectionReport, worker, timeout: float = 90) -> CollectionReport:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        report.refresh_from_db()
        if not report.is_running:
            return report
        assert worker.poll() is None, worker.stdout.read()
        time.sleep(0.2)
    pytest.fail(f"the report was still {report.status} after {timeout} s")


def test_a_worker_builds_the_report_and_the_page_hands_it_out(
    environ, published, client, regulator, tmp_path
):
    with celery_worker(environ, "--pool=prefork", "--concurrency=1") as worker:
        report = _finished(_ask(environ, "ru"), worker)
        assert report.status == ReportStatus.READY, report.failure
        # Asked again with nothing changed: the same report, nothing queued.
        assert _ask(environ, "ru").pk == report.pk
    output = worker.communicate(timeout=30)[0]
    assert "Task oversight.build_report[" in output and "succeeded" in output
    assert output.count("Task oversight.build_report[") == 2  # received, then succeeded
    stored = tmp_path / "reports" / report.file
    assert stored.is_file() and stored.stat().st_size == report.size
    client.force_login(regulator)
    download = client.get(f"/ru/oversight/reports/{report.pk}/report.pdf")
    pdf = b"".join(download.streaming_content)
    assert download.status_code == 200 and pdf == stored.read_bytes()
    text = pdf_text(pdf)
    assert all(system.public_id in text for system in published)


def test_a_build_past_its_time_limit_fails_and_says_so(environ, regulator):
    seed_bulk(200, seed=7, published_share=1)  # some ten seconds of layout
    # The limits are given to the task when it is queued, by the asking process.
    limited = {**environ, "REPORTS_SOFT_TIME_LIMIT": "1", "REPORTS_TIME_LIMIT": "5"}
    with celery_worker(limited, "--pool=prefork", "--concurrency=1") as worker:
        report = _finished(_ask(limited, "kk", "*"), worker)
    assert report.status == ReportStatus.FAILED
    assert report.failure == ReportFailure.TIME_LIMIT
    assert report.finished_at - report.claimed_at < dt.timedelta(seconds=5)
