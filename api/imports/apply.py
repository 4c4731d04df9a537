"""Applying a plan (``plan.make_plan``): every row through the register's services, in one
transaction, so that an import writes everything or nothing and leaves the same audit trail as
the web forms. Unchanged rows are not written at all."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from api.imports import columns
from api.imports.plan import CREATE, UPDATE, Entry, Plan, Problem, _messages
from register.models import AISystem, Organisation
from register.services import records


class ApplyFailed(Exception):
    """A service refused a row: nothing of the import was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.row} {p.column}: {p.message}" for p in problems[:5]))
        self.problems = problems


@dataclass(frozen=True)
class Applied:
    action: str
    public_id: str
    name: str


@transaction.atomic
def apply_plan(
    plan: Plan, *, organisation: Organisation, actor: AbstractBaseUser | None
) -> list[Applied]:
    """Write ``plan``: ``ApplyFailed`` (and nothing written) if it has errors or a service
    refuses a row."""
    if plan.has_errors:
        raise ApplyFailed(plan.problems)
    done = []
    for entry in plan.entries:
        try:
            if entry.action == CREATE:
                system = records.system_create(
                    organisation=organisation,
                    actor=actor,
                    data=entry.data,
                    oversight=entry.oversight,
                    parts=entry.parts,
                )
            elif entry.action == UPDATE:
                system = _update(entry, actor)
            else:
                continue
        except (ValidationError, PermissionDenied, records.EditConflict) as error:
            transaction.set_rollback(True)
            raise ApplyFailed(_refusal(entry, error)) from None
        done.append(Applied(entry.action, system.public_id, str(system.name)))
    return done


def _update(entry: Entry, actor: AbstractBaseUser | None) -> AISystem:
    system = entry.system
    assert system is not None  # noqa: S101 - an update has its record
    if entry.data or entry.oversight:
        current = getattr(system, columns.INLINE_PART, None)
        system = records.system_update(
            system=system,
            actor=actor,  # type: ignore[arg-type]
            data=entry.data,
            expected_revision=system.revision,
            oversight=entry.oversight,
            expected_oversight_version=current.updated_at.isoformat() if current else None,
        )
    for change in entry.part_changes:
        if change.delete:
            records.part_delete(
                system=system,
                actor=actor,  # type: ignore[arg-type]
                part=change.part,
                pk=change.instance.pk,  # type: ignore[union-attr]
            )
        else:
            records.part_save(
                system=system,
                actor=actor,  # type: ignore[arg-type]
                part=change.part,
                data=change.data,
                instance=change.instance,
            )
    return system


def _refusal(entry: Entry, error: Exception) -> list[Problem]:
    if isinstance(error, records.EditConflict):
        return [
            Problem(
                entry.row,
                columns.SYSTEMS_SHEET,
                "",
                _("Someone changed this record while the import ran. Upload the file again."),
            )
        ]
    return [
        Problem(entry.row, columns.SYSTEMS_SHEET, name, message)
        for name, messages in _messages(error).items()  # type: ignore[arg-type]
        for message in messages
    ]
