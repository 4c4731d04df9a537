"""A whole record's hints: a pure function of the record, the jargon lists and the link checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from compliance.plain_language import (
    EMAIL_FIELDS,
    LINK_FIELDS,
    PHONE_FIELDS,
    TEXT_FIELDS,
    Hint,
)
from compliance.plain_language.contacts import (
    contact_problems,
    malformed_emails,
    malformed_phones,
)
from compliance.plain_language.links import MAX_URL_LENGTH, host_of, urls_in
from compliance.plain_language.texts import text_problems
from register.i18n import CONTENT_LANGUAGES, column

Jargon = Mapping[str, Sequence[tuple[str, str]]]


class LinkResult(Protocol):
    status: str
    status_code: int | None
    error: str


def _texts(system: Any) -> list[tuple[str, str, str]]:
    """(field, language, text) of every checked text that is filled in."""
    found = []
    for name in TEXT_FIELDS:
        for code in CONTENT_LANGUAGES:
            value = str(getattr(system, column(name, code)) or "")
            if value.strip():
                found.append((name, code, value))
    return found


def record_urls(system: Any) -> list[str]:
    """Every web address the record sends people to, once each, in the order of the fields."""
    urls = [str(getattr(system, name) or "").strip() for name in LINK_FIELDS]
    urls += [url for _name, _code, text in _texts(system) for url in urls_in(text)]
    # An address longer than a link check stores, or one no parser reads, is not checked.
    return list(dict.fromkeys(url for url in urls if url and _checkable(url)))


def _checkable(url: str) -> bool:
    return len(url) <= MAX_URL_LENGTH and bool(host_of(url))


def _link_hint(name: str, language: str, url: str, links: Mapping[str, LinkResult]) -> list[Hint]:
    result = links.get(url)
    if result is None or result.status in ("pending", "ok"):
        return []
    code = "link_not_public" if result.status == "refused" else "link_broken"
    detail: dict[str, Any] = {"url": url}
    if result.status_code:
        detail["status_code"] = result.status_code
    if result.error:
        detail["error"] = result.error
    return [Hint(name, language, code, detail)]


def review_hints(system: Any, *, jargon: Jargon, links: Mapping[str, LinkResult]) -> list[Hint]:
    """Every hint on ``system``'s public texts, contact details and links, in field order.

    ``jargon`` maps a language to its (phrase, suggestion) pairs; ``links`` maps an address to
    its last check (an address not checked yet gives no hint)."""
    hints: list[Hint] = []
    for name, code, value in _texts(system):
        hints += [Hint(name, code, c, dict(d)) for c, d in text_problems(value, code, jargon)]
        hints += [Hint(name, code, c, dict(d)) for c, d in contact_problems(value)]
        for url in dict.fromkeys(urls_in(value)):
            hints += _link_hint(name, code, url, links)
    for name in LINK_FIELDS:
        url = str(getattr(system, name) or "").strip()
        if url:
            hints += _link_hint(name, "", url, links)
    for name in PHONE_FIELDS:
        hints += [
            Hint(name, "", "phone", {"value": v}) for v in malformed_phones(getattr(system, name))
        ]
    for name in EMAIL_FIELDS:
        hints += [
            Hint(name, "", "email", {"value": v}) for v in malformed_emails(getattr(system, name))
        ]
    return hints
