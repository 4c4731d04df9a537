from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.cache import public_page
from register.models import PublicRecord


@public_page
def search(request: HttpRequest) -> HttpResponse:
    records = PublicRecord.objects.select_related("version", "organisation")[:20]
    return render(request, "portal/search.html", {"records": records})
