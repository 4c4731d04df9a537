"""Files for the import tests, written the way an agency's spreadsheet tool writes them."""

from __future__ import annotations

import csv
import io

from api.imports import columns

MINIMAL = {
    "name_en": "Queue forecaster",
    "summary_en": "Forecasts queues",
    "scope_en": "Only queues",
    "phase": "pilot",
}


def csv_bytes(rows: list[dict], *, delimiter: str = ",", bom: bool = False) -> bytes:
    headers = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=headers, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(sheets: dict[str, list[dict]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        headers = list(dict.fromkeys(key for row in rows for key in row)) or ["public_id"]
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_rows(data: bytes, sheet: str = columns.SYSTEMS_SHEET) -> list[dict]:
    from api.imports.readers import read

    _fmt, book = read("file", data)
    return [cells for _number, cells in book[sheet].rows]
