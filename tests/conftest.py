"""Fixtures named by role. Every test runs against the real PostgreSQL of DATABASE_URL.

`make test` sets DATABASE_URL and REDIS_URL when they are not set, to an embedded PostgreSQL
and a private Redis (``config/devdb.py``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group

from register.models import Membership
from register.permissions import REGULATOR_GROUP
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def pytest_sessionstart(session: pytest.Session) -> None:
    from django.conf import settings

    if not settings.DATABASE_URL:
        pytest.exit(
            "DATABASE_URL is not set: run the suite with `make test` (it starts an embedded "
            "PostgreSQL), or set DATABASE_URL=postgres://USER@HOST:5432/NAME.",
            returncode=4,
        )


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """The Redis of REDIS_URL, or a private one for this run when it is not set."""
    if os.environ.get("REDIS_URL", "").strip():
        yield os.environ["REDIS_URL"]
        return
    from config.devdb import private_redis

    with private_redis() as url:
        yield url


@pytest.fixture
def database_url(django_db_setup) -> str:
    """A DATABASE_URL of the test database for another process (TCP or Unix socket)."""
    from django.db import connection

    database = connection.settings_dict
    credentials = quote(database["USER"], safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    name = quote(database["NAME"], safe="")
    host, port = database["HOST"], database["PORT"]
    if host.startswith("/"):
        return f"postgresql://{credentials}@/{name}?host={quote(host, safe='')}"
    return f"postgresql://{credentials}@{host}{f':{port}' if port else ''}/{name}"


@pytest.fixture
def agency(db):
    return OrganisationFactory(short_code="agency-a", name_en="Agency A")


@pytest.fixture
def other_agency(db):
    return OrganisationFactory(short_code="agency-b", name_en="Agency B")


@pytest.fixture
def editor(agency):
    return MembershipFactory(
        organisation=agency, role=Membership.Role.EDITOR, user__username="editor-a"
    ).user


@pytest.fixture
def approver(agency):
    return MembershipFactory(
        organisation=agency, role=Membership.Role.APPROVER, user__username="approver-a"
    ).user


@pytest.fixture
def other_agency_editor(other_agency):
    return MembershipFactory(
        organisation=other_agency, role=Membership.Role.EDITOR, user__username="editor-b"
    ).user


@pytest.fixture
def other_agency_approver(other_agency):
    return MembershipFactory(
        organisation=other_agency, role=Membership.Role.APPROVER, user__username="approver-b"
    ).user


@pytest.fixture
def regulator(db):
    user = UserFactory(username="regulator")
    user.groups.add(Group.objects.get_or_create(name=REGULATOR_GROUP)[0])
    return user


@pytest.fixture
def site_admin(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def citizen(client):
    """An anonymous visitor."""
    return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (rate-limit counters included): the cache is the
    run's own Redis database, which outlives a run."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Messages built outside a request (services, commands) come in English in tests;
    requests still choose their language from the URL."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _flush_allowing_history_truncation():
    """Transactional tests (the browser tests) end with a TRUNCATE of every table; the
    append-only guard on the history tables refuses that, as it should in production."""
    import pgtrigger
    from django.apps import apps
    from django.test import testcases

    original = testcases.TransactionTestCase._fixture_teardown

    def teardown(self):  # type: ignore[no-untyped-def]
        guards = [
            f"{model._meta.label}:append_only_no_truncate"
            for model in apps.get_models()
            if any(
                t.name == "append_only_no_truncate" for t in getattr(model._meta, "triggers", [])
            )
        ]
        with pgtrigger.ignore(*guards):
            original(self)

    testcases.TransactionTestCase._fixture_teardown = teardown


_flush_allowing_history_truncation()
