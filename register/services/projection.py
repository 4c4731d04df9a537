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
import uuid
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, Final

from django.core.cache import cache
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
# What the similarity search (pg_trgm) matches a mistyped word against, in every language.
WORD_PATHS: Final[tuple[tuple[str, ...], ...]] = (("name",), ("summary",))
BATCH_SIZE = 2000
# The cache key of the projection's generation: a token that changes whenever a public row is
# written, so that every cached public page is keyed by what the public could see.
GENERATION_KEY = "public:generation"


def _at(card: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = card
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def search_texts(card: dict[str, Any], language: str) -> list[str]:
    """The texts of the search document in ``language``, in the order of ``SEARCH_WEIGHTS``:
    what a reader of that language is shown, fallbacks included."""
    return [str(pick(_at(card, path), language)) for _weight, path in SEARCH_WEIGHTS]


def similarity_words(card: dict[str, Any]) -> str:
    """The texts of ``WORD_PATHS`` in every language the card has them in, one per line."""
    texts: list[str] = []
    for path in WORD_PATHS:
        value = _at(card, path)
        # In the languages' order: a card read back from jsonb has its keys in another order.
        values = [value.get(c) for c in CONTENT_LANGUAGES] if isinstance(value, dict) else [value]
        texts += [str(text) for text in values if isinstance(text, str) and text.strip()]
    limit = PublicRecord._meta.get_field("words").max_length
    return "\n".join(dict.fromkeys(texts))[:limit]


def _has_text(value: Any) -> bool:
    if isinstance(value, dict):
        return any(isinstance(text, str) and text.strip() for text in value.values())
    return isinstance(value, str) and bool(value.strip())


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
    oversight = card.get("oversight") or {}
    assessments = card.get("impact_assessments") or []
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
        "kz_risk_degree": (risk.get("kz") or {}).get("risk_degree") or "",
        "has_fria": any(
            a.get("kind") == "fria" and a.get("state") == "completed" for a in assessments
        ),
        "has_overseer": _has_text(oversight.get("responsible_role")),
        "next_review_on": card.get("next_review_on") or None,
        "withdrawn": withdrawn,
        "published_at": first_published_at,
        "updated_at": max(version_published_at, withdrawn_at or version_published_at),
        "withdrawn_at": withdrawn_at,
        "words": similarity_words(card),
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
    ("kz_risk_degree", "text"),
    ("has_fria", "boolean"),
    ("has_overseer", "boolean"),
    ("next_review_on", "date"),
    ("withdrawn", "boolean"),
    ("published_at", "timestamptz"),
    ("updated_at", "timestamptz"),
    ("withdrawn_at", "timestamptz"),
    ("words", "text"),
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


def public_generation() -> str:
    """The projection's current generation: it changes once a transaction that wrote public
    rows (a publication, a withdrawal, a rebuild) commits."""
    return cache.get_or_set(GENERATION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def new_public_generation() -> None:
    """Start a new generation: every cached public page is out of date (call it on commit of
    anything else the public pages show, e.g. a reply published on a card)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def write_public_rows(rows: list[dict[str, Any]]) -> None:
    """Insert or replace the ``PublicRecord`` rows of ``public_row`` dicts, in one statement;
    PostgreSQL builds the search documents with each language's text-search configuration.
    The generation changes when the transaction commits."""
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), [json.dumps(rows, default=_iso, ensure_ascii=False)])
    transaction.on_commit(new_public_generation)


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
    transaction.on_commit(new_public_generation)
    written = 0
    systems = _public_systems().order_by("pk").iterator(chunk_size=batch_size)
    for batch in _batches(systems, batch_size):
        written += project_public_records(batch)
    return written
