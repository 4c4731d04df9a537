"""Reads of the transparency card pages: the current public version, a version of the history,
the list of versions and the systems similar to one.

Everything here reads the public projection (``PublicRecord``) and the frozen versions, never
the working copy: a record that has no public version (a draft, a record only submitted) has
no ``PublicRecord`` and is not found. Each selector runs a fixed number of queries whatever the
size of the record or of the register; the full frozen record (``PublishedVersion.record``) is
never loaded, only the public card (``snapshot``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, TrigramSimilarity
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone

from portal.diff import Diff, diff_cards
from register.i18n import CONTENT_LANGUAGES, column
from register.languages import SEARCH_CONFIGS
from register.models import PublicRecord, PublishedVersion

SIMILAR_LIMIT = 5
# Only so much of the words of a record goes into the similarity query: enough to compare
# names and summaries, bounded whatever was written.
SIMILAR_WORDS_CHARS = 500
# How many records alike in their area and techniques, and how many with a word of the name
# (the most recently changed of each), are ranked for the similar systems.
SIMILAR_CANDIDATES = 100
# How alike in words (pg_trgm's similarity, its own default threshold) a record not alike in
# area and techniques must be to count as similar.
SIMILARITY_THRESHOLD = 0.3
# The words of a name looked for in the other records' documents (the first so many).
SIMILAR_NAME_WORDS = 12
_WORD = re.compile(r"[^\W_]+")


def _public_records() -> QuerySet[PublicRecord]:
    return PublicRecord.objects.select_related("version", "organisation").defer("version__record")


def public_record(public_id: str) -> PublicRecord:
    """The projection row of the record ``public_id``, with its current version (card only)
    and organisation, in one query; ``Http404`` when it has no public version."""
    try:
        return _public_records().get(system__public_id=public_id)
    except PublicRecord.DoesNotExist:
        raise Http404 from None


def review_overdue(record: PublicRecord, today: dt.date | None = None) -> bool:
    """Whether the next review the public card states has passed (``today``: the site's date)."""
    today = today or timezone.localdate()
    return record.next_review_on is not None and record.next_review_on < today


def card_meta(
    record: PublicRecord, version: PublishedVersion, today: dt.date | None = None
) -> dict[str, Any]:
    """The metadata the card partial shows for ``version`` of ``record``."""
    current = version.pk == record.version_id
    return {
        "version": version.number,
        "published_at": version.published_at,
        "first_published_at": record.published_at,
        "withdrawn_at": record.withdrawn_at,
        "sha256": version.sha256,
        # Only the current version is due for review: an old one is superseded, not overdue.
        "review_overdue": current and review_overdue(record, today),
    }


def _name_alike(record: PublicRecord) -> Q | None:
    """Records whose name in a language shares a word with ``record``'s name in that language
    (the name is weight A of each language's search document, which the GIN indexes answer),
    or ``None`` for a record without a word in its name."""
    names = record.version.snapshot.get("name")
    condition = None
    for code in CONTENT_LANGUAGES:
        name = names.get(code) if isinstance(names, dict) else None
        words = _WORD.findall(name if isinstance(name, str) else "")[:SIMILAR_NAME_WORDS]
        if words:
            # ``to_tsquery`` normalises each word as the document was, and keeps its weight;
            # the words are letters and digits only, so they can form no other operator.
            query = SearchQuery(
                " | ".join(f"{word}:A" for word in words),
                config=SEARCH_CONFIGS[code],
                search_type="raw",
            )
            found = Q(**{column("search", code): query})
            condition = found if condition is None else condition | found
    return condition


def similar_systems(record: PublicRecord, limit: int = SIMILAR_LIMIT) -> list[PublicRecord]:
    """Up to ``limit`` other public records like ``record``, in one query: those of the same
    Annex III area or application area that share a technique, then those whose names and
    summaries are alike (pg_trgm's similarity on ``words`` of at least
    ``SIMILARITY_THRESHOLD``). Withdrawn records come after all
    others; ``record`` itself is never among them.

    Only ``SIMILAR_CANDIDATES`` of each kind are ranked, the most recently changed: of those
    alike in area and techniques, and of those whose name shares a word with the record's
    (full text, which the GIN indexes find at once, where a trigram match over whole texts
    reads every record); in a register with more, the most similar of them, not of all."""
    same_area = Q(pk__in=[])
    if record.application_area:
        same_area |= Q(application_area=record.application_area)
    if record.annex_iii:
        same_area |= Q(annex_iii__overlap=record.annex_iii)
    alike = same_area & Q(techniques__overlap=record.techniques) if record.techniques else None
    words = record.words[:SIMILAR_WORDS_CHARS]
    structural = (
        Case(When(alike, then=Value(1)), default=Value(0), output_field=IntegerField())
        if alike is not None
        else Value(0, output_field=IntegerField())
    )
    # The candidates first, each kind bounded, so that the similarity is computed for a few
    # hundred rows however many records are alike: a national register has thousands of
    # chatbots, and ranking every one of them costs seconds.
    # Each kind newest first through the index ``public_changed``, stopping at its last
    # candidate (a word shared by thousands of names, like "system", is found at once too).
    others = PublicRecord.objects.exclude(pk=record.pk).order_by("withdrawn", "-updated_at")
    kinds = []
    if alike is not None:
        kinds.append(others.filter(alike).values("pk"))
    if (named := _name_alike(record)) is not None:
        kinds.append(others.filter(named).values("pk"))
    if not kinds:
        return []
    candidates = [kind[:SIMILAR_CANDIDATES] for kind in kinds]
    ids = candidates[0].union(*candidates[1:]) if len(candidates) > 1 else candidates[0]
    return list(
        _public_records()
        .filter(pk__in=ids)
        .annotate(
            alike=structural,
            # The same length of both texts: a long record is not unlike its own beginning.
            similarity=TrigramSimilarity(Substr("words", 1, SIMILAR_WORDS_CHARS), words),
        )
        .filter(Q(alike=1) | Q(similarity__gte=SIMILARITY_THRESHOLD))
        .order_by("withdrawn", "-alike", "-similarity", "-updated_at", "pk")[:limit]
    )


def versions_of(record: PublicRecord) -> list[PublishedVersion]:
    """Every published version of ``record``, oldest first, with its card, in one query."""
    return list(
        PublishedVersion.objects.filter(system_id=record.system_id)
        .defer("record")
        .order_by("number")
    )


def version_of(record: PublicRecord, number: int) -> PublishedVersion:
    """Version ``number`` of ``record`` (card only), in one query; ``Http404`` when it has
    none of that number."""
    try:
        return (
            PublishedVersion.objects.filter(system_id=record.system_id, number=number)
            .defer("record")
            .get()
        )
    except PublishedVersion.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class HistoryEntry:
    """A version in the history, with what changed from the one before (``None`` for the
    first)."""

    version: PublishedVersion
    changes: Diff | None


def history(versions: list[PublishedVersion]) -> list[HistoryEntry]:
    """The versions (oldest first, from ``versions_of``), newest first, each with its diff
    from the previous one. No query."""
    entries = [
        HistoryEntry(version, diff_cards(previous.snapshot, version.snapshot) if previous else None)
        for previous, version in zip([None, *versions[:-1]], versions, strict=True)
    ]
    return entries[::-1]
