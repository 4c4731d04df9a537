"""The flat column convention of spreadsheets, shared by the import template and the files an
agency downloads to edit: which sheets and columns a file has, and how a value is written to a
cell and read back from one. The columns, their headers and the cell conventions (lists, yes/no,
the formula escape) are those of the register's downloads, declared once in ``api.columns``
(itself derived from ``register.schema.columns()``); this module adds what only an import
needs: the model field each header fills, and reading cells back.

A systems sheet holds the record's own fields and the one-to-one part (``oversight.mode``); each
repeatable part has a sheet of its own, titled with the part's name, whose rows name their record
by ``public_id`` or ``external_id``.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from api import columns as flat
from api.columns import EXPORT_ONLY, FORMULA_STARTS, IMPORT_IDENTIFIERS, NO, QUOTE, YES
from register import schema
from register.i18n import column as language_column
from register.models import AISystem

SYSTEMS_SHEET = "systems"
# The columns that name a record in the import template, first in every sheet.
IDENTIFIERS = IMPORT_IDENTIFIERS
LIST_SEPARATOR = flat.MULTI_SEPARATOR
# A text for a cell: a leading formula character is neutralised with "'" (OWASP CSV injection).
escape = flat.neutralise
# Columns of the register's own downloads that say where a row comes from (``api.columns``,
# the bulk downloads' table): an import reads past them.
EXPORT_METADATA = frozenset(EXPORT_ONLY)
# The one-to-one part, whose columns sit in the systems sheet as ``<part>.<column>``.
INLINE_PART = next(p.name for p in schema.PARTS if not p.many)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER = re.compile(r"-?\d+")


@dataclass(frozen=True)
class Cell:
    """One column of a sheet: its header, the part it belongs to (``schema.SYSTEM`` or a part
    name), and the model field it fills."""

    header: str
    target: str
    name: str
    field: models.Field


def _model(target: str) -> type[models.Model]:
    return AISystem if target == schema.SYSTEM else schema.part(target).model


def _cell(column: flat.FlatColumn) -> Cell:
    assert column.field is not None  # noqa: S101 - a schema column, never metadata
    name = language_column(column.field, column.language) if column.language else column.field
    return Cell(column.name, column.target, name, _model(column.target)._meta.get_field(name))


@cache
def sheets() -> dict[str, tuple[Cell, ...]]:
    """Every sheet of the convention, by title, with its columns after the identifiers: the
    columns of the downloads' systems file and part files (``api.columns``)."""
    return {
        SYSTEMS_SHEET: tuple(_cell(column) for column in flat.record_columns()),
        **{
            part: tuple(_cell(column) for column in flat.part_columns(part))
            for part in schema.REPEATABLE
            if flat.part_columns(part)
        },
    }


def headers(sheet: str) -> list[str]:
    """The header row of ``sheet`` in the import template."""
    return [*IDENTIFIERS, *(cell.header for cell in sheets()[sheet])]


def _is_list(field: models.Field) -> bool:
    return isinstance(field, models.JSONField)


def _is_boolean(field: models.Field) -> bool:
    return isinstance(field, models.BooleanField)


def _is_integer(field: models.Field) -> bool:
    return isinstance(field, models.IntegerField)


def _is_date(field: models.Field) -> bool:
    return isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)


def unescape(text: str) -> str:
    """The text of a cell written by :func:`escape`: exactly one "'" before a formula
    character is taken off."""
    if text.startswith(QUOTE) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def to_cell(field: models.Field, value: Any) -> str:
    """The cell of a stored value, following the convention."""
    if value is None:
        return ""
    if _is_boolean(field):
        return YES if value else NO
    if _is_list(field):
        return escape(LIST_SEPARATOR.join(str(item) for item in value or []))
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return escape(str(value))


def normalise(raw: Any) -> str:
    """A cell as read from any file, as text: stripped, NFC, the formula escape taken off."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return YES if raw else NO
    if isinstance(raw, datetime.datetime):
        if raw.time() == datetime.time(0) and raw.tzinfo is None:
            return raw.date().isoformat()
        return raw.isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, list):
        return LIST_SEPARATOR.join(normalise(item) for item in raw)
    if isinstance(raw, dict):
        return json.dumps(raw, ensure_ascii=False)
    return unescape(unicodedata.normalize("NFC", str(raw)).strip())


def from_cell(field: models.Field, text: str) -> Any:
    """The value a normalised cell gives ``field``; ``ValidationError`` if it cannot be read
    (the field's own validation comes later, from the model)."""
    if _is_boolean(field):
        lowered = text.lower()
        if not lowered:
            return None
        if lowered in (YES, NO):
            return lowered == YES
        raise ValidationError(
            _("Write yes or no, or leave the cell empty if it is not stated."), code="yes_no"
        )
    if _is_list(field):
        return [item.strip() for item in text.split(";") if item.strip()]
    if _is_date(field):
        if not text:
            return None
        try:
            if not _DATE.fullmatch(text):
                raise ValueError(text)
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                _("Write a date as YYYY-MM-DD, for example 2025-03-31."), code="date"
            ) from None
    if _is_integer(field):
        if not text:
            return None
        if not _INTEGER.fullmatch(text) or len(text) > 18:
            raise ValidationError(_("Write a whole number, without spaces."), code="integer")
        return int(text)
    return text
