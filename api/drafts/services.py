"""The draft API's writes: each a register service (``register.services``) or the workflow
table's own action, run under the record's lock after a strict comparison of the revision the
client started from (``If-Match``), so that a stale write changes nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from register import workflow
from register.models import AISystem, HumanOversight, Organisation
from register.services import records


class StaleRevision(Exception):
    """The record changed since the revision the client gave."""

    def __init__(self, current: int) -> None:
        super().__init__("stale revision")
        self.current = current


def _lock(system: AISystem, expected_revision: int) -> AISystem:
    locked = AISystem.objects.select_for_update().get(pk=system.pk)
    if locked.revision != expected_revision:
        raise StaleRevision(locked.revision)
    return locked


def draft_create(
    *, organisation: Organisation, actor: AbstractBaseUser, data: Mapping[str, Any]
) -> AISystem:
    """A new draft through ``records.system_create``, with its oversight and items."""
    fields = {key: value for key, value in data.items() if key not in ("oversight", "parts")}
    return records.system_create(
        organisation=organisation,
        actor=actor,
        data=fields,
        oversight=data.get("oversight"),
        parts=data.get("parts"),
    )


@transaction.atomic
def draft_update(
    *, system: AISystem, actor: AbstractBaseUser, data: Mapping[str, Any], expected_revision: int
) -> AISystem:
    """Change fields of the record and of its oversight through ``records.system_update``."""
    locked = _lock(system, expected_revision)
    fields = {key: value for key, value in data.items() if key != "oversight"}
    oversight = data.get("oversight")
    current = HumanOversight.objects.filter(system=locked).first()
    return records.system_update(
        system=locked,
        actor=actor,
        data=fields,
        expected_revision=expected_revision,
        oversight=oversight,
        # Under the lock, at the revision the client read: the oversight is as they saw it.
        expected_oversight_version=current.updated_at.isoformat() if current else None,
    )


@transaction.atomic
def items_replace(
    *,
    system: AISystem,
    actor: AbstractBaseUser,
    part: str,
    items: Sequence[Mapping[str, Any]],
    expected_revision: int,
) -> AISystem:
    """Replace every item of a repeatable part: ``records.part_delete`` for each item the record
    has, then ``records.part_save`` for each new one, all or nothing. ``ValidationError`` keys
    its messages by the item's position (``"2.name_en"``)."""
    locked = _lock(system, expected_revision)
    workflow.require("edit", actor, locked)
    for pk in list(getattr(locked, part).values_list("pk", flat=True)):
        records.part_delete(system=locked, actor=actor, part=part, pk=pk)
    errors: dict[str, list[str]] = {}
    for index, fields in enumerate(items):
        try:
            records.part_save(system=locked, actor=actor, part=part, data=fields)
        except ValidationError as error:
            for name, messages in _by_field(error).items():
                key = str(index) if name == NON_FIELD_ERRORS else f"{index}.{name}"
                errors[key] = messages
    if errors:
        raise ValidationError(errors)
    return AISystem.objects.get(pk=locked.pk)


@transaction.atomic
def draft_submit(*, system: AISystem, actor: AbstractBaseUser, expected_revision: int) -> AISystem:
    """Submit for review: the workflow table's action, performed by its own service."""
    locked = _lock(system, expected_revision)
    return workflow.ACTIONS["submit"].perform(system=locked, actor=actor)


def _by_field(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            name: [str(m) for m in ValidationError(errs).messages]
            for name, errs in error.error_dict.items()
        }
    return {NON_FIELD_ERRORS: [str(m) for m in error.messages]}
