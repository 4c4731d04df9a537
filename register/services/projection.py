"""The public read model (``PublicRecord``), projected from what the public was shown.

The only writer of ``PublicRecord``. The publish and withdraw services call
``project_public_record`` in their transaction, bulk seeding calls ``project_public_records``
for each batch, and ``rebuild_public_records`` (``manage.py rebuild_public_records``) rewrites
every row from the versions. All of them go through ``public_row``, a pure function of the
current version's card and the record's publication dates, and one upsert, so a rebuild gives
exactly the rows the services wrote.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, Final

from django.db import connection, transaction

from register.i18n import CONTENT_LANGUAGES, column, pick
from register.languages import SEARCH_CONFIGS
from register.models import AISystem, PublicRecord, Status

# What each search document holds, by weight: A the name, B the summary, C the organisation,
# D what the system is for. Paths into the card; a restricted or withheld card has no scope,
# so its documents hold only what it shows.
SEARCH_WEIGHTS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("A", ("name",)),
    ("B", ("summary",)),
    ("C", ("organisation", "name")),
    ("D", ("scope",)),
)
BATCH_SIZE = 2000


def _at(card: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = card
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def search_texts(card: dict[str, Any], language: str) -> list[str]:
    """The texts of the search document in ``language``, in the order of ``SEARCH_WEIGHTS``:
    what a reader of that language is shown, fallbacks included."""
    return [str(pick(_at(card, path), language)) for _weight, path in SEARCH_WEIGHTS]


def public_row(
    *,
    system_id: int,
    version_id: int,
    card: dict[str, Any],
    organisation_id: int,
    first_published_at: dt.datetime,
    version_published_at: dt.datetime,
    withdrawn: bool,
    withdrawn_at: dt.datetime | None,
) -> dict[str, Any]:
    """The ``PublicRecord`` columns for a record whose current version shows ``card``, with
    the texts of its search documents (``text_<language>``) in place of the documents.

    The facets are those the card states (a restricted or withheld card has no application
    area, techniques or channels). Cards of the first format name the organisation only by
    its code: ``organisation_id`` stands in for them.
    """
    withdrawn_at = withdrawn_at if withdrawn else None
    risk = card.get("risk") or {}
    return {
        "system_id": system_id,
        "version_id": version_id,
        "organisation_id": (card.get("organisation") or {}).get("id") or organisation_id,
        "risk_class": risk.get("class") or "",
        "annex_iii": list(risk.get("annex_iii") or []),
        "application_area": card.get("application_area") or "",
        "techniques": list(card.get("techniques") or []),
        "channels": list(card.get("channels") or []),
        "phase": card.get("phase") or "",
        "decision_role": card.get("decision_role") or "",
        "withdrawn": withdrawn,
        "published_at": first_published_at,
        "updated_at": max(version_published_at, withdrawn_at or version_published_at),
        "withdrawn_at": withdrawn_at,
        **{f"text_{code}": search_texts(card, code) for code in CONTENT_LANGUAGES},
    }


def row_of(system: AISystem) -> dict[str, Any]:
    """``public_row`` of a record loaded with its ``published_version``."""
    version = system.published_version
    return public_row(
        system_id=system.pk,
        version_id=version.pk,
        card=version.snapshot,
        organisation_id=system.organisation_id,
        first_published_at=system.first_published_at or version.published_at,
        version_published_at=version.published_at,
        withdrawn=system.status == Status.WITHDRAWN,
        withdrawn_at=system.withdrawn_at,
    )


# The columns written from ``public_row``, with their SQL types for ``jsonb_to_recordset``.
_COLUMNS: Final[tuple[tuple[str, str], ...]] = (
    ("system_id", "bigint"),
    ("version_id", "bigint"),
    ("organisation_id", "bigint"),
    ("risk_class", "text"),
    ("annex_iii", "varchar[]"),
    ("application_area", "text"),
    ("techniques", "varchar[]"),
    ("channels", "varchar[]"),
    ("phase", "text"),
    ("decision_role", "text"),
    ("withdrawn", "boolean"),
    ("published_at", "timestamptz"),
    ("updated_at", "timestamptz"),
    ("withdrawn_at", "timestamptz"),
)


def _document_sql(code: str) -> str:
    """The weighted search document in ``code`` built from ``text_<code>`` (a JSON array)."""
    config = SEARCH_CONFIGS[code]
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, coalesce(r.text_{code} ->> {i}, '')), "
        f"'{weight}')"
        for i, (weight, _path) in enumerate(SEARCH_WEIGHTS)
    )


@functools.cache
def _upsert_sql() -> str:
    table = connection.ops.quote_name(PublicRecord._meta.db_table)
    documents = [column("search", code) for code in CONTENT_LANGUAGES]
    names = [name for name, _type in _COLUMNS]
    definitions = ", ".join(
        [f"{name} {sql_type}" for name, sql_type in _COLUMNS]
        + [f"text_{code} jsonb" for code in CONTENT_LANGUAGES]
    )
    values = ", ".join(
        [f"r.{name}" for name in names] + [_document_sql(c) for c in CONTENT_LANGUAGES]
    )
    updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in [*names[1:], *documents])
    # Identifiers and configurations come from the model and the language table; the rows are
    # the one parameter.
    return (
        f"INSERT INTO {table} ({', '.join([*names, *documents])}) "  # noqa: S608
        f"SELECT {values} FROM jsonb_to_recordset(%s::jsonb) AS r({definitions}) "
        f"ON CONFLICT (system_id) DO UPDATE SET {updates}"
    )


def _iso(value: Any) -> str:
    # Not DjangoJSONEncoder: it cuts times to milliseconds.
    if isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {value!r}")


def write_public_rows(rows: list[dict[str, Any]]) -> None:
    """Insert or replace the ``PublicRecord`` rows of ``public_row`` dicts, in one statement;
    PostgreSQL builds the search documents with each language's text-search configuration."""
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), [json.dumps(rows, default=_iso, ensure_ascii=False)])


def project_public_records(systems: Iterable[AISystem]) -> int:
    """Write the public rows of ``systems`` (loaded with their ``published_version``; records
    without one are skipped). Returns the number of rows written."""
    rows = [row_of(system) for system in systems if system.published_version_id is not None]
    write_public_rows(rows)
    return len(rows)


def _public_systems():
    return (
        AISystem.objects.filter(published_version__isnull=False)
        .select_related("published_version")
        .only(
            "id",
            "organisation_id",
            "status",
            "first_published_at",
            "withdrawn_at",
            "published_version__id",
            "published_version__snapshot",
            "published_version__published_at",
        )
    )


def project_public_record(system_id: int) -> None:
    """Bring the record's public row up to date with its current version and state. Call it
    in the transaction that published or withdrew the record (two queries)."""
    project_public_records(_public_systems().filter(pk=system_id))


def _batches(items: Iterator[AISystem], size: int) -> Iterator[list[AISystem]]:
    while batch := list(islice(items, size)):
        yield batch


@transaction.atomic
def rebuild_public_records(*, batch_size: int = BATCH_SIZE) -> int:
    """Rewrite every ``PublicRecord`` from the current versions, in batches, and remove rows
    of records that have none. Returns the number of rows."""
    PublicRecord.objects.filter(system__published_version__isnull=True).delete()
    written = 0
    systems = _public_systems().order_by("pk").iterator(chunk_size=batch_size)
    for batch in _batches(systems, batch_size):
        written += project_public_records(batch)
    return written
