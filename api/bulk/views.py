"""The bulk downloads, the data dictionary (JSON and page) and the downloads page.

Downloads are public, streamed, and validated by their file table (``api.bulk.files``): an
unknown format or part is a 404 in the API's error shape. Every response carries an ``ETag``
of the public projection's generation and the time the register last changed, so a client's
conditional request is a 304 without a query over the records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import condition, require_safe
from rest_framework import exceptions

from api.bulk import selectors, writers
from api.bulk.dictionary import dictionary as dictionary_data
from api.bulk.files import CSV, JSON, MEDIA_TYPES, XLSX, BulkFile, bulk_files, by_route
from api.columns import SHOWN, TYPES, history_sheet
from api.errors import error_body
from portal.cache import public_page
from register.models import PublicRecord, PublishedVersion
from register.services.projection import public_generation


def _etag(request: HttpRequest, **kwargs: Any) -> str:
    return f"{public_generation()}-{'-'.join(str(v) for v in kwargs.values())}"


def _last_modified(request: HttpRequest, **kwargs: Any) -> dt.datetime | None:
    return selectors.last_modified()


def _not_found() -> JsonResponse:
    return JsonResponse(
        error_body("not_found", str(exceptions.NotFound.default_detail)),
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )


def _filename(item: BulkFile) -> str:
    stem, _dot, extension = item.name.rpartition(".")
    return f"kz-ai-register-{stem}-{timezone.localdate().isoformat()}.{extension}"


def _headers(response: HttpResponse, item: BulkFile) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, _filename(item))
    patch_cache_control(response, public=True, max_age=settings.BULK_DOWNLOAD_MAX_AGE)
    return response


def _stream(request: HttpRequest, item: BulkFile, chunks: Callable[[], Iterable[str]]):  # type: ignore[no-untyped-def]
    if request.method == "HEAD":
        response: HttpResponse = HttpResponse(content_type=MEDIA_TYPES[item.format])
    else:
        response = StreamingHttpResponse(chunks(), content_type=MEDIA_TYPES[item.format])
    return _headers(response, item)


download_condition = condition(etag_func=_etag, last_modified_func=_last_modified)


@require_safe
@download_condition
def download(request: HttpRequest, format: str) -> HttpResponse:
    """The whole public register as CSV, XLSX or JSON."""
    item = by_route("api:download", format=format)
    if item is None:
        return _not_found()
    if item.format == CSV:
        sheet = item.sheets[0]
        return _stream(
            request,
            item,
            lambda: writers.csv_text(sheet, writers.system_rows(sheet, selectors.public_records())),
        )
    if item.format == JSON:
        return _stream(request, item, lambda: writers.json_text(selectors.public_records()))
    assert item.format == XLSX  # noqa: S101 — the file table has no other format
    if request.method == "HEAD":
        return _headers(HttpResponse(content_type=MEDIA_TYPES[XLSX]), item)
    response = FileResponse(
        writers.xlsx_file(selectors.public_records()), content_type=MEDIA_TYPES[XLSX]
    )
    return _headers(response, item)


@require_safe
@download_condition
def download_part(request: HttpRequest, part: str) -> HttpResponse:
    """The items of one repeatable part of every public card, as CSV."""
    item = by_route("api:download_part", part=part)
    if item is None:
        return _not_found()
    sheet = item.sheets[0]
    return _stream(
        request,
        item,
        lambda: writers.csv_text(sheet, writers.part_rows(sheet, selectors.public_records())),
    )


@require_safe
@download_condition
def history(request: HttpRequest) -> HttpResponse:
    """Every published version of every public record, as CSV."""
    item = by_route("api:history")
    assert item is not None  # noqa: S101 — declared in the file table
    sheet = history_sheet()

    def chunks() -> Iterable[str]:
        return writers.csv_text(sheet, (sheet.values({}, row) for row in selectors.history()))

    return _stream(request, item, chunks)


@require_safe
def dictionary(request: HttpRequest) -> JsonResponse:
    """The data dictionary as JSON, in every language at once."""
    response = JsonResponse(dictionary_data(), json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=settings.BULK_DOWNLOAD_MAX_AGE)
    return response


# --- Pages -------------------------------------------------------------------------------------


def _docs_url() -> str:
    """The API's documentation page (built by its own piece; its path until it exists)."""
    try:
        return reverse("api:docs")
    except NoReverseMatch:
        return "/api/v1/docs"


@public_page
def downloads_page(request: HttpRequest) -> HttpResponse:
    records = PublicRecord.objects.count()
    versions = PublishedVersion.objects.filter(system__public_record__isnull=False).count()
    files = [
        {
            "file": item,
            "size": item.bytes_per_record * (versions if item.per == "version" else records),
        }
        for item in bulk_files()
    ]
    return render(
        request,
        "api/downloads.html",
        {
            "files": files,
            "records": records,
            "versions": versions,
            "docs_url": _docs_url(),
            "dictionary_json": reverse("api:dictionary"),
        },
    )


@public_page
def dictionary_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "api/dictionary.html",
        {
            "files": [item for item in bulk_files() if item.sheets],
            "json_file": next(item for item in bulk_files() if item.format == JSON),
            "types": TYPES,
            "shown": SHOWN,
            "dictionary_json": reverse("api:dictionary"),
            "docs_url": _docs_url(),
        },
    )
