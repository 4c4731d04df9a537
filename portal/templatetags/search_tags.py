"""Template helpers of the portal's search page."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.search import START_SEL, STOP_SEL
from register.vocabulary import FALLBACK_MARKERS

register = template.Library()

_MARKED = re.compile(f"{START_SEL}([^{START_SEL}{STOP_SEL}]*){STOP_SEL}")


@register.filter
def highlight(value: Any, full: Any = None) -> SafeString:
    """``ts_headline`` output (``portal.search.search_public_records``) as HTML: the text is
    escaped first, then each marked match becomes ``<mark>``; unpaired markers are dropped.
    The markers are private-use code points, so that neither the record's text nor the query
    can open a tag: whatever they contain stays text. With ``full``, the whole text, an
    excerpt of it ends with an ellipsis."""
    raw = "" if value is None else str(value)
    plain = raw.replace(START_SEL, "").replace(STOP_SEL, "").strip()
    text = escape(raw.strip())
    text = _MARKED.sub(r"<mark>\1</mark>", text)
    # Escaped text cannot hold markup; the only tags are the <mark> pairs added here.
    text = text.replace(START_SEL, "").replace(STOP_SEL, "")
    if full is not None and len(plain) < len(str(full).strip()):
        text += " …"
    return mark_safe(text)  # noqa: S308


@register.filter
def fallback_marker(language: str) -> str:
    """The note that a text is shown in ``language`` because the page's is missing."""
    return str(FALLBACK_MARKERS.get(language, ""))
