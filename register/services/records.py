"""Creating and changing register records (an AI system with its parts)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from register import schema, workflow
from register.audit import audit_context
from register.i18n import columns
from register.models import AISystem, HumanOversight, Organisation, Status
from register.permissions import role_in
from register.services.hooks import record_changed
from register.services.identifiers import allocate_public_ids, reserve_public_ids

# Repeatable parts of a record, by the name used in nested input.
PART_MODELS: dict[str, type[models.Model]] = {
    name: schema.part(name).model for name in schema.REPEATABLE
}


def _actor_id(actor: AbstractBaseUser | None) -> int | None:
    return actor.pk if actor is not None else None


def _system_slug(data: Mapping[str, Any]) -> str:
    for key in ("name_en", "name_ru", "name_kk"):
        slug = slugify(data.get(key) or "")[:80].strip("-")
        if slug:
            return slug
    return "system"


def _refuse_create_input(
    organisation: Organisation,
    actor: AbstractBaseUser | None,
    data: Mapping[str, Any],
    oversight: Mapping[str, Any] | None,
    parts: Mapping[str, Sequence[Mapping[str, Any]]] | None,
) -> None:
    """What creating a record refuses whatever the values (see ``system_create``)."""
    schema.refuse_unwritable(schema.SYSTEM, data, also=schema.SET_ON_CREATE)
    unknown_parts = set(parts or {}) - set(PART_MODELS)
    if unknown_parts:
        raise ValueError(f"unknown parts: {', '.join(sorted(unknown_parts))}")
    if oversight is not None:
        schema.refuse_unwritable("oversight", oversight)
    for name, rows in (parts or {}).items():
        for fields in rows:
            schema.refuse_unwritable(name, fields)
    _refuse_reserved_changes(AISystem(organisation=organisation), actor, data, creating=True)


def _new_system(
    organisation: Organisation,
    actor: AbstractBaseUser | None,
    data: Mapping[str, Any],
    public_id: str,
) -> AISystem:
    system = AISystem(
        **data,
        public_id=public_id,
        organisation=organisation,
        created_by=actor,
        updated_by=actor,
    )
    if not system.slug:
        system.slug = _system_slug(data)
    return system


def _new_rows(
    system: AISystem,
    oversight: Mapping[str, Any] | None,
    parts: Mapping[str, Sequence[Mapping[str, Any]]] | None,
) -> list[models.Model]:
    """The part rows of a new record, in the order ``system_create`` writes them."""
    rows: list[models.Model] = []
    if oversight is not None:
        rows.append(HumanOversight(system=system, **oversight))
    for name, items in (parts or {}).items():
        rows.extend(PART_MODELS[name](system=system, **fields) for fields in items)
    return rows


@transaction.atomic
def system_create(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser | None,
    data: Mapping[str, Any],
    oversight: Mapping[str, Any] | None = None,
    parts: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    public_id: str | None = None,
) -> AISystem:
    """Create a draft record with a new public identifier, and any of its parts.

    ``data`` holds AISystem fields; ``oversight`` the HumanOversight fields; ``parts`` maps a
    name of ``PART_MODELS`` to a list of field dicts. Only the fields of ``register.schema``
    are accepted (``ValueError`` names any other key), so a form or an import cannot set the
    state, the organisation, the publisher or the classification; a withholding other than
    "fully public" needs an approver of ``organisation``. Raises ``ValidationError`` (nothing
    is written) if any row is invalid.

    ``public_id`` is for an operator moving records from another copy of the register (the
    import's ``keep_public_ids``): the record keeps that identifier instead of a new one, and
    the counter moves past it (``ValidationError`` if a record has it already).
    """
    _refuse_create_input(organisation, actor, data, oversight, parts)
    with audit_context(user=_actor_id(actor), action="system.create"):
        if public_id:
            reserve_public_ids([public_id])
        else:
            (public_id,) = allocate_public_ids(1)
        system = _new_system(organisation, actor, data, public_id)
        system.full_clean()
        system.save()
        for row in _new_rows(system, oversight, parts):
            row.full_clean()
            row.save()
    record_changed(system.pk)
    return system


@dataclass(frozen=True)
class NewRecord:
    """One record for ``systems_create_many``: the arguments ``system_create`` takes."""

    data: Mapping[str, Any]
    oversight: Mapping[str, Any] | None = None
    parts: Mapping[str, Sequence[Mapping[str, Any]]] | None = None
    public_id: str | None = None


class RecordRefused(Exception):
    """``systems_create_many`` refused ``records[index]`` with ``error``, the
    ``ValidationError`` that ``system_create`` raises for it; nothing was written."""

    def __init__(self, index: int, error: ValidationError) -> None:
        super().__init__(f"record {index}: {error}")
        self.index = index
        self.error = error


#: Records per INSERT statement of ``systems_create_many``.
CREATE_BATCH_SIZE = 500
# Relations the service fills itself with rows it holds (the organisation, the actor, the new
# record): ``full_clean`` would look each one up again, a query per row.
_SET_BY_SERVICE = ("organisation", "created_by", "updated_by", "system")


@transaction.atomic
def systems_create_many(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser | None,
    records: Sequence[NewRecord],
    batch_size: int = CREATE_BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> list[AISystem]:
    """Create many draft records as ``system_create`` creates each one, in far fewer queries.

    Each record gets the same checks of its input, model validation, new public identifier,
    audit trail entries (action ``system.create`` by ``actor``, an insert event per row) and
    ``record_changed`` announcement as with ``system_create``; the records and their parts are
    written ``batch_size`` records at a time, with one INSERT per model. All or nothing:
    raises ``RecordRefused`` for a record that ``system_create`` refuses (``ValueError`` for
    input no caller may send), and writes nothing. ``progress`` is called with the number of
    records written after each batch. Returns the records in the order of ``records``. A
    record's ``public_id``, if given, is kept as ``system_create`` keeps it.
    """
    for index, record in enumerate(records):
        try:
            _refuse_create_input(organisation, actor, record.data, record.oversight, record.parts)
        except ValidationError as error:
            raise RecordRefused(index, error) from error
    # Kept identifiers first, so that no batch hands one of them out as a new identifier.
    reserve_public_ids(record.public_id for record in records if record.public_id)
    created: list[AISystem] = []
    for start in range(0, len(records), batch_size):
        batch = records[start : start + batch_size]
        try:
            with transaction.atomic():
                created.extend(_create_batch(organisation, actor, batch, start))
        except (IntegrityError, DataError):
            # The database refused a row (a uniqueness or check constraint, which
            # ``full_clean`` would have checked with a query each). Record by record,
            # ``system_create`` raises the model's own message for it.
            for index, record in enumerate(batch, start=start):
                try:
                    created.append(
                        system_create(
                            organisation=organisation,
                            actor=actor,
                            data=record.data,
                            oversight=record.oversight,
                            parts=record.parts,
                            public_id=record.public_id,
                        )
                    )
                except ValidationError as error:
                    raise RecordRefused(index, error) from error
        if progress is not None:
            progress(len(created))
    return created


def _create_batch(
    organisation: Organisation,
    actor: AbstractBaseUser | None,
    batch: Sequence[NewRecord],
    start: int,
) -> list[AISystem]:
    """Validate and insert one batch of ``systems_create_many`` (``records[start:]``): every
    row's fields and ``clean`` as ``system_create`` checks them, uniqueness and the other
    constraints by the database itself (``IntegrityError``)."""
    with audit_context(user=_actor_id(actor), action="system.create"):
        wanted = sum(1 for record in batch if not record.public_id)
        new_ids = iter(allocate_public_ids(wanted) if wanted else ())
        systems = [
            _new_system(organisation, actor, record.data, record.public_id or next(new_ids))
            for record in batch
        ]
        rows_by_model: dict[type[models.Model], list[models.Model]] = {}
        for index, (system, record) in enumerate(zip(systems, batch, strict=True), start=start):
            rows = _new_rows(system, record.oversight, record.parts)
            try:
                for row in [system, *rows]:
                    row.full_clean(
                        exclude=_SET_BY_SERVICE, validate_unique=False, validate_constraints=False
                    )
            except ValidationError as error:
                raise RecordRefused(index, error) from error
            for row in rows:
                rows_by_model.setdefault(type(row), []).append(row)
        AISystem.objects.bulk_create(systems)
        for model, rows in rows_by_model.items():
            model.objects.bulk_create(rows)
    for system in systems:
        record_changed(system.pk)
    return systems


class EditConflict(Exception):
    """Someone saved the same part of the record since the user opened the form.

    ``changes`` maps each field that changed to ``(value the user started from, value now)``;
    it is empty when the history has no event for the starting point.
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


def ensure_editable(system: AISystem, actor: AbstractBaseUser | None) -> None:
    """Refuse a change the workflow table does not allow: the record's state, and the actor's
    role unless the actor is the register itself (``None``: seeding, imports)."""
    if actor is not None:
        workflow.require_role("edit", actor, system)
    workflow.require_state("edit", system)


def _changes_since(system: AISystem, revision: int, fields: list[str]) -> dict | None:
    """Fields among ``fields`` that differ between ``revision`` and now, from the history."""
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


def _state_at(row: models.Model, version: str) -> models.Model | None:
    """A part as it was when its ``updated_at`` was ``version``, from the history."""
    if not version:
        return None
    events = apps.get_model("register", f"{type(row).__name__}Event").objects
    for event in events.filter(pgh_obj_id=row.pk).order_by("-pgh_id")[:50]:
        if event.updated_at.isoformat() == version:
            return event
    return None


def _differences(
    start: Any, now: models.Model, fields: Mapping[str, Any]
) -> dict[str, tuple[Any, Any]]:
    """Fields that changed since ``start``; without it, those that differ from the input."""
    if start is None:
        return {
            name: (None, getattr(now, name))
            for name in fields
            if getattr(now, name) != fields[name]
        }
    return {
        name: (getattr(start, name), getattr(now, name))
        for name in fields
        if getattr(start, name) != getattr(now, name)
    }


def _refuse_reserved_changes(
    system: AISystem,
    actor: AbstractBaseUser | None,
    data: Mapping[str, Any],
    *,
    creating: bool = False,
) -> list[str]:
    """Raise ``ValidationError`` if ``data`` changes a field that the actor's role may not set
    (``schema.reserved_fields``: the withholding is an approver's decision; the role under the
    AI Act is the questionnaire's answer, which a new record may start from). Returns the
    fields that ``data`` changes."""
    changed = [name for name in data if getattr(system, name) != data[name]]
    role = role_in(actor, system.organisation_id) if actor is not None else None
    refused = schema.reserved_fields(role).intersection(changed)
    if creating:
        refused -= schema.questionnaire_fields()
    if refused & schema.questionnaire_fields():
        raise ValidationError(
            _("The role under the AI Act is answered in the risk classification questionnaire."),
            code="set_by_questionnaire",
        )
    if refused:
        raise ValidationError(
            _("Only an approver of the organisation can change what the public may see."),
            code="withholding_needs_approver",
        )
    return changed


def _update_action(changed: list[str]) -> str:
    """``system.withhold`` when only the withholding changed: an approver's decision about
    what the public sees, which the four-eyes rule does not count as writing the content."""
    if changed and set(changed) <= schema.reserved_fields(None) - schema.questionnaire_fields():
        return "system.withhold"
    return "system.update"


def mark_changed(system: AISystem, actor: AbstractBaseUser | None) -> None:
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
    expected_oversight_version: str | None = None,
) -> AISystem:
    """Save one section's fields (and the oversight fields of the oversight section).

    Optimistic locking: if the record changed since ``expected_revision`` in any of the fields
    being saved, or the oversight part changed since ``expected_oversight_version`` (its
    last-change time when the form was opened), raises ``EditConflict`` and writes nothing.
    Changes to other fields are kept.
    """
    schema.refuse_unwritable(schema.SYSTEM, data)
    if oversight is not None:
        schema.refuse_unwritable("oversight", oversight)
    locked = AISystem.objects.select_for_update().get(pk=system.pk)
    ensure_editable(locked, actor)
    changed = _refuse_reserved_changes(locked, actor, data)
    current_oversight = HumanOversight.objects.filter(system=locked).first()
    if (
        oversight is not None
        and current_oversight is not None
        and current_oversight.updated_at.isoformat() != (expected_oversight_version or "")
    ):
        start = _state_at(current_oversight, expected_oversight_version or "")
        raise EditConflict(
            changes=_differences(start, current_oversight, oversight),
            current=current_oversight,
            by=locked.updated_by,
        )
    if locked.revision != expected_revision:
        changes = _changes_since(locked, expected_revision, list(data))
        if changes is None or changes:
            raise EditConflict(changes=changes or {}, current=locked, by=locked.updated_by)

    action = "system.update" if oversight is not None else _update_action(changed)
    with audit_context(user=_actor_id(actor), action=action):
        for name, value in data.items():
            setattr(locked, name, value)
        mark_changed(locked, actor)
        locked.full_clean()
        locked.save()
        if oversight is not None:
            row = current_oversight or HumanOversight(system=locked)
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
    item changed since, raises ``EditConflict``. Only the part's fields in ``register.schema``
    are accepted (``ValueError`` names any other key).
    """
    if part not in PART_MODELS:
        raise ValueError(f"unknown part: {part}")
    schema.refuse_unwritable(part, data)
    model = PART_MODELS[part]
    locked = AISystem.objects.select_for_update().get(pk=system.pk)
    ensure_editable(locked, actor)
    if instance is not None:
        row = model.objects.select_for_update().get(pk=instance.pk, system=locked)
        if expected_version and row.updated_at.isoformat() != expected_version:
            start = _state_at(row, expected_version)
            raise EditConflict(
                changes=_differences(start, row, data), current=row, by=locked.updated_by
            )
    else:
        row = model(system=locked)
    with audit_context(user=_actor_id(actor), action=f"{part}.save"):
        for name, value in data.items():
            setattr(row, name, value)
        if instance is None and _nothing_written(row, schema.part(part)):
            raise ValidationError(
                _("An item needs at least one of its required fields filled in."),
                code="empty_part",
            )
        row.full_clean()
        row.save()
        mark_changed(locked, actor)
        locked.save()
    record_changed(locked.pk)
    return row


def _nothing_written(row: models.Model, spec: schema.Part) -> bool:
    """Whether every required field of a new part row is blank or left at its default."""
    for name in spec.required:
        for column_name in columns(name) if name in spec.translated else (name,):
            value = getattr(row, column_name)
            default = row._meta.get_field(column_name).get_default()
            if value not in (None, "", [], {}) and value != default:
                return False
    return True


@transaction.atomic
def part_delete(*, system: AISystem, actor: AbstractBaseUser, part: str, pk: int) -> None:
    model = PART_MODELS[part]
    locked = AISystem.objects.select_for_update().get(pk=system.pk)
    ensure_editable(locked, actor)
    with audit_context(user=_actor_id(actor), action=f"{part}.delete"):
        model.objects.filter(pk=pk, system=locked).delete()
        mark_changed(locked, actor)
        locked.save()
    record_changed(locked.pk)


@transaction.atomic
def system_delete(*, system: AISystem, actor: AbstractBaseUser) -> None:
    """Delete a record that was never published. Published records are withdrawn instead."""
    locked = AISystem.objects.select_for_update().get(pk=system.pk)
    workflow.require("delete", actor, locked)
    with audit_context(user=_actor_id(actor), action="system.delete"):
        locked.delete()
