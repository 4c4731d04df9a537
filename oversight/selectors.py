"""What the regulator's overview counts: every agency's records and findings, aggregated in SQL.

Every function here runs a fixed number of queries, whatever the number of records or findings
behind it (the lists are querysets the views paginate). ``filters`` is the cleaned data of
``oversight.forms.OverviewFilterForm``; an empty value means "any".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from compliance.models import Finding, FindingStatus, Severity
from compliance.selectors import open_findings_by_rule
from compliance.standing import findings_generation
from oversight.models import RegulatorRequest, RequestStatus
from portal.models import OPEN_STATUSES, Report
from register.models import (
    AISystem,
    HumanOversight,
    ImpactAssessment,
    KzRiskDegree,
    Organisation,
    Phase,
    RiskClass,
    Status,
)
from register.services.projection import public_generation
from register.vocabulary import annex_iii_points

Filters = Mapping[str, Any]

# A citizen's report still unanswered after this many days is a concern of the regulator's.
FEEDBACK_OVERDUE_DAYS: Final = 30
# The rules listed by their number of open findings, most first.
TOP_RULES: Final = 20
UNCLASSIFIED: Final = "unclassified"
# The register-wide overview (no filter) is counted at most this often, and again at once after
# any change to findings or to what is published; a filtered one is counted on every request.
OVERVIEW_SECONDS: Final = 60
# Part of the cache key: change it with ``_Counts`` or ``CONCERNS``, so that a node running the
# new code never reads figures kept by one running the old.
OVERVIEW_FORMAT: Final = 1


def _open_findings(**extra: Any) -> QuerySet[Finding]:
    return Finding.objects.filter(system=OuterRef("pk"), status=FindingStatus.OPEN, **extra)


def _overseer_named() -> Exists:
    named = (
        Q(responsible_role_kk__gt="")
        | Q(responsible_role_ru__gt="")
        | Q(responsible_role_en__gt="")
    )
    return Exists(HumanOversight.objects.filter(named, system=OuterRef("pk")))


def _high_risk() -> Q:
    """High risk under either framework: the EU AI Act's class or the Kazakh risk degree."""
    return Q(risk_class=RiskClass.HIGH) | Q(kz_risk_degree=KzRiskDegree.HIGH)


@dataclass(frozen=True)
class Concern:
    """A state of a record that a regulator looks for: its key in the address, what it is
    called, and the condition on ``AISystem`` (built when asked, as it may read the clock)."""

    key: str
    title: Any
    condition: Callable[[], Q]


def _no_fria() -> Q:
    completed = ImpactAssessment.objects.filter(
        system=OuterRef("pk"),
        kind=ImpactAssessment.Kind.FRIA,
        state=ImpactAssessment.State.COMPLETED,
    )
    return Q(phase=Phase.PRODUCTION, fria_required=True) & ~Q(Exists(completed))


def _no_overseer() -> Q:
    return Q(phase=Phase.PRODUCTION) & _high_risk() & ~Q(_overseer_named())


def _prohibited() -> Q:
    return Q(risk_class=RiskClass.PROHIBITED) | Q(classification__kz__prohibited=True)


def _review_overdue() -> Q:
    return Q(next_review_on__lt=timezone.localdate()) & ~Q(phase=Phase.RETIRED)


def _published_with_blockers() -> Q:
    return Q(status=Status.PUBLISHED, standing__blocker__gt=0)


def _feedback_unanswered() -> Q:
    overdue = timezone.now() - dt.timedelta(days=FEEDBACK_OVERDUE_DAYS)
    reports = Report.objects.filter(
        system=OuterRef("pk"), status__in=OPEN_STATUSES, created_at__lt=overdue
    )
    return Q(Exists(reports))


def _requests_overdue() -> Q:
    overdue = RegulatorRequest.objects.filter(
        system=OuterRef("pk"), status=RequestStatus.OPEN, due_on__lt=timezone.localdate()
    )
    return Q(Exists(overdue))


CONCERNS: Final[tuple[Concern, ...]] = (
    Concern(
        "no-fria",
        _("High-risk systems in use without a completed fundamental-rights impact assessment"),
        _no_fria,
    ),
    Concern("no-overseer", _("High-risk systems in use without a named overseer"), _no_overseer),
    Concern(
        "prohibited", _("Systems reported with a prohibited practice or capability"), _prohibited
    ),
    Concern("review-overdue", _("Systems whose review is overdue"), _review_overdue),
    Concern(
        "published-with-blockers",
        _("Published systems with open blocking findings"),
        _published_with_blockers,
    ),
    Concern(
        "feedback-unanswered",
        _("Systems with citizens' reports unanswered after 30 days"),
        _feedback_unanswered,
    ),
    Concern(
        "requests-overdue",
        _("Systems with a regulator's request unanswered past its due date"),
        _requests_overdue,
    ),
)
CONCERNS_BY_KEY: Final = {concern.key: concern for concern in CONCERNS}


def _annex_iii_area(area: str) -> Q:
    condition = Q(pk__in=[])
    for point in annex_iii_points(area):
        condition |= Q(annex_iii__contains=[point])
    return condition


def _finding_filters(filters: Filters) -> dict[str, Any]:
    return {name: filters[name] for name in ("severity", "rule_id") if filters.get(name)}


def systems(filters: Filters, *, concern: str = "") -> QuerySet[AISystem]:
    """The records that match ``filters`` (and ``concern``, a key of ``CONCERNS``), of every
    organisation, in every state."""
    queryset = AISystem.objects.all()
    if filters.get("organisation"):
        queryset = queryset.filter(organisation=filters["organisation"])
    if filters.get("jurisdiction"):
        queryset = queryset.filter(organisation__jurisdiction=filters["jurisdiction"])
    for name in ("phase", "status"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    if filters.get("risk_class"):
        value = filters["risk_class"]
        queryset = queryset.filter(risk_class="" if value == UNCLASSIFIED else value)
    if filters.get("kz_risk_degree"):
        value = filters["kz_risk_degree"]
        queryset = queryset.filter(kz_risk_degree="" if value == UNCLASSIFIED else value)
    if filters.get("annex_iii_area"):
        queryset = queryset.filter(_annex_iii_area(filters["annex_iii_area"]))
    if filters.get("changed_since"):
        queryset = queryset.filter(updated_at__gte=_start_of(filters["changed_since"]))
    if finding := _finding_filters(filters):
        queryset = queryset.filter(Exists(_open_findings(**finding)))
    if concern:
        queryset = queryset.filter(CONCERNS_BY_KEY[concern].condition())
    return queryset


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def system_rows(filters: Filters, *, concern: str = "") -> QuerySet[AISystem]:
    """The list of ``systems``, for a page or an export: one query per page of rows."""
    return (
        systems(filters, concern=concern)
        .select_related("organisation")
        .annotate(
            open_findings=Coalesce("standing__open", 0),
            open_blockers=Coalesce("standing__blocker", 0),
        )
        .order_by("organisation__short_code", "public_id")
    )


def finding_rows(filters: Filters) -> QuerySet[Finding]:
    """The open findings of the records that match ``filters``, for an export."""
    return (
        Finding.objects.filter(
            status=FindingStatus.OPEN, system__in=systems(filters), **_finding_filters(filters)
        )
        .select_related("system__organisation")
        .order_by("system__organisation__short_code", "system__public_id", "rule_id")
    )


@dataclass(frozen=True)
class Overview:
    systems: int
    by_risk_class: list[tuple[str, int]]  # (RiskClass value, count), in the class order
    by_kz_risk_degree: list[tuple[str, int]]
    # One row per organisation with records: (organisation, {class: count}, total).
    by_organisation: list[tuple[Organisation, dict[str, int], int]]
    findings_by_severity: list[tuple[str, int]]
    findings_by_rule: list[tuple[str, int]]  # the TOP_RULES rules with the most
    findings_by_organisation: dict[int, int]  # organisation id -> open findings
    concerns: list[tuple[Concern, int]]
    counted_at: dt.datetime  # when the figures were counted


@dataclass(frozen=True)
class _Counts:
    """The overview's figures as plain values, as they are kept in the cache."""

    classes: dict[int, dict[str, int]]  # organisation id -> {class: count}
    eu: dict[str, int]
    kz: dict[str, int]
    by_severity: dict[str, int]
    by_organisation: dict[int, int]
    by_rule: list[tuple[str, int]]
    concerns: dict[str, int]  # concern key -> count
    counted_at: dt.datetime


def _in_order(values: list[str], counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(value, counts.get(value, 0)) for value in values]


def _severities(filters: Filters) -> list[str]:
    """The severities counted: the one in ``filters``, or all."""
    chosen = filters.get("severity")
    return [chosen] if chosen else list(Severity.values)


def overview(filters: Filters) -> Overview:
    """The overview's figures for ``filters``: ten queries whatever the register's size, and
    one (the organisations) when the register-wide figures are taken from the cache, where they
    are kept for ``OVERVIEW_SECONDS`` under the findings and projection generations."""
    if any(filters.values()):
        counts = _count(filters)
    else:
        key = f"oversight:overview:{OVERVIEW_FORMAT}:{findings_generation()}:{public_generation()}"
        counts = cache.get_or_set(key, lambda: _count(filters), OVERVIEW_SECONDS)
    organisations = Organisation.objects.in_bulk(list(counts.classes))
    rows = sorted(
        (
            (organisations[pk], classes, sum(classes.values()))
            for pk, classes in counts.classes.items()
            if pk in organisations
        ),
        key=lambda row: (-row[2], str(row[0].name).casefold()),
    )
    return Overview(
        systems=sum(counts.eu.values()),
        by_risk_class=_in_order([value for value, _label in RiskClass.choices], counts.eu),
        by_kz_risk_degree=_in_order([value for value, _label in KzRiskDegree.choices], counts.kz),
        by_organisation=rows,
        findings_by_severity=_in_order(
            [value for value, _label in Severity.choices], counts.by_severity
        ),
        findings_by_rule=counts.by_rule,
        findings_by_organisation=counts.by_organisation,
        concerns=[(concern, counts.concerns[concern.key]) for concern in CONCERNS],
        counted_at=counts.counted_at,
    )


def _count(filters: Filters) -> _Counts:
    """Nine queries: the systems by organisation and class under each framework, with their
    open findings summed over their standings (a row per system) in the same query; each
    concern counted on its own, which lets PostgreSQL join the tables a concern reads (a count
    of them all in one pass would probe them row by row); the findings themselves only by rule,
    and when a rule is chosen."""
    counted_at = timezone.now()
    scope = systems(filters)
    by_rule_only = bool(filters.get("rule_id"))
    severities = [] if by_rule_only else _severities(filters)
    rows = scope.values("organisation_id", "risk_class", "kz_risk_degree").annotate(
        n=Count("pk"),
        **{f"open_{s}": Coalesce(Sum(f"standing__{s}"), 0) for s in severities},
    )
    classes: dict[int, dict[str, int]] = {}
    eu: dict[str, int] = {}
    by_organisation: dict[int, int] = {}
    by_severity: dict[str, int] = {}
    kz: dict[str, int] = {}
    for row in rows.order_by():
        organisation, n = row["organisation_id"], row["n"]
        in_classes = classes.setdefault(organisation, {})
        in_classes[row["risk_class"]] = in_classes.get(row["risk_class"], 0) + n
        eu[row["risk_class"]] = eu.get(row["risk_class"], 0) + n
        kz[row["kz_risk_degree"]] = kz.get(row["kz_risk_degree"], 0) + n
        for severity in severities:
            count = row[f"open_{severity}"]
            by_severity[severity] = by_severity.get(severity, 0) + count
            if count:
                by_organisation[organisation] = by_organisation.get(organisation, 0) + count
    concerns = {concern.key: scope.filter(concern.condition()).count() for concern in CONCERNS}
    findings = Finding.objects.filter(status=FindingStatus.OPEN, **_finding_filters(filters))
    if any(filters.values()):
        findings = findings.filter(system__in=scope)
    if by_rule_only:
        by_severity = dict(findings.values_list("severity").annotate(n=Count("pk")).order_by())
        by_organisation = dict(
            findings.values_list("system__organisation_id").annotate(n=Count("pk")).order_by()
        )
    if any(filters.values()):
        by_rule = list(
            findings.values_list("rule_id")
            .annotate(n=Count("pk"))
            .order_by("-n", "rule_id")[:TOP_RULES]
        )
    else:  # the whole register's, counted once per findings generation
        counts = open_findings_by_rule()
        by_rule = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_RULES]
    return _Counts(
        classes=classes,
        eu=eu,
        kz=kz,
        by_severity=by_severity,
        by_organisation=by_organisation,
        by_rule=by_rule,
        concerns=concerns,
        counted_at=counted_at,
    )
