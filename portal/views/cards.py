from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from portal.cache import public_page
from register.models import PublicRecord


def _record(public_id: str) -> PublicRecord:
    return get_object_or_404(
        PublicRecord.objects.select_related("version", "organisation"),
        system__public_id=public_id,
    )


@public_page
def card(request: HttpRequest, public_id: str) -> HttpResponse:
    record = _record(public_id)
    return render(
        request,
        "portal/card.html",
        {
            "record": record,
            "card": record.version.snapshot,
            "card_meta": {
                "version": record.version.number,
                "published_at": record.version.published_at,
                "withdrawn_at": record.withdrawn_at,
                "sha256": record.version.sha256,
            },
        },
    )


@public_page
def versions(request: HttpRequest, public_id: str) -> HttpResponse:
    raise Http404


@public_page
def version(request: HttpRequest, public_id: str, number: int) -> HttpResponse:
    raise Http404


@public_page
def compare(request: HttpRequest, public_id: str) -> HttpResponse:
    raise Http404
