"""The field schema of a record: which fields people write, in which section, in which part.

One declaration, read by every surface that lists fields: the section and part forms
(``register.forms``), the allowlist the services enforce (``writable_fields``), the task-list
statuses (``register.sections``), the prefetch list of ``selectors.systems_with_parts``, the
translation overview (``translation_gaps``, ``section_for``), the frozen record of a version
(``register.snapshots``) and the public card's layout (``register.cards``) and, later, the
import columns and the API serializers (``columns``).

Names here are *base* names: a translated attribute ``summary`` stands for its three columns
``summary_kk``, ``summary_ru`` and ``summary_en`` (see ``register.i18n``).

Fields that exist on a model but are not written by people are listed in ``NOT_EDITABLE`` with
the reason; a test walks the models and fails on any field that is in neither list. Of those, a
frozen version keeps the record's ``IDENTITY`` and ``CLASSIFICATION`` and leaves out
``NOT_FROZEN`` (the workflow's state and bookkeeping).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from register.i18n import CONTENT_LANGUAGES, column, missing_by_language
from register.models import (
    AISystem,
    DataSource,
    HumanOversight,
    ImpactAssessment,
    LegalBasis,
    Membership,
    Risk,
    Supplier,
)

# The target of the record's own fields in ``writable_fields`` and ``columns``.
SYSTEM = "system"
# ``Group.set_by`` of fields that only the risk-classification questionnaire changes
# (``compliance.services.classification_apply``): no membership role is called this, so every
# section form shows them read-only and ``system_update`` refuses to change them.
QUESTIONNAIRE = "questionnaire"


def _translated(model: type[models.Model]) -> frozenset[str]:
    return frozenset(attr.name for attr in model.translated_attributes())  # type: ignore[attr-defined]


def expand(names: tuple[str, ...], translated: frozenset[str], language: str) -> list[str]:
    """Base names → column names in ``language`` (``summary`` → ``summary_kk``)."""
    return [column(name, language) if name in translated else name for name in names]


def _all_columns(names: tuple[str, ...], translated: frozenset[str]) -> frozenset[str]:
    return frozenset(
        column(name, code) if name in translated else name
        for name in names
        for code in CONTENT_LANGUAGES
    )


@dataclass(frozen=True)
class Group:
    """Fields of a section shown together, under a legend when there is one.

    ``set_by`` names the organisation role that alone may change them (``None``: any member
    who may edit the record), or ``QUESTIONNAIRE`` for the answers the risk-classification
    questionnaire writes.
    """

    legend: Promise | None
    fields: tuple[str, ...]
    hint: Promise | None = None
    set_by: str | None = None

    @property
    def set_by_questionnaire(self) -> bool:
        return self.set_by == QUESTIONNAIRE


@dataclass(frozen=True)
class RequiredItem:
    """An item of a part that the record's classification makes mandatory: while the AISystem
    flag ``flag`` (set by the classification) is true, the part needs a row whose ``field`` is
    ``value``. The task list says so; the compliance rule that reads the same flag decides at
    publication, so it does not stop submission (a system in use is published with its
    findings, see ``register.workflow``)."""

    flag: str
    field: str
    value: str
    reason: Promise

    def applies(self, system: Any) -> bool:
        return bool(getattr(system, self.flag, None))

    def met(self, rows: list[Any]) -> bool:
        return any(getattr(row, self.field) == self.value for row in rows)


@dataclass(frozen=True)
class Part:
    """A kind of part of a record: repeatable items (``many``) or the one-to-one oversight."""

    name: str
    model: type[models.Model]
    section: str
    fields: tuple[str, ...]
    required: tuple[str, ...]
    title: Promise
    add_label: Promise | None = None  # the button that adds an item (repeatable parts)
    many: bool = True
    min_rows: int = 0
    required_item: RequiredItem | None = None

    @cached_property
    def translated(self) -> frozenset[str]:
        return _translated(self.model)

    def form_fields(self, language: str) -> list[str]:
        """The columns of the part's form in ``language``, in order."""
        return expand(self.fields, self.translated, language)

    @cached_property
    def writable(self) -> frozenset[str]:
        return _all_columns(self.fields, self.translated)


@dataclass(frozen=True)
class Section:
    """A section of the task list: the AISystem fields its form edits (in groups), the fields
    that must be filled before submission, and the parts edited on its page."""

    slug: str
    number: int
    title: Promise
    description: Promise
    groups: tuple[Group, ...] = ()
    # Every field a record must have before submission, those the model never leaves blank
    # included: the forms label the others "(optional)".
    required: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for group in self.groups for name in group.fields)

    @property
    def parts(self) -> tuple[str, ...]:
        """Names of the repeatable parts edited on this section's page, in order."""
        return tuple(p.name for p in PARTS if p.section == self.slug and p.many)

    @property
    def required_parts(self) -> tuple[str, ...]:
        return tuple(p.name for p in PARTS if p.section == self.slug and p.many and p.min_rows)

    @property
    def inline_part(self) -> Part | None:
        """The one-to-one part whose form is shown below the section's own fields."""
        return next((p for p in PARTS if p.section == self.slug and not p.many), None)

    @property
    def oversight_fields(self) -> tuple[str, ...]:
        part = self.inline_part
        return part.fields if part else ()

    @property
    def oversight_required(self) -> tuple[str, ...]:
        part = self.inline_part
        return part.required if part else ()

    @property
    def has_form(self) -> bool:
        return bool(self.fields or self.inline_part)

    def form_fields(self, language: str) -> list[str]:
        """The AISystem columns of the section's form in ``language``, in order."""
        return expand(self.fields, SYSTEM_TRANSLATED, language)


SYSTEM_TRANSLATED = _translated(AISystem)

SECTIONS: tuple[Section, ...] = (
    Section(
        "about",
        1,
        _("About the system"),
        _("What the system does and why, in plain language, and where it is used."),
        groups=(
            Group(
                None,
                (
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
            ),
        ),
        required=("name", "summary", "scope", "phase", "application_area", "techniques"),
    ),
    Section(
        "ownership",
        2,
        _("Ownership and suppliers"),
        _(
            "Who is responsible, how the public can reach you, suppliers, the legal basis, and "
            "what the public may see."
        ),
        groups=(
            Group(
                _("Role under the AI Act"),
                ("act_role",),
                hint=_(
                    "Answered once, in the risk classification questionnaire, so that the "
                    "classification and the compliance checks use the same role."
                ),
                set_by=QUESTIONNAIRE,
            ),
            Group(
                None,
                (
                    "owner_role",
                    "team",
                    "contact_email",
                    "contact_phone",
                    "contact_url",
                    "legal_position",
                    "other_party",
                    "documentation_ref",
                    "processing_register_url",
                    "eu_database_ref",
                    "eu_database_url",
                    "next_review_on",
                ),
            ),
            Group(
                _("Publication"),
                ("withholding", "withholding_reason"),
                hint=_(
                    "Whether the public card shows the whole record. Only an approver of your "
                    "organisation can change this."
                ),
                set_by=Membership.Role.APPROVER,
            ),
        ),
        required=("act_role", "owner_role", "legal_position", "withholding"),
    ),
    Section(
        "oversight",
        3,
        _("Decisions and human oversight"),
        _("The system's role in decisions, the people who oversee it, and how to appeal."),
        groups=(
            Group(
                None,
                (
                    "decision_role",
                    "process_integration",
                    "affected_groups",
                    "affected_per_year",
                    "appeal_route",
                    "appeal_url",
                ),
            ),
            Group(
                _("Rights of the people who use it"),
                (
                    "ai_disclosure",
                    "marking_method",
                    "explanation_route",
                    "data_access_route",
                    "non_ai_alternative",
                    "interaction_mandatory",
                    "user_agreement_url",
                ),
                hint=_(
                    "What Kazakhstan's AI Law gives the people who use the system: to be told "
                    "that AI is used, an explanation of results, the data a decision was based "
                    "on, and a way to refuse AI unless a law makes it mandatory (Arts 16, 21)."
                ),
            ),
        ),
        required=("decision_role", "affected_groups", "appeal_route"),
    ),
    Section(
        "data",
        4,
        _("Data"),
        _("Each source of data the system learns from or uses."),
    ),
    Section(
        "risks",
        5,
        _("Risks and mitigations"),
        _("What could go wrong for people, and what you do about it."),
    ),
    Section(
        "assessments",
        6,
        _("Impact assessments"),
        _("Data-protection, fundamental-rights and other impact assessments."),
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
        _(
            "The questionnaire that gives the system its risk degree under Kazakhstan's AI Law "
            "and its class under the EU AI Act."
        ),
    ),
)
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}

PARTS: tuple[Part, ...] = (
    Part(
        "oversight",
        HumanOversight,
        "oversight",
        (
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
        required=("mode", "responsible_role"),
        title=_("Human oversight"),
        many=False,
    ),
    Part(
        "suppliers",
        Supplier,
        "ownership",
        ("name", "identifier", "role", "contract_reference", "data_access_terms"),
        required=("name", "role"),
        title=_("Suppliers"),
        add_label=_("Add a supplier"),
    ),
    Part(
        "legal_bases",
        LegalBasis,
        "ownership",
        ("title", "url"),
        required=("title",),
        title=_("Legal basis"),
        add_label=_("Add a legal basis"),
    ),
    Part(
        "data_sources",
        DataSource,
        "data",
        (
            "name",
            "description",
            "uses",
            "origin",
            "personal_data",
            "special_categories",
            "legal_basis",
            "retention_days",
            "sharing_agreements",
            "access",
            "bias_examination",
            "url",
        ),
        required=("name", "description", "personal_data"),
        title=_("Data sources"),
        add_label=_("Add a data source"),
        min_rows=1,
    ),
    Part(
        "risks",
        Risk,
        "risks",
        ("name", "description", "likelihood", "severity", "mitigation", "owner"),
        required=("name", "likelihood", "severity", "mitigation"),
        title=_("Risks"),
        add_label=_("Add a risk"),
        min_rows=1,
    ),
    Part(
        "impact_assessments",
        ImpactAssessment,
        "assessments",
        (
            "kind",
            "state",
            "completed_on",
            "reviewed_on",
            "summary",
            "url",
            *ImpactAssessment.FRIA_PARTS,
        ),
        required=("kind", "state", "summary"),
        title=_("Impact assessments"),
        add_label=_("Add an impact assessment"),
        required_item=RequiredItem(
            "fria_required",
            "kind",
            ImpactAssessment.Kind.FRIA,
            _(
                "The risk classification makes a fundamental rights impact assessment "
                "required (AI Act Art 27). Add one and describe all six parts."
            ),
        ),
    ),
)
PARTS_BY_NAME = {p.name: p for p in PARTS}
# The repeatable parts, by the name used in nested input (``system_create(parts=...)``).
REPEATABLE = tuple(p.name for p in PARTS if p.many)

# Set once when a record is created (from its name, or given by an import), never edited.
SET_ON_CREATE = frozenset({"slug", "external_id"})

# Model fields that people never write, and why. Checked against the models by a test.
_BOOKKEEPING = {
    "id": "primary key",
    "created_at": "set when the row is created",
    "updated_at": "set on every save; the version a form started from",
}
_PART_NOT_EDITABLE = {**_BOOKKEEPING, "system": "the record the part belongs to, set by services"}
_CLASSIFICATION = "computed from the questionnaire by compliance.services.classification_apply"
# Who and what the record is: set once, frozen with every version.
IDENTITY: dict[str, str] = {
    "public_id": "allocated once by services.identifiers; cited in letters and appeals",
    "slug": "set on creation (SET_ON_CREATE), from the name unless given",
    "organisation": "the organisation the record is created in, never moved by a form",
}
# The organisation's own references of a record: not part of what the register publishes or
# freezes, set when a record is created (SET_ON_CREATE), by a form or an import.
REFERENCES: dict[str, str] = {
    "external_id": "the organisation's own reference, set on creation; imports match on it",
}
# The classification outcome and what it was computed from, frozen with every version.
CLASSIFICATION: dict[str, str] = {
    "classification": _CLASSIFICATION,
    "classification_answers": _CLASSIFICATION,
    "risk_class": _CLASSIFICATION,
    "annex_iii": _CLASSIFICATION,
    "art6_3_conditions": _CLASSIFICATION,
    "profiling": _CLASSIFICATION,
    "transparency_obligations": _CLASSIFICATION,
    "fria_required": _CLASSIFICATION,
    "kz_risk_degree": _CLASSIFICATION,
    "kz_autonomy": _CLASSIFICATION,
    "classified_at": _CLASSIFICATION,
    "classification_version": _CLASSIFICATION,
    "catalogue_version": _CLASSIFICATION,
    "classification_disagreement": "written with the questionnaire by classification_apply",
}
# The state of the workflow: a version records its own publication (number, time, publisher),
# and the audit trail the rest, so a frozen record leaves these out.
WORKFLOW: dict[str, str] = {
    "status": "the workflow state, changed only by the publication services",
    "published_version": "set by system_publish",
    "submitted_by": "set by system_submit",
    "submitted_at": "set by system_submit",
    "review_comment": "written by an approver through system_return",
    "first_published_at": "set by system_publish",
    "withdrawn_at": "set by system_withdraw",
    "revision": "optimistic locking counter, incremented by mark_changed",
    "created_by": "the actor of system_create",
    "updated_by": "the actor of the last change",
}
NOT_EDITABLE: dict[type[models.Model], dict[str, str]] = {
    AISystem: {**_BOOKKEEPING, **IDENTITY, **REFERENCES, **WORKFLOW, **CLASSIFICATION},
    **{p.model: _PART_NOT_EDITABLE for p in PARTS},
}
# What a frozen version (``register.snapshots``) leaves out of the record and of each part:
# everything else, the fields of the sections and parts above included, is frozen.
NOT_FROZEN: dict[type[models.Model], frozenset[str]] = {
    AISystem: frozenset({*_BOOKKEEPING, *REFERENCES, *WORKFLOW}),
    **{p.model: frozenset(set(_PART_NOT_EDITABLE) - {"id"}) for p in PARTS},
}


def part(name: str) -> Part:
    """The part kind called ``name`` (``KeyError`` for an unknown one)."""
    return PARTS_BY_NAME[name]


def section(slug: str) -> Section:
    return SECTIONS_BY_SLUG[slug]


@functools.cache
def writable_fields(target: str, *, section: str | None = None) -> frozenset[str]:
    """The columns user input may set on ``target``, in every language.

    ``target`` is ``SYSTEM`` (the record's own fields: of every section, or of ``section``
    only) or the name of a part (``"oversight"``, ``"risks"``, …). Everything else is written
    by the register itself: the workflow, the compliance engine, bookkeeping.
    """
    if target == SYSTEM:
        sections = [SECTIONS_BY_SLUG[section]] if section else SECTIONS
        return frozenset().union(*(_all_columns(s.fields, SYSTEM_TRANSLATED) for s in sections))
    return PARTS_BY_NAME[target].writable


def refuse_unwritable(target: str, data: Any, *, also: frozenset[str] = frozenset()) -> None:
    """Raise ``ValueError`` naming every key of ``data`` that input may not set on ``target``."""
    refused = set(data) - writable_fields(target) - also
    if refused:
        raise ValueError(f"fields that cannot be set on {target}: {', '.join(sorted(refused))}")


@functools.cache
def reserved_fields(role: str | None) -> frozenset[str]:
    """AISystem columns that a member with ``role`` may see but not change (the
    ``questionnaire_fields`` included, whatever the role)."""
    return frozenset().union(
        *(
            _all_columns(group.fields, SYSTEM_TRANSLATED)
            for s in SECTIONS
            for group in s.groups
            if group.set_by is not None and group.set_by != role
        )
    )


@functools.cache
def questionnaire_fields() -> frozenset[str]:
    """AISystem columns that only the risk-classification questionnaire changes after the
    record is created (the role under the AI Act)."""
    return frozenset().union(
        *(
            _all_columns(group.fields, SYSTEM_TRANSLATED)
            for s in SECTIONS
            for group in s.groups
            if group.set_by == QUESTIONNAIRE
        )
    )


class Column(NamedTuple):
    """One writable column: its target, base field name, language (``None`` if not
    translated) and column name."""

    target: str
    field: str
    language: str | None
    name: str


def columns(*, translated_only: bool = False) -> Iterator[Column]:
    """Every writable column of a record, target by target, in declaration order."""
    targets: list[tuple[str, tuple[str, ...], frozenset[str]]] = [
        (SYSTEM, tuple(n for s in SECTIONS for n in s.fields), SYSTEM_TRANSLATED),
        *((p.name, p.fields, p.translated) for p in PARTS),
    ]
    for target, names, translated in targets:
        for name in names:
            if name in translated:
                for code in CONTENT_LANGUAGES:
                    yield Column(target, name, code, column(name, code))
            elif not translated_only:
                yield Column(target, name, None, name)


# --- Reads derived from the schema -----------------------------------------------------------


def prefetch_names() -> tuple[list[str], list[str]]:
    """``select_related`` and ``prefetch_related`` names that load every part of a record."""
    return (
        [p.name for p in PARTS if not p.many],
        [p.name for p in PARTS if p.many],
    )


def _rows(system: AISystem) -> Iterator[tuple[Part, Any]]:
    for p in PARTS:
        if p.many:
            yield from ((p, row) for row in getattr(system, p.name).all())
        elif system.pk and (row := getattr(system, p.name, None)) is not None:
            yield p, row


def part_rows(system: AISystem) -> list[Any]:
    """Every part row of a record, in the order of ``PARTS`` (prefetched rows when loaded
    with ``selectors.systems_with_parts``)."""
    return [row for _part, row in _rows(system)]


def translation_gaps(system: AISystem) -> dict[str, list[str]]:
    """Required texts missing in each language, over the record and all its parts, as
    ``Model.attribute`` labels (those of ``register.i18n.missing_by_language``)."""
    return missing_by_language([system, *part_rows(system)])


def untranslated(system: AISystem) -> dict[str, list[str]]:
    """For each content language, texts of the schema that are written in another language
    but blank in this one, and are not already required gaps (the public reads them in a
    fallback language). Labels as in ``translation_gaps``."""
    required = translation_gaps(system)
    result: dict[str, list[str]] = {code: [] for code in CONTENT_LANGUAGES}
    owners: list[tuple[Any, tuple[str, ...], frozenset[str]]] = [
        (system, tuple(n for s in SECTIONS for n in s.fields), SYSTEM_TRANSLATED),
        *((row, p.fields, p.translated) for p, row in _rows(system)),
    ]
    for obj, names, translated in owners:
        for name in names:
            if name not in translated:
                continue
            written = {c for c in CONTENT_LANGUAGES if str(getattr(obj, column(name, c))).strip()}
            label = f"{type(obj).__name__}.{name}"
            for code in CONTENT_LANGUAGES:
                if written and code not in written and label not in required[code]:
                    result[code].append(label)
    return result


def complete_languages(system: AISystem) -> list[str]:
    """Languages in which every required text of the record is present."""
    gaps = translation_gaps(system)
    return [code for code in CONTENT_LANGUAGES if not gaps[code]]


def section_for(label: str) -> Section:
    """The section whose page edits the text ``Model.attribute`` (a gap label)."""
    model_name, attribute = label.split(".", 1)
    if model_name == AISystem.__name__:
        return next((s for s in SECTIONS if attribute in s.fields), SECTIONS[0])
    owner = next((p for p in PARTS if p.model.__name__ == model_name), None)
    return SECTIONS_BY_SLUG[owner.section] if owner else SECTIONS[0]


def field_model(label: str) -> type[models.Model]:
    model_name = label.split(".", 1)[0]
    if model_name == AISystem.__name__:
        return AISystem
    return next((p.model for p in PARTS if p.model.__name__ == model_name), AISystem)
