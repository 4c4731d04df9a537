"""Helpers and field tables shared by the predicate families."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any, Final

from django.core.exceptions import ObjectDoesNotExist

from register.i18n import Translatable, columns
from register.models import AISystem, DataSource, HumanOversight, ImpactAssessment
from register.services.records import PART_MODELS as RECORD_PARTS

Params = Mapping[str, Any]

#: What a predicate declares when it reads the stored classification (outcome and answers).
CLASSIFICATION: Final = "classification"

SYSTEM_TEXT_FIELDS: Final = (
    "summary",
    "scope",
    "benefits",
    "alternatives",
    "process_integration",
    "affected_groups",
    "appeal_route",
    "architecture",
    "performance",
    "owner_role",
    "other_party",
    "ai_disclosure",
    "marking_method",
    "explanation_route",
    "data_access_route",
    "non_ai_alternative",
)
SYSTEM_PLAIN_FIELDS: Final = (
    "instructions_for_use_url",
    "source_code_url",
    "processing_register_url",
    "eu_database_ref",
    "eu_database_url",
    "model_type",
    "documentation_ref",
    "user_agreement_url",
)
OVERSIGHT_TEXT_FIELDS: Final = ("training", "automation_bias", "monitoring")
DATA_SOURCE_TEXT_FIELDS: Final = ("origin", "bias_examination", "legal_basis")
SOURCE_KINDS: Final = ("all", "personal", "special")
FRIA_LETTERS: Final = dict(zip(ImpactAssessment.FRIA_PARTS, "abcdef", strict=True))
CRITICAL_INFRASTRUCTURE: Final = "2"

#: The record and its parts as ``Predicate`` names them, with their models.
PART_MODELS: Final[Mapping[str, type[Any]]] = {
    "system": AISystem,
    "oversight": HumanOversight,
    **RECORD_PARTS,
}


# --- The stored classification --------------------------------------------------------------


def outcome_of(system: AISystem) -> Mapping[str, Any]:
    """The stored, language-neutral classification outcome (empty until classified)."""
    return system.classification or {}


def annex_iii_points(system: AISystem) -> tuple[str, ...]:
    """The Annex III points that make the system high-risk, as the classification decided."""
    return tuple(outcome_of(system).get("annex_iii") or ())


def annex_iii_beyond_critical_infrastructure(system: AISystem) -> bool:
    """High-risk through an Annex III point other than 2, which Art 26(11), 27, 49(3) and 86
    leave out."""
    return any(point != CRITICAL_INFRASTRUCTURE for point in annex_iii_points(system))


def art6_3_derogation_applied(system: AISystem) -> bool:
    """Art 6(3) lowered the system's Annex III uses (see ``compliance.classification``)."""
    return bool(outcome_of(system).get("art6_3_applied"))


def fria_required(system: AISystem) -> bool:
    return bool(outcome_of(system).get("fria_required"))


# --- The record and its parts ---------------------------------------------------------------


def has_text(obj: object, name: str) -> bool:
    """A translated attribute is filled in, in at least one language."""
    return any(str(getattr(obj, column) or "").strip() for column in columns(name))


def oversight_of(system: AISystem) -> HumanOversight | None:
    try:
        return system.oversight
    except ObjectDoesNotExist:
        return None


def sources(system: AISystem, kind: str) -> list[DataSource]:
    found = list(system.data_sources.all())
    if kind == "personal":
        return [s for s in found if s.personal_data != DataSource.PersonalData.NONE]
    if kind == "special":
        return [s for s in found if s.special_categories]
    return found


def source_kind_reads(kind: str) -> set[str]:
    """The fields that decide which data sources are of ``kind``."""
    return {
        "all": {"data_sources.name"},
        "personal": {"data_sources.personal_data"},
        "special": {"data_sources.special_categories"},
    }[kind]


def assessments(system: AISystem, kind: str) -> list[ImpactAssessment]:
    return [a for a in system.impact_assessments.all() if a.kind == kind]


def complete_frias(system: AISystem) -> list[ImpactAssessment]:
    return [
        a
        for a in assessments(system, ImpactAssessment.Kind.FRIA)
        if a.state == ImpactAssessment.State.COMPLETED
        and a.completed_on is not None
        and not a.missing_fria_parts()
    ]


FRIA_READS: Final = (
    CLASSIFICATION,
    "impact_assessments.kind",
    "impact_assessments.state",
    "impact_assessments.completed_on",
    *(f"impact_assessments.{part}" for part in ImpactAssessment.FRIA_PARTS),
)


def ids(objects: Iterable[Any]) -> list[int]:
    return sorted(obj.pk for obj in objects)


@functools.cache
def required_translations(model: type[Translatable]) -> tuple[str, ...]:
    # Scanning the class for its translated attributes is the costly part of the whole
    # catalogue; the answer never changes for a class.
    return tuple(model.required_translations())
