"""The Dutch national Algorithm Register, publication standard 1.0 (``algoritmeregister``):
one record per algorithm, its texts limited in length by the standard, links as titled links."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from api.crosswalk import mapping
from api.crosswalk.mapping import (
    Context,
    Field,
    Row,
    Unfilled,
    as_is,
    constant,
    export_language,
    joined,
    key,
    label,
    limited,
    lines,
    text,
    vocabulary,
)
from register.models import (
    DecisionRole,
    HumanOversight,
    ImpactAssessment,
    Phase,
    PolicyArea,
    RiskClass,
    Technique,
)

SLUG = "nl-algoritmeregister"
TITLE = _("Dutch Algorithm Register (publication standard 1.0)")
STANDARD_VERSION = "1.0"

nl_status = vocabulary(
    "nl_status",
    {
        Phase.IDEA: "in_development",
        Phase.DESIGN: "in_development",
        Phase.DEVELOPMENT: "in_development",
        # A pilot runs on real cases: it is in use.
        Phase.PILOT: "in_use",
        Phase.PRODUCTION: "in_use",
        Phase.RETIRED: "out_of_use",
    },
    "Our phase as the standard's status: in development, in use (a pilot too), out of use.",
)


def publication_category(values: Any, context: Context) -> str:
    """A high-risk AI system (our risk class "high"); else an impactful algorithm when it
    decides or recommends about people; else other."""
    risk_class, decision_role = values
    if risk_class == RiskClass.HIGH:
        return "high_risk_ai_system"
    if decision_role in (DecisionRole.AUTOMATIC, DecisionRole.RECOMMENDS):
        return "impactful_algorithm"
    return "other"


def titled_link(title: str, transform: mapping.Transform = text) -> mapping.Transform:
    def link(item: Any, context: Context) -> dict[str, Any]:
        return {
            "title": transform(item.get(title), context) or None,
            "link": item.get("url") or None,
        }

    link.__name__ = link.__qualname__ = f"titled_link({title})"
    link.__doc__ = f"A titled link: the item's {title} and url."
    return link


def assessment_link(item: Any, context: Context) -> dict[str, Any]:
    """A titled link to the assessment (its kind and url) with its summary as explanation."""
    return {
        **titled_link("kind", label(ImpactAssessment.Kind))(item, context),
        "explanation": text(item.get("summary"), context) or None,
    }


def risk_line(item: Any, context: Context) -> str:
    """A risk and its mitigation: "risk: mitigation"."""
    name, mitigation = text(item.get("name"), context), text(item.get("mitigation"), context)
    return f"{name}: {mitigation}" if mitigation else name


TABLE: tuple[Row, ...] = (
    Field("name", "fields.name", limited(100)),
    Field("description_short", "fields.summary", limited(400)),
    Field("organization", "organisation.name", text),
    Field("category", "fields.policy_area", label(PolicyArea)),
    Field("status", "fields.phase", nl_status),
    Field("begin_date", "fields.first_used_on", as_is),
    Field("end_date", "fields.retired_on", as_is),
    Field("contact_email", "fields.contact_email", as_is),
    Field("website", "fields.contact_url", as_is),
    Field(
        "publication_category",
        ("classification.risk_class", "fields.decision_role"),
        publication_category,
    ),
    Field("url", "meta.url", as_is, "the record's public card"),
    Field("goal", "fields.benefits", text),
    Field("proportionality", "fields.alternatives", text),
    Field(
        "human_intervention",
        ("parts.oversight.mode", "parts.oversight.override_how", "parts.oversight.stop_how"),
        lines(label(HumanOversight.Mode), text, text),
    ),
    Field("risks", "parts.risks", joined(risk_line, "\n")),
    Field("lawful_basis", "parts.legal_bases.*", titled_link("title")),
    Field("process_index_url", "fields.processing_register_url", as_is),
    Field("impact_assessment", "parts.impact_assessments.*", assessment_link),
    Field("source_data", "parts.data_sources.*", titled_link("name")),
    Field("methods_and_models", "fields.architecture", limited(5000)),
    Field("provider", "parts.suppliers", joined(key("name"), ", ")),
    Field("publiccode", "fields.source_code_url", as_is),
    Field("lang", None, export_language),
    Field("standard_version", None, constant(STANDARD_VERSION)),
    Field("source_id", "public_id", as_is),
    Field("tags", "fields.techniques", label(Technique)),
    Unfilled("lars", _("An identifier that the Dutch register itself assigns.")),
    Field("publication_dt", "meta.published_at", as_is),
)

HEAD = {"format": SLUG, "standard": "Algoritmeregister", "standard_version": STANDARD_VERSION}


def export(
    record: Mapping[str, Any],
    *,
    language: str,
    public: bool,
    meta: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The record of a frozen ``record`` in publication standard 1.0."""
    result = mapping.run(TABLE, record, language=language, public=public, meta=meta)
    return mapping.document(
        HEAD, result, record=record, language=language, public=public, meta=meta
    )
