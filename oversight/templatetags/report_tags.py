"""Template helpers of the audit report (``templates/oversight/report/``).

``{% fact "label_key" value "kind" %}`` renders one row of a fact list: the field's label from
the card's own labels (``register.vocabulary.field_label``), its value rendered by kind with the
card's helpers, and "Not stated" when the record does not say. User text is never marked safe.
"""

from __future__ import annotations

from typing import Any

from django import template

from register import vocabulary
from register.templatetags.card_tags import has_text, http_url, isodate, translated

register = template.Library()

KINDS = frozenset({"text", "plain", "choice", "choices", "date", "bool", "number", "days", "url"})


def _stated(value: Any, kind: str) -> bool:
    if kind in {"bool", "number", "days"}:
        return value is not None and value != ""
    if kind == "url":
        return bool(http_url(value))
    return has_text(value)


@register.inclusion_tag("oversight/report/includes/fact.html")
def fact(
    key: str, value: Any, kind: str = "text", choice: str = "", label: str = ""
) -> dict[str, Any]:
    """A row ``label: value``; ``choice`` names the choice class of a ``choice(s)`` value and
    ``label`` replaces the card's label of ``key``."""
    if kind not in KINDS:
        raise template.TemplateSyntaxError(f"Unknown kind {kind!r} of a report fact.")
    stated = _stated(value, kind)
    rendered: Any = value
    if stated:
        if kind == "text":
            rendered = translated(value)
        elif kind == "choice":
            rendered = vocabulary.choice_label(choice, value)
        elif kind == "choices":
            rendered = [vocabulary.choice_label(choice, item) for item in value]
        elif kind == "date":
            rendered = isodate(value)
        elif kind == "url":
            rendered = http_url(value)
    return {
        "label": label or vocabulary.field_label(key),
        "value": rendered,
        "kind": kind,
        "stated": stated,
    }
