"""The audit trail: trigger-based history (django-pghistory) with who, where and why.

Every tracked model gets insert, update and delete events written by PostgreSQL triggers, so
``QuerySet.update()``, bulk writes and raw SQL are recorded as well as ``save()``. Event tables
are append-only: triggers refuse UPDATE, DELETE and TRUNCATE on them.

On SQLite (the quick start) the triggers do not exist and nothing is recorded; the helpers here
then do nothing rather than fail.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pghistory
import pgtrigger
from django.db import connection
from django.db.models import Model
from pghistory.middleware import HistoryMiddleware


def no_truncate() -> pgtrigger.Trigger:
    """A statement-level guard: row-level protection does not see TRUNCATE."""
    return pgtrigger.Trigger(
        name="append_only_no_truncate",
        operation=pgtrigger.Truncate,
        level=pgtrigger.Statement,
        when=pgtrigger.Before,
        func="RAISE EXCEPTION 'append-only: cannot truncate %', TG_TABLE_NAME;",
    )


def track(model: type[Model]) -> type[Model]:
    """Record inserts, updates and deletes of ``model`` in an append-only event table."""
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        append_only=True,
        meta={"triggers": [no_truncate()]},
    )(model)


def history_enabled() -> bool:
    return connection.vendor == "postgresql"


@contextlib.contextmanager
def audit_context(**metadata: Any) -> Iterator[None]:
    """Attach ``metadata`` (e.g. ``user``, ``action``) to every event written inside the block.

    Services wrap their writes in it, so events carry the actor and the action even when they
    come from a command or a Celery task rather than a request. Nested blocks merge metadata.
    """
    if not history_enabled():
        yield
        return
    with pghistory.context(**metadata):
        yield


class HistoryContextMiddleware(HistoryMiddleware):
    """pghistory's middleware (user and request path on every event), PostgreSQL only."""

    def __call__(self, request):  # type: ignore[no-untyped-def]
        if not history_enabled():
            return self.get_response(request)
        return super().__call__(request)
