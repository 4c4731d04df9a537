"""Template helpers for the public card (``templates/register/card.html``).

They read only the card's JSON (``register.cards.build_card``), never model instances, so that a
stored snapshot renders years later. Every helper returns plain strings or lists: user text is
never marked safe and is escaped by the template.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.db import models
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from compliance.classification_texts import ANNEX_III_USES
from register.i18n import CONTENT_LANGUAGES, TranslatedText, fallback_order
from register.models import (
    ActRole,
    ApplicationArea,
    Channel,
    DataSource,
    DecisionRole,
    HumanOversight,
    ImpactAssessment,
    Phase,
    PolicyArea,
    Risk,
    RiskClass,
    Technique,
    Withholding,
)

register = template.Library()

# Short names used in templates (``value|choice_label:"phase"``) for the choice classes whose
# stored values appear on a card.
CHOICES: dict[str, type[models.TextChoices]] = {
    "phase": Phase,
    "application_area": ApplicationArea,
    "policy_area": PolicyArea,
    "technique": Technique,
    "channel": Channel,
    "decision_role": DecisionRole,
    "act_role": ActRole,
    "risk_class": RiskClass,
    "withholding": Withholding,
    "data_use": DataSource.Use,
    "personal_data": DataSource.PersonalData,
    "special_category": DataSource.SpecialCategory,
    "oversight_mode": HumanOversight.Mode,
    "assessment_kind": ImpactAssessment.Kind,
    "assessment_state": ImpactAssessment.State,
    "risk_level": Risk.Level,
}

# "(not yet translated; shown in …)": one whole sentence per language, so that translators can
# inflect the language name as their grammar needs.
_FALLBACK_MARKERS = {
    "kk": _("(not yet translated; shown in Kazakh)"),
    "ru": _("(not yet translated; shown in Russian)"),
    "en": _("(not yet translated; shown in English)"),
}

# Labels of the card's fields. Where a model field says the same thing, the msgid is the model's
# verbose name, so the existing translations apply; ``field_label`` capitalises it.
FIELD_LABELS = {
    "scope": _("scope: what it is and is not for"),
    "benefits": _("benefits"),
    "alternatives": _("alternatives considered"),
    "phase": _("lifecycle phase"),
    "application_area": _("application area"),
    "policy_area": _("policy area"),
    "techniques": _("AI techniques"),
    "channels": _("service channels"),
    "usage_frequency": _("how often it is used"),
    "process_integration": _("how it fits into the decision process"),
    "affected_groups": _("who is affected"),
    "affected_per_year": _("people affected per year (estimate)"),
    "act_role": _("role under the AI Act"),
    "owner_role": _("senior responsible owner (role)"),
    "team": _("responsible team"),
    "organisation": _("organisation"),
    "organisation_contact": _("organisation's general contact"),
    "supplier": _("supplier"),
    "oversight_mode": _("oversight mode"),
    "responsible_role": _("role of the person overseeing"),
    "people_count": _("number of people overseeing"),
    "can_override": _("can override or reverse an output"),
    "can_stop": _("can stop the system"),
    "training": _("training of the people overseeing"),
    "automation_bias": _("measures against automation bias"),
    "log_retention_days": _("logs kept for (days)"),
    "monitoring": _("monitoring and incident procedure"),
    "description": _("description"),
    "uses": _("used for"),
    "origin": _("origin and original purpose"),
    "personal_data": _("personal data"),
    "special_categories": _("special categories of personal data"),
    "legal_basis": _("legal basis for processing"),
    "retention": _("retention period"),
    "sharing_agreements": _("data-sharing agreements"),
    "access": _("who has access"),
    "bias_examination": _("representativeness and bias examination"),
    "link": _("link"),
    "state": _("status"),
    "completed_on": _("completed on"),
    "reviewed_on": _("last reviewed on"),
    "assessment_summary": _("summary of findings"),
    "assessment_link": _("link to the assessment"),
    "risk": _("risk"),
    "likelihood": _("likelihood"),
    "severity": _("severity"),
    "mitigation": _("mitigation"),
    "risk_owner": _("risk owner (role)"),
    "model_type": _("model type"),
    "architecture": _("how the system works"),
    "performance": _("performance and accuracy"),
    "source_code_url": _("source code"),
    "instructions_for_use_url": _("provider's instructions for use"),
    "eu_database_ref": _("EU database registration reference"),
    "eu_database_url": _("provider's entry in the EU database"),
    "processing_register_url": _("entry in the personal-data processing register"),
    "next_review_on": _("next review due"),
    "supplier_identifier": _("business identification number (BIN)"),
    "supplier_role": _("what the supplier does"),
    "contract_reference": _("contract reference"),
    "data_access_terms": _("supplier's access to data"),
}

# The six parts of a fundamental-rights impact assessment, AI Act Art 27(1)(a)–(f), in order;
# the msgids are the model's, so they arrive translated.
FRIA_PARTS: tuple[tuple[str, Any], ...] = (
    ("fria_processes", _("(a) processes in which the system is used")),
    ("fria_period", _("(b) period and frequency of use")),
    ("fria_affected", _("(c) people and groups likely to be affected")),
    ("fria_risks", _("(d) specific risks of harm")),
    ("fria_oversight", _("(e) how human oversight is implemented")),
    ("fria_measures", _("(f) measures if risks materialise, governance and complaints")),
)

# Plain-language sentences for the "At a glance" part, keyed by stored value.
PLAIN: dict[str, dict[str, Any]] = {
    "decision_role": {
        DecisionRole.AUTOMATIC: _(
            "Yes. It makes decisions about people automatically, without a person deciding "
            "each case."
        ),
        DecisionRole.RECOMMENDS: _(
            "No, a person decides. The system makes a recommendation and a member of staff "
            "takes the decision."
        ),
        DecisionRole.INFORMS: _(
            "No. It only gives information; it does not decide or recommend anything about people."
        ),
    },
    "risk_class": {
        RiskClass.UNCLASSIFIED: _(
            "The organisation has not yet assessed which rules of the AI Act apply."
        ),
        RiskClass.PROHIBITED: _(
            "The AI Act bans this kind of use. A system in this class must not be used."
        ),
        RiskClass.HIGH: _(
            "Strict legal safeguards apply: risk management, good-quality data, records of "
            "its use, human oversight, and an impact assessment on people's rights."
        ),
        RiskClass.LIMITED: _(
            "Few rules apply, but people must be told when they deal with AI or with content "
            "that AI made."
        ),
        RiskClass.MINIMAL: _(
            "No special AI Act duties apply; the organisation may follow a voluntary code of "
            "conduct. The usual law still protects you."
        ),
        RiskClass.OUT_OF_SCOPE: _(
            "The organisation has assessed that the AI Act does not apply to this system. The "
            "usual law still protects you."
        ),
    },
    # Art 50 duties, said from the reader's side.
    "transparency": {
        "50(1)": _("You should be told that you are dealing with an AI."),
        "50(2)": _("Audio, images, video or text that it creates should be marked as made by AI."),
        "50(3)": _(
            "You should be told if it recognises emotions or sorts people into groups using "
            "biometric data."
        ),
        "50(4)": _(
            "Deep fakes, and AI-written texts published on matters of public interest, should "
            "be labelled as made by AI."
        ),
        "50(5)": _(
            "This information should be given clearly, at the latest when you first use the system."
        ),
    },
}

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
    falling back in the order of ``register.i18n.fallback_order``.

    A plain string is taken as already in the active language; ``None`` gives empty text.
    """
    order = fallback_order(language)
    if isinstance(value, TranslatedText):
        return value
    if isinstance(value, Mapping):
        for code in order:
            text = value.get(code)
            if isinstance(text, str) and text.strip():
                return TranslatedText(text, code, is_fallback=code != order[0])
        return TranslatedText("", order[0], is_fallback=False)
    if value is None:
        return TranslatedText("", order[0], is_fallback=False)
    return TranslatedText(str(value), order[0], is_fallback=False)


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
        "marker": _FALLBACK_MARKERS.get(text.language, ""),
    }


def _choices(name: str) -> type[models.TextChoices]:
    try:
        return CHOICES[name]
    except KeyError:
        raise template.TemplateSyntaxError(
            f"Unknown choice class {name!r}; expected one of {', '.join(sorted(CHOICES))}."
        ) from None


def _label(choices: type[models.TextChoices], value: Any) -> str:
    if value is None:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


@register.filter
def choice_label(value: Any, name: str) -> str:
    """``{{ card.phase|choice_label:"phase" }}``: the label of a stored choice in the active
    language; a value the class does not know (an old snapshot) is shown as stored."""
    return _label(_choices(name), value)


@register.filter
def choice_labels(values: Any, name: str) -> list[str]:
    """The labels of a JSON list of stored choices, in order; join them in the template."""
    choices = _choices(name)
    if values is None or values == "":
        return []
    if isinstance(values, str) or not isinstance(values, Iterable):
        values = [values]
    return [_label(choices, value) for value in values]


@register.filter
def plain(value: Any, name: str) -> str:
    """A plain-language sentence for a stored value (``decision_role``, ``risk_class``,
    ``transparency``); empty when there is none."""
    sentence = PLAIN.get(name, {}).get(value if value is not None else "")
    return str(sentence) if sentence is not None else ""


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
    return capfirst(str(FIELD_LABELS[key]))


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
def isodate(value: Any, fmt: str = "j E Y") -> str:
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
    if translation.get_language() in ("kk", "ru"):
        # Django has no Kazakh number format; both languages group with a no-break space.
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
        return any(
            isinstance(value.get(code), str) and value[code].strip() for code in CONTENT_LANGUAGES
        )
    return bool(value.strip()) if isinstance(value, str) else bool(value)
