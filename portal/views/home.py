"""The home page: what the register is, a search box and the ways into it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal import organisations, statistics
from portal.cache import public_page

# Entry points by facet on the home page, in the order shown.
HOME_FACETS = ("risk_class", "kz_risk_degree", "application_area")


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """Four queries: the headline numbers, the facet counts, the biggest organisations and the
    latest publications."""
    counts, headline = statistics.facet_counts(), statistics.headline()
    return render(
        request,
        "home.html",
        {
            "headline": headline,
            "facets": [
                (
                    statistics.FACETS[name],
                    [
                        row
                        for row in statistics.facet_rows(name, counts[name], headline.current)
                        if row.count and row.value
                    ],
                )
                for name in HOME_FACETS
            ],
            "biggest": organisations.biggest_organisations(limit=5),
            "latest": organisations.latest_publications(limit=6),
        },
    )
