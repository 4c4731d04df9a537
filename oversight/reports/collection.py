"""The audit report of several systems: every system of one organisation, or of the whole
register, in one language.

What such a report is made from is its scope's systems with a published full record, their
findings and the rule catalogue. ``scope_digest`` states all three as SHA-256 digests computed
in SQL (two queries, whatever the scope's size), so that a report is handed out again while
they are unchanged and ``verify`` can say later whether a report still matches the register.

The report prints its summary first (systems by class under each framework, open findings by
severity and by rule, and for the register the organisations), computed from the same frozen
records, then one section per system: its identification, classification, open and waived
findings, human oversight and the hash of the version it shows. Each system's full report
(``oversight.reports.document``) stays the place for everything else.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Final

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import CharField, Count, F, Func, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from compliance.models import Finding, FindingStatus, Severity
from compliance.rules import catalogue_version
from compliance.selectors import SEVERITY_ORDER
from oversight.reports import verify
from oversight.reports.context import ReportFinding, report_finding
from portal.charts import bar_chart
from register.i18n import pick
from register.models import AISystem, KzRiskDegree, Organisation, RiskClass
from register.models.versions import snapshot_digest

REPORT_FORMAT: Final = verify.COLLECTION_FORMAT
TEMPLATE: Final = "oversight/report/collection.html"
# Systems read (with their findings) and printed per step: bounded memory, and the progress
# the report's page shows.
BATCH: Final = 100
# The rules listed in the summary by their number of open findings, most first.
TOP_RULES: Final = 15


@dataclass(frozen=True)
class Scope:
    """One organisation's systems, or (``organisation`` None) the whole register's."""

    organisation: Organisation | None = None

    @property
    def code(self) -> str:
        """How a report names its scope: the organisation's short code, or ``*``."""
        return self.organisation.short_code if self.organisation else "*"

    def systems(self) -> QuerySet[AISystem]:
        """The systems a report of the scope shows: those with a published full record,
        withdrawn ones included (the report says so)."""
        systems = AISystem.objects.filter(published_version__isnull=False).exclude(
            published_version__record_sha256=""
        )
        if self.organisation is not None:
            systems = systems.filter(organisation=self.organisation)
        return systems


@dataclass(frozen=True)
class ScopeDigest:
    """What a report of a scope is made from, as digests."""

    systems: int
    records_sha256: str
    findings_sha256: str
    catalogue_version: str

    @property
    def sha256(self) -> str:
        return snapshot_digest(
            [REPORT_FORMAT, self.records_sha256, self.findings_sha256, self.catalogue_version]
        )


class _Sha256Hex(Func):
    """SHA-256 of a text in hexadecimal, in PostgreSQL itself (no extension needed)."""

    template = "ENCODE(SHA256(CONVERT_TO(%(expressions)s, 'UTF8')), 'hex')"
    output_field = CharField()


def _sha256_of(text: Any) -> Any:
    return _Sha256Hex(Coalesce(text, Value("")))


def _text(expression: Any) -> Any:
    return Coalesce(Cast(expression, CharField()), Value(""))


def scope_digest(scope: Scope) -> ScopeDigest:
    """The digests of the scope's records (each system's public id, the number and the SHA-256
    of the version shown, and when it was withdrawn) and of its findings' state (as
    ``findings_digest`` reads it for one system), computed in SQL. Two queries."""
    records = scope.systems().aggregate(
        count=Count("pk"),
        sha256=_sha256_of(
            StringAgg(
                Concat(
                    F("public_id"),
                    Value(":"),
                    _text("published_version__number"),
                    Value(":"),
                    F("published_version__record_sha256"),
                    Value(":"),
                    _text("withdrawn_at"),
                    output_field=CharField(),
                ),
                delimiter=",",
                order_by=("public_id",),
            )
        ),
    )
    findings = (
        Finding.objects.filter(system__in=scope.systems())
        .exclude(status=FindingStatus.NOT_APPLICABLE)
        .aggregate(
            sha256=_sha256_of(
                StringAgg(
                    Concat(
                        _text("system_id"),
                        Value(":"),
                        F("rule_id"),
                        Value(":"),
                        F("status"),
                        Value(":"),
                        F("severity"),
                        Value(":"),
                        _text("waiver_expires_on"),
                        output_field=CharField(),
                    ),
                    delimiter=",",
                    order_by=("system_id", "rule_id"),
                )
            )
        )
    )
    return ScopeDigest(
        systems=records["count"],
        records_sha256=records["sha256"],
        findings_sha256=findings["sha256"],
        catalogue_version=catalogue_version(),
    )


@dataclass(frozen=True)
class Entry:
    """One system's section: its frozen record and its findings in the report's language."""

    system: AISystem
    name: str
    open_findings: list[ReportFinding]
    waived_findings: list[ReportFinding]
    resolved: int

    @property
    def version(self) -> Any:
        return self.system.published_version

    @property
    def record(self) -> dict[str, Any]:
        return self.version.record or {}

    @property
    def fields(self) -> dict[str, Any]:
        return self.record.get("fields") or {}

    @property
    def classification(self) -> dict[str, Any]:
        return self.record.get("classification") or {}

    @property
    def parts(self) -> dict[str, Any]:
        return self.record.get("parts") or {}

    @property
    def organisation(self) -> dict[str, Any]:
        return self.record.get("organisation") or {}


def entries(scope: Scope, language: str) -> Iterator[list[Entry]]:
    """The scope's systems in batches of ``BATCH``, by organisation and public id: two queries
    per batch (the systems with their version, their findings) and one for the list."""
    ids = list(
        scope.systems()
        .order_by("organisation__short_code", "public_id")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        systems = (
            AISystem.objects.filter(pk__in=chunk)
            .select_related("organisation", "published_version")
            .defer("published_version__snapshot")
            .order_by("organisation__short_code", "public_id")
        )
        findings: dict[int, list[Finding]] = defaultdict(list)
        for finding in (
            Finding.objects.filter(system_id__in=chunk)
            .exclude(status=FindingStatus.NOT_APPLICABLE)
            .select_related("waived_by")
            .alias(severity_rank=SEVERITY_ORDER)
            .order_by("system_id", "severity_rank", "rule_id")
        ):
            findings[finding.system_id].append(finding)
        yield [_entry(system, findings[system.pk], language) for system in systems]


def _entry(system: AISystem, findings: list[Finding], language: str) -> Entry:
    record = system.published_version.record or {}
    name = str(pick((record.get("fields") or {}).get("name"), language)) or system.public_id
    rendered = [report_finding(finding, language) for finding in findings]
    return Entry(
        system=system,
        name=name,
        open_findings=[f for f in rendered if f.finding.status == FindingStatus.OPEN],
        waived_findings=[f for f in rendered if f.finding.status == FindingStatus.WAIVED],
        resolved=sum(1 for f in findings if f.status == FindingStatus.RESOLVED),
    )


@dataclass
class Summary:
    """The figures of the report's first part, counted from the sections' records."""

    systems: int = 0
    withdrawn: int = 0
    by_risk_class: Counter[str] = field(default_factory=Counter)
    by_kz_risk_degree: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    # organisation short code -> [name, systems, open findings, open blockers]
    by_organisation: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, entry: Entry, language: str) -> None:
        self.systems += 1
        self.withdrawn += entry.system.withdrawn_at is not None
        self.by_risk_class[entry.classification.get("risk_class") or ""] += 1
        self.by_kz_risk_degree[entry.classification.get("kz_risk_degree") or ""] += 1
        row = self.by_organisation.setdefault(
            entry.system.organisation.short_code,
            [str(pick(entry.organisation.get("name"), language)), 0, 0, 0],
        )
        row[1] += 1
        for item in entry.open_findings:
            self.by_severity[item.finding.severity] += 1
            self.by_rule[item.finding.rule_id] += 1
            row[2] += 1
            row[3] += item.finding.severity == Severity.BLOCKER

    def tables(self) -> dict[str, Any]:
        """The summary's tables (label, count) in their order, and a bar chart of each class."""
        risk = [(str(label), self.by_risk_class[value]) for value, label in RiskClass.choices]
        degree = [
            (str(label), self.by_kz_risk_degree[value]) for value, label in KzRiskDegree.choices
        ]
        return {
            "risk_classes": risk,
            "risk_chart": bar_chart(risk),
            "risk_degrees": degree,
            "degree_chart": bar_chart(degree),
            "severities": [
                (str(label), self.by_severity[value]) for value, label in Severity.choices
            ],
            "rules": sorted(self.by_rule.items(), key=lambda item: (-item[1], item[0]))[:TOP_RULES],
            "organisations": sorted(
                self.by_organisation.values(), key=lambda row: row[0].casefold()
            ),
        }


@dataclass(frozen=True)
class CollectionHTML:
    html: str
    digest: ScopeDigest
    generated_at: dt.datetime


def collection_html(
    scope: Scope,
    language: str,
    *,
    digest: ScopeDigest,
    progress: Callable[[int], None] = lambda done: None,
) -> CollectionHTML:
    """The report's HTML document for ``scope`` in ``language``, made from the data ``digest``
    states (read in the same transaction); ``progress(done)`` after each batch of systems."""
    with translation.override(language):
        summary = Summary()
        sections: list[str] = []
        done = 0
        for batch in entries(scope, language):
            for entry in batch:
                summary.add(entry, language)
            sections.append(
                render_to_string(
                    "oversight/report/collection_systems.html",
                    {"entries": batch, "whole_register": scope.organisation is None},
                )
            )
            done += len(batch)
            progress(done)
        now = timezone.now()
        title = _title(scope)
        html = render_to_string(
            TEMPLATE,
            {
                "scope": scope,
                "title": title,
                "language": language,
                "generated_at": now,
                "digest": digest,
                "summary": summary,
                "tables": summary.tables(),
                "sections": sections,
                "stamp": collection_stamp(scope, digest, now, language),
            },
        )
        return CollectionHTML(html=html, digest=digest, generated_at=now)


def _title(scope: Scope) -> str:
    """The report's title in the active language (the organisation's name is translated)."""
    if scope.organisation is None:
        return gettext("Audit report of the whole register")
    return gettext("Audit report of %(organisation)s") % {"organisation": scope.organisation.name}


def collection_stamp(
    scope: Scope, digest: ScopeDigest, generated_at: dt.datetime, language: str
) -> dict[str, str]:
    """The fields ``verify`` reads back from a report of several systems, by metadata key."""
    return {
        verify.FORMAT_KEY: REPORT_FORMAT,
        verify.SCOPE_KEY: scope.code,
        verify.SYSTEMS_KEY: str(digest.systems),
        verify.RECORDS_KEY: digest.records_sha256,
        verify.FINDINGS_KEY: digest.findings_sha256,
        verify.CATALOGUE_KEY: digest.catalogue_version,
        verify.GENERATED_KEY: generated_at.isoformat(),
        verify.LANGUAGE_KEY: language,
    }
