"""Reads of findings and check runs, each in a fixed number of queries.

The compliance score of a system is a number from 0 to 100 computed from its open findings
(waived findings do not count):

    score = max(0, 100 - 30 × blockers - 10 × majors - 3 × minors)

and at most 40 while any blocker is open, so that a system that must not be published never
looks nearly compliant. A system with no open finding scores 100. An organisation's score is
the mean of its systems' scores, rounded half up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from django.core.paginator import Page
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from compliance.models import (
    LISTED_STATUSES,
    CheckRun,
    Finding,
    FindingStatus,
    Severity,
    SystemStanding,
)
from compliance.standing import per_findings_generation
from register.models import AISystem, Organisation
from register.pagination import CountedPaginator

WEIGHTS: Final = {Severity.BLOCKER: 30, Severity.MAJOR: 10, Severity.MINOR: 3}
BLOCKER_CAP: Final = 40

SEVERITY_ORDER: Final = Case(
    When(severity=Severity.BLOCKER, then=Value(0)),
    When(severity=Severity.MAJOR, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def compliance_score(*, blocker: int, major: int, minor: int) -> int:
    """See the module docstring."""
    score = 100 - WEIGHTS[Severity.BLOCKER] * blocker
    score -= WEIGHTS[Severity.MAJOR] * major + WEIGHTS[Severity.MINOR] * minor
    score = max(0, score)
    return min(score, BLOCKER_CAP) if blocker else score


@dataclass(frozen=True)
class ComplianceSummary:
    blocker: int
    major: int
    minor: int
    waived: int
    score: int

    @property
    def open(self) -> int:
        return self.blocker + self.major + self.minor


def _open(severity: str) -> Count:
    return Count("id", filter=Q(status=FindingStatus.OPEN, severity=severity))


def compliance_summary(system: AISystem) -> ComplianceSummary:
    """Open findings of ``system`` by severity, its waived findings and its score: one query."""
    counts = Finding.objects.filter(system=system).aggregate(
        blocker=_open(Severity.BLOCKER),
        major=_open(Severity.MAJOR),
        minor=_open(Severity.MINOR),
        waived=Count("id", filter=Q(status=FindingStatus.WAIVED)),
    )
    return ComplianceSummary(
        **counts,
        score=compliance_score(
            blocker=counts["blocker"], major=counts["major"], minor=counts["minor"]
        ),
    )


@dataclass(frozen=True)
class OrganisationSummary:
    systems: int
    systems_with_blockers: int
    blocker: int
    major: int
    minor: int
    waived: int
    score: int


def organisation_summary(organisation: Organisation) -> OrganisationSummary:
    """Open findings across ``organisation``'s systems and their mean score: two queries, over
    the systems' standings (one row per system with findings), never over the findings."""
    systems = AISystem.objects.filter(organisation=organisation).count()
    rows = (
        SystemStanding.objects.filter(system__organisation=organisation)
        .filter(Q(open__gt=0) | Q(waived__gt=0))
        .values_list("blocker", "major", "minor", "waived")
    )
    totals = {"blocker": 0, "major": 0, "minor": 0, "waived": 0}
    lost = 0  # points below 100, summed over the systems that have open findings
    with_blockers = 0
    for blocker, major, minor, waived in rows:
        totals["blocker"] += blocker
        totals["major"] += major
        totals["minor"] += minor
        totals["waived"] += waived
        lost += 100 - compliance_score(blocker=blocker, major=major, minor=minor)
        with_blockers += bool(blocker)
    mean = Decimal(100 * systems - lost) / systems if systems else Decimal(100)
    return OrganisationSummary(
        systems=systems,
        systems_with_blockers=with_blockers,
        score=int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP)),
        **totals,
    )


def system_findings(system: AISystem) -> QuerySet[Finding]:
    """Open and waived findings of ``system``, most severe first."""
    return (
        Finding.objects.filter(system=system, status__in=(FindingStatus.OPEN, FindingStatus.WAIVED))
        .select_related("system", "system__organisation")
        .alias(severity_rank=SEVERITY_ORDER)
        .order_by("severity_rank", "rule_id")
    )


def open_blockers(system: AISystem) -> QuerySet[Finding]:
    """Open blocker findings of ``system``: what stops its publication."""
    return Finding.objects.filter(
        system=system, status=FindingStatus.OPEN, severity=Severity.BLOCKER
    ).order_by("rule_id")


def blocking_findings(system: AISystem) -> list[Finding]:
    """The publication gate: an empty list means no open blocker (waived ones do not block).

    Findings are as of the last check; call ``check_systems([system.pk], trigger="change")``
    first when the record may have changed since.
    """
    return list(open_blockers(system))


def open_findings_by_rule() -> dict[str, int]:
    """How many systems fail each rule, register-wide: counted over every open finding once per
    findings generation (``compliance.standing``)."""

    def count() -> dict[str, int]:
        rows = (
            Finding.objects.filter(status=FindingStatus.OPEN)
            .values("rule_id")
            .annotate(systems=Count("id"))
            .order_by("rule_id")
        )
        return {row["rule_id"]: row["systems"] for row in rows}

    return per_findings_generation("open-by-rule", count)


def waivers_expiring(*, before: dt.date) -> QuerySet[Finding]:
    """Waived findings whose waiver ends before ``before``, soonest first."""
    return (
        Finding.objects.filter(status=FindingStatus.WAIVED, waiver_expires_on__lt=before)
        .select_related("system", "system__organisation")
        .order_by("waiver_expires_on", "pk")
    )


def latest_check_run() -> CheckRun | None:
    return CheckRun.objects.order_by("-started_at").first()


#: Findings on a page of the organisation's (or the register's) findings.
FINDINGS_PAGE_SIZE: Final = 50


def organisation_findings(organisation: Organisation | None, page: object = 1) -> Page:
    """One page of the open and waived findings across an organisation's systems (every
    organisation's for ``None``: the regulator's view), most severe first, then by system and
    rule (``page``: a number as typed; anything else is the first or last page). Two queries:
    the count, summed over the systems' standings instead of counting every finding, and the
    page, served by the ``finding_listed`` index: the severities sort alphabetically in their
    order of gravity (blocker, major, minor), so the column itself is the order."""
    scope = {} if organisation is None else {"system__organisation": organisation}
    findings = (
        Finding.objects.filter(status__in=LISTED_STATUSES, **scope)
        .select_related("system", "system__organisation")
        .order_by("severity", "system_id", "rule_id")
    )
    listed = SystemStanding.objects.filter(**scope).aggregate(
        n=Coalesce(Sum(F("open") + F("waived")), 0)
    )["n"]
    return CountedPaginator(findings, FINDINGS_PAGE_SIZE, count=listed).get_page(page)
