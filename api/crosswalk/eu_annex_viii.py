"""The EU AI Act's registration data, Annex VIII: Section C for deployers that are public
authorities (Art 49(3)) and Section B for providers relying on the Art 6(3) derogation
(Art 49(2)). Every organisation of the register is a public body, so Section C applies to each
record whose organisation deploys a high-risk system; Section B to each record whose
organisation provides a system that Art 6(3) took out of the high-risk class.

For the public, the sections are chosen from what the card shows: a restricted card (Art 49(4),
the non-public section of the EU database) does not show the organisation's role, so its public
export has no section, and a card never shows the questionnaire's Art 6(3) answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from django.utils.translation import gettext_lazy as _

from api.crosswalk import mapping
from api.crosswalk.audience import WITHHELD, Reader
from api.crosswalk.mapping import Context, Field, Row, Unfilled, as_is, items, text, vocabulary
from register.models import ActRole, ImpactAssessment, Phase, RiskClass

SLUG = "eu-annex-viii"
TITLE = _("EU AI Act Annex VIII registration data (Sections B and C)")


def summary_of(kind: str) -> mapping.Transform:
    def summary(value: Any, context: Context) -> str:
        chosen = [item for item in items(value) if item.get("kind") == kind]
        # The completed assessments first: their findings are what the summary asks for.
        chosen.sort(key=lambda item: item.get("state") != ImpactAssessment.State.COMPLETED)
        texts = (text(item.get("summary"), context).strip() for item in chosen)
        return "\n\n".join(words for words in texts if words)

    summary.__name__ = summary.__qualname__ = f"summary_of({kind})"
    summary.__doc__ = f"The summaries of the {kind} assessments, completed ones first."
    return summary


def art6_3_points(value: Any, context: Context) -> list[str]:
    """Our condition letters as the Act cites them: "a" → "6(3)(a)"."""
    return [f"6(3)({letter})" for letter in value or []]


eu_status = vocabulary(
    "eu_status",
    {
        Phase.PILOT: "in_service",
        Phase.PRODUCTION: "in_service",
        Phase.RETIRED: "no_longer_in_service",
    },
    "Our phase as the database's status: a pilot or a system in use is in service, a retired "
    "one no longer; a system not yet used has no status there.",
)

_SUBMITTER_NAME = _("The register names the responsible role and its public contact, not a person.")

TABLE: tuple[Row, ...] = (
    # Section B (Art 49(2)): providers relying on Art 6(3)
    Field("section_b.provider.name", "organisation.name", text),
    Field("section_b.provider.address", "organisation.address", as_is),
    Field("section_b.provider.contact_email", "organisation.contact_email", as_is),
    Field("section_b.provider.website", "organisation.website", as_is),
    Unfilled("section_b.submitter.name", _SUBMITTER_NAME),
    Field("section_b.submitter.role", "fields.owner_role", text),
    Field("section_b.submitter.contact_email", "fields.contact_email", as_is),
    Unfilled(
        "section_b.authorised_representative",
        _("The register does not record an authorised representative in the Union."),
    ),
    Field("section_b.trade_name", "fields.name", text),
    Field("section_b.reference", "public_id", as_is),
    Field("section_b.intended_purpose", "fields.scope", text),
    Field("section_b.art6_3_conditions", "classification.art6_3_conditions", art6_3_points),
    Field(
        "section_b.grounds_summary",
        "classification.classification_answers.art6_3_justification",
        text,
    ),
    Field("section_b.status", "fields.phase", eu_status),
    Unfilled(
        "section_b.member_states",
        _(
            "The register records the legal order that binds the organisation, not the Member "
            "States where the system is available."
        ),
    ),
    # Section C (Art 49(3)): deployers that are public authorities
    Field("section_c.deployer.name", "organisation.name", text),
    Field("section_c.deployer.address", "organisation.address", as_is),
    Field("section_c.deployer.contact_email", "organisation.contact_email", as_is),
    Field("section_c.deployer.website", "organisation.website", as_is),
    Unfilled("section_c.submitter.name", _SUBMITTER_NAME),
    Field("section_c.submitter.role", "fields.owner_role", text),
    Field("section_c.submitter.contact_email", "fields.contact_email", as_is),
    Field("section_c.provider_eu_database_url", "fields.eu_database_url", as_is),
    Field("section_c.fria_summary", "parts.impact_assessments", summary_of("fria")),
    Field("section_c.dpia_summary", "parts.impact_assessments", summary_of("dpia")),
)

SECTION_B: Final = "section_b"
SECTION_C: Final = "section_c"
_PROVIDERS: Final = (ActRole.PROVIDER, ActRole.BOTH)
_DEPLOYERS: Final = (ActRole.DEPLOYER, ActRole.BOTH)


# What the choice of sections reads (``sections``), for the test that walks every source.
SECTION_SOURCES: Final = (
    "fields.act_role",
    "classification.classification.art6_3_applied",
    "classification.risk_class",
)


def sections(reader: Reader) -> list[str]:
    """The sections that apply to the record, from what ``reader`` may read of it."""
    act_role = reader.read("fields.act_role")
    applied = reader.read("classification.classification.art6_3_applied")
    chosen = []
    if act_role is not WITHHELD and act_role in _PROVIDERS and applied is True:
        chosen.append(SECTION_B)
    risk_class = reader.read("classification.risk_class")
    if act_role is not WITHHELD and act_role in _DEPLOYERS and risk_class == RiskClass.HIGH:
        chosen.append(SECTION_C)
    return chosen


HEAD = {"format": SLUG, "standard": "EU AI Act Annex VIII"}


def export(
    record: Mapping[str, Any],
    *,
    language: str,
    public: bool,
    meta: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The Annex VIII sections that apply to a frozen ``record`` (``sections``, in
    ``record``), and only their rows in the lists of withheld and unfilled fields; when the
    card does not show which apply, ``withheld`` says "sections"."""
    reader = Reader(record, meta=meta, public=public)
    chosen = sections(reader)
    rows = [row for row in TABLE if row.target.split(".", 1)[0] in chosen]
    result = mapping.run(rows, record, language=language, public=public, meta=meta, reader=reader)
    body = mapping.document(
        HEAD, result, record=record, language=language, public=public, meta=meta
    )
    body["sections"] = chosen
    if reader.read("fields.act_role") is WITHHELD:
        # The card does not say which sections apply: say that the choice itself is withheld.
        body["withheld"].insert(0, "sections")
    return body
