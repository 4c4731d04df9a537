"""The statistics page: counts of the published systems, each as a chart and a table."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import date as date_filter
from django.urls import reverse

from portal import charts, organisations
from portal import statistics as stats
from portal.cache import public_page

# Organisations drawn in the chart; the table after it lists them all.
TOP_ORGANISATIONS = 10


def _search_url(row: stats.FacetCount) -> str:
    """The search page filtered by one facet value (none for a blank value)."""
    if not row.value:
        return ""
    return f"{reverse('portal:search')}?{row.query}"


@public_page
def statistics(request: HttpRequest) -> HttpResponse:
    """Six queries: the headline numbers, the facet counts, the organisations and the two
    series over time."""
    counts, headline = stats.facet_counts(), stats.headline()
    sections = []
    for name in stats.FACETS:
        rows = stats.facet_rows(name, counts[name], headline.current)
        sections.append(
            {
                "facet": stats.FACETS[name],
                "rows": [(row, _search_url(row)) for row in rows],
                "chart": charts.bar_chart([(row.label, row.count) for row in rows]),
            }
        )
    bodies = list(organisations.organisations_with_counts())
    publishing = [body for body in bodies if body.published]
    top = sorted(publishing, key=lambda body: -body.published)[:TOP_ORGANISATIONS]
    months = stats.over_time()
    return render(
        request,
        "portal/statistics.html",
        {
            "headline": headline,
            "sections": sections,
            "organisations": publishing,
            "organisation_chart": charts.bar_chart([(str(body), body.published) for body in top]),
            "months": months,
            "timeline": charts.column_chart(
                [(month.month, month.published, month.withdrawn) for month in months],
                tick_format=lambda day: date_filter(day, "m.Y"),
            ),
        },
    )
