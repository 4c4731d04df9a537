"""Keep ``SystemStanding`` in step with the findings it counts.

``refresh`` recomputes the standing of some systems from their findings in one statement, an
``INSERT … SELECT … ON CONFLICT DO UPDATE`` that rewrites a row only when a count changed; call
it in the transaction that changed their findings. ``refresh_all`` does the same for every
system, for a migration or ``manage.py run_checks --standings`` after a bulk load.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

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


def refresh(system_ids: Iterable[int]) -> int:
    """Recount the findings of ``system_ids`` (unknown ids are skipped); returns the number of
    standings written (new or changed)."""
    ids = sorted(set(system_ids))
    if not ids:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_statement("WHERE s.id = ANY(%s)"), [ids])
        return cursor.rowcount


def refresh_all() -> int:
    """Recount every system's findings; returns the number of standings written."""
    with connection.cursor() as cursor:
        cursor.execute(_statement(""))
        return cursor.rowcount
