"""Public reads about organisations: the list with their numbers of published systems, one
body's page and its coverage.

Counts of published systems come from the ``PublicRecord`` projection (what the public sees);
the coverage also counts records that are not public (in review, with changes not yet
published), as numbers only: nothing of a record without a public version is read here but
its state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils import timezone

from portal.cache import per_generation
from register.i18n import column, content_language, fallback_order
from register.models import AISystem, Organisation, PublicRecord
from register.models.systems import Status

# Published systems shown per page on an organisation's page, and the deepest page served.
PER_PAGE: Final = 20
MAX_PAGE: Final = 500


def collation(language: str) -> str:
    """PostgreSQL's ICU collation for sorting text of ``language`` (Kazakh letters such as
    «ә» and «қ» sort where Kazakh puts them, not after «я»)."""
    return f"{content_language(language)}-x-icu"


def name_in(language: str) -> Collate:
    """The organisation's name in ``language`` with the register's fallback order, collated
    for sorting in that language."""
    names = [NullIf(F(column("name", code)), Value("")) for code in fallback_order(language)]
    return Collate(Coalesce(*names), collation(language))


def _published_count() -> Coalesce:
    current = (
        PublicRecord.objects.filter(organisation=OuterRef("pk"), withdrawn=False)
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(current, output_field=IntegerField()), 0)


def organisations_with_counts(
    *, language: str | None = None, kind: str = "", region: str = ""
) -> QuerySet[Organisation]:
    """Every organisation (of ``kind`` and in ``region`` when given), with ``published``: its
    number of current public systems; sorted by name in ``language``. One query."""
    language = content_language(language)
    queryset = Organisation.objects.annotate(published=_published_count())
    if kind:
        queryset = queryset.filter(kind=kind)
    if region:
        queryset = queryset.filter(region=region)
    return queryset.order_by(name_in(language), "short_code")


def biggest_organisations(*, limit: int = 5) -> list[Organisation]:
    """The ``limit`` organisations with most current public systems (none without one), with
    ``published``. One query, once per projection generation."""
    return per_generation(
        "biggest_organisations",
        limit,
        lambda: list(
            Organisation.objects.annotate(published=_published_count())
            .filter(published__gt=0)
            .order_by("-published", "short_code")[:limit]
        ),
    )


def organisation_by_code(code: str) -> Organisation | None:
    """The organisation with ``short_code`` ``code``, with its parent; ``None`` for an unknown
    code or one no short code could be (too long), without asking the database then."""
    max_length = Organisation._meta.get_field("short_code").max_length or 0
    if not code or len(code) > max_length or "\x00" in code:
        return None
    return Organisation.objects.select_related("parent").filter(short_code=code).first()


@dataclass(frozen=True)
class Coverage:
    """How far an organisation's records are public: numbers only."""

    # Public and not withdrawn; withdrawn (still readable).
    published: int
    withdrawn: int
    # Submitted and waiting for an approver (a first publication or a new version).
    in_review: int
    # Public, with changes in the workspace not yet published.
    changes_pending: int
    # Public, not withdrawn, with the next review date (as the card states it) in the past.
    overdue: int


def coverage(organisation: Organisation, *, today: dt.date | None = None) -> Coverage:
    """The coverage of ``organisation``'s records. Two queries."""
    today = today or timezone.localdate()
    public = PublicRecord.objects.filter(organisation=organisation).aggregate(
        n_published=Count("pk", filter=Q(withdrawn=False)),
        n_withdrawn=Count("pk", filter=Q(withdrawn=True)),
        n_overdue=Count("pk", filter=Q(withdrawn=False, next_review_on__lt=today)),
    )
    working = AISystem.objects.filter(organisation=organisation).aggregate(
        n_in_review=Count("pk", filter=Q(status=Status.IN_REVIEW)),
        n_changes_pending=Count(
            "pk",
            filter=Q(published_version__isnull=False)
            & Q(status__in=[Status.DRAFT, Status.RETURNED, Status.IN_REVIEW]),
        ),
    )
    return Coverage(
        published=public["n_published"],
        withdrawn=public["n_withdrawn"],
        in_review=working["n_in_review"],
        changes_pending=working["n_changes_pending"],
        overdue=public["n_overdue"],
    )


def organisation_records(organisation: Organisation, page: int = 1) -> Page:
    """A page of ``organisation``'s public systems (withdrawn ones last), newest first, loaded
    for ``templates/portal/includes/record_list.html``. Two queries (count and page); a page
    past the last gives the last."""
    records = (
        PublicRecord.objects.filter(organisation=organisation)
        .select_related("version", "organisation")
        .defer("version__record")
        .order_by("withdrawn", "-published_at", "system")
    )
    return Paginator(records, PER_PAGE).get_page(min(page, MAX_PAGE))


def latest_publications(*, limit: int = 6) -> list[PublicRecord]:
    """The ``limit`` systems most recently published for the first time (withdrawn ones
    excluded), for the home page. One query."""
    return list(
        PublicRecord.objects.filter(withdrawn=False)
        .select_related("version", "organisation")
        .defer("version__record")
        .order_by("-published_at", "system_id")[:limit]
    )
