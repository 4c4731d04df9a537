"""A real Celery worker on the real Redis broker: saving a record produces its findings.

Both the worker and the process that saves the record run as separate processes configured
with the broker, exactly as in production; this test process only prepares the data and
watches the database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compliance.models import Finding
from register.models import AISystem

ROOT = Path(__file__).resolve().parents[2]
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
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": redis_url,
    }


@pytest.fixture
def worker(environ):
    subprocess.run(  # a clean queue: nothing left from an earlier run
        [sys.executable, "-m", "celery", "-A", "config", "purge", "-f"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        timeout=60,
        check=False,
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_saving_a_record_produces_its_findings_within_seconds(worker, environ, agency, editor):
    saved = subprocess.run(
        [sys.executable, "-c", SAVE_A_HIGH_RISK_RECORD],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
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
