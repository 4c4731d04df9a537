"""Counts of what the public sees, aggregated in PostgreSQL from the ``PublicRecord`` projection.

Every selector here runs a fixed number of queries whatever the size of the register (``GROUP
BY`` in SQL, ``unnest`` for the array facets); no row is loaded into Python to be counted. The
counts are of current systems (published and not withdrawn) unless a name says otherwise: a
withdrawn system stays readable, but it is no longer in use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from portal.cache import per_generation
from register import vocabulary
from register.i18n import pick
from register.models import PublicRecord
from register.models.systems import KzRiskDegree, RiskClass


@dataclass(frozen=True)
class Facet:
    """A ``PublicRecord`` column the statistics count.

    ``kind`` is the ``register.vocabulary.CHOICES`` kind that names its values (``None``: Annex
    III points, named by ``vocabulary.ANNEX_III_USES``). An ``ordered`` facet (a scale such as
    the risk classes) lists every value in its declared order, a blank value last, those no
    system has included; the others list the values some system has, the most frequent
    first. The search page's filter on the same column takes the same values
    (``search_query``), so every count links to the systems it counts.
    """

    name: str
    kind: str | None
    # The heading of its chart and its table.
    title: Any
    is_array: bool = False
    ordered: bool = False

    def search_query(self, value: str) -> str:
        """The query string of the search page's filter on this column for a stored
        ``value``: the search declares its filters (``portal.search.FACETS``), this reads
        them, so a count always links to the systems it counts."""
        from portal.search import FACETS as SEARCH_FACETS

        search = next(facet for facet in SEARCH_FACETS if facet.path == self.name)
        withdrawn = next(facet for facet in SEARCH_FACETS if facet.path == "withdrawn")
        # The statistics count the systems in use: the withdrawn ones are not in the counts.
        return urlencode(
            {search.name: search.url_value(value), withdrawn.name: withdrawn.url_value(False)}
        )


def _field_title(key: str) -> Any:
    """The card's label of a field, capitalised when shown (lazily: the language is the
    reader's)."""
    return capfirst(vocabulary.FIELD_LABELS[key])


FACETS: Final[dict[str, Facet]] = {
    facet.name: facet
    for facet in (
        Facet("risk_class", "risk_class", _("Risk class under the EU AI Act"), ordered=True),
        Facet("kz_risk_degree", "kz_risk_degree", _field_title("kz_risk_degree"), ordered=True),
        Facet("annex_iii", None, _("High-risk areas of use (AI Act Annex III)"), is_array=True),
        Facet("application_area", "application_area", _field_title("application_area")),
        Facet("techniques", "technique", _field_title("techniques"), is_array=True),
        Facet("phase", "phase", _field_title("phase"), ordered=True),
    )
}

# How many months the chart of publications over time covers.
MONTHS: Final = 24


def _facet_sql() -> str:
    table = connection.ops.quote_name(PublicRecord._meta.db_table)
    parts = []
    for name, facet in FACETS.items():
        column = connection.ops.quote_name(PublicRecord._meta.get_field(name).column)
        if facet.is_array:
            source = f"{table} AS r CROSS JOIN LATERAL unnest(r.{column}) AS v(value)"
            value = "v.value"
        else:
            source, value = f"{table} AS r", f"r.{column}"
        # Facet names and columns come from the model; nothing from the request is in the SQL.
        parts.append(
            f"SELECT %s::text AS facet, {value}::text AS value, count(*) AS n "  # noqa: S608
            f"FROM {source} WHERE NOT r.withdrawn GROUP BY {value}"
        )
    return " UNION ALL ".join(parts)


def facet_counts() -> dict[str, dict[str, int]]:
    """For each facet of ``FACETS``, ``{value: count}`` of the values current systems have.
    One query, once per projection generation (``portal.cache.per_generation``)."""
    sql = _facet_sql()

    def count() -> dict[str, dict[str, int]]:
        result: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        with connection.cursor() as cursor:
            cursor.execute(sql, list(FACETS))
            for facet, value, n in cursor.fetchall():
                result[facet][value or ""] = int(n)
        return result

    return per_generation("facet_counts", sql, count)


@dataclass(frozen=True)
class FacetCount:
    """One value of a facet, its name in the active language and how many current systems
    have it."""

    value: str
    label: str
    count: int
    # The number of current systems the share is of.
    total: int
    # The search page's query string that lists these systems.
    query: str = ""

    @property
    def percent(self) -> float | None:
        return 100 * self.count / self.total if self.total else None


def label(facet: str, value: str) -> str:
    """The name of a facet's stored value in the active language (from the vocabulary)."""
    kind = FACETS[facet].kind
    if kind is None:
        texts = vocabulary.ANNEX_III_USES.get(value)
        return str(pick(texts)) if texts else value
    return vocabulary.choice_label(kind, value)


def facet_rows(facet: str, counts: Mapping[str, int], total: int) -> list[FacetCount]:
    """The rows of one facet's chart and table from its ``facet_counts`` entry: every declared
    value in order for an ordered facet, else the values present, most frequent first."""
    spec = FACETS[facet]
    if spec.ordered and spec.kind is not None:
        choices = vocabulary.choice_classes()[spec.kind]
        # "Not yet classified" and "not assigned" after the scale's values.
        values = sorted((str(value) for value in choices.values), key=lambda value: not value)
        # A value the choices no longer know (an old card) still counts, after the others.
        values += sorted(set(counts) - set(values))
    else:
        values = sorted(counts, key=lambda value: (-counts[value], value))
    return [
        FacetCount(
            value, label(facet, value), counts.get(value, 0), total, spec.search_query(value)
        )
        for value in values
    ]


@dataclass(frozen=True)
class Share:
    """How many of ``total`` systems have a completed FRIA and a named overseer."""

    total: int
    with_fria: int
    with_overseer: int

    @staticmethod
    def _percent(part: int, total: int) -> float | None:
        return 100 * part / total if total else None

    @property
    def fria_percent(self) -> float | None:
        return self._percent(self.with_fria, self.total)

    @property
    def overseer_percent(self) -> float | None:
        return self._percent(self.with_overseer, self.total)


@dataclass(frozen=True)
class Headline:
    """The register's headline numbers, as the public sees them."""

    current: int
    withdrawn: int
    organisations: int
    # High risk under the EU AI Act, under Kazakhstan's AI Law, and under either.
    high_eu: Share
    high_kz: Share
    high_any: Share

    @property
    def published(self) -> int:
        """Every system with a public card, withdrawn ones included."""
        return self.current + self.withdrawn


HIGH_EU: Final = Q(risk_class=RiskClass.HIGH)
HIGH_KZ: Final = Q(kz_risk_degree=KzRiskDegree.HIGH)


def _share_aggregates(prefix: str, condition: Q) -> dict[str, Count]:
    current = condition & Q(withdrawn=False)
    return {
        f"{prefix}_total": Count("pk", filter=current),
        f"{prefix}_fria": Count("pk", filter=current & Q(has_fria=True)),
        f"{prefix}_overseer": Count("pk", filter=current & Q(has_overseer=True)),
    }


def headline() -> Headline:
    """The headline numbers and the shares of high-risk systems with a completed FRIA and a
    named human overseer. One query, once per projection generation."""
    return per_generation("headline", "v1", _headline)


def _headline() -> Headline:
    conditions = {"eu": HIGH_EU, "kz": HIGH_KZ, "any": HIGH_EU | HIGH_KZ}
    aggregates: dict[str, Any] = {
        # Not named as columns: an aggregate's name must not shadow a field its filters read.
        "n_current": Count("pk", filter=Q(withdrawn=False)),
        "n_withdrawn": Count("pk", filter=Q(withdrawn=True)),
        "n_organisations": Count("organisation", filter=Q(withdrawn=False), distinct=True),
    }
    for prefix, condition in conditions.items():
        aggregates |= _share_aggregates(prefix, condition)
    row: Mapping[str, int] = PublicRecord.objects.aggregate(**aggregates)
    shares = {
        prefix: Share(row[f"{prefix}_total"], row[f"{prefix}_fria"], row[f"{prefix}_overseer"])
        for prefix in conditions
    }
    return Headline(
        current=row["n_current"],
        withdrawn=row["n_withdrawn"],
        organisations=row["n_organisations"],
        high_eu=shares["eu"],
        high_kz=shares["kz"],
        high_any=shares["any"],
    )


@dataclass(frozen=True)
class Month:
    month: dt.date
    published: int
    withdrawn: int


def months(today: dt.date | None = None, count: int = MONTHS) -> list[dt.date]:
    """The first days of the last ``count`` months, the current one last."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    firsts = []
    for _step in range(count):
        firsts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def over_time(today: dt.date | None = None) -> list[Month]:
    """First publications and withdrawals per month (in the site's time zone) for the last
    ``MONTHS`` months, months without any included. Two queries."""
    firsts = months(today)
    start = timezone.make_aware(dt.datetime.combine(firsts[0], dt.time.min))

    def per_month(field: str) -> dict[dt.date, int]:
        rows = (
            PublicRecord.objects.filter(**{f"{field}__gte": start})
            .annotate(month=TruncMonth(field))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {timezone.localdate(row["month"]): row["n"] for row in rows}

    published, withdrawn = per_month("published_at"), per_month("withdrawn_at")
    return [Month(first, published.get(first, 0), withdrawn.get(first, 0)) for first in firsts]
