"""A real Celery worker on the real Redis broker: saving a record produces its findings."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from compliance.models import Finding
from config.celery import app
from tests.factories import complete_system

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/10")

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _reset_connections() -> None:
    """Drop pooled broker connections so the next message uses the current broker URL."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker(settings):
    """A worker process on the test database, and the app in this process sending to it."""
    database = connection.settings_dict
    environ = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "CELERY_BROKER_URL": BROKER,
    }
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
    previous = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=BROKER, task_always_eager=False)
    settings.CELERY_BROKER_URL = BROKER
    _reset_connections()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if app.control.ping(timeout=1.0):
                break
            assert process.poll() is None, process.stdout.read()
        else:
            pytest.fail("the worker did not start within 60 s")
        yield process
    finally:
        app.conf.update(**previous)
        _reset_connections()
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_saving_a_record_produces_its_findings_within_seconds(worker, agency, editor):
    system = complete_system(
        agency,
        editor,
        answers={
            "is_ai_system": True,
            "role": "deployer",
            "public_authority": True,
            "annex_iii": ["5a"],
            "profiling": True,
        },
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if Finding.objects.filter(system=system, rule_id="AIA-27-01", status="open").exists():
            break
        time.sleep(0.2)
    else:
        pytest.fail("no finding within 20 s")
    assert Finding.objects.get(system=system, rule_id="AIA-27-01").severity == "blocker"
    # The worker, not this process, did the work.
    worker.send_signal(signal.SIGTERM)
    output = worker.communicate(timeout=30)[0]
    assert "Task compliance.check_system[" in output and "succeeded" in output
