"""The audit trail: trigger-based history (django-pghistory) with who, where and why.

Every tracked model gets insert, update and delete events written by PostgreSQL triggers, so
``QuerySet.update()``, bulk writes and raw SQL are recorded as well as ``save()``. Event tables
are append-only: triggers refuse UPDATE, DELETE and TRUNCATE on them. pghistory's middleware
(``pghistory.middleware.HistoryMiddleware``, in the settings) adds the request's user and path.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import pghistory
import pgtrigger
from django.db.models import Model
from pghistory import runtime as pghistory_runtime


def no_truncate() -> pgtrigger.Trigger:
    """A statement-level guard: row-level protection does not see TRUNCATE."""
    return pgtrigger.Trigger(
        name="append_only_no_truncate",
        operation=pgtrigger.Truncate,
        level=pgtrigger.Statement,
        when=pgtrigger.Before,
        func="RAISE EXCEPTION 'append-only: cannot truncate %', TG_TABLE_NAME;",
    )


def track(
    model: type[Model] | None = None,
    *,
    exclude: Sequence[str] = (),
    updates_of: Sequence[str] = (),
    related_name: str = "events",
) -> Any:
    """Record inserts, updates and deletes of ``model`` in an append-only event table, without
    the fields of ``exclude`` (secrets), reached from a row as ``row.<related_name>``; with
    ``updates_of``, only the updates that change one of those fields (a job's state, say, and
    not each step of its progress). ``@track`` or ``@track(exclude=[...])``."""

    def decorate(model: type[Model]) -> type[Model]:
        return pghistory.track(
            pghistory.InsertEvent(),
            pghistory.UpdateEvent(condition=pghistory.AnyChange(*updates_of))
            if updates_of
            else pghistory.UpdateEvent(),
            pghistory.DeleteEvent(),
            exclude=list(exclude) or None,
            obj_field=pghistory.ObjForeignKey(related_name=related_name),
            append_only=True,
            meta={"triggers": [no_truncate()]},
        )(model)

    return decorate(model) if model is not None else decorate


@contextlib.contextmanager
def audit_context(**metadata: Any) -> Iterator[None]:
    """Record every event written inside the block under one action with ``metadata`` (e.g.
    ``user``, ``action``), on top of what an enclosing context says (the request's user and
    path).

    Each block is its own context. pghistory on its own merges nested contexts into the
    outermost one, so in a request that publishes and then re-checks in-process, the last
    action's name would overwrite the first's on every event; here the enclosing context is
    set aside for the block and restored after it.
    """
    outer = getattr(pghistory_runtime._tracker, "value", None)
    if outer is not None:
        del pghistory_runtime._tracker.value
    try:
        with pghistory.context(**{**(outer.metadata if outer else {}), **metadata}):
            yield
    finally:
        if outer is not None:
            pghistory_runtime._tracker.value = outer
