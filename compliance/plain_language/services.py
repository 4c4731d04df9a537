"""The assistant's writers: a record's review, the link checks and the jargon list.

- ``review_refresh``: recompute a record's hints and the links it names (after every change
  to the record, and after a check changed what one of its links says);
- ``links_due`` and ``link_check``: the periodic link check, one link at a time, claimed with a
  conditional ``UPDATE`` so that two workers never check one link at once, rate-limited per
  host, and done again once the result is older than ``settings.LINK_CHECK_TTL_HOURS``;
- ``jargon_phrase_save`` / ``jargon_phrase_delete``: the site administrators' edits of the
  jargon list, in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, Final

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from compliance.plain_language.links import fetch_status, host_of
from compliance.plain_language.models import (
    JargonPhrase,
    LinkCheck,
    PlainLanguageReview,
)
from compliance.plain_language.review import Jargon, record_urls, review_hints
from register import ratelimit
from register.audit import audit_context
from register.models import AISystem

#: A claim older than this is taken to be a worker that died mid-check.
CLAIM_LEASE: Final = dt.timedelta(minutes=5)
RATE_WINDOW_SECONDS: Final = 60


def jargon_lists() -> Jargon:
    """The active jargon phrases by language, as (phrase, suggestion) pairs. One query."""
    lists: dict[str, list[tuple[str, str]]] = defaultdict(list)
    rows = JargonPhrase.objects.filter(active=True).order_by("language", "phrase")
    for language, phrase, suggestion in rows.values_list("language", "phrase", "suggestion"):
        lists[language].append((phrase, suggestion))
    return dict(lists)


@transaction.atomic
def review_refresh(*, system_id: int) -> bool:
    """Recompute the review of ``system_id`` and the links it names (new ones wait for the
    next link check). Returns whether the hints changed; an unknown id changes nothing."""
    system = AISystem.objects.filter(pk=system_id).first()
    if system is None:
        return False
    urls = record_urls(system)
    LinkCheck.objects.bulk_create(
        [LinkCheck(url=url, host=host_of(url)[:255]) for url in urls], ignore_conflicts=True
    )
    links = {link.url: link for link in LinkCheck.objects.filter(url__in=urls)}
    hints = [hint.as_json() for hint in review_hints(system, jargon=jargon_lists(), links=links)]
    review = PlainLanguageReview.objects.select_for_update().filter(system=system).first()
    changed = review is None or review.hints != hints
    if review is None:
        review = PlainLanguageReview(system=system)
    review.hints = hints
    review.reviewed_at = timezone.now()
    review.full_clean(exclude=["system"])
    review.save()
    review.links.set(links.values())
    return changed


def _due(now: dt.datetime) -> Q:
    ttl = dt.timedelta(hours=settings.LINK_CHECK_TTL_HOURS)
    stale = Q(checked_at__isnull=True) | Q(checked_at__lt=now - ttl)
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_LEASE)
    return stale & free


def links_prune() -> int:
    """Forget the links that no record names any more, so they are not checked again."""
    deleted, _by_model = LinkCheck.objects.filter(reviews__isnull=True).delete()
    return deleted


def links_due(*, limit: int = 200) -> list[int]:
    """Ids of the links never checked or checked longer ago than the TTL, oldest first."""
    rows = LinkCheck.objects.filter(_due(timezone.now())).order_by("checked_at", "pk")
    return list(rows.values_list("pk", flat=True)[:limit])


def link_check(*, link_id: int) -> str:
    """Check one link unless another worker has it, it is fresh, or its host has had its share
    of requests this minute. Returns what happened: ``checked``, ``changed`` (the answer
    differs from the last one, and the records naming the link were reviewed again),
    ``skipped`` or ``rate_limited`` (left for the next run)."""
    from compliance.tasks import enqueue_check

    now = timezone.now()
    if not LinkCheck.objects.filter(_due(now), pk=link_id).update(claimed_at=now):
        return "skipped"
    link = LinkCheck.objects.get(pk=link_id)
    allowed = ratelimit.hit(
        "link-check",
        link.host,
        limit=settings.LINK_CHECK_PER_HOST_PER_MINUTE,
        window=RATE_WINDOW_SECONDS,
    )
    if not allowed:
        LinkCheck.objects.filter(pk=link_id).update(claimed_at=None)
        return "rate_limited"
    # The request runs outside any transaction: it may take LINK_CHECK_TIMEOUT seconds.
    answer = fetch_status(link.url)
    before = (link.status, link.status_code, link.error)
    after = (answer.status, answer.status_code, answer.error)
    with transaction.atomic():
        LinkCheck.objects.filter(pk=link_id).update(
            status=answer.status,
            status_code=answer.status_code,
            error=answer.error,
            checked_at=timezone.now(),
            claimed_at=None,
        )
        if before == after:
            return "checked"
        for system_id in link.reviews.values_list("system_id", flat=True):
            if review_refresh(system_id=system_id):
                enqueue_check(system_id)
    return "changed"


def check_due_links(*, limit: int = 200) -> dict[str, int]:
    """Check every due link now, one after the other (the management command's way, without
    a broker)."""
    links_prune()
    outcomes: dict[str, int] = defaultdict(int)
    for link_id in links_due(limit=limit):
        outcomes[link_check(link_id=link_id)] += 1
    return dict(outcomes)


@transaction.atomic
def jargon_phrase_save(*, actor: Any, phrase: JargonPhrase) -> JargonPhrase:
    """Add or change a phrase of the jargon list. Records are reviewed against the new list at
    their next change."""
    with audit_context(user=actor.pk, action="plain_language.jargon_save"):
        phrase.phrase = " ".join(phrase.phrase.split())
        phrase.full_clean()
        phrase.save()
    return phrase


@transaction.atomic
def jargon_phrase_delete(*, actor: Any, phrase: JargonPhrase) -> None:
    with audit_context(user=actor.pk, action="plain_language.jargon_delete"):
        phrase.delete()
