"""Reading an import file into sheets of text cells: CSV (UTF-8, with or without a BOM, ``;`` or
``,``), a ZIP of CSV files (one per sheet, named after it), XLSX (openpyxl in read-only mode;
with defusedxml installed it refuses entity attacks) and the register's own JSON export (an
array, or ``{"records": [...]}``, of cards under ``card`` or of flat column objects).

Every cell comes out normalised (``columns.normalise``). Row numbers are those the user sees: the
header is row 1; in JSON, the number of the record in the file.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from api.imports import columns
from register import cards, schema

CSV, XLSX, JSON, ZIP = "csv", "xlsx", "json", "zip"
FORMATS = (CSV, XLSX, JSON, ZIP)


@dataclass
class Sheet:
    """Rows of cells by header. A part's sheet gives the whole list of items of the records
    it covers: of every record of the file, or (JSON) of the records numbered in ``covers``."""

    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    covers: set[int] | None = None

    def gives_items_of(self, number: int) -> bool:
        return self.covers is None or number in self.covers


Book = dict[str, Sheet]


class ReadError(ValidationError):
    """The file cannot be read at all (the message says why)."""


def detect(name: str, data: bytes) -> str:
    """The format of a file, from its content first and its name second."""
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return XLSX if "xl/workbook.xml" in archive.namelist() else ZIP
        except zipfile.BadZipFile:
            raise ReadError(
                _("The file is not a valid XLSX or ZIP file."), code="bad_zip"
            ) from None
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in (b"[", b"{") or name.lower().endswith(".json"):
        return JSON
    return CSV


def read(name: str, data: bytes) -> tuple[str, Book]:
    """The format and the sheets of a file."""
    if len(data) > settings.API_IMPORT_MAX_BYTES:
        raise _too_large()
    fmt = detect(name, data)
    book = {CSV: _read_csv_file, XLSX: _read_xlsx, JSON: _read_json, ZIP: _read_zip}[fmt](data)
    systems = book.get(columns.SYSTEMS_SHEET)
    if systems is None or not systems.headers:
        raise ReadError(_("The file has no sheet called “systems”."), code="no_systems_sheet")
    if len(systems.rows) > settings.API_IMPORT_MAX_ROWS:
        raise ReadError(
            _("The file has %(count)d records; an import takes at most %(limit)d."),
            code="too_many_rows",
            params={"count": len(systems.rows), "limit": settings.API_IMPORT_MAX_ROWS},
        )
    return fmt, book


def _too_large() -> ReadError:
    return ReadError(
        _("The file is larger than %(limit)d MB."),
        code="file_too_large",
        params={"limit": max(1, settings.API_IMPORT_MAX_BYTES // (1024 * 1024))},
    )


def _sheet(rows: Iterable[Iterable[Any]]) -> Sheet:
    """A sheet from rows of raw cells, the first being the headers; empty rows are left out,
    and so is a second row that explains the columns (the template's, starting with "#")."""
    iterator = iter(rows)
    try:
        headers = [columns.normalise(cell) for cell in next(iterator)]
    except StopIteration:
        return Sheet()
    while headers and not headers[-1]:
        headers.pop()
    twice = sorted({h for h in headers if h and headers.count(h) > 1})
    if twice:
        raise ReadError(
            _("These columns appear more than once: %(columns)s."),
            code="duplicate_columns",
            params={"columns": ", ".join(twice)[:500]},
        )
    sheet = Sheet(headers=headers)
    for number, raw in enumerate(iterator, start=2):
        cells = [columns.normalise(cell) for cell in raw]
        if not any(cells):
            continue
        if number == 2 and cells[0].startswith("#"):
            continue
        padded = cells + [""] * (len(headers) - len(cells))
        sheet.rows.append((number, {h: padded[i] for i, h in enumerate(headers) if h}))
        if len(sheet.rows) > settings.API_IMPORT_MAX_ROWS * 50:
            raise ReadError(_("The file has too many rows."), code="too_many_rows")
    return sheet


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError(
            _("The file is not in UTF-8. Save it as “CSV UTF-8” and upload it again."),
            code="not_utf8",
        ) from None
    if "\x00" in text:
        raise ReadError(_("The file contains a NUL character."), code="nul")
    return text


def _read_csv(data: bytes) -> Sheet:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return _sheet(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise ReadError(_("The CSV file is malformed."), code="bad_csv") from None


def _read_csv_file(data: bytes) -> Book:
    return {columns.SYSTEMS_SHEET: _read_csv(data)}


def _members(data: bytes) -> Iterator[tuple[str, bytes]]:
    """The files of a ZIP archive, refusing one that would unpack beyond the size limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if sum(info.file_size for info in infos) > settings.API_IMPORT_MAX_BYTES:
                raise _too_large()
            for info in infos:
                yield info.filename, archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError):
        raise ReadError(_("The file is not a valid XLSX or ZIP file."), code="bad_zip") from None


def _read_zip(data: bytes) -> Book:
    book: Book = {}
    for name, content in _members(data):
        stem = name.rsplit("/", 1)[-1].removesuffix(".csv")
        if name.endswith(".csv") and stem in columns.sheets():
            book[stem] = _read_csv(content)
    return book


def _read_xlsx(data: bytes) -> Book:
    from openpyxl import load_workbook

    for _name in _members(data):
        pass  # the size check of the archive, before openpyxl unpacks it
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises anything on a hostile file
        raise ReadError(
            _("The XLSX file cannot be read: %(reason)s"),
            code="bad_xlsx",
            params={"reason": type(error).__name__},
        ) from None
    try:
        return {
            worksheet.title: _sheet(worksheet.iter_rows(values_only=True))
            for worksheet in workbook.worksheets
            if worksheet.title in columns.sheets()
        }
    finally:
        workbook.close()


# --- JSON ----------------------------------------------------------------------------------


def _read_json(data: bytes) -> Book:
    try:
        payload = json.loads(_decode(data))
    except (json.JSONDecodeError, RecursionError):
        raise ReadError(_("The file is not valid JSON."), code="bad_json") from None
    records = payload.get("records") if isinstance(payload, dict) else payload
    if not isinstance(records, list):
        raise ReadError(
            _("The JSON file must hold a list of records, or an object with “records”."),
            code="bad_json",
        )
    book: Book = {
        title: Sheet(headers=columns.headers(title), covers=set()) for title in columns.sheets()
    }
    book[columns.SYSTEMS_SHEET].covers = None
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ReadError(
                _("Record %(number)d of the JSON file is not an object."),
                code="bad_json",
                params={"number": number},
            )
        flat, parts = _from_card(record) if isinstance(record.get("card"), dict) else _flat(record)
        book[columns.SYSTEMS_SHEET].rows.append((number, flat))
        for part, items in parts.items():
            book[part].covers.add(number)  # type: ignore[union-attr]
            for item in items:
                book[part].rows.append((number, item))
    return book


def _cells(values: dict[str, Any]) -> dict[str, str]:
    return {str(key): columns.normalise(value) for key, value in values.items()}


def _flat(record: dict[str, Any]) -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    """A flat column object; a repeatable part's items may be given as a list under its name."""
    ids = {key: columns.normalise(record.get(key)) for key in columns.IDENTIFIERS}
    parts = {
        name: [{**ids, **_cells(item)} for item in record[name] if isinstance(item, dict)]
        for name in schema.REPEATABLE
        if isinstance(record.get(name), list)
    }
    flat = _cells({k: v for k, v in record.items() if k not in schema.REPEATABLE})
    return flat, parts


def _at(card: dict[str, Any], path: tuple[str, ...]) -> tuple[bool, Any]:
    value: Any = card
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return False, None
        value = value[key]
    return True, value


def _texts(target: str, values: dict[str, Any], names: Iterable[str]) -> dict[str, str]:
    """Cells of the schema's columns of ``target`` from card values (a translated text is a
    ``{kk, ru, en}`` object on the card)."""
    out: dict[str, Any] = {}
    for column in schema.columns():
        if column.target != target or column.field not in names:
            continue
        value = values.get(column.field)
        if column.language is not None:
            value = value.get(column.language) if isinstance(value, dict) else None
        out[column.name] = value
    return _cells(out)


def _from_card(record: dict[str, Any]) -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    """The columns a public card fills: only the fields it shows (a restricted card shows
    fewer), each from where ``register.cards`` puts it."""
    card = record["card"]
    public_id = columns.normalise(record.get("public_id") or card.get("public_id"))
    found = {}
    for name, path in cards.SYSTEM_LAYOUT.items():
        present, value = _at(card, path)
        if present:
            found[name] = value
    flat = {
        "public_id": public_id,
        "external_id": columns.normalise(record.get("external_id")),
        **_texts(schema.SYSTEM, found, found),
    }
    parts: dict[str, list[dict[str, str]]] = {}
    for name, path in cards.PART_LAYOUT.items():
        present, value = _at(card, path)
        if not present:
            continue
        if name == columns.INLINE_PART:
            if isinstance(value, dict):
                cells = _texts(name, value, value)
                flat.update({f"{name}.{key}": cell for key, cell in cells.items()})
            continue
        parts[name] = [
            {"public_id": public_id, **_texts(name, item, item)}
            for item in value or []
            if isinstance(item, dict)
        ]
    return flat, parts
