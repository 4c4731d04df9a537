"""The UK Algorithmic Transparency Recording Standard (ATRS): the metadata, the plain-language
Tier 1 for the general public and the detailed Tier 2 for specialists. Multi-value fields of
the standard are lists, one item per supplier, data source, assessment or risk."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from api.crosswalk import mapping
from api.crosswalk.mapping import Field, Row, Unfilled, as_is, label, lines, text, vocabulary
from register.models import DecisionRole, HumanOversight, ImpactAssessment, Phase

SLUG = "uk-atrs"
TITLE = _("UK Algorithmic Transparency Recording Standard")

atrs_phase = vocabulary(
    "atrs_phase",
    {
        Phase.IDEA: "idea",
        Phase.DESIGN: "design",
        Phase.DEVELOPMENT: "development",
        # A pilot runs on real cases: the standard has no pilot phase, production is nearest.
        Phase.PILOT: "production",
        Phase.PRODUCTION: "production",
        Phase.RETIRED: "retired",
    },
    "Our phase in the standard's phases (a pilot is production).",
)


def single(value: Any, context: mapping.Context) -> list[Any]:
    """The one value as the standard's list of values (none when empty)."""
    return [] if value in (None, "") else [value]


TABLE: tuple[Row, ...] = (
    # Metadata
    Field("id", "public_id", as_is),
    Unfilled(
        "standard_version",
        _(
            "The register does not follow a numbered version of the ATRS template; the UK "
            "repository sets it when the record is entered there."
        ),
    ),
    Field("date_completion", "meta.first_published_at", as_is),
    Field("date_update", "meta.published_at", single),
    Field("date_archive", "fields.retired_on", as_is),
    # Tier 1
    Field("tier_1.name", "fields.name", text),
    Field("tier_1.description", "fields.summary", text),
    Field("tier_1.website", "meta.url", as_is, "the record's public card"),
    Field("tier_1.contact_email", "fields.contact_email", as_is),
    # Tier 2: owner and responsibility
    Field("tier_2.organisation", "organisation.name", text),
    Field("tier_2.team", "fields.team", text),
    Field("tier_2.senior_responsible_owner", "fields.owner_role", text),
    Field("tier_2.external_supplier", "parts.suppliers.*.name", as_is),
    Field("tier_2.external_supplier_identifier", "parts.suppliers.*.identifier", as_is),
    Field("tier_2.external_supplier_role", "parts.suppliers.*.role", text),
    Field("tier_2.data_access_terms", "parts.suppliers.*.data_access_terms", text),
    # Tier 2: description and rationale
    Field("tier_2.scope", "fields.scope", text),
    Field("tier_2.benefit", "fields.benefits", text),
    Field("tier_2.alternatives_considered", "fields.alternatives", text),
    Field("tier_2.model_type", "fields.model_type", as_is),
    Field("tier_2.frequency_usage", "fields.usage_frequency", text),
    Field("tier_2.phase", "fields.phase", atrs_phase),
    Field("tier_2.maintenance", "fields.next_review_on", as_is, "the date of the next review"),
    Field("tier_2.system_architecture", "fields.architecture", text),
    # Tier 2: decision-making process and oversight
    Field("tier_2.process_integration", "fields.process_integration", text),
    Field("tier_2.provided_information", "fields.decision_role", label(DecisionRole)),
    Field(
        "tier_2.human_decisions",
        ("parts.oversight.mode", "parts.oversight.override_how"),
        lines(label(HumanOversight.Mode), text),
    ),
    Field("tier_2.required_training", "parts.oversight.training", text),
    Field(
        "tier_2.appeals_and_review",
        ("fields.appeal_route", "fields.appeal_url"),
        lines(text, as_is),
    ),
    # Tier 2: data
    Field("tier_2.source_data_name", "parts.data_sources.*.name", text),
    Field("tier_2.source_data_description", "parts.data_sources.*.description", text),
    Field("tier_2.source_data_url", "parts.data_sources.*.url", as_is),
    Field("tier_2.data_collection", "parts.data_sources.*.origin", text),
    Field("tier_2.data_sharing_agreements", "parts.data_sources.*.sharing_agreements", text),
    Field("tier_2.data_access_and_storage", "parts.data_sources.*.access", text),
    # Tier 2: risks and impact assessments
    Field(
        "tier_2.impact_assessment_name",
        "parts.impact_assessments.*.kind",
        label(ImpactAssessment.Kind),
    ),
    Field("tier_2.impact_assessment_description", "parts.impact_assessments.*.summary", text),
    Field("tier_2.impact_assessment_date", "parts.impact_assessments.*.completed_on", as_is),
    Field("tier_2.impact_assessment_link", "parts.impact_assessments.*.url", as_is),
    Field("tier_2.risk_name", "parts.risks.*.name", text),
    Field("tier_2.risk_description", "parts.risks.*.description", text),
    Field("tier_2.risk_mitigation", "parts.risks.*.mitigation", text),
)

HEAD = {"format": SLUG, "standard": "UK ATRS"}


def export(
    record: Mapping[str, Any],
    *,
    language: str,
    public: bool,
    meta: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The ATRS record (metadata, ``tier_1``, ``tier_2``) of a frozen ``record``."""
    result = mapping.run(TABLE, record, language=language, public=public, meta=meta)
    return mapping.document(
        HEAD, result, record=record, language=language, public=public, meta=meta
    )
