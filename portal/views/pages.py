from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.cache import public_page


@public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")
