"""Template helpers for the public card (``templates/register/card.html``).

They read only the card's JSON (``register.cards.build_card``), never model instances, so that a
stored snapshot renders years later, in any format of ``register.cards.CARD_SCHEMAS``. Every
helper returns plain strings or lists: user text is never marked safe and is escaped by the
template.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.text import capfirst

from register import vocabulary
from register.i18n import TranslatedText, content_language, pick
from register.languages import SPACE_GROUPING_LANGUAGES
from register.models import RiskClass
from register.vocabulary import ANNEX_III_USES, CHOICES, FALLBACK_MARKERS, FRIA_PARTS

register = template.Library()

# GOV.UK tag colours for the risk classes. The tag always carries the class as text: colour
# only supports it.
_RISK_TAG_CLASSES = {
    RiskClass.PROHIBITED: "govuk-tag--red",
    RiskClass.HIGH: "govuk-tag--orange",
    RiskClass.LIMITED: "govuk-tag--yellow",
    RiskClass.MINIMAL: "govuk-tag--green",
    RiskClass.OUT_OF_SCOPE: "govuk-tag--grey",
    RiskClass.UNCLASSIFIED: "govuk-tag--grey",
}

_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)\s*(?:\r\n|\r|\n)+")
_SAFE_SCHEMES = frozenset({"http", "https"})


def translated(value: Any, language: str | None = None) -> TranslatedText:
    """The text of ``value`` (a ``{kk, ru, en}`` dict) in ``language`` or the active language,
    with the fallback of ``register.i18n.pick``.

    A plain string is taken as already in the requested language; ``None`` gives empty text.
    """
    if isinstance(value, TranslatedText):
        return value
    if isinstance(value, Mapping) or value is None:
        return pick(value, language)
    return TranslatedText(str(value), content_language(language), is_fallback=False)


@register.filter
def tr(value: Any) -> TranslatedText:
    """``{{ card.name|tr }}``: the text in the active language, with ``.language`` and
    ``.is_fallback``."""
    return translated(value)


@register.inclusion_tag("register/includes/translated_text.html")
def translated_text(value: Any, block: bool = False) -> dict[str, Any]:
    """``{% translated_text card.summary block=True %}``: the text in the active language.

    A fallback is marked up with its ``lang`` and followed (inline) or preceded (block) by a
    visible note naming the language. ``block=True`` splits the text into paragraphs at blank
    lines, with line breaks kept, as Django's ``linebreaks`` does, but with GOV.UK classes.
    Empty text renders nothing.
    """
    text = translated(value)
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()] if block else []
    return {
        "text": text,
        "block": block,
        "paragraphs": paragraphs,
        "language": text.language,
        "is_fallback": bool(text) and text.is_fallback,
        "marker": FALLBACK_MARKERS.get(text.language, ""),
    }


def _known_kind(name: str) -> str:
    if name not in CHOICES:
        raise template.TemplateSyntaxError(
            f"Unknown choice class {name!r}; expected one of {', '.join(sorted(CHOICES))}."
        )
    return name


@register.filter
def choice_label(value: Any, name: str) -> str:
    """``{{ card.phase|choice_label:"phase" }}``: the label of a stored choice in the active
    language; a value the class does not know (an old snapshot) is shown as stored."""
    return vocabulary.choice_label(_known_kind(name), value)


@register.filter
def choice_labels(values: Any, name: str) -> list[str]:
    """The labels of a JSON list of stored choices, in order; join them in the template."""
    kind = _known_kind(name)
    if values is None or values == "":
        return []
    if isinstance(values, str) or not isinstance(values, Iterable):
        values = [values]
    return [vocabulary.choice_label(kind, value) for value in values]


@register.filter
def plain(value: Any, name: str) -> str:
    """A plain-language sentence for a stored value (``decision_role``, ``risk_class``,
    ``transparency``); empty when there is none."""
    return vocabulary.plain_sentence(name, value)


@register.filter
def risk_tag_class(value: Any) -> str:
    return _RISK_TAG_CLASSES.get(value or "", "govuk-tag--grey")


@register.filter
def annex_iii_use(point: Any) -> TranslatedText:
    """What an Annex III point is about, in the active language (the point itself if unknown)."""
    texts = ANNEX_III_USES.get(str(point))
    return translated(texts if texts is not None else str(point))


@register.simple_tag
def field_label(key: str) -> str:
    """``{% field_label "scope" %}``: the capitalised label of a card field."""
    return vocabulary.field_label(key)


@register.filter
def fria_parts(assessment: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """``[(heading, {kk, ru, en}), …]`` for the six Art 27(1) parts, blank ones included."""
    return [(capfirst(str(heading)), assessment.get(key)) for key, heading in FRIA_PARTS]


def _parse_date(value: Any) -> dt.date | dt.datetime | None:
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
    except ValueError:
        return None


@register.filter
def isodate(value: Any, fmt: str = "DATE_FORMAT") -> str:
    """An ISO date or date-time string (or a date object) as a localised date, "15 November
    2024". A date-time is converted to the site's time zone first; text that is not a date is
    shown as it is."""
    parsed = _parse_date(value)
    if parsed is None:
        return "" if value in (None, "") else str(value)
    if isinstance(parsed, dt.datetime) and timezone.is_aware(parsed):
        parsed = timezone.localtime(parsed)
    return date_filter(parsed, fmt)


@register.filter
def isodate_attr(value: Any) -> str:
    """The machine-readable form for ``<time datetime="…">``."""
    parsed = _parse_date(value)
    return parsed.isoformat() if parsed is not None else ""


@register.filter
def grouped(value: Any) -> str:
    """A whole number with thousands grouped the way the active language writes them."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    if content_language() in SPACE_GROUPING_LANGUAGES:
        # Django has no Kazakh number format; these languages group with a no-break space.
        return f"{number:,}".replace(",", "\u00a0")
    return floatformat(number, "0g")


@register.filter
def http_url(value: Any) -> str:
    """``value`` if it is an http(s) URL, else an empty string, so that no stored value can
    become a ``javascript:`` or other scheme link."""
    if not isinstance(value, str):
        return ""
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return ""
    return value.strip() if scheme in _SAFE_SCHEMES else ""


@register.filter
def tel_href(value: Any) -> str:
    """A phone number as written (``+7 7172 00 00 01``) → the ``tel:`` target ``+77172000001``."""
    if not isinstance(value, str):
        return ""
    digits = re.sub(r"[^\d+]", "", value)
    return digits if re.fullmatch(r"\+?\d{3,20}", digits) else ""


@register.filter
def has_text(value: Any) -> bool:
    """True when a ``{kk, ru, en}`` dict has text in any language."""
    if isinstance(value, Mapping):
        return bool(pick(value))
    return bool(value.strip()) if isinstance(value, str) else bool(value)
