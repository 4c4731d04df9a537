"""The bulk files the register offers: one table, read by the download views, the downloads
page and the data dictionary (its JSON and its page)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from api.columns import Sheet, export_sheets, history_sheet
from register import schema

CSV, XLSX, JSON = "csv", "xlsx", "json"
MEDIA_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    JSON: "application/json",
}
# The register's files are named after it, with the day they were made.
FILE_PREFIX = "kz-ai-register"


@dataclass(frozen=True)
class BulkFile:
    """A downloadable file: its name, format, route, what it holds, its sheets (one for a CSV,
    several for the XLSX, none for the JSON, which holds the cards as they are) and how many
    bytes one row takes, roughly (the size the downloads page announces)."""

    name: str
    format: str
    route: str
    kwargs: tuple[tuple[str, str], ...]
    title: Promise
    description: Promise
    sheets: tuple[Sheet, ...]
    bytes_per_record: int
    per: str = "record"  # what the size is proportional to: "record" or "version"

    @property
    def path(self) -> str:
        return reverse(self.route, kwargs=dict(self.kwargs))


def _part_file(sheet: Sheet) -> BulkFile:
    return BulkFile(
        name=f"{sheet.name}.csv",
        format=CSV,
        route="api:download_part",
        kwargs=(("part", sheet.name),),
        title=sheet.title,
        description=format_lazy(
            "{} {}",
            _(
                "One row per item of every public card that shows them, with the record's public "
                "identifier first."
            ),
            _("Restricted and withheld cards show none."),
        ),
        sheets=(sheet,),
        bytes_per_record=600,
    )


@functools.cache
def bulk_files() -> tuple[BulkFile, ...]:
    sheets = export_sheets()
    systems, parts = sheets[0], sheets[1:]
    return (
        BulkFile(
            name="register.csv",
            format=CSV,
            route="api:download",
            kwargs=(("format", CSV),),
            title=_("The register"),
            description=_(
                "One row per public record, withdrawn ones included: its identifiers, the "
                "current version and what its public card shows, texts in the three languages "
                "side by side."
            ),
            sheets=(systems,),
            bytes_per_record=5000,
        ),
        BulkFile(
            name="register.xlsx",
            format=XLSX,
            route="api:download",
            kwargs=(("format", XLSX),),
            title=_("The register as a spreadsheet"),
            description=_(
                "The same rows as the CSV file, with a sheet of its own for each kind of "
                "repeatable item (suppliers, data sources, risks and others)."
            ),
            sheets=sheets,
            bytes_per_record=2500,
        ),
        BulkFile(
            name="register.json",
            format=JSON,
            route="api:download",
            kwargs=(("format", JSON),),
            title=_("The register as JSON"),
            description=_(
                "A list with the identifiers of each public record and its public card as it "
                "is published, the repeatable items nested in it. The card's format is "
                "described by its JSON Schema."
            ),
            sheets=(),
            bytes_per_record=9000,
        ),
        *(_part_file(sheet) for sheet in parts if sheet.name in schema.REPEATABLE),
        BulkFile(
            name="history.csv",
            format=CSV,
            route="api:history",
            kwargs=(),
            title=_("Publication history"),
            description=_(
                "One row per published version of every public record: when it was published "
                "and replaced, the hash of its card, its name and risk class."
            ),
            sheets=(history_sheet(),),
            bytes_per_record=500,
            per="version",
        ),
    )


def by_route(route: str, **kwargs: Any) -> BulkFile | None:
    wanted = tuple(sorted((k, str(v)) for k, v in kwargs.items()))
    return next(
        (f for f in bulk_files() if f.route == route and tuple(sorted(f.kwargs)) == wanted),
        None,
    )
