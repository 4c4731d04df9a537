from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from portal.cache import public_page
from register.models import Organisation


@public_page
def organisations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/organisations.html",
        {"organisations": Organisation.objects.order_by("short_code")},
    )


@public_page
def organisation(request: HttpRequest, code: str) -> HttpResponse:
    body = get_object_or_404(Organisation, short_code=code)
    return render(request, "portal/organisation.html", {"organisation": body})
