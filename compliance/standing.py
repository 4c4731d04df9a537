"""Keep ``SystemStanding`` in step with the findings it counts.

``refresh`` recomputes the standing of some systems from their findings in one statement, an
``INSERT … SELECT … ON CONFLICT DO UPDATE`` that rewrites a row only when a count changed; call
it in the transaction that changed their findings. ``refresh_all`` does the same for every
system (after a bulk load of findings).

Every refresh also starts a new *findings generation* (``findings_generation``), at once and
again when the transaction commits, so that figures counted over every finding of the register
(the open findings by rule) are kept under it and counted again only after a change.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection, transaction

from compliance.models import Finding, FindingStatus, Severity, SystemStanding
from register.models import AISystem


def _statement(where: str) -> str:
    standing = SystemStanding._meta.db_table
    finding = Finding._meta.db_table

    def opened(severity: str) -> str:
        return (
            f"count(f.id) FILTER (WHERE f.status = '{FindingStatus.OPEN}'"
            f" AND f.severity = '{severity}')"
        )

    # The table names and the values are the code's own constants, never a request's.
    return f"""
        INSERT INTO {standing} (system_id, blocker, major, minor, waived)
        SELECT s.id, {opened(Severity.BLOCKER)}, {opened(Severity.MAJOR)},
               {opened(Severity.MINOR)},
               count(f.id) FILTER (WHERE f.status = '{FindingStatus.WAIVED}')
        FROM {AISystem._meta.db_table} s
        LEFT JOIN {finding} f
          ON f.system_id = s.id AND f.status IN ('{FindingStatus.OPEN}', '{FindingStatus.WAIVED}')
        {where}
        GROUP BY s.id
        ON CONFLICT (system_id) DO UPDATE
        SET blocker = EXCLUDED.blocker, major = EXCLUDED.major, minor = EXCLUDED.minor,
            waived = EXCLUDED.waived
        WHERE ({standing}.blocker, {standing}.major, {standing}.minor, {standing}.waived)
              IS DISTINCT FROM (EXCLUDED.blocker, EXCLUDED.major, EXCLUDED.minor,
                                EXCLUDED.waived)
    """  # noqa: S608


GENERATION_KEY = "compliance:findings-generation"
#: How long a figure is kept under its generation (a forgotten one is only counted again).
PER_GENERATION_SECONDS = 3600
T = TypeVar("T")


def findings_generation() -> str:
    return cache.get_or_set(GENERATION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def new_findings_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def per_findings_generation(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, counted once per findings generation."""
    key = f"compliance:{name}:{findings_generation()}"
    return cache.get_or_set(key, compute, PER_GENERATION_SECONDS)


def _findings_changed() -> None:
    # Now, for this transaction's own reads; on commit, for every other reader's (a figure
    # counted meanwhile from the data before the commit is then left behind).
    new_findings_generation()
    transaction.on_commit(new_findings_generation, robust=True)


def refresh(system_ids: Iterable[int]) -> int:
    """Recount the findings of ``system_ids`` (unknown ids are skipped) after a change to
    them; returns the number of standings written (new or changed)."""
    ids = sorted(set(system_ids))
    if not ids:
        return 0
    _findings_changed()
    with connection.cursor() as cursor:
        cursor.execute(_statement("WHERE s.id = ANY(%s)"), [ids])
        return cursor.rowcount


def refresh_all() -> int:
    """Recount every system's findings; returns the number of standings written."""
    _findings_changed()
    with connection.cursor() as cursor:
        cursor.execute(_statement(""))
        return cursor.rowcount
