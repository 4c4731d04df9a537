"""The full record as it is frozen into a published version: plain JSON, a pure function of a
loaded record.

``freeze_record`` keeps every field of the field schema (``register.schema``): the sections'
fields, the identity and the classification of the record, the organisation's identifying
fields, and every part with its stable id. It leaves out only ``schema.NOT_FROZEN`` (the state of
the workflow and bookkeeping, which the version's own columns and the audit trail record).

Publishing stores the result in ``PublishedVersion.record``; the public card
(``register.cards.build_card``), the regulator's report, exports to other registers and diffs
between versions are pure functions of it, so they never read the working copy.

Layout (``kz-ai-register/record/3``; ``record/2`` had no business identification number of the
organisation, ``record/1`` no organisation jurisdiction)::

    {"schema": ..., "public_id": ..., "slug": ...,
     "organisation": {"id", "short_code", "bin", "name": {kk, ru, en}, "kind", ...},
     "fields": {<section field>: value, ...},          # translated texts as {kk, ru, en}
     "classification": {<classification field>: value, ...},
     "parts": {"oversight": {"id": ..., ...} | null, "suppliers": [{"id": ..., ...}], ...},
     "compliance": {"checked_at", "counts", "findings": [...]}}   # optional, see below

Dates and times are ISO strings; parts are in the order of their ids.

Apps above the register add their own blocks at publication (``register.extensions``
``FROZEN_BLOCKS``), each under its name: the compliance engine's ``compliance`` block holds the
open and waived findings when the version was published. A version frozen without them (older
versions, bulk seeding) has no such key.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models

from register import schema
from register.i18n import CONTENT_LANGUAGES, column
from register.models import AISystem, Organisation

RECORD_SCHEMA = "kz-ai-register/record/3"
# The format of versions frozen before the jurisdiction and the Kazakh AI Law fields existed.
RECORD_SCHEMA_V1 = "kz-ai-register/record/1"

# The organisation as a frozen record names it (Annex VIII Section C asks for its name, address
# and contact details).
ORGANISATION_FIELDS = (
    "id",
    "short_code",
    "bin",
    "name",
    "kind",
    "region",
    "jurisdiction",
    "website",
    "contact_email",
    "address",
)


def json_value(value: Any) -> Any:
    """A field's value as JSON: dates and times as ISO strings, lists and dicts copied."""
    if isinstance(value, dt.date):  # and dt.datetime
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    if isinstance(value, dict):
        return {key: json_value(item) for key, item in value.items()}
    return value


def _translated(model: type[models.Model]) -> frozenset[str]:
    return frozenset(attr.name for attr in model.translated_attributes())  # type: ignore[attr-defined]


@functools.cache
def _columns(
    names: tuple[str, ...], translated: frozenset[str]
) -> tuple[tuple[str, tuple[tuple[str, str], ...] | None], ...]:
    """``(name, ((language, column), ...))`` for translated names, ``(name, None)`` otherwise."""
    return tuple(
        (name, tuple((code, column(name, code)) for code in CONTENT_LANGUAGES))
        if name in translated
        else (name, None)
        for name in names
    )


def _values(
    obj: models.Model, names: tuple[str, ...], translated: frozenset[str]
) -> dict[str, Any]:
    return {
        name: {code: getattr(obj, name_in) for code, name_in in columns}
        if columns is not None
        else json_value(getattr(obj, name))
        for name, columns in _columns(names, translated)
    }


_ORGANISATION_TRANSLATED = _translated(Organisation)
_SYSTEM_FIELDS = tuple(name for section in schema.SECTIONS for name in section.fields)
_IDENTITY = tuple(name for name in schema.IDENTITY if name != "organisation")
_CLASSIFICATION = tuple(schema.CLASSIFICATION)


def _part(part: schema.Part, row: models.Model) -> dict[str, Any]:
    return {"id": row.pk, **_values(row, part.fields, part.translated)}


def _loaded_rows(system: AISystem, part: schema.Part) -> list[models.Model]:
    if part.many:
        return list(getattr(system, part.name).all())
    row = getattr(system, part.name, None) if system.pk else None
    return [row] if row is not None else []


# The keys of the record itself, which no added block may take.
RECORD_KEYS = frozenset({"schema", *_IDENTITY, "organisation", "fields", "classification", "parts"})


def freeze_record(
    system: AISystem,
    *,
    parts: Mapping[str, Sequence[models.Model]] | None = None,
    blocks: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The full record of ``system`` as JSON-ready data.

    Load the record with ``selectors.systems_with_parts`` (no query is made then), or give its
    part rows in ``parts`` by part name (rows that are not saved yet, as bulk seeding builds
    them; the one-to-one oversight as a list of at most one row). ``blocks`` are added under
    their names (``register.extensions.frozen_blocks``); a name of the record's own keys is a
    ``ValueError``.
    """
    clash = RECORD_KEYS.intersection(blocks or {})
    if clash:
        raise ValueError(f"Frozen blocks cannot replace the record's keys: {sorted(clash)}")
    organisation = system.organisation
    frozen_parts: dict[str, Any] = {}
    for part in schema.PARTS:
        rows = parts.get(part.name, []) if parts is not None else _loaded_rows(system, part)
        items = [_part(part, row) for row in sorted(rows, key=lambda row: row.pk)]
        frozen_parts[part.name] = items if part.many else (items[0] if items else None)
    return {
        "schema": RECORD_SCHEMA,
        **_values(system, _IDENTITY, frozenset()),
        "organisation": _values(organisation, ORGANISATION_FIELDS, _ORGANISATION_TRANSLATED),
        "fields": _values(system, _SYSTEM_FIELDS, schema.SYSTEM_TRANSLATED),
        "classification": _values(system, _CLASSIFICATION, frozenset()),
        "parts": frozen_parts,
        **{name: json_value(block) for name, block in (blocks or {}).items()},
    }
