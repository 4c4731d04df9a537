"""The files an export is served as: JSON, and CSV for formats whose register publishes CSV
(one row per record, the format's fields as columns). Both stream the whole register with flat
memory."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, Final

from api.crosswalk import Format

# A spreadsheet runs a cell that starts with one of these as a formula: such cells get a
# leading apostrophe (OWASP's advice on CSV injection).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
# What a CSV cell says in place of a field the audience may not read.
WITHHELD_CELL: Final = "withheld"


def neutralised(value: Any) -> str:
    """A CSV cell of ``value`` that no spreadsheet runs as a formula (lists joined by "; ")."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(neutralised(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(fmt: Format, export: dict[str, Any]) -> list[str]:
    """The cells of one exported record, in the order of the format's table."""
    withheld = set(export["withheld"])
    cells = []
    for row in fmt.table:
        if row.target in withheld:
            cells.append(WITHHELD_CELL)
            continue
        value: Any = export["record"]
        for key in row.target.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        cells.append(neutralised(value))
    return cells


class _Line:
    """A file-like object whose ``write`` returns what it is given (for ``csv.writer``)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(fmt: Format, exports: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV file of ``exports``, a line at a time, with the format's fields as header."""
    writer = csv.writer(_Line())
    yield writer.writerow([row.target for row in fmt.table])
    for export in exports:
        yield writer.writerow(csv_row(fmt, export))


def json_chunks(head: dict[str, Any], exports: Iterable[dict[str, Any]]) -> Iterator[str]:
    """``{**head, "records": [...]}`` as JSON, a record at a time."""
    opening = json.dumps({**head, "records": []}, ensure_ascii=False)
    yield opening[:-2]
    for index, export in enumerate(exports):
        yield ("," if index else "") + json.dumps(export, ensure_ascii=False)
    yield "]}"
