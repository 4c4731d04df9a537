"""The US federal AI use-case inventory: one row per use case, published as CSV, with the
questions for high-impact use cases after the general ones. Lists are joined with "; " so that
every column holds one cell."""

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
    items,
    joined,
    key,
    label,
    lines,
    text,
    vocabulary,
    yes_no,
)
from register.models import (
    DataSource,
    ImpactAssessment,
    Phase,
    PolicyArea,
    RiskClass,
    Technique,
    Withholding,
)

SLUG = "us-inventory"
TITLE = _("US federal AI use-case inventory")

us_stage = vocabulary(
    "us_stage",
    {
        Phase.IDEA: "pre-deployment",
        Phase.DESIGN: "pre-deployment",
        Phase.DEVELOPMENT: "pre-deployment",
        Phase.PILOT: "pilot",
        Phase.PRODUCTION: "deployed",
        Phase.RETIRED: "retired",
    },
    "Our phase as the inventory's development stage.",
)

us_classification = vocabulary(
    "us_classification",
    {
        Technique.CHATBOT: "natural language processing",
        Technique.DOCUMENT_ANALYSIS: "natural language processing",
        Technique.PREDICTIVE_MODEL: "classical machine learning",
        Technique.BIG_DATA_ANALYTICS: "classical machine learning",
        Technique.COMPUTER_VISION: "computer vision",
        Technique.GENERATIVE_AI: "generative AI",
    },
    "Our techniques as the inventory's classes; techniques it has no class for (forms, "
    "notifications, process automation, speech, other) are left out.",
)


def is_withheld(value: Any, context: Context) -> str:
    """ "yes" when the card is restricted or withheld, else "no"."""
    return yes_no(value not in (None, "", Withholding.NONE), context) or "no"


def is_high(value: Any, context: Context) -> str | None:
    """ "yes" for our risk class "high", "no" for another class, empty when unclassified."""
    return yes_no(value == RiskClass.HIGH, context) if value else None


def has_personal_data(value: Any, context: Context) -> str | None:
    """ "yes" when a data source holds personal data, "no" when none does, empty without data
    sources."""
    sources = list(items(value))
    if not sources:
        return None
    return yes_no(any(item.get("personal_data") not in (None, "none") for item in sources), context)


def special_categories(value: Any, context: Context) -> str:
    """The special categories of personal data of every data source, once each, as labels."""
    names = dict.fromkeys(
        name for item in items(value) for name in item.get("special_categories") or []
    )
    return "; ".join(label(DataSource.SpecialCategory)(list(names), context))


def dpia_link(value: Any, context: Context) -> str:
    """The link of the first data-protection impact assessment that has one."""
    links = (
        item.get("url")
        for item in items(value)
        if item.get("kind") == ImpactAssessment.Kind.DPIA and item.get("url")
    )
    return next(links, "")


def assessment_completed(value: Any, context: Context) -> str:
    """ "yes" when an impact assessment is completed, else "no"."""
    done = any(item.get("state") == ImpactAssessment.State.COMPLETED for item in items(value))
    return "yes" if done else "no"


def risk_text(item: Any, context: Context) -> str:
    """A risk and its description: "risk: description"."""
    name, description = text(item.get("name"), context), text(item.get("description"), context)
    return f"{name}: {description}" if description else name


TABLE: tuple[Row, ...] = (
    Field("use_case_id", "public_id", as_is),
    Field("use_case_name", "fields.name", text),
    Field("agency_bureau", "organisation.name", text),
    Field("contact_email", "fields.contact_email", as_is),
    Field("is_withheld", "fields.withholding", is_withheld),
    Field("withheld_reason", "fields.withholding_reason", text),
    Field("development_stage", "fields.phase", us_stage),
    Field("is_high_impact", "classification.risk_class", is_high),
    Unfilled(
        "high_impact_justification",
        _(
            "The register records the classification and its answers, not a justification "
            "written in the inventory's terms."
        ),
    ),
    Field("topic_area", "fields.policy_area", label(PolicyArea), "our function of government"),
    Field("classification", "fields.techniques", joined(us_classification)),
    Field("problem_solved", "fields.summary", text),
    Field("benefits", "fields.benefits", text),
    Unfilled(
        "system_outputs",
        _("The register describes the system's role in decisions, not its outputs as such."),
    ),
    Field("operational_date", "fields.first_used_on", as_is),
    Field("vendor_name", "parts.suppliers", joined(key("name"))),
    Field("has_pii", "parts.data_sources", has_personal_data),
    Field("pia_url", "parts.impact_assessments", dpia_link),
    Field("demographic_features", "parts.data_sources", special_categories),
    Field("code_url", "fields.source_code_url", as_is),
    # For high-impact use cases
    Field("testing_conducted", "fields.performance", text),
    Field("impact_assessment_completed", "parts.impact_assessments", assessment_completed),
    Field("potential_impacts", "parts.risks", joined(risk_text)),
    Unfilled(
        "independent_review",
        _("The register does not record whether an independent review took place."),
    ),
    Field("ongoing_monitoring", "parts.oversight.monitoring", text),
    Field("training_established", "parts.oversight.training", text),
    Field("fail_safe_present", "parts.oversight.can_stop", yes_no),
    Field("appeal_process", ("fields.appeal_route", "fields.appeal_url"), lines(text, as_is)),
    Unfilled(
        "public_consultation",
        _("The register does not record whether the public was consulted."),
    ),
)

HEAD = {"format": SLUG, "standard": "US federal AI use-case inventory"}


def export(
    record: Mapping[str, Any],
    *,
    language: str,
    public: bool,
    meta: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The inventory row of a frozen ``record`` (``record``: one value per column)."""
    result = mapping.run(TABLE, record, language=language, public=public, meta=meta)
    return mapping.document(
        HEAD, result, record=record, language=language, public=public, meta=meta
    )


def columns() -> list[str]:
    """The CSV's columns: every field of the inventory, in order."""
    return mapping.targets(TABLE)
