"""After PostgreSQL drops the register's connections (a restart under load), the next request
and the next task succeed: web requests check a reused connection first (CONN_HEALTH_CHECKS),
Celery's worker opens a fresh one for each task."""

from __future__ import annotations

import json
from types import SimpleNamespace

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _get(path: str) -> tuple[str, bytes]:
    """A request through Django's WSGI handler as a server runs it (the test client skips the
    connection housekeeping at the start and end of each request)."""
    environ = RequestFactory().get(path).environ
    statuses = []
    body = b"".join(WSGIHandler()(environ, lambda status, _headers: statuses.append(status)))
    return statuses[0], body


def _terminate_the_registers_connection(database_url: str) -> None:
    pid = connection.connection.info.backend_pid
    with psycopg.connect(database_url, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])


def test_the_next_request_succeeds_after_the_connection_was_terminated(settings, database_url):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    status, _ = _get("/readyz")
    assert status.startswith("200")
    assert connection.connection is not None  # kept for the next request

    _terminate_the_registers_connection(database_url)

    status, body = _get("/readyz")
    assert status.startswith("200"), body
    assert json.loads(body)["status"] == "ok"


def test_the_next_task_succeeds_after_the_connection_was_terminated(database_url):
    from celery.fixups.django import DjangoWorkerFixup

    from config.celery import app

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    _terminate_the_registers_connection(database_url)

    fixup = DjangoWorkerFixup(app)
    task = SimpleNamespace(request=SimpleNamespace(is_eager=False))
    fixup.on_task_prerun(sender=task)  # what the worker does before every task
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
