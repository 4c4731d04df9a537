"""A real Celery worker on the real Redis broker: saving a record produces its findings.

Both the worker and the process that saves the record run as separate processes configured
with the broker, exactly as in production; this test process only prepares the data and
watches the database.
"""

from __future__ import annotations

import os
import signal
import time

import pytest

from compliance.models import Finding
from register.models import AISystem
from tests.worker_support import celery_worker, run_python

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SAVE_A_HIGH_RISK_RECORD = """
import django
django.setup()
from django.contrib.auth import get_user_model
from register.models import Organisation
from tests.factories import complete_system
system = complete_system(
    Organisation.objects.get(short_code="agency-a"),
    get_user_model().objects.get(username="editor-a"),
    answers={"is_ai_system": True, "role": "deployer", "public_authority": True,
             "annex_iii": ["5a"], "profiling": True},
)
print(system.pk)
"""


@pytest.fixture
def environ(database_url, redis_url):
    """What the worker and the saving process run with: the test database, the broker."""
    # The worker serves, it does not migrate: no owner role (which names the main database).
    return {
        **{key: value for key, value in os.environ.items() if key != "DATABASE_OWNER_URL"},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": redis_url,
        # The checks run on today's date: the Annex III duties at the AI Act's original date.
        "COMPLIANCE_EFFECTIVE_DATES": "ai_act.high_risk.annex_iii=2026-08-02",
    }


@pytest.fixture
def worker(environ):
    with celery_worker(environ, "--pool=solo") as process:
        yield process


def test_saving_a_record_produces_its_findings_within_seconds(worker, environ, agency, editor):
    saved = run_python(environ, SAVE_A_HIGH_RISK_RECORD)
    assert saved.returncode == 0, saved.stderr
    system = AISystem.objects.get(pk=int(saved.stdout.split()[-1]))
    started = time.monotonic()
    while time.monotonic() - started < 60:
        if Finding.objects.filter(system=system, rule_id="AIA-27-01", status="open").exists():
            break
        assert worker.poll() is None, worker.stdout.read()
        time.sleep(0.2)
    else:
        pytest.fail("no finding within 60 s of the save")
    assert Finding.objects.get(system=system, rule_id="AIA-27-01").severity == "blocker"
    # The worker, not the saving process, did the work.
    worker.send_signal(signal.SIGTERM)
    output = worker.communicate(timeout=30)[0]
    assert "Task compliance.check_system[" in output and "succeeded" in output


QUEUE_A_CHECK_BATCH = """
import sys
import django
django.setup()
from compliance.tasks import check_batch
check_batch.delay([int(pk) for pk in sys.argv[1:]])
"""


@pytest.fixture
def prefork_worker(environ):
    """A worker whose task runs in a child process, as in production, so that the child can be
    killed while the worker lives on."""
    with celery_worker(
        {**environ, "EMAIL_BACKEND": "console"}, "--pool=prefork", "--concurrency=1"
    ) as process:
        yield process


def _waiting_for_a_lock_on(table: str, database_url: str) -> bool:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as watcher:
        row = watcher.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND query ILIKE %s",
            [f"%{table}%"],
        ).fetchone()
    return bool(row and row[0])


@pytest.mark.usefixtures("annex_iii_in_force")
def test_a_check_batch_killed_mid_way_is_redelivered_and_completed_once(
    prefork_worker, environ, database_url, agency, approver
):
    import psutil
    from django.db import transaction

    from compliance.checks import check_systems
    from compliance.models import CheckRun
    from register.models import OutgoingEmail
    from tests.compliance.factories import compliant_high_risk_system

    systems = [compliant_high_risk_system(organisation=agency, performance_en="") for _ in range(3)]
    ids = [system.pk for system in systems]
    # Hold a lock on one of the batch's records, so that the worker is stopped in the middle
    # of the batch (its check run started, its transaction open) until the lock is released.
    with transaction.atomic():
        AISystem.objects.select_for_update().filter(pk=ids[-1]).get()
        queued = run_python(environ, QUEUE_A_CHECK_BATCH, *map(str, ids))
        assert queued.returncode == 0, queued.stderr
        started = time.monotonic()
        while not _waiting_for_a_lock_on("register_aisystem", database_url):
            assert prefork_worker.poll() is None, prefork_worker.stdout.read()
            assert time.monotonic() - started < 60, "the worker never reached the batch"
            time.sleep(0.2)
        (child,) = psutil.Process(prefork_worker.pid).children()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    # The lock is released: the redelivered task runs the batch again, to the end.
    started = time.monotonic()
    while not CheckRun.objects.filter(finished_at__isnull=False).exists():
        assert prefork_worker.poll() is None, prefork_worker.stdout.read()
        assert time.monotonic() - started < 90, "the task was not redelivered"
        time.sleep(0.2)
    runs = list(CheckRun.objects.order_by("pk"))
    assert len(runs) == 2  # the killed attempt (never finished) and the redelivered one
    assert runs[0].finished_at is None and runs[1].systems_checked == 3
    findings = Finding.objects.filter(system_id__in=ids, rule_id="AIA-15-01", status="open")
    assert sorted(findings.values_list("system_id", flat=True)) == ids
    # Nothing duplicated, nothing lost: checking again here finds nothing new or changed.
    again = check_systems(ids, trigger="command")
    assert (again.findings_opened, again.findings_changed) == (0, 0)
    # The killed attempt's digest was never committed: the approver gets one.
    assert OutgoingEmail.objects.filter(kind="compliance_digest").count() == 1
    prefork_worker.send_signal(signal.SIGTERM)
    output = prefork_worker.communicate(timeout=30)[0]
    assert "WorkerLostError" in output
    assert output.count("Task compliance.check_batch[") >= 1 and "succeeded" in output
