"""The public transparency card: what citizens may see of a record, as plain JSON.

``build_card`` is the single definition of the public field set, and a pure function of the
frozen full record (``register.snapshots.freeze_record``): no model, no query. Publishing stores
both in an immutable, hashed ``PublishedVersion``; previews build the card the same way from the
working copy (``build_card(freeze_record(system))``), and the public portal, feeds and exports
read the stored card, so a field that is not here is never shown to the public.

``SYSTEM_LAYOUT`` and ``PART_LAYOUT`` say where each field of the field schema
(``register.schema``) goes on the card; ``CORE`` names the fields that a record restricted under
AI Act Art 49(4), or withheld with a reason, still shows. The JSON Schema of the card is
``register/schemas/card-4.schema.json``.

The ``compliance`` block carries the findings frozen with the version (``COMPLIANCE_BLOCK``):
the whole list on a full card; on a restricted or withheld card only when they were checked and
how many there were of each severity. The rule ids are not secret, but which rules a system
fails says what it does (a prohibited practice, a biometric use), which is what the
withholding hides; the number and severity of its open findings stay public, because that a
system in use does not comply is what the register exists to show. A finding's ``detail`` is
never frozen.

Cards of format ``kz-ai-register/card/1`` (stored before the full record was frozen) have the
same layout without the ids of the organisation and the parts; the templates read both.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from register.models import Withholding

# Format 4: the yes/no facts (``can_override``, ``can_stop``, ``interaction_mandatory``) may
# be null, "not stated"; format 3 had them as booleans, an unanswered one false.
CARD_SCHEMA = "kz-ai-register/card/4"
CARD_SCHEMA_V3 = "kz-ai-register/card/3"
CARD_SCHEMA_V2 = "kz-ai-register/card/2"
CARD_SCHEMA_V1 = "kz-ai-register/card/1"
# Every card format the templates render.
CARD_SCHEMAS = (CARD_SCHEMA_V1, CARD_SCHEMA_V2, CARD_SCHEMA_V3, CARD_SCHEMA)
JSON_SCHEMA_FILE = Path(__file__).with_name("schemas") / "card-4.schema.json"

# Where each field of the record's sections goes on the card.
SYSTEM_LAYOUT: Final[dict[str, tuple[str, ...]]] = {
    # About the system
    "name": ("name",),
    "summary": ("summary",),
    "scope": ("scope",),
    "benefits": ("benefits",),
    "alternatives": ("alternatives",),
    "usage_frequency": ("usage_frequency",),
    "phase": ("phase",),
    "first_used_on": ("first_used_on",),
    "retired_on": ("retired_on",),
    "application_area": ("application_area",),
    "policy_area": ("policy_area",),
    "techniques": ("techniques",),
    "channels": ("channels",),
    "model_type": ("technical", "model_type"),
    "architecture": ("technical", "architecture"),
    "performance": ("technical", "performance"),
    "source_code_url": ("technical", "source_code_url"),
    "instructions_for_use_url": ("technical", "instructions_for_use_url"),
    # Ownership
    "act_role": ("act_role",),
    "owner_role": ("owner_role",),
    "team": ("team",),
    "contact_email": ("contact", "email"),
    "contact_phone": ("contact", "phone"),
    "contact_url": ("contact", "url"),
    "legal_position": ("legal_position", "position"),
    "other_party": ("legal_position", "other_party"),
    "documentation_ref": ("legal_position", "documentation_ref"),
    "processing_register_url": ("legal", "processing_register_url"),
    "eu_database_ref": ("legal", "eu_database_ref"),
    "eu_database_url": ("legal", "eu_database_url"),
    "next_review_on": ("next_review_on",),
    "withholding": ("withholding",),
    "withholding_reason": ("withholding_reason",),
    # Decisions and oversight
    "decision_role": ("decision_role",),
    "process_integration": ("process_integration",),
    "affected_groups": ("affected_groups",),
    "affected_per_year": ("affected_per_year",),
    "appeal_route": ("appeal", "route"),
    "appeal_url": ("appeal", "url"),
    "ai_disclosure": ("transparency", "ai_disclosure"),
    "marking_method": ("transparency", "marking_method"),
    "explanation_route": ("rights", "explanation"),
    "data_access_route": ("rights", "data_access"),
    "non_ai_alternative": ("rights", "non_ai_alternative"),
    "interaction_mandatory": ("rights", "interaction_mandatory"),
    "user_agreement_url": ("rights", "user_agreement_url"),
}
# Where each part goes on the card: every field of each item, with its id.
PART_LAYOUT: Final[dict[str, tuple[str, ...]]] = {
    "oversight": ("oversight",),
    "suppliers": ("suppliers",),
    "legal_bases": ("legal", "bases"),
    "data_sources": ("data_sources",),
    "impact_assessments": ("impact_assessments",),
    "risks": ("risks",),
}
# What a restricted or withheld record still shows: who runs it, what it is for, whether it
# decides about people, and how to ask for an explanation or appeal. No part is shown.
CORE: Final[frozenset[str]] = frozenset(
    {
        "name",
        "summary",
        "affected_groups",
        "owner_role",
        "team",
        "phase",
        "first_used_on",
        "retired_on",
        "decision_role",
        "appeal_route",
        "appeal_url",
        "contact_email",
        "contact_phone",
        "contact_url",
        "ai_disclosure",
        "explanation_route",
        "data_access_route",
        "non_ai_alternative",
        "interaction_mandatory",
        "withholding",
        "withholding_reason",
    }
)
# The organisation's fields on the card, by their key on the card.
ORGANISATION_LAYOUT: Final[dict[str, str]] = {
    "id": "id",
    "code": "short_code",
    "name": "name",
    "website": "website",
    "contact_email": "contact_email",
    "jurisdiction": "jurisdiction",
}


# The frozen record's block of findings at publication, and what a reduced card keeps of it.
COMPLIANCE_BLOCK = "compliance"
COMPLIANCE_CORE: Final[tuple[str, ...]] = ("checked_at", "counts")


class FindingSeverity(models.TextChoices):
    """The severities of the frozen findings, as the card's JSON Schema lists them (the
    compliance engine's own, which the register does not import)."""

    BLOCKER = "blocker", _("Blocker")
    MAJOR = "major", _("Major")
    MINOR = "minor", _("Minor")


class FindingState(models.TextChoices):
    """The states a frozen finding can have: publication freezes the open and waived ones."""

    OPEN = "open", _("Open")
    WAIVED = "waived", _("Waived")


def _copy(value: Any) -> Any:
    """A copy of JSON data, so that the card shares nothing with the record it came from."""
    if isinstance(value, dict):
        return {k: _copy(v) if isinstance(v, dict | list) else v for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) if isinstance(v, dict | list) else v for v in value]
    return value


def _put(card: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    *parents, key = path
    for name in parents:
        card = card.setdefault(name, {})
    card[key] = _copy(value)


def is_reduced(withholding: str | None) -> bool:
    """Whether a card with this withholding shows only the ``CORE`` fields."""
    return (withholding or Withholding.NONE) != Withholding.NONE


def build_card(record: dict[str, Any]) -> dict[str, Any]:
    """The public card of a frozen ``record`` (``register.snapshots.freeze_record``).

    A record restricted under AI Act Art 49(4), or withheld with a reason, shows only the
    ``CORE`` fields, the organisation, the risk class and the ``COMPLIANCE_CORE`` of its
    findings.
    """
    fields = record["fields"]
    classification = record["classification"]
    organisation = record["organisation"]
    reduced = is_reduced(fields.get("withholding"))
    outcome = classification["classification"]
    kz = (outcome.get("kz") if isinstance(outcome, dict) else None) or {}
    card: dict[str, Any] = {
        "schema": CARD_SCHEMA,
        "public_id": record["public_id"],
        "slug": record["slug"],
        "organisation": {
            key: _copy(organisation[name]) for key, name in ORGANISATION_LAYOUT.items()
        },
        "risk": {
            "class": classification["risk_class"],
            "annex_iii": list(classification["annex_iii"] or []),
            "transparency_obligations": list(classification["transparency_obligations"] or []),
            "fria_required": classification["fria_required"],
            "kz": {
                "risk_degree": classification["kz_risk_degree"],
                "autonomy": classification["kz_autonomy"],
                "prohibited": bool(kz.get("prohibited")),
                "state_infosec_regime": bool(kz.get("state_infosec_regime")),
            },
        },
    }
    for name, path in SYSTEM_LAYOUT.items():
        if not reduced or name in CORE:
            _put(card, path, fields[name])
    if not reduced:
        for name, path in PART_LAYOUT.items():
            _put(card, path, record["parts"][name])
    findings = record.get(COMPLIANCE_BLOCK)
    if findings is not None:
        card[COMPLIANCE_BLOCK] = _copy(
            {key: findings[key] for key in COMPLIANCE_CORE} if reduced else findings
        )
    return card


@cache
def card_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``CARD_SCHEMA`` cards."""
    return json.loads(JSON_SCHEMA_FILE.read_text(encoding="utf-8"))
