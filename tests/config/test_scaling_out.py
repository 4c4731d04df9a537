"""What lets the register run on several machines: public reads from a replica, a statement
timeout for the web nodes, and a Celery queue per kind of work."""

from __future__ import annotations

import os

import pytest
from django.test import RequestFactory

from config import routers
from config.celery import app
from config.routers import REPLICA, PublicReadsFromReplica, replica_for_public_reads
from register.models import AISystem
from tests.config.test_settings import _python


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(routers, "has_replica", lambda: True)


def _read_database(request) -> str:
    """The database the router picks for a read made while ``request`` is answered."""
    chosen = []

    def view(request):
        chosen.append(PublicReadsFromReplica().db_for_read(AISystem))
        return None

    replica_for_public_reads(view)(request)
    return chosen[0]


def test_an_anonymous_get_reads_from_the_replica_and_nothing_else_does(with_replica):
    factory = RequestFactory()
    assert _read_database(factory.get("/ru/systems/")) == REPLICA
    assert _read_database(factory.head("/api/v1/systems")) == REPLICA
    signed_in = factory.get("/ru/workspace/")
    signed_in.COOKIES["sessionid"] = "abc"
    assert _read_database(signed_in) == "default"
    after_a_form = factory.get("/ru/systems/")
    after_a_form.COOKIES["messages"] = "x"
    assert _read_database(after_a_form) == "default"
    assert _read_database(factory.post("/ru/systems/KZ-AI-000001/report/")) == "default"
    # Outside a request (a Celery task, a command): the primary.
    assert PublicReadsFromReplica().db_for_read(AISystem) == "default"


def test_writes_and_migrations_go_to_the_primary_only():
    router = PublicReadsFromReplica()
    assert router.db_for_write(AISystem) == "default"
    assert router.allow_migrate("default", "register") is True
    assert router.allow_migrate(REPLICA, "register") is False


def test_without_a_replica_every_request_reads_from_the_primary():
    assert _read_database(RequestFactory().get("/ru/systems/")) == "default"


def test_the_replica_url_adds_a_mirrored_database_and_the_router():
    done = _python(
        "-c",
        "from django.conf import settings as s; r = s.DATABASES['replica'];"
        "print(r['HOST'], r['TEST']['MIRROR'], s.DATABASE_ROUTERS[0], sep='|')",
        DEBUG="1",
        DATABASE_URL="postgres://register_app@primary.internal/register",
        DATABASE_OWNER_URL="",
        DATABASE_REPLICA_URL="postgres://register_app@replica.internal/register",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "replica.internal|default|config.routers.PublicReadsFromReplica"


def test_a_statement_longer_than_the_timeout_is_cancelled():
    done = _python(
        "-c",
        "import django; django.setup()\n"
        "from django.db import connection, OperationalError\n"
        "cursor = connection.cursor()\n"
        "cursor.execute('SHOW statement_timeout'); print(cursor.fetchone()[0])\n"
        "try:\n"
        "    cursor.execute('SELECT pg_sleep(2)')\n"
        "except OperationalError as error:\n"
        "    print(type(error.__cause__).__name__)\n",
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=os.environ["DATABASE_URL"],
        DATABASE_STATEMENT_TIMEOUT_MS="100",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["100ms", "QueryCanceled"]


@pytest.mark.parametrize(
    "task, queue",
    [
        ("compliance.check_system", "checks"),
        ("compliance.sweep", "checks"),
        ("oversight.build_report", "reports"),
        ("register.deliver_email", "mail"),
        ("api.deliver_webhook", "mail"),
        ("api.apply_import", "imports"),
        ("portal.escalate_feedback", "celery"),
    ],
)
def test_each_kind_of_task_has_its_queue(task, queue):
    assert app.amqp.router.route({}, task)["queue"].name == queue


def test_a_worker_without_q_consumes_every_queue():
    assert set(app.amqp.queues) == {"celery", "checks", "reports", "mail", "imports"}
