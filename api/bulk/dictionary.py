"""The data dictionary of the bulk files: every column of every file, with its title,
description, type, allowed values and where the public card shows it, in kk, ru and en.
Versioned with the card's format (``register.cards.CARD_SCHEMA``), since the files are
flattened cards."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from api.bulk.files import bulk_files
from api.columns import SHOWN, TYPES, FlatColumn
from portal.addresses import absolute
from register.cards import CARD_SCHEMA
from register.i18n import CONTENT_LANGUAGES

DICTIONARY_SCHEMA = "kz-ai-register/dictionary/1"


def _texts(value: Any) -> dict[str, str]:
    """``value`` (a lazy text) in every content language."""
    texts = {}
    for code in CONTENT_LANGUAGES:
        with translation.override(code):
            texts[code] = str(value) if value else ""
    return texts


def column_entry(column: FlatColumn) -> dict[str, Any]:
    return {
        "name": column.name,
        "title": _texts(column.title),
        "description": _texts(column.description),
        "type": column.type,
        "language": column.language,
        "values": [{"code": code, "label": _texts(label)} for code, label in column.choices],
        "shown": column.shown,
        "card_path": column.card_address or None,
    }


def dictionary() -> dict[str, Any]:
    """The data dictionary as JSON-ready data."""
    return {
        "schema": DICTIONARY_SCHEMA,
        "card_schema": CARD_SCHEMA,
        "languages": list(CONTENT_LANGUAGES),
        "types": {code: _texts(label) for code, label in TYPES.items()},
        "shown": {code: _texts(label) for code, label in SHOWN.items()},
        "files": [
            {
                "name": item.name,
                "format": item.format,
                "url": absolute(item.path),
                "title": _texts(item.title),
                "description": _texts(item.description),
                "sheets": [
                    {
                        "name": sheet.name,
                        "title": _texts(sheet.title),
                        "columns": [column_entry(column) for column in sheet.columns],
                    }
                    for sheet in item.sheets
                ],
            }
            for item in bulk_files()
        ],
    }
