"""The bulk files, written piece by piece: CSV and JSON as streams of text, XLSX through
openpyxl's write-only mode into a temporary file. Pure functions of the rows they are given
(``api.bulk.selectors``), so memory stays flat whatever the number of rows."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from api.columns import SYSTEMS_SHEET, Sheet, export_sheets, part_items, utc_text
from register import schema

# A chunk of text is sent once it is this long.
CHUNK_CHARS = 64 * 1024
# So that spreadsheet programs read the CSV as UTF-8 (Kazakh and Russian letters); Python's
# ``utf-8-sig`` codec and every CSV library skip it.
BOM = "\ufeff"

Record = tuple[dict[str, Any], dict[str, Any]]


def csv_text(sheet: Sheet, rows: Iterable[list[Any]]) -> Iterator[str]:
    """The CSV of ``rows`` (lists of cells) under ``sheet``'s header, in chunks."""
    return csv_table(sheet.header, rows)


def csv_table(header: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    """The CSV of ``rows`` (lists of cells, neutralised already) under ``header``, in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= CHUNK_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def system_rows(sheet: Sheet, records: Iterable[Record]) -> Iterator[list[Any]]:
    for card, meta in records:
        yield sheet.values(card, meta)


def part_rows(sheet: Sheet, records: Iterable[Record]) -> Iterator[list[Any]]:
    """One row per item of the part ``sheet.name`` of each record's card."""
    for card, meta in records:
        for item in part_items(card, sheet.name):
            yield sheet.values(item, meta)


def _xlsx_cell(worksheet: Any, value: Any) -> Any:
    """A cell that is never a formula: openpyxl would write a text starting with ``=`` as one
    (the text is neutralised already, this is the second lock), and it refuses control
    characters, which XML cannot hold."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(worksheet, value=value)
    cell.data_type = "s"
    return cell


def xlsx_file(records: Iterable[Record]) -> IO[bytes]:
    """The whole register as an XLSX workbook: the systems sheet and a sheet per repeatable
    part, written in one pass over ``records``; returns the temporary file, at its start."""
    workbook = Workbook(write_only=True)
    sheets = export_sheets()
    worksheets = {sheet.name: workbook.create_sheet(title=sheet.name) for sheet in sheets}
    for sheet in sheets:
        worksheets[sheet.name].append(sheet.header)
    systems = next(sheet for sheet in sheets if sheet.name == SYSTEMS_SHEET)
    parts = [sheet for sheet in sheets if sheet.name in schema.REPEATABLE]

    def append(sheet: Sheet, values: list[Any]) -> None:
        worksheet = worksheets[sheet.name]
        worksheet.append([_xlsx_cell(worksheet, value) for value in values])

    for card, meta in records:
        append(systems, systems.values(card, meta))
        for sheet in parts:
            for item in part_items(card, sheet.name):
                append(sheet, sheet.values(item, meta))
    output = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — the response closes it
    workbook.save(output)
    output.seek(0)
    return output


def xlsx_table(title: str, header: list[str], rows: Iterable[list[Any]]) -> IO[bytes]:
    """One sheet of ``rows`` under ``header`` as an XLSX workbook, written in one pass; returns
    the temporary file, at its start."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=title[:31])
    worksheet.append(header)
    for row in rows:
        worksheet.append([_xlsx_cell(worksheet, value) for value in row])
    output = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — the response closes it
    workbook.save(output)
    output.seek(0)
    return output


def _json_default(value: Any) -> Any:
    if hasattr(value, "astimezone"):
        return utc_text(value)
    raise TypeError(f"not JSON: {value!r}")


def json_record(card: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    """One element of the JSON download: the export's metadata and the card, whose
    repeatable parts are nested as on the card."""
    return {**meta, "card": card}


def json_text(records: Iterable[Record]) -> Iterator[str]:
    """A JSON array of ``json_record``, one element per line, in chunks."""
    parts: list[str] = ["["]
    size = 1
    first = True
    for card, meta in records:
        text = json.dumps(json_record(card, meta), ensure_ascii=False, default=_json_default)
        parts.append(("\n" if first else ",\n") + text)
        size += len(text) + 2
        first = False
        if size >= CHUNK_CHARS:
            yield "".join(parts)
            parts, size = [], 0
    parts.append("\n]\n")
    yield "".join(parts)
