"""The disclosure kit: what an agency shows on its own service page and in its service
centres to say that a service uses an AI system (Kazakhstan's AI Law, Art 21; EU AI Act,
Art 50(1)), with a link to the system's card in the register.

Every piece (the embeddable notice, its JSON and the printable poster) is a pure function of
the current public record: the card of the version the public sees, its number and dates.
The kit is therefore always the card's: it changes when a new version is published or the
record is withdrawn, and it reads only fields every card shows (``register.cards.CORE``), so
a restricted or withheld record's kit says no more than its reduced card.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

import segno
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from portal.addresses import absolute, without_language
from register.cards import is_reduced
from register.i18n import CONTENT_LANGUAGES, TranslatedText, pick
from register.models import PublicRecord

# The notice's own style sheet, shown for agencies to copy and linked by the portal's pages.
# Every rule is scoped by ``NOTICE_CLASS``; it has no comment, since agencies' editors see it
# in their language on the page.
NOTICE_CSS = "portal/notice.css"
# The prefix of the notice's classes, so that its rules touch nothing else on an agency's page.
NOTICE_CLASS = "ai-register-notice"

SENTENCE = _(
    "This service uses an AI system, “%(name)s”. What it does, who is responsible and how to "
    "ask for a human review: %(url)s"
)
WITHDRAWN_SENTENCE = _(
    "This service no longer uses the AI system “%(name)s”: it was withdrawn on %(date)s. Its "
    "record stays in the register: %(url)s"
)


@dataclass(frozen=True)
class Notice:
    """The facts of the notice in one language, each text with the card's fallback."""

    language: str
    public_id: str
    name: TranslatedText
    organisation: TranslatedText
    summary: TranslatedText
    responsible: TranslatedText
    appeal: TranslatedText
    appeal_url: str
    explanation: TranslatedText
    contact_email: str
    contact_phone: str
    contact_url: str
    card_url: str
    version: int
    updated_at: dt.datetime
    withdrawn_at: dt.datetime | None
    reduced: bool


def _get(card: dict[str, Any], *path: str) -> Any:
    value: Any = card
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def card_url(public_id: str, language: str | None = None) -> str:
    """The card's absolute address in ``language``; without a language, the address that
    sends a reader to their own (for the QR code, read by phones in any language)."""
    with translation.override(language or CONTENT_LANGUAGES[0]):
        path = reverse("portal:card", kwargs={"public_id": public_id})
    return absolute(path if language else without_language(path))


def notice(record: PublicRecord, language: str) -> Notice:
    """The notice of ``record`` (loaded with its ``version``, ``system`` and ``organisation``)
    in ``language``."""
    card = record.version.snapshot
    public_id = record.system.public_id
    organisation = _get(card, "organisation", "name") or record.organisation.translations("name")
    return Notice(
        language=language,
        public_id=public_id,
        name=pick(card.get("name"), language) or TranslatedText(public_id, language, False),
        organisation=pick(organisation, language),
        summary=pick(card.get("summary"), language),
        responsible=pick(card.get("owner_role"), language),
        appeal=pick(_get(card, "appeal", "route"), language),
        appeal_url=_str(_get(card, "appeal", "url")),
        explanation=pick(_get(card, "rights", "explanation"), language),
        contact_email=_str(_get(card, "contact", "email")),
        contact_phone=_str(_get(card, "contact", "phone")),
        contact_url=_str(_get(card, "contact", "url")),
        card_url=card_url(public_id, language),
        version=record.version.number,
        updated_at=record.updated_at,
        withdrawn_at=record.withdrawn_at if record.withdrawn else None,
        reduced=is_reduced(card.get("withholding")),
    )


def notices(record: PublicRecord, languages: tuple[str, ...] = CONTENT_LANGUAGES) -> list[Notice]:
    return [notice(record, code) for code in languages]


def sentence(item: Notice) -> str:
    """The notice as one plain sentence in its language, with the card's address."""
    with translation.override(item.language):
        if item.withdrawn_at is not None:
            return WITHDRAWN_SENTENCE % {
                "name": item.name,
                "date": date_format(timezone.localtime(item.withdrawn_at), "DATE_FORMAT"),
                "url": item.card_url,
            }
        return SENTENCE % {"name": item.name, "url": item.card_url}


def notice_json(record: PublicRecord) -> dict[str, Any]:
    """The notice's facts for programs: every text in every language (with the card's
    fallback), the card's addresses, and the notice as one sentence in each language."""
    by_language = {item.language: item for item in notices(record)}

    def texts(attribute: str) -> dict[str, str]:
        return {code: str(getattr(item, attribute)) for code, item in by_language.items()}

    first = by_language[CONTENT_LANGUAGES[0]]
    return {
        "public_id": first.public_id,
        "version": first.version,
        "updated": first.updated_at.isoformat(),
        "withdrawn": first.withdrawn_at is not None,
        "withdrawn_at": first.withdrawn_at.isoformat() if first.withdrawn_at else None,
        "reduced_card": first.reduced,
        "card_url": card_url(first.public_id),
        "card_urls": texts("card_url"),
        "name": texts("name"),
        "organisation": {"code": record.organisation.short_code, "name": texts("organisation")},
        "what_it_does": texts("summary"),
        "responsible": texts("responsible"),
        "human_review": {"how": texts("appeal"), "url": first.appeal_url},
        "explanation": texts("explanation"),
        "contact": {
            "email": first.contact_email,
            "phone": first.contact_phone,
            "url": first.contact_url,
        },
        "notice": {code: sentence(item) for code, item in by_language.items()},
    }


def qr_svg(url: str, *, title: str) -> SafeString:
    """A QR code of ``url`` as inline SVG named ``title`` (segno escapes it): medium error
    correction, no fixed size, so that the page sets its printed size."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, omitsize=True, svgclass="app-qr", title=title
    )
    # Paths and the escaped title only: nothing of a record's text is in it.
    return mark_safe(svg)  # noqa: S308


@cache
def notice_css() -> str:
    """The notice's style sheet, as agencies copy it."""
    path = finders.find(NOTICE_CSS)
    if not path:
        return ""
    with open(path, encoding="utf-8") as handle:
        return handle.read()
