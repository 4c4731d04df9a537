"""The two database roles: the owner, which migrates, and the application role, which serves.

The application role (``DATABASE_URL``) owns no table, so it cannot truncate, alter or disable
the triggers of any of them, and it is no superuser, so it cannot set
``session_replication_role`` to silence them. On the append-only tables (the audit trail's
events and contexts, and the published versions) it may only read and insert; on the others it
may read and write rows. ``migrate`` runs as the owner (``DATABASE_OWNER_URL``) and then grants
exactly that (``grant_application_privileges``), every time, so the grants follow new tables.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pgtrigger
from django.apps import apps
from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper

# What the application role may do on each kind of table. Never TRUNCATE, REFERENCES or TRIGGER.
APPEND_ONLY_PRIVILEGES = "SELECT, INSERT"
READ_WRITE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
_CREDENTIALS = ("USER", "PASSWORD", "HOST", "PORT")


def _refuses_update_and_delete(trigger: object) -> bool:
    if not isinstance(trigger, pgtrigger.Protect):
        return False
    operations = str(trigger.operation)
    return "UPDATE" in operations and "DELETE" in operations


def append_only_tables() -> set[str]:
    """The tables whose rows are never changed or removed: those of every model (or proxy) with
    a trigger that refuses both UPDATE and DELETE. The triggers are the one declaration."""
    return {
        model._meta.db_table
        for model in apps.get_models()
        if any(_refuses_update_and_delete(t) for t in getattr(model._meta, "triggers", []))
    }


def application_role(connection: BaseDatabaseWrapper) -> str | None:
    """The application's role when it differs from the owner's, else None (one role)."""
    owner = settings.DATABASE_OWNER
    if not owner or owner["USER"] == connection.settings_dict["USER"]:
        return None
    return connection.settings_dict["USER"]


@contextlib.contextmanager
def as_owner(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Connect as the owner role for the block, then as the application role again. A real
    second login, not ``SET ROLE``: the application could ``RESET ROLE`` out of that."""
    owner = settings.DATABASE_OWNER
    if not owner or application_role(connection) is None:
        yield
        return
    saved = {key: connection.settings_dict.get(key) for key in _CREDENTIALS}
    connection.close()
    connection.settings_dict.update({key: owner.get(key) for key in _CREDENTIALS})
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def grant_application_privileges(connection: BaseDatabaseWrapper, role: str) -> None:
    """Give ``role`` exactly its privileges on every table the connected owner owns; safe to
    repeat. Tables created later by the owner outside ``migrate`` start read-and-append only."""
    quote = connection.ops.quote_name
    append_only = append_only_tables()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND tableowner = current_user ORDER BY tablename"
        )
        tables = [name for (name,) in cursor.fetchall()]
        cursor.execute("SELECT current_schema(), current_user")
        schema, owner = cursor.fetchone()
        cursor.execute(f"GRANT USAGE ON SCHEMA {quote(schema)} TO {quote(role)}")
        cursor.execute(f"REVOKE CREATE ON SCHEMA {quote(schema)} FROM {quote(role)}")
        for table in tables:
            privileges = APPEND_ONLY_PRIVILEGES if table in append_only else READ_WRITE_PRIVILEGES
            cursor.execute(f"REVOKE ALL ON TABLE {quote(table)} FROM {quote(role)}")
            cursor.execute(f"GRANT {privileges} ON TABLE {quote(table)} TO {quote(role)}")
        cursor.execute(
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {quote(schema)} TO {quote(role)}"
        )
        cursor.execute(
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {quote(owner)} IN SCHEMA {quote(schema)} "
            f"GRANT {APPEND_ONLY_PRIVILEGES} ON TABLES TO {quote(role)}"
        )
        cursor.execute(
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {quote(owner)} IN SCHEMA {quote(schema)} "
            f"GRANT USAGE, SELECT ON SEQUENCES TO {quote(role)}"
        )
