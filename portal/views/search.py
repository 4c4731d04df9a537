"""``portal:search``: search and the list of every published system."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.cache import public_page
from portal.forms import SearchForm
from portal.search import search_public_records


@public_page
def search(request: HttpRequest) -> HttpResponse:
    """The search page: every parameter through ``SearchForm``; an invalid query (too long, a
    NUL byte) answers 400 with the error and no results."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "portal/search.html", {"form": form}, status=400)
    data = form.cleaned_data
    result = search_public_records(
        query=data["q"], filters=form.filters(), sort=data["sort"], page=data["page"]
    )
    form.show(result)
    return render(
        request,
        "portal/search.html",
        {
            "form": form,
            "result": result,
            "records": result.records,
            "active_filters": form.active_filters(result),
            "pager": form.pager(result),
            "clear_url": "?" + form.query_string(filters=False),
        },
    )
