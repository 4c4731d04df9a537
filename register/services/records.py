"""Creating and changing register records (an AI system with its parts)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from register.audit import audit_context, history_enabled
from register.models import (
    AISystem,
    DataSource,
    HumanOversight,
    ImpactAssessment,
    LegalBasis,
    Organisation,
    Risk,
    Status,
    Supplier,
)
from register.services.hooks import record_changed
from register.services.identifiers import allocate_public_ids

# Repeatable parts of a record, by the name used in nested input.
PART_MODELS: dict[str, type[models.Model]] = {
    "suppliers": Supplier,
    "legal_bases": LegalBasis,
    "data_sources": DataSource,
    "impact_assessments": ImpactAssessment,
    "risks": Risk,
}

# Written only by the workflow and the compliance engine, never from user input.
PROTECTED_FIELDS = frozenset(
    {
        "id",
        "public_id",
        "organisation",
        "organisation_id",
        "status",
        "published_version",
        "published_version_id",
        "first_published_at",
        "withdrawn_at",
        "revision",
        "created_at",
        "updated_at",
        "created_by",
        "created_by_id",
        "updated_by",
        "updated_by_id",
        "submitted_by",
        "submitted_by_id",
        "submitted_at",
        "review_comment",
        # The classification is computed by the compliance engine, never typed in.
        "risk_class",
        "annex_iii",
        "art6_3_conditions",
        "profiling",
        "transparency_obligations",
        "fria_required",
        "classification_answers",
        "classified_at",
        "classification_version",
        "catalogue_version",
        "classification_disagreement",
    }
)


def _actor_id(actor: AbstractBaseUser | None) -> int | None:
    return actor.pk if actor is not None else None


def _system_slug(data: Mapping[str, Any]) -> str:
    for key in ("name_en", "name_ru", "name_kk"):
        slug = slugify(data.get(key) or "")[:80].strip("-")
        if slug:
            return slug
    return "system"


@transaction.atomic
def system_create(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser | None,
    data: Mapping[str, Any],
    oversight: Mapping[str, Any] | None = None,
    parts: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> AISystem:
    """Create a draft record with a new public identifier, and any of its parts.

    ``data`` holds AISystem fields; ``oversight`` the HumanOversight fields; ``parts`` maps a
    name of ``PART_MODELS`` to a list of field dicts. Workflow fields in ``data`` are refused,
    so a form or an import cannot set the state, the organisation or the publisher. Raises
    ``ValidationError`` (nothing is written) if any row is invalid.
    """
    forbidden = PROTECTED_FIELDS.intersection(data)
    if forbidden:
        raise ValueError(f"fields set by the register itself: {', '.join(sorted(forbidden))}")
    unknown_parts = set(parts or {}) - set(PART_MODELS)
    if unknown_parts:
        raise ValueError(f"unknown parts: {', '.join(sorted(unknown_parts))}")

    with audit_context(user=_actor_id(actor), action="system.create"):
        (public_id,) = allocate_public_ids(1)
        system = AISystem(
            **data,
            public_id=public_id,
            organisation=organisation,
            created_by=actor,
            updated_by=actor,
        )
        if not system.slug:
            system.slug = _system_slug(data)
        system.full_clean()
        system.save()

        if oversight is not None:
            row = HumanOversight(system=system, **oversight)
            row.full_clean()
            row.save()
        for name, rows in (parts or {}).items():
            model = PART_MODELS[name]
            for fields in rows:
                row = model(system=system, **fields)
                row.full_clean()
                row.save()
    record_changed(system.pk)
    return system


class EditConflict(Exception):
    """Someone saved the same part of the record since the user opened the form.

    ``changes`` maps each field that changed to ``(value the user started from, value now)``;
    it is empty when the starting point is unknown (no history, e.g. on SQLite).
    """

    def __init__(
        self,
        *,
        changes: dict[str, tuple[Any, Any]],
        current: models.Model,
        by: AbstractBaseUser | None,
    ) -> None:
        super().__init__("edit conflict")
        self.changes = changes
        self.current = current
        self.by = by


EDITABLE_STATES = (Status.DRAFT, Status.RETURNED, Status.PUBLISHED)


def _require_editable(system: AISystem) -> None:
    if system.status not in EDITABLE_STATES:
        raise ValidationError(
            _("A record that is “%(state)s” cannot be changed."),
            code="not_editable",
            params={"state": system.get_status_display()},
        )


def _changes_since(system: AISystem, revision: int, fields: list[str]) -> dict | None:
    """Fields among ``fields`` that differ between ``revision`` and now, from the history."""
    if not history_enabled():
        return None
    event = (
        apps.get_model("register", "AISystemEvent")
        .objects.filter(pgh_obj_id=system.pk, revision=revision)
        .order_by("-pgh_id")
        .first()
    )
    if event is None:
        return None
    return {
        name: (getattr(event, name), getattr(system, name))
        for name in fields
        if getattr(event, name) != getattr(system, name)
    }


def _oversight_changed_since(system: AISystem, revision: int) -> bool:
    """Whether the oversight row changed after the record was at ``revision``."""
    event = (
        apps.get_model("register", "AISystemEvent")
        .objects.filter(pgh_obj_id=system.pk, revision=revision)
        .order_by("-pgh_id")
        .first()
    )
    row = HumanOversight.objects.filter(system=system).first()
    return row is not None and (event is None or row.updated_at > event.updated_at)


def _touch(system: AISystem, actor: AbstractBaseUser | None) -> None:
    """Record a change: new revision, and a published record gets a working draft again."""
    system.revision += 1
    system.updated_by = actor
    if system.status == Status.PUBLISHED:
        # The public keeps seeing ``published_version`` until the next publication.
        system.status = Status.DRAFT


@transaction.atomic
def system_update(
    *,
    system: AISystem,
    actor: AbstractBaseUser,
    data: Mapping[str, Any],
    expected_revision: int,
    oversight: Mapping[str, Any] | None = None,
) -> AISystem:
    """Save one section's fields (and the oversight fields of the oversight section).

    Optimistic locking: if the record changed since ``expected_revision`` in any of the fields
    being saved, raises ``EditConflict`` and writes nothing. Changes to other fields are kept.
    """
    forbidden = PROTECTED_FIELDS.intersection(data)
    if forbidden:
        raise ValueError(f"fields set by the register itself: {', '.join(sorted(forbidden))}")
    locked = AISystem.objects.select_for_update().get(pk=system.pk)
    _require_editable(locked)
    if locked.revision != expected_revision:
        changes = _changes_since(locked, expected_revision, list(data))
        oversight_changed = oversight is not None and _oversight_changed_since(
            locked, expected_revision
        )
        if changes is None or changes or oversight_changed:
            raise EditConflict(changes=changes or {}, current=locked, by=locked.updated_by)

    with audit_context(user=_actor_id(actor), action="system.update"):
        for name, value in data.items():
            setattr(locked, name, value)
        _touch(locked, actor)
        locked.full_clean()
        locked.save()
        if oversight is not None:
            row = HumanOversight.objects.filter(system=locked).first() or HumanOversight(
                system=locked
            )
            for name, value in oversight.items():
                setattr(row, name, value)
            row.full_clean()
            row.save()
    record_changed(locked.pk)
    return locked


@transaction.atomic
def part_save(
    *,
    system: AISystem,
    actor: AbstractBaseUser,
    part: str,
    data: Mapping[str, Any],
    instance: models.Model | None = None,
    expected_version: str | None = None,
) -> models.Model:
    """Add a repeatable item to the record, or change one.

    ``expected_version`` is the item's ``updated_at`` (ISO) when the form was opened; if the
    item changed since, raises ``EditConflict``.
    """
    model = PART_MODELS[part]
    locked = AISystem.objects.select_for_update().get(pk=system.pk)
    _require_editable(locked)
    if instance is not None:
        row = model.objects.select_for_update().get(pk=instance.pk, system=locked)
        if expected_version and row.updated_at.isoformat() != expected_version:
            changes = {
                name: (getattr(instance, name), getattr(row, name))
                for name in data
                if getattr(instance, name, None) != getattr(row, name)
            }
            raise EditConflict(changes=changes, current=row, by=locked.updated_by)
    else:
        row = model(system=locked)
    with audit_context(user=_actor_id(actor), action=f"{part}.save"):
        for name, value in data.items():
            setattr(row, name, value)
        row.full_clean()
        row.save()
        _touch(locked, actor)
        locked.save()
    record_changed(locked.pk)
    return row


@transaction.atomic
def part_delete(*, system: AISystem, actor: AbstractBaseUser, part: str, pk: int) -> None:
    model = PART_MODELS[part]
    locked = AISystem.objects.select_for_update().get(pk=system.pk)
    _require_editable(locked)
    with audit_context(user=_actor_id(actor), action=f"{part}.delete"):
        model.objects.filter(pk=pk, system=locked).delete()
        _touch(locked, actor)
        locked.save()
    record_changed(locked.pk)


@transaction.atomic
def system_delete(*, system: AISystem, actor: AbstractBaseUser) -> None:
    """Delete a record that was never published. Published records are withdrawn instead."""
    locked = AISystem.objects.select_for_update().get(pk=system.pk)
    if locked.published_version_id or locked.status not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError(
            _("Only a draft that was never published can be deleted."), code="not_deletable"
        )
    with audit_context(user=_actor_id(actor), action="system.delete"):
        locked.delete()
