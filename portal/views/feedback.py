from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


def feedback(request: HttpRequest, public_id: str) -> HttpResponse:
    raise Http404


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    raise Http404
