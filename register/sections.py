"""The sections of a record in the agency workspace (the GOV.UK task-list pattern).

A section names the fields its form edits and the ones that must be filled before the record
can be submitted. Statuses are computed from a record loaded with
``selectors.systems_with_parts`` without further queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config import languages
from register.i18n import CONTENT_LANGUAGES, column
from register.models import AISystem, HumanOversight

# Languages a record must be complete in before submission: the state language and Russian,
# in which public information is expected. English completeness is recommended, and checked.
SUBMISSION_LANGUAGES = languages.SUBMISSION_LANGUAGES


class SectionStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    OPTIONAL = "optional"

    @property
    def label(self) -> Promise:
        return {
            "not_started": pgettext_lazy("section status", "Not started"),
            "in_progress": pgettext_lazy("section status", "In progress"),
            "completed": pgettext_lazy("section status", "Completed"),
            "optional": pgettext_lazy("section status", "Optional"),
        }[self.value]

    @property
    def done(self) -> bool:
        return self in (SectionStatus.COMPLETED, SectionStatus.OPTIONAL)


@dataclass(frozen=True)
class Section:
    slug: str
    number: int
    title: Promise
    description: Promise
    fields: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    oversight_fields: tuple[str, ...] = ()
    oversight_required: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    required_parts: tuple[str, ...] = ()
    fieldsets: tuple[tuple[Promise, tuple[str, ...]], ...] = field(default=())

    @property
    def has_form(self) -> bool:
        return bool(self.fields or self.oversight_fields)


def _translated(model: type) -> set[str]:
    return {attr.name for attr in model.translated_attributes()}


SYSTEM_TRANSLATED = _translated(AISystem)
OVERSIGHT_TRANSLATED = _translated(HumanOversight)


def expand(names: tuple[str, ...], translated: set[str], language: str) -> list[str]:
    """Base names → model field names in ``language`` (``summary`` → ``summary_kk``)."""
    return [column(name, language) if name in translated else name for name in names]


def _filled(obj: Any, name: str, translated: set[str]) -> bool:
    if name in translated:
        return any(
            str(getattr(obj, column(name, code)) or "").strip() for code in CONTENT_LANGUAGES
        )
    value = getattr(obj, name)
    return value not in (None, "", [], {})


SECTIONS: tuple[Section, ...] = (
    Section(
        "about",
        1,
        _("About the system"),
        _("What the system does and why, in plain language, and where it is used."),
        fields=(
            "name",
            "summary",
            "scope",
            "benefits",
            "alternatives",
            "usage_frequency",
            "phase",
            "first_used_on",
            "retired_on",
            "application_area",
            "policy_area",
            "techniques",
            "channels",
            "model_type",
            "architecture",
            "performance",
            "source_code_url",
            "instructions_for_use_url",
        ),
        required=("name", "summary", "scope", "phase", "application_area", "techniques"),
    ),
    Section(
        "ownership",
        2,
        _("Ownership and suppliers"),
        _("Who is responsible, how the public can reach you, suppliers and the legal basis."),
        fields=(
            "act_role",
            "owner_role",
            "team",
            "contact_email",
            "contact_phone",
            "contact_url",
            "processing_register_url",
            "eu_database_ref",
            "eu_database_url",
            "next_review_on",
        ),
        required=("act_role", "owner_role"),
        parts=("suppliers", "legal_bases"),
    ),
    Section(
        "oversight",
        3,
        _("Decisions and human oversight"),
        _("The system's role in decisions, the people who oversee it, and how to appeal."),
        fields=(
            "decision_role",
            "process_integration",
            "affected_groups",
            "affected_per_year",
            "appeal_route",
            "appeal_url",
        ),
        required=("decision_role", "affected_groups", "appeal_route"),
        oversight_fields=(
            "mode",
            "responsible_role",
            "people_count",
            "can_override",
            "override_how",
            "can_stop",
            "stop_how",
            "training",
            "automation_bias",
            "log_retention_days",
            "monitoring",
        ),
        oversight_required=("mode", "responsible_role"),
    ),
    Section(
        "data",
        4,
        _("Data"),
        _("Each source of data the system learns from or uses."),
        parts=("data_sources",),
        required_parts=("data_sources",),
    ),
    Section(
        "risks",
        5,
        _("Risks and mitigations"),
        _("What could go wrong for people, and what you do about it."),
        parts=("risks",),
        required_parts=("risks",),
    ),
    Section(
        "assessments",
        6,
        _("Impact assessments"),
        _("Data-protection, fundamental-rights and other impact assessments."),
        parts=("impact_assessments",),
    ),
    Section(
        "translations",
        7,
        _("Translations"),
        _("Texts that are still missing in Kazakh, Russian or English."),
    ),
    Section(
        "classification",
        8,
        _("Risk classification"),
        _("The EU AI Act questionnaire that gives the system its risk class."),
    ),
)
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}


def _parts(system: AISystem, name: str) -> list[Any]:
    return list(getattr(system, name).all())


def section_status(system: AISystem, section: Section) -> SectionStatus:
    if section.slug == "translations":
        gaps = system.translation_gaps()
        if all(not gaps[code] for code in SUBMISSION_LANGUAGES):
            return SectionStatus.COMPLETED
        return SectionStatus.IN_PROGRESS
    if section.slug == "classification":
        return SectionStatus.COMPLETED if system.classified_at else SectionStatus.NOT_STARTED

    oversight = getattr(system, "oversight", None) if system.pk else None
    checks_required = [_filled(system, n, SYSTEM_TRANSLATED) for n in section.required]
    checks_any = [_filled(system, n, SYSTEM_TRANSLATED) for n in section.fields]
    if section.oversight_fields:
        checks_required += [
            oversight is not None and _filled(oversight, n, OVERSIGHT_TRANSLATED)
            for n in section.oversight_required
        ]
        checks_any.append(oversight is not None)
    for name in section.parts:
        rows = _parts(system, name)
        checks_any.append(bool(rows))
        if name in section.required_parts:
            checks_required.append(bool(rows))
        checks_required += [not row.missing_required() for row in rows]

    if not checks_required:
        return SectionStatus.OPTIONAL
    if all(checks_required):
        return SectionStatus.COMPLETED
    return SectionStatus.IN_PROGRESS if any(checks_any) else SectionStatus.NOT_STARTED


def task_list(system: AISystem) -> list[tuple[Section, SectionStatus]]:
    return [(section, section_status(system, section)) for section in SECTIONS]


def submission_gaps(system: AISystem) -> list[Section]:
    """Sections that must be completed before the record can be submitted for review."""
    return [section for section, status in task_list(system) if not status.done]
