"""The task list of a record in the agency workspace (the GOV.UK task-list pattern).

The sections themselves (their fields, required fields and parts) are declared in
``register.schema``; this module computes their statuses, from a record loaded with
``selectors.systems_with_parts`` without further queries.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from register import languages, schema
from register.i18n import CONTENT_LANGUAGES, column
from register.models import AISystem
from register.schema import SECTIONS, SECTIONS_BY_SLUG, SYSTEM_TRANSLATED, Section

__all__ = [
    "SECTIONS",
    "SECTIONS_BY_SLUG",
    "SUBMISSION_LANGUAGES",
    "Section",
    "SectionStatus",
    "missing_required_items",
    "section_status",
    "submission_gaps",
    "task_list",
]

# Languages a record must be complete in before submission: the state language and Russian,
# in which public information is expected. English completeness is recommended, and checked.
SUBMISSION_LANGUAGES = languages.SUBMISSION_LANGUAGES


class SectionStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    OPTIONAL = "optional"
    # The classification makes an item of the section mandatory (``schema.RequiredItem``).
    REQUIRED = "required"

    @property
    def label(self) -> Promise:
        return {
            "not_started": pgettext_lazy("section status", "Not started"),
            "in_progress": pgettext_lazy("section status", "In progress"),
            "completed": pgettext_lazy("section status", "Completed"),
            "optional": pgettext_lazy("section status", "Optional"),
            "required": pgettext_lazy("section status", "Required"),
        }[self.value]

    @property
    def done(self) -> bool:
        """Nothing in the section stops submission. An item the classification requires is
        checked by the compliance rules at publication, not here."""
        return self in (SectionStatus.COMPLETED, SectionStatus.OPTIONAL, SectionStatus.REQUIRED)


def _filled(obj: Any, name: str, translated: frozenset[str]) -> bool:
    if name in translated:
        return any(
            str(getattr(obj, column(name, code)) or "").strip() for code in CONTENT_LANGUAGES
        )
    value = getattr(obj, name)
    return value not in (None, "", [], {})


def section_status(system: AISystem, section: Section) -> SectionStatus:
    if section.slug == "translations":
        gaps = schema.translation_gaps(system)
        if all(not gaps[code] for code in SUBMISSION_LANGUAGES):
            return SectionStatus.COMPLETED
        return SectionStatus.IN_PROGRESS
    if section.slug == "classification":
        return SectionStatus.COMPLETED if system.classified_at else SectionStatus.NOT_STARTED

    checks_required = [_filled(system, n, SYSTEM_TRANSLATED) for n in section.required]
    checks_any = [_filled(system, n, SYSTEM_TRANSLATED) for n in section.fields]
    inline = section.inline_part
    if inline is not None:
        row = getattr(system, inline.name, None) if system.pk else None
        checks_required += [
            row is not None and _filled(row, n, inline.translated) for n in inline.required
        ]
        checks_any.append(row is not None)
    for name in section.parts:
        part = schema.part(name)
        rows = list(getattr(system, name).all())
        checks_any.append(bool(rows))
        if part.min_rows:
            checks_required.append(len(rows) >= part.min_rows)
        checks_required += [
            all(_filled(row, n, part.translated) for n in part.required) for row in rows
        ]

    if all(checks_required) and missing_required_items(system, section):
        return SectionStatus.REQUIRED
    if not checks_required:
        return SectionStatus.OPTIONAL
    if all(checks_required):
        return SectionStatus.COMPLETED
    return SectionStatus.IN_PROGRESS if any(checks_any) else SectionStatus.NOT_STARTED


def missing_required_items(system: AISystem, section: Section) -> list[schema.RequiredItem]:
    """Items of the section's parts that the classification makes mandatory and the record
    lacks (a fundamental rights impact assessment for a high-risk public use)."""
    missing = []
    for name in section.parts:
        item = schema.part(name).required_item
        if item is not None and item.applies(system) and not item.met(getattr(system, name).all()):
            missing.append(item)
    return missing


def task_list(system: AISystem) -> list[tuple[Section, SectionStatus]]:
    return [(section, section_status(system, section)) for section in SECTIONS]


def submission_gaps(system: AISystem) -> list[Section]:
    """Sections that must be completed before the record can be submitted for review."""
    return [section for section, status in task_list(system) if not status.done]
