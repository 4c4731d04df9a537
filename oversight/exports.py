"""The regulator's exports of a selection: its records and their open findings, as CSV or XLSX.

Each export is one declared table (column name -> value of a row), written by the open-data
API's streaming writers; texts are neutralised against formula injection (``api.columns``), and
rows are read from the database in chunks, so memory stays flat at any size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from django.db.models import QuerySet

from api.columns import neutralise, utc_text
from compliance.models import Finding
from compliance.rules import get_catalogue

CHUNK: Final = 2000


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if hasattr(value, "astimezone"):
        return utc_text(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list):
        value = " ".join(str(item) for item in value)
    return neutralise(str(value))


@dataclass(frozen=True)
class Export:
    name: str  # the file's stem and the XLSX sheet's title
    columns: tuple[tuple[str, Callable[[Any], Any]], ...]

    @property
    def header(self) -> list[str]:
        return [name for name, _get in self.columns]

    def rows(self, queryset: QuerySet[Any]) -> Iterator[list[Any]]:
        for row in queryset.iterator(chunk_size=CHUNK):
            yield [_cell(get(row)) for _name, get in self.columns]


def _rule_title(finding: Finding) -> str:
    rule = get_catalogue().get(finding.rule_id)
    return str(rule.title_text) if rule is not None else ""


SYSTEMS: Final = Export(
    "systems",
    (
        ("public_id", lambda s: s.public_id),
        ("organisation", lambda s: s.organisation.short_code),
        ("organisation_bin", lambda s: s.organisation.bin),
        ("jurisdiction", lambda s: s.organisation.jurisdiction),
        ("name_kk", lambda s: s.name_kk),
        ("name_ru", lambda s: s.name_ru),
        ("name_en", lambda s: s.name_en),
        ("status", lambda s: s.status),
        ("phase", lambda s: s.phase),
        ("risk_class", lambda s: s.risk_class),
        ("kz_risk_degree", lambda s: s.kz_risk_degree),
        ("annex_iii", lambda s: s.annex_iii),
        ("fria_required", lambda s: s.fria_required),
        ("open_findings", lambda s: s.open_findings),
        ("open_blockers", lambda s: s.open_blockers),
        ("next_review_on", lambda s: s.next_review_on),
        ("updated_at", lambda s: s.updated_at),
    ),
)

FINDINGS: Final = Export(
    "findings",
    (
        ("public_id", lambda f: f.system.public_id),
        ("organisation", lambda f: f.system.organisation.short_code),
        ("rule_id", lambda f: f.rule_id),
        ("rule", _rule_title),
        ("severity", lambda f: f.severity),
        ("first_seen_at", lambda f: f.first_seen_at),
        ("last_seen_at", lambda f: f.last_seen_at),
    ),
)

EXPORTS: Final = {export.name: export for export in (SYSTEMS, FINDINGS)}
