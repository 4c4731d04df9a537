"""Atom feeds of what happened in public: a record published for the first time, published
again with changes, or withdrawn; for the whole register, one organisation or one risk class.

Events come from the published versions of records that are public now (a withdrawn record's
versions stay public, as its card does) and from the records' withdrawals. An entry carries
only the name and summary of the version's card, its organisation and its risk class: fields
every card shows, the reduced card of a restricted or withheld record included, so a feed
cannot show more than the cards do. Two queries per feed (three with the organisation),
whatever the size of the register.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _

from portal.addresses import absolute, site_netloc
from register.i18n import columns, pick
from register.models import Organisation, PublicRecord, PublishedVersion, RiskClass
from register.vocabulary import choice_label

# The most entries a feed holds.
FEED_LENGTH = 50

# Characters XML 1.0 cannot carry at all (C0 controls but tab, line feed and carriage return;
# lone surrogates; U+FFFE and U+FFFF). A record's text may contain them; a feed must not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: Any) -> str:
    """``value`` as text that XML 1.0 can carry: characters it cannot are dropped."""
    return _NOT_XML.sub("", str(value))


class Event:
    """What happened, as a feed entry says it."""

    PUBLISHED = "published"
    CHANGED = "changed"
    WITHDRAWN = "withdrawn"


_TITLES = {
    Event.PUBLISHED: _("%(name)s: published"),
    Event.CHANGED: _("%(name)s: changed (version %(number)s)"),
    Event.WITHDRAWN: _("%(name)s: withdrawn"),
}


# Columns of the public record that no feed reads: the search documents and words.
_HEAVY = (*columns("search"), "words")


@dataclass(frozen=True)
class FeedEvent:
    kind: str
    public_id: str
    number: int
    at: dt.datetime
    card: dict[str, Any]
    organisation: Organisation


def feed_events(
    *, organisation: Organisation | None = None, risk_class: str | None = None
) -> list[FeedEvent]:
    """The newest ``FEED_LENGTH`` public events, newest first, of the records that are public
    now (of ``organisation`` or in ``risk_class``, as their current card states). Two queries:
    the versions, and the withdrawals with the card they left public."""
    scope: dict[str, Any] = {}
    if organisation is not None:
        scope["organisation"] = organisation
    if risk_class is not None:
        scope["risk_class"] = risk_class
    versions = (
        PublishedVersion.objects.filter(
            system__public_record__isnull=False,
            **{f"system__public_record__{key}": value for key, value in scope.items()},
        )
        .select_related("system__public_record__organisation")
        .defer("record", *(f"system__public_record__{name}" for name in _HEAVY))
        .order_by("-published_at", "-id")[:FEED_LENGTH]
    )
    events = [
        FeedEvent(
            Event.PUBLISHED if version.number == 1 else Event.CHANGED,
            version.system.public_id,
            version.number,
            version.published_at,
            version.snapshot,
            version.system.public_record.organisation,
        )
        for version in versions
    ]
    withdrawals = (
        PublicRecord.objects.filter(withdrawn=True, withdrawn_at__isnull=False, **scope)
        .select_related("system", "version", "organisation")
        .defer("version__record", *_HEAVY)
        .order_by("-withdrawn_at", "-pk")[:FEED_LENGTH]
    )
    events += [
        FeedEvent(
            Event.WITHDRAWN,
            record.system.public_id,
            record.version.number,
            record.withdrawn_at,
            record.version.snapshot,
            record.organisation,
        )
        for record in withdrawals
    ]
    events.sort(key=lambda event: event.at, reverse=True)
    return events[:FEED_LENGTH]


def _card_path(public_id: str) -> str:
    return reverse("portal:card", kwargs={"public_id": public_id})


class RegisterFeed(Feed):
    """Every public event of the register, in the language of the address."""

    feed_type = Atom1Feed

    # One instance serves every request: nothing of a request is kept on it.
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return None

    def scope(self, obj: Any) -> dict[str, Any]:
        """The filter of ``feed_events`` for ``obj``."""
        return {}

    def title(self, obj: Any) -> str:
        return xml_text(_("AI Register: systems published, changed and withdrawn"))

    def subtitle(self, obj: Any) -> str:
        return xml_text(
            _(
                "AI systems of public bodies in Kazakhstan newly published in the register, "
                "published again with changes, or withdrawn, newest first."
            )
        )

    def link(self, obj: Any) -> str:
        return absolute(reverse("portal:search"))

    def feed_url(self, obj: Any) -> str:
        return absolute(reverse("portal:feed"))

    def feed_guid(self, obj: Any) -> str:
        return self.feed_url(obj)

    def author_name(self, obj: Any) -> str:
        return xml_text(_("AI Register"))

    def items(self, obj: Any) -> list[FeedEvent]:
        return feed_events(**self.scope(obj))

    def item_title(self, item: FeedEvent) -> str:
        name = pick(item.card.get("name")) or item.public_id
        return xml_text(_TITLES[item.kind] % {"name": name, "number": item.number})

    def item_description(self, item: FeedEvent) -> str:
        # The Atom generator declares the summary as HTML: escape the card's text into it.
        return xml_text(linebreaks(str(pick(item.card.get("summary"))), autoescape=True))

    def item_link(self, item: FeedEvent) -> str:
        if item.kind == Event.WITHDRAWN:
            return absolute(_card_path(item.public_id))
        return absolute(
            reverse("portal:version", kwargs={"public_id": item.public_id, "number": item.number})
        )

    def item_guid(self, item: FeedEvent) -> str:
        """A tag URI (RFC 4151) that does not change with the language or the address the feed
        was read from: one per version, one per withdrawal."""
        day = item.at.date().isoformat()
        what = "withdrawn" if item.kind == Event.WITHDRAWN else f"versions/{item.number}"
        return f"tag:{site_netloc().split(':')[0]},{day}:systems/{item.public_id}/{what}"

    def item_pubdate(self, item: FeedEvent) -> dt.datetime:
        return item.at

    def item_updateddate(self, item: FeedEvent) -> dt.datetime:
        return item.at

    def item_author_name(self, item: FeedEvent) -> str:
        return xml_text(item.organisation.name or item.organisation.short_code)

    def item_author_link(self, item: FeedEvent) -> str:
        return absolute(
            reverse("portal:organisation", kwargs={"code": item.organisation.short_code})
        )

    def item_categories(self, item: FeedEvent) -> list[str]:
        risk_class = (item.card.get("risk") or {}).get("class") or ""
        return [xml_text(choice_label("risk_class", risk_class))]


class OrganisationFeed(RegisterFeed):
    """The public events of one organisation's records."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Organisation:
        return get_object_or_404(Organisation, short_code=kwargs["code"])

    def feed_url(self, obj: Organisation) -> str:
        return absolute(reverse("portal:organisation_feed", kwargs={"code": obj.short_code}))

    def scope(self, obj: Organisation) -> dict[str, Any]:
        return {"organisation": obj}

    def title(self, obj: Organisation) -> str:
        return xml_text(
            _("%(organisation)s: AI systems published, changed and withdrawn")
            % {"organisation": obj.name or obj.short_code}
        )

    def link(self, obj: Organisation) -> str:
        return absolute(reverse("portal:organisation", kwargs={"code": obj.short_code}))


class RiskClassFeed(RegisterFeed):
    """The public events of the records in one risk class under the EU AI Act."""

    def feed_url(self, obj: str) -> str:
        return absolute(reverse("portal:class_feed", kwargs={"risk_class": obj}))

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        risk_class = kwargs["risk_class"]
        if risk_class not in feed_risk_classes():
            raise Http404
        return risk_class

    def scope(self, obj: str) -> dict[str, Any]:
        return {"risk_class": obj}

    def title(self, obj: str) -> str:
        return xml_text(
            _("%(risk_class)s: AI systems published, changed and withdrawn")
            % {"risk_class": choice_label("risk_class", obj)}
        )


def feed_risk_classes() -> tuple[str, ...]:
    """The risk classes with a feed: every class but "not yet classified", which has no
    value to put in an address."""
    return tuple(value for value in RiskClass.values if value)
