"""The reads of the bulk downloads: one query each, streamed through a server-side cursor, so a
download runs the same queries and holds the same memory whatever the register's size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from django.core.cache import cache
from django.db.models import F, Max, Window
from django.db.models.fields.json import KT
from django.db.models.functions import Lead
from django.urls import reverse
from django.utils import translation

from portal.addresses import absolute, without_language
from register.i18n import CONTENT_LANGUAGES, column
from register.models import PublicRecord, PublishedVersion
from register.services.projection import public_generation

# Rows fetched from the server-side cursor at a time.
CHUNK_SIZE = 1000
# A stand-in public id, replaced in the reversed address (one reverse per download, not per row).
_SENTINEL = "0BULK0SENTINEL0"


def _address(name: str, **kwargs: Any) -> Callable[..., str]:
    """A function of a public id (and the route's other arguments) giving the absolute address
    of the portal's page ``name`` that sends a reader to their own language."""
    with translation.override(CONTENT_LANGUAGES[0]):
        path = reverse(name, kwargs={"public_id": _SENTINEL, **kwargs})
    head, _sentinel, tail = absolute(without_language(path)).partition(_SENTINEL)
    return lambda public_id: f"{head}{public_id}{tail}"


def card_address() -> Callable[[str], str]:
    return _address("portal:card")


def public_records() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """``(card, metadata)`` of every public record (withdrawn ones too), in the order of the
    records: the card its current version shows, and the export's metadata columns."""
    url = card_address()
    rows = (
        PublicRecord.objects.order_by("system_id")
        .values_list(
            "version__snapshot",
            "version__number",
            "organisation__short_code",
            "organisation__bin",
            "published_at",
            "updated_at",
            "withdrawn_at",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for card, number, code, bin_, published_at, updated_at, withdrawn_at in rows:
        public_id = card.get("public_id") or ""
        yield (
            card,
            {
                "public_id": public_id,
                "url": url(public_id),
                "organisation": code,
                "organisation_bin": bin_,
                "version": number,
                "published_at": published_at,
                "updated_at": updated_at,
                "withdrawn_at": withdrawn_at,
            },
        )


def history() -> Iterator[dict[str, Any]]:
    """Every published version of every public record, in the order of the records and of
    their versions, with when the next version replaced it and, on the row of the last
    version of a withdrawn record, when it was withdrawn."""
    names = {column("name", code): KT(f"snapshot__name__{code}") for code in CONTENT_LANGUAGES}
    rows = (
        PublishedVersion.objects.filter(system__public_record__isnull=False)
        .annotate(
            superseded_at=Window(
                Lead("published_at"), partition_by=[F("system_id")], order_by=F("number").asc()
            ),
            card_schema=KT("snapshot__schema"),
            risk_class=KT("snapshot__risk__class"),
            kz_risk_degree=KT("snapshot__risk__kz__risk_degree"),
            organisation=F("system__organisation__short_code"),
            public_id=F("system__public_id"),
            record_withdrawn_at=F("system__public_record__withdrawn_at"),
            **names,
        )
        .order_by("system_id", "number")
        .values(
            "public_id",
            "number",
            "published_at",
            "superseded_at",
            "record_withdrawn_at",
            "sha256",
            "card_schema",
            "organisation",
            "risk_class",
            "kz_risk_degree",
            *names,
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    with translation.override(CONTENT_LANGUAGES[0]):
        path = reverse("portal:version", kwargs={"public_id": _SENTINEL, "number": 1})
    head, _sentinel, tail = absolute(without_language(path)).partition(_SENTINEL)
    tail = tail.replace("/1/", "/{}/", 1)
    for row in rows:
        withdrawn_at = row.pop("record_withdrawn_at")
        row["withdrawn_at"] = withdrawn_at if row["superseded_at"] is None else None
        row["version"] = row.pop("number")
        row["url"] = head + row["public_id"] + tail.format(row["version"])
        yield row


def last_modified() -> dt.datetime | None:
    """When the public register last changed (a publication or a withdrawal), kept for the
    projection's current generation (one query per generation)."""
    key = f"api:bulk:last-modified:{public_generation()}"
    value = cache.get(key)
    if value is None:
        value = PublicRecord.objects.aggregate(latest=Max("updated_at"))["latest"] or ""
        cache.set(key, value, timeout=24 * 3600)
    return value or None
