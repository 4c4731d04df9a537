"""Fixtures named by role. Every test runs against the real PostgreSQL of DATABASE_URL.

`make test` sets DATABASE_URL and REDIS_URL when they are not set, to an embedded PostgreSQL
and a private Redis (``config/devdb.py``).

The tests run as the application role, as the register does: the test database is created and
migrated as the owner role (DATABASE_OWNER_URL), the application role is granted its privileges
(``register.privileges``), and the tests then log in as the application role. Given a superuser's
DATABASE_URL without DATABASE_OWNER_URL, the suite makes the two roles itself, named
``<TEST_DATABASE_ROLE_PREFIX>owner`` and ``…app`` (prefix ``register_test_`` by default).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group

from register import workflow
from register.models import AISystem, Membership
from register.permissions import REGULATOR_GROUP
from register.services import publication
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, complete_system


def pytest_sessionstart(session: pytest.Session) -> None:
    from django.conf import settings

    if not settings.DATABASE_URL:
        pytest.exit(
            "DATABASE_URL is not set: run the suite with `make test` (it starts an embedded "
            "PostgreSQL), or set DATABASE_URL=postgres://USER@HOST:5432/NAME.",
            returncode=4,
        )


def _roles_of_a_superuser() -> None:
    """Make an owner and an application role with a superuser's connection and use them."""
    from django.conf import settings
    from django.db import connection

    if settings.DATABASE_OWNER:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        (is_superuser,) = cursor.fetchone()
        if not is_superuser:
            connection.close()
            return
        prefix = os.environ.get("TEST_DATABASE_ROLE_PREFIX", "register_test_")
        password = secrets.token_urlsafe(24)
        roles = {"owner": "LOGIN CREATEDB", "app": "LOGIN"}
        for name, attributes in roles.items():
            role = connection.ops.quote_name(prefix + name)
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [prefix + name])
            if not cursor.fetchone():
                cursor.execute(f"CREATE ROLE {role}")
            cursor.execute(
                f"ALTER ROLE {role} {attributes} NOSUPERUSER NOCREATEROLE NOREPLICATION "
                f"NOBYPASSRLS PASSWORD %s",
                [password],
            )
    connection.close()
    owner = {**settings.DATABASES["default"], "USER": prefix + "owner", "PASSWORD": password}
    settings.DATABASE_OWNER = owner
    for database in (settings.DATABASES["default"], connection.settings_dict):
        database.update(USER=prefix + "app", PASSWORD=password)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_blocker):
    """Create and migrate the test database as the owner role."""
    from django.db import connection

    with django_db_blocker.unblock():
        _roles_of_a_superuser()
    _switch_credentials(connection, _owner_credentials())


def _owner_credentials() -> dict | None:
    from django.conf import settings

    owner = settings.DATABASE_OWNER
    return {key: owner.get(key) for key in ("USER", "PASSWORD", "HOST", "PORT")} if owner else None


_APP_CREDENTIALS: dict = {}


def _switch_credentials(connection, credentials: dict | None) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings

    if credentials is None:
        return
    if not _APP_CREDENTIALS:
        _APP_CREDENTIALS.update(
            {key: connection.settings_dict.get(key) for key in ("USER", "PASSWORD", "HOST", "PORT")}
        )
    connection.close()
    for database in (settings.DATABASES["default"], connection.settings_dict):
        database.update(credentials)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Grant the application role its privileges, then run every test logged in as it."""
    from django.db import connection

    from register.privileges import grant_application_privileges

    owner = _owner_credentials()
    if owner is not None:
        with django_db_blocker.unblock():
            grant_application_privileges(connection, _APP_CREDENTIALS["USER"])
        _switch_credentials(connection, dict(_APP_CREDENTIALS))
    yield
    _switch_credentials(connection, owner)  # the owner drops the test database


@pytest.fixture
def owner_connection(django_db_setup):  # type: ignore[no-untyped-def]
    """A psycopg connection to the test database as the owner role (autocommit): what it
    sees and writes is outside the test's transaction, so use it in transactional tests."""
    import psycopg
    from django.db import connection

    credentials = _owner_credentials() or dict(_APP_CREDENTIALS) or connection.settings_dict
    with psycopg.connect(
        dbname=connection.settings_dict["NAME"],
        user=credentials["USER"],
        password=credentials.get("PASSWORD") or None,
        host=credentials.get("HOST") or None,
        port=credentials.get("PORT") or None,
        autocommit=True,
    ) as owner:
        yield owner


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
def eu_agency(db):
    """An organisation of an EU member state: the AI Act binds it."""
    return OrganisationFactory(short_code="eu-agency", name_en="EU Agency", eu=True)


@pytest.fixture
def eu_editor(eu_agency):
    return MembershipFactory(
        organisation=eu_agency, role=Membership.Role.EDITOR, user__username="editor-eu"
    ).user


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
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def reports_folder(settings, tmp_path):
    """The reports storage (organisation and register reports) in a folder of the test's own,
    never the project's .data/reports."""
    settings.STORAGES = {
        **settings.STORAGES,
        "reports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "reports")},
        },
    }
    return tmp_path / "reports"


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
        from django.db import connection

        # The flush truncates every table: only the owner may (the application role has no
        # TRUNCATE), and only with the guards set aside.
        _switch_credentials(connection, _owner_credentials())
        try:
            with pgtrigger.ignore(*guards):
                original(self)
        finally:
            _switch_credentials(connection, dict(_APP_CREDENTIALS) or None)

    testcases.TransactionTestCase._fixture_teardown = teardown


_flush_allowing_history_truncation()


@pytest.fixture
def annex_iii_in_force(settings):
    """The Annex III duties in force on the real date (the AI Act's original 2 Aug 2026), for
    tests that check with today's date: the catalogue's own date is the Digital Omnibus's."""
    from compliance.rules import get_catalogue

    settings.COMPLIANCE_EFFECTIVE_DATES = {"ai_act.high_risk.annex_iii": "2026-08-02"}
    get_catalogue.cache_clear()
    yield
    del settings.COMPLIANCE_EFFECTIVE_DATES
    get_catalogue.cache_clear()


# --- Records published through the services, as an agency publishes them -------------------


@pytest.fixture
def publish(approver) -> Callable[..., AISystem]:
    """Submit and publish ``system`` (a complete draft or a record changed since it was
    published) as the agency's approver; returns it reloaded."""

    def _publish(system: AISystem, *, actor=None) -> AISystem:
        publication.system_submit(system=system, actor=actor or system_editor(system))
        publication.system_publish(
            system=system, actor=approver, confirmed=workflow.confirmation_names("publish")
        )
        system.refresh_from_db()
        return system

    return _publish


def system_editor(system: AISystem):  # type: ignore[no-untyped-def]
    membership = (
        Membership.objects.filter(organisation=system.organisation, role="editor")
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


@pytest.fixture
def published_system(agency, editor, publish) -> AISystem:
    """A complete record of the agency, published once."""
    return publish(complete_system(agency, editor))
