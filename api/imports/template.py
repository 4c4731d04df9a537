"""The import template, empty or filled with an organisation's records (their working copy), as
XLSX (a sheet per repeatable part and a "fields" sheet explaining each column), CSV (the
systems sheet, with a second row explaining each column) or a ZIP of CSV files (one per
sheet). A filled file imported again changes nothing."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator

from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from api.imports import columns
from register import schema
from register.models import AISystem, Organisation
from register.selectors import systems_with_parts

FORMATS = ("xlsx", "csv", "zip")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "zip": "application/zip",
}
FIELDS_SHEET = "fields"


def _hint(cell: columns.Cell) -> str:
    field = cell.field
    if field.choices:
        return _("one of: %(codes)s") % {"codes": ", ".join(str(v) for v, _l in field.choices if v)}
    if columns._is_boolean(field):
        return _("yes, no, or empty if not stated")
    if columns._is_list(field):
        return _("codes separated by “; ”")
    if columns._is_date(field):
        return _("a date, YYYY-MM-DD")
    if columns._is_integer(field):
        return _("a whole number")
    if getattr(field, "max_length", None):
        return _("text, at most %(count)d characters") % {"count": field.max_length}
    return _("text")


def _description(cell: columns.Cell) -> str:
    return f"{force_str(cell.field.verbose_name)} — {_hint(cell)}"


def _identifier_descriptions() -> list[str]:
    return [
        _("the register's identifier of the record: empty for a new record"),
        _("your organisation's own reference of the record (optional)"),
    ]


def _records(organisation: Organisation | None) -> list[AISystem]:
    if organisation is None:
        return []
    return list(systems_with_parts().filter(organisation=organisation).order_by("public_id"))


def rows(sheet: str, records: Iterable[AISystem]) -> Iterator[list[str]]:
    """The data rows of ``sheet`` for ``records``, following the convention."""
    cells = columns.sheets()[sheet]
    for system in records:
        ids = [system.public_id, columns.escape(system.external_id)]
        if sheet == columns.SYSTEMS_SHEET:
            oversight = getattr(system, columns.INLINE_PART, None)
            yield [
                *ids,
                *(
                    columns.to_cell(
                        c.field,
                        getattr(system if c.target == schema.SYSTEM else oversight, c.name, None)
                        if c.target == schema.SYSTEM or oversight is not None
                        else None,
                    )
                    for c in cells
                ),
            ]
        else:
            for item in sorted(getattr(system, sheet).all(), key=lambda row: row.pk):
                yield [*ids, *(columns.to_cell(c.field, getattr(item, c.name)) for c in cells)]


def _csv(sheet: str, records: list[AISystem], *, explain: bool) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns.headers(sheet))
    if explain:
        descriptions = [*_identifier_descriptions(), *map(_description, columns.sheets()[sheet])]
        writer.writerow([f"# {descriptions[0]}", *descriptions[1:]])
    writer.writerows(rows(sheet, records))
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(records: list[AISystem]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet in columns.sheets():
        worksheet = workbook.create_sheet(sheet)
        worksheet.append(columns.headers(sheet))
        for row in rows(sheet, records):
            worksheet.append(row)
    fields = workbook.create_sheet(FIELDS_SHEET)
    fields.append([_("sheet"), _("column"), _("meaning")])
    for sheet, cells in columns.sheets().items():
        for header, description in zip(
            columns.IDENTIFIERS, _identifier_descriptions(), strict=True
        ):
            fields.append([sheet, header, description])
        for cell in cells:
            fields.append([sheet, cell.header, _description(cell)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build(fmt: str, organisation: Organisation | None = None) -> bytes:
    """The template in ``fmt``, filled with ``organisation``'s records if one is given."""
    records = _records(organisation)
    if fmt == "xlsx":
        return _xlsx(records)
    if fmt == "csv":
        return _csv(columns.SYSTEMS_SHEET, records, explain=organisation is None)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in columns.sheets():
            archive.writestr(f"{sheet}.csv", _csv(sheet, records, explain=organisation is None))
    return buffer.getvalue()
