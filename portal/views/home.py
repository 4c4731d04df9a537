from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.cache import public_page
from register.selectors import register_stats


@public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"stats": register_stats()})
