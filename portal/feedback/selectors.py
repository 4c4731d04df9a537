"""Reads of citizen reports, each in a fixed number of queries.

Workspace reads are scoped to what the user may see (``portal.feedback.permissions``): an
organisation's members read its reports, regulators read every report; anyone else finds none
(404), so a report's existence does not leak.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Aggregate,
    BooleanField,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from portal.feedback.permissions import reads_every_report
from portal.models import OPEN_STATUSES, Report
from register.models import Membership, PublicRecord

# Published replies shown on a card, newest first.
CARD_REPLIES = 10


class Median(Aggregate):
    """PostgreSQL's continuous median of the expression (NULLs ignored)."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False


@dataclass(frozen=True)
class PublishedReply:
    summary: str
    reply: str
    replied_at: dt.datetime
    language: str


@dataclass(frozen=True)
class CardFeedback:
    """What the card says about a system's feedback: counts, the median response time and
    the published replies. Nothing the sender wrote, nothing that identifies them."""

    received: int
    answered: int
    median_days: float | None
    replies: list[PublishedReply] = field(default_factory=list)

    @property
    def median_days_up(self) -> int | None:
        """The median in whole days, rounded up: "half of the answers came within N days"."""
        return math.ceil(self.median_days) if self.median_days is not None else None


def card_feedback(system_id: int) -> CardFeedback:
    """The feedback summary of ``system_id``'s card, in two queries: how many reports were
    received, how many answered, the median days from receipt to the first reply (of the
    answered ones), and up to ``CARD_REPLIES`` published replies, newest first."""
    response_time = ExpressionWrapper(
        F("replied_at") - F("created_at"), output_field=DurationField()
    )
    totals = Report.objects.filter(system_id=system_id).aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=Q(replied_at__isnull=False)),
        median=Median(response_time, output_field=DurationField()),
    )
    median = totals["median"]
    replies = [
        PublishedReply(summary=summary, reply=reply, replied_at=replied_at, language=language)
        for summary, reply, replied_at, language in Report.objects.filter(
            system_id=system_id, reply_published_at__isnull=False
        )
        .order_by("-replied_at", "-pk")
        .values_list("public_summary", "reply", "replied_at", "language")[:CARD_REPLIES]
    ]
    return CardFeedback(
        received=totals["received"],
        answered=totals["answered"],
        median_days=round(median.total_seconds() / 86_400, 1) if median is not None else None,
        replies=replies,
    )


def public_record_for_feedback(public_id: str) -> PublicRecord | None:
    """The public projection row of a system with a public version (one query), with its
    version, system and organisation; ``None`` for anything else."""
    return (
        PublicRecord.objects.select_related("version", "system", "organisation")
        .defer("version__record")
        .filter(system__public_id=public_id)
        .first()
    )


def report_for_sender(reference: str) -> Report | None:
    """The report ``reference`` with what its status page shows (one query). The caller
    checks the key (``services.secret_matches``) before showing anything."""
    return (
        Report.objects.select_related("system", "system__public_record__version", "organisation")
        .filter(reference=reference)
        .first()
    )


def visible_reports(user: Any, *, reads_all: bool | None = None) -> QuerySet[Report]:
    """Reports ``user`` may open in the workspace: every one for a regulator (``reads_all``,
    computed when not given), the reports of the user's organisations for a member, none for
    anyone else."""
    if not user.is_authenticated:
        return Report.objects.none()
    if reads_every_report(user) if reads_all is None else reads_all:
        return Report.objects.all()
    return Report.objects.filter(
        organisation_id__in=Membership.objects.filter(user=user).values("organisation_id")
    )


def queue_reports(
    user: Any, *, status: str = "", system: str = "", today: dt.date | None = None
) -> QuerySet[Report]:
    """The user's queue: open reports by default (``status="all"``: every report, or one
    status), of one system when ``system`` names its public id, overdue first and then soonest
    due; for a regulator the escalated ones before all. Each row comes with its system,
    organisation and assignee (one query per page, one to count). ``is_overdue_now`` is
    annotated."""
    today = today or timezone.localdate()
    reads_all = reads_every_report(user)
    reports = visible_reports(user, reads_all=reads_all).select_related(
        "system", "organisation", "assignee"
    )
    if status == "open" or not status:
        reports = reports.filter(status__in=OPEN_STATUSES)
    elif status == "escalated":
        reports = reports.filter(escalated_at__isnull=False, status__in=OPEN_STATUSES)
    elif status != "all":
        reports = reports.filter(status=status)
    if system:
        reports = reports.filter(system__public_id=system)
    overdue = Case(
        When(Q(status__in=OPEN_STATUSES, due_on__lt=today), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    escalated = Case(
        When(Q(status__in=OPEN_STATUSES, escalated_at__isnull=False), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    reports = reports.annotate(is_overdue_now=overdue, is_escalated_open=escalated)
    order = ["-is_overdue_now", "due_on", "pk"]
    if reads_all:
        order = ["-is_escalated_open", *order]
    return reports.order_by(*order)


def open_report_count(user: Any) -> int:
    """How many open reports the user's organisations have (all organisations' for a
    regulator): one query."""
    return visible_reports(user).filter(status__in=OPEN_STATUSES).count()


def report_for(user: Any, reference: str) -> Report | None:
    """The report ``reference`` if ``user`` may open it (one query), with its system, its
    public version, organisation, assignee and who replied."""
    return (
        visible_reports(user)
        .select_related(
            "system", "system__public_record__version", "organisation", "assignee", "replied_by"
        )
        .filter(reference=reference)
        .first()
    )


def system_report_counts(user: Any, system: Any) -> dict[str, int]:
    """How many of the citizens' reports about ``system`` the user may read, and how many of
    them are open. One query."""
    return (
        visible_reports(user)
        .filter(system=system)
        .aggregate(total=Count("pk"), open=Count("pk", filter=Q(status__in=OPEN_STATUSES)))
    )
