"""Conditional requests of the API's GET endpoints: ``ETag`` and ``Last-Modified`` on every
answer, ``304 Not Modified`` when the client's copy is current (``If-None-Match``, else
``If-Modified-Since``) and ``412`` in the error shape when ``If-Match`` or
``If-Unmodified-Since`` fails.

A view states its validators *before* it builds the answer, so that a 304 costs at most the
query that finds the version:

* a list or anything computed from the whole projection: ``of_projection(request, ...)`` — the
  projection's generation (``public_generation()``: it changes with every publication and
  withdrawal) and the request (path, query, language);
* one record or version: ``of_parts(request, record.version.sha256, ...)`` with its date.

Its ``Last-Modified`` for the projection is when the API first served that generation (for an
answer with no date of its own, that answer): no query, and never earlier than the change it
reflects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from register.services.projection import public_generation

SEEN_KEY = "api:first-seen:{}"
# How long a first-seen time is kept: a forgotten one restarts at the next request, which only
# makes a client fetch once more.
SEEN_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: dt.datetime | None = None

    def stamp(self, response: HttpResponse) -> HttpResponse:
        """Put the validators on ``response`` (and say it varies with the language)."""
        response["ETag"] = self.etag
        if self.last_modified is not None:
            response["Last-Modified"] = http_date(self.last_modified.timestamp())
        vary = response.get("Vary", "")
        if "accept-language" not in vary.lower():
            response["Vary"] = f"{vary}, Accept-Language" if vary else "Accept-Language"
        return response


def _etag(parts: tuple[Any, ...]) -> str:
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    return f'"{digest[:40]}"'


def _request_parts(request: HttpRequest) -> tuple[str, str]:
    return request.get_full_path(), get_language() or ""


def of_parts(
    request: HttpRequest, *parts: Any, last_modified: dt.datetime | None = None
) -> Validators:
    """Validators of an answer that is a function of ``parts`` and the request; without
    ``last_modified``, when the API first gave that answer."""
    etag = _etag((*parts, *_request_parts(request)))
    return Validators(etag, last_modified or first_seen(etag))


def first_seen(token: str) -> dt.datetime:
    """When the API first served ``token`` (a generation, an ETag)."""
    seen = cache.get_or_set(
        SEEN_KEY.format(token), lambda: timezone.now().isoformat(), SEEN_SECONDS
    )
    return dt.datetime.fromisoformat(seen)


def of_projection(request: HttpRequest, *parts: Any) -> Validators:
    """Validators of an answer read from the public projection: its generation, today's date
    (answers that count by month or review date change at midnight), ``parts`` and the request."""
    generation = public_generation()
    return of_parts(
        request,
        "projection",
        generation,
        timezone.localdate().isoformat(),
        *parts,
        last_modified=first_seen(generation),
    )


def precondition(request: HttpRequest, validators: Validators) -> HttpResponse | None:
    """The 304 or 412 answer the request's conditional headers call for, or ``None`` when the
    view must answer in full."""
    if request.method not in ("GET", "HEAD"):
        return None
    last_modified = int(validators.last_modified.timestamp()) if validators.last_modified else None
    response = get_conditional_response(request, etag=validators.etag, last_modified=last_modified)
    if response is None:
        return None
    if response.status_code == 412:
        from api.errors import error_response

        return error_response(
            412, "precondition_failed", _("The resource does not match the precondition.")
        )
    return validators.stamp(response)
