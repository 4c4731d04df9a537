"""Reads of the crosswalk exports: a version's frozen record with its publication metadata,
one record at a time or the whole public register as a stream.

Everything is read from the public projection (``PublicRecord``) and the frozen versions, never
the working copy: a record without a public version is not found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import Http404
from django.urls import reverse
from django.utils import translation

from portal.addresses import absolute
from register.models import AISystem, PublicRecord, PublishedVersion

# Rows the register's stream reads from the database at a time (a server-side cursor): the
# memory it takes stays flat whatever the size of the register.
STREAM_CHUNK = 200


@dataclass(frozen=True)
class Source:
    """A version to export: its frozen record and metadata, and the record it belongs to (to
    decide who may read all of it; not loaded for the register's stream, which is public)."""

    public_id: str
    system: AISystem | None
    record: dict[str, Any] | None
    number: int
    published_at: dt.datetime
    first_published_at: dt.datetime
    current: bool


def meta(source: Source, *, slug: str, language: str) -> dict[str, Any]:
    """The publication metadata exports may read (``api.crosswalk.mapping.META_KEYS``): the
    public addresses are those of the card in ``language`` and of this export."""
    public_id = source.public_id
    with translation.override(language):
        if source.current:
            card = reverse("portal:card", kwargs={"public_id": public_id})
        else:
            card = reverse(
                "portal:version", kwargs={"public_id": public_id, "number": source.number}
            )
    query = (
        {"language": language}
        if source.current
        else {"version": source.number, "language": language}
    )
    api = reverse("api:system_export", kwargs={"public_id": public_id, "format": slug})
    return {
        "version": source.number,
        "published_at": source.published_at.isoformat(),
        "first_published_at": source.first_published_at.isoformat(),
        "url": absolute(card),
        "api_url": absolute(f"{api}?{urlencode(query)}"),
    }


def export_source(public_id: str, number: int | None = None) -> Source:
    """The current version of the public record ``public_id``, or its version ``number``, in
    two queries at most; ``Http404`` when there is no such public record or version."""
    try:
        public = (
            PublicRecord.objects.select_related("system", "version")
            .defer("version__snapshot")
            .get(system__public_id=public_id)
        )
    except PublicRecord.DoesNotExist:
        raise Http404 from None
    version = public.version
    if number is not None and number != version.number:
        try:
            version = (
                PublishedVersion.objects.defer("snapshot")
                .filter(system_id=public.system_id, number=number)
                .get()
            )
        except PublishedVersion.DoesNotExist:
            raise Http404 from None
    return Source(
        public_id=public.system.public_id,
        system=public.system,
        record=version.record,
        number=version.number,
        published_at=version.published_at,
        first_published_at=public.published_at,
        current=version.pk == public.version_id,
    )


def register_sources() -> Iterator[Source]:
    """The current version of every public record, by public id, in one query read in chunks
    (versions that froze no record, of the first card format, are left out)."""
    rows = (
        PublicRecord.objects.filter(version__record__isnull=False)
        .order_by("system__public_id")
        .values_list(
            "system__public_id",
            "version__record",
            "version__number",
            "version__published_at",
            "published_at",
        )
        .iterator(chunk_size=STREAM_CHUNK)
    )
    for public_id, record, number, published_at, first_published_at in rows:
        yield Source(
            public_id=public_id,
            system=None,
            record=record,
            number=number,
            published_at=published_at,
            first_published_at=first_published_at,
            current=True,
        )
