"""The organisations that use AI systems: the list, and each body's page with its coverage."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from portal import organisations as selectors
from portal.cache import public_page
from register.models import Organisation


class OrganisationFilterForm(forms.Form):
    """The list's filters: the values are the model's choices; an unknown one is an error."""

    kind = forms.ChoiceField(
        label=_("Type of organisation"),
        required=False,
        choices=[("", _("All types")), *Organisation.Kind.choices],
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions")), *Organisation._meta.get_field("region").choices],
    )


class PageForm(forms.Form):
    page = forms.IntegerField(required=False, min_value=1, max_value=selectors.MAX_PAGE)


@public_page
def organisations(request: HttpRequest) -> HttpResponse:
    """Every organisation with its number of published systems, by name in the page's
    language, filtered by type and region; a filter the form refuses gives the page with the
    error and status 400. One query."""
    form = OrganisationFilterForm(request.GET)
    valid = form.is_valid()
    filters = form.cleaned_data if valid else {}
    bodies = list(
        selectors.organisations_with_counts(
            kind=filters.get("kind", ""), region=filters.get("region", "")
        )
    )
    return render(
        request,
        "portal/organisations.html",
        {
            "form": form,
            "organisations": bodies,
            "with_systems": sum(1 for body in bodies if body.published),
            "filtered": bool(filters.get("kind") or filters.get("region")),
        },
        status=200 if valid else 400,
    )


@public_page
def organisation(request: HttpRequest, code: str) -> HttpResponse:
    """The body, its coverage and a page of its published systems. Unknown or impossible
    codes are 404; a page number the form refuses is 400. Five queries."""
    body = selectors.organisation_by_code(code)
    if body is None:
        raise Http404
    form = PageForm(request.GET)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    return render(
        request,
        "portal/organisation.html",
        {
            "organisation": body,
            "coverage": selectors.coverage(body),
            "page": selectors.organisation_records(body, form.cleaned_data["page"] or 1),
        },
    )
