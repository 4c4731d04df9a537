"""The public transparency card: what citizens may see of a record, as plain JSON.

``build_card`` is the single definition of the public field set. Publishing stores its output
as an immutable, hashed ``PublishedVersion``; previews, the public portal, feeds and exports
read that JSON, so a field that is not here is never shown to the public.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Model

from register.i18n import CONTENT_LANGUAGES
from register.models import AISystem, Withholding

CARD_SCHEMA = "kz-ai-register/card/1"


def _tr(obj: Model, name: str) -> dict[str, str]:
    return {code: getattr(obj, f"{name}_{code}") for code in CONTENT_LANGUAGES}


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _translated(obj: Model, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: _tr(obj, name) for name in names}


def build_card(system: AISystem) -> dict[str, Any]:
    """The card of ``system`` as JSON-ready data (load it with ``selectors.system_with_parts``).

    A record restricted under AI Act Art 49(4), or withheld with a reason, shows only the core:
    who runs it, what it is for, its class, and how to ask for an explanation or appeal.
    """
    organisation = system.organisation
    card: dict[str, Any] = {
        "schema": CARD_SCHEMA,
        "public_id": system.public_id,
        "slug": system.slug,
        "organisation": {
            "code": organisation.short_code,
            "name": _tr(organisation, "name"),
            "website": organisation.website,
            "contact_email": organisation.contact_email,
        },
        **_translated(system, ("name", "summary", "affected_groups", "owner_role", "team")),
        "phase": system.phase,
        "first_used_on": _date(system.first_used_on),
        "retired_on": _date(system.retired_on),
        "decision_role": system.decision_role,
        "risk": {
            "class": system.risk_class,
            "annex_iii": list(system.annex_iii),
            "transparency_obligations": list(system.transparency_obligations),
            "fria_required": system.fria_required,
        },
        "appeal": {"route": _tr(system, "appeal_route"), "url": system.appeal_url},
        "contact": {
            "email": system.contact_email,
            "phone": system.contact_phone,
            "url": system.contact_url,
        },
        "withholding": system.withholding,
        "withholding_reason": _tr(system, "withholding_reason"),
    }
    if system.withholding != Withholding.NONE:
        return card

    oversight = getattr(system, "oversight", None)
    card.update(
        {
            **_translated(
                system,
                ("scope", "benefits", "alternatives", "usage_frequency", "process_integration"),
            ),
            "application_area": system.application_area,
            "policy_area": system.policy_area,
            "techniques": list(system.techniques),
            "channels": list(system.channels),
            "act_role": system.act_role,
            "affected_per_year": system.affected_per_year,
            "technical": {
                "model_type": system.model_type,
                **_translated(system, ("architecture", "performance")),
                "source_code_url": system.source_code_url,
                "instructions_for_use_url": system.instructions_for_use_url,
            },
            "legal": {
                "bases": [
                    {"title": _tr(b, "title"), "url": b.url} for b in system.legal_bases.all()
                ],
                "processing_register_url": system.processing_register_url,
                "eu_database_ref": system.eu_database_ref,
                "eu_database_url": system.eu_database_url,
            },
            "next_review_on": _date(system.next_review_on),
            "suppliers": [
                {
                    "name": s.name,
                    "identifier": s.identifier,
                    "contract_reference": s.contract_reference,
                    **_translated(s, ("role", "data_access_terms")),
                }
                for s in system.suppliers.all()
            ],
            "data_sources": [
                {
                    **_translated(
                        d,
                        (
                            "name",
                            "description",
                            "origin",
                            "legal_basis",
                            "sharing_agreements",
                            "access",
                            "bias_examination",
                        ),
                    ),
                    "uses": list(d.uses),
                    "personal_data": d.personal_data,
                    "special_categories": list(d.special_categories),
                    "retention_days": d.retention_days,
                    "url": d.url,
                }
                for d in system.data_sources.all()
            ],
            "oversight": None
            if oversight is None
            else {
                "mode": oversight.mode,
                "people_count": oversight.people_count,
                "can_override": oversight.can_override,
                "can_stop": oversight.can_stop,
                "log_retention_days": oversight.log_retention_days,
                **_translated(
                    oversight,
                    (
                        "responsible_role",
                        "override_how",
                        "stop_how",
                        "training",
                        "automation_bias",
                        "monitoring",
                    ),
                ),
            },
            "impact_assessments": [
                {
                    "kind": a.kind,
                    "state": a.state,
                    "completed_on": _date(a.completed_on),
                    "reviewed_on": _date(a.reviewed_on),
                    "url": a.url,
                    **_translated(a, ("summary", *a.FRIA_PARTS)),
                }
                for a in system.impact_assessments.all()
            ],
            "risks": [
                {
                    "likelihood": r.likelihood,
                    "severity": r.severity,
                    "owner": r.owner,
                    **_translated(r, ("name", "description", "mitigation")),
                }
                for r in system.risks.all()
            ],
        }
    )
    return card
