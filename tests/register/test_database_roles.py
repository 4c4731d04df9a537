"""The application's database role cannot rewrite or switch off the audit trail.

The suite runs as the application role (tests/conftest.py), as the register does; the owner,
which migrates, is reached through ``owner_connection``.
"""

from __future__ import annotations

import psycopg
import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from register.audit import audit_context
from register.models import PublishedVersion
from register.privileges import append_only_tables
from tests.factories import AISystemFactory

pytestmark = pytest.mark.django_db

EVENT_TABLES = (
    "register_publishedversionevent",
    "register_aisystemevent",
    "register_usergroupevent",
)


def _version():
    with audit_context(user=None, action="test.publish"):
        return PublishedVersion.objects.create(
            system=AISystemFactory(),
            number=1,
            snapshot={"name": {"en": "Card"}},
            record={"fields": {"name": {"en": "Record"}}},
        )


def _refused(sql: str, params: list | None = None) -> str:
    with pytest.raises(DatabaseError) as refused, transaction.atomic(), connection.cursor() as c:
        c.execute(sql, params)
    return str(refused.value)


def test_the_application_role_is_no_superuser_and_owns_no_table():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user"
        )
        assert cursor.fetchone() == (False, False, False)
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tableowner = current_user")
        assert cursor.fetchone() == (0,)


def test_the_append_only_tables_are_declared_by_their_guards():
    tables = append_only_tables()
    assert {"register_publishedversion", "pghistory_context", *EVENT_TABLES} <= tables
    assert "register_aisystem" not in tables


@pytest.mark.parametrize("table", ["register_publishedversion", "pghistory_context", *EVENT_TABLES])
def test_the_application_role_cannot_truncate_update_or_delete_the_trail(table):
    _version()
    assert "permission denied" in _refused(f"TRUNCATE {table} CASCADE")
    assert "permission denied" in _refused(
        f"UPDATE {table} SET {_a_column(table)} = {_a_column(table)}"
    )
    assert "permission denied" in _refused(f"DELETE FROM {table}")
    assert "must be owner" in _refused(f"ALTER TABLE {table} DISABLE TRIGGER ALL")


def _a_column(table: str) -> str:
    return "id" if table in ("register_publishedversion", "pghistory_context") else "pgh_id"


def test_the_application_role_cannot_switch_the_guards_off():
    assert "permission denied" in _refused("SET session_replication_role = replica")
    assert "must be owner" in _refused("ALTER TABLE register_aisystem DISABLE TRIGGER USER")
    assert "permission denied" in _refused("CREATE TABLE intruder (id int)")


def test_reset_role_gives_the_application_no_more_rights():
    """The tests log in as the application role; there is no owner to return to."""
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
        cursor.execute(
            "SELECT session_user = current_user, rolsuper FROM pg_roles "
            "WHERE rolname = session_user"
        )
        assert cursor.fetchone() == (True, False)
    assert "permission denied" in _refused("TRUNCATE register_publishedversion CASCADE")


def test_the_application_role_still_reads_and_appends():
    version = _version()
    event = apps.get_model("register", "PublishedVersionEvent").objects.get(pgh_obj_id=version.pk)
    assert event.pgh_context.metadata["action"] == "test.publish"


@pytest.mark.django_db(transaction=True)
def test_even_the_owner_cannot_rewrite_or_truncate_contexts(owner_connection):
    _version()
    for sql in (
        "UPDATE pghistory_context SET metadata = '{\"user\": 999}'",
        "DELETE FROM pghistory_context",
        "TRUNCATE pghistory_context",
    ):
        with (
            pytest.raises(psycopg.Error, match=r"append-only|Cannot"),
            owner_connection.transaction(),
        ):
            owner_connection.execute(sql)


def test_a_context_is_written_once_even_when_its_metadata_grows():
    """pghistory would rewrite the context row when a nested context adds a key; the row is
    insert-only now, so that is neither an error nor a rewrite."""
    import pghistory

    with pghistory.context(action="first"):
        system = AISystemFactory()
        with pghistory.context(extra="later"):
            system.name_en = "Renamed"
            system.save()
    events = apps.get_model("register", "AISystemEvent").objects.filter(pgh_obj_id=system.pk)
    assert {e.pgh_context.metadata.get("action") for e in events} == {"first"}


@pytest.mark.django_db(transaction=True)
def test_even_the_owner_cannot_truncate_the_published_versions(owner_connection):
    """The owner may truncate what it owns; the statement-level guard still refuses."""
    _version()
    for sql in (
        "TRUNCATE register_publishedversion CASCADE",
        "TRUNCATE register_aisystem CASCADE",  # reaches the versions through their foreign key
    ):
        with (
            pytest.raises(psycopg.Error, match="append-only: cannot truncate"),
            owner_connection.transaction(),
        ):
            owner_connection.execute(sql)
    assert owner_connection.execute(
        "SELECT count(*) FROM register_publishedversion"
    ).fetchone() == (1,)
