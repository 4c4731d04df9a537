"""Applying a plan (``plan.make_plan``): every row through the register's services, in one
transaction, so that an import writes everything or nothing and leaves the same audit trail as
the web forms. Unchanged rows are not written at all."""

from __future__ import annotations

from collections.abc import Callable
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


# Rows between two reports of progress while updating records one by one.
_PROGRESS_EVERY = 200


@transaction.atomic
def apply_plan(
    plan: Plan,
    *,
    organisation: Organisation,
    actor: AbstractBaseUser | None,
    progress: Callable[[int], None] | None = None,
) -> list[Applied]:
    """Write ``plan``: ``ApplyFailed`` (and nothing written) if it has errors or a service
    refuses a row. New records are created together (``records.systems_create_many``, the
    same checks and audit trail as ``system_create``), then the matched ones are updated.
    ``progress`` is called with the number of rows written so far. The result follows the
    order of the file."""
    if plan.has_errors:
        raise ApplyFailed(plan.problems)
    report = progress or (lambda done: None)
    creates = [entry for entry in plan.entries if entry.action == CREATE]
    updates = [entry for entry in plan.entries if entry.action == UPDATE]
    try:
        created = records.systems_create_many(
            organisation=organisation,
            actor=actor,
            records=[
                records.NewRecord(
                    entry.data,
                    oversight=entry.oversight,
                    parts=entry.parts,
                    public_id=entry.public_id if entry.keeps_public_id else None,
                )
                for entry in creates
            ],
            progress=report,
        )
    except records.RecordRefused as refused:
        transaction.set_rollback(True)
        raise ApplyFailed(_refusal(creates[refused.index], refused.error)) from None
    written: dict[int, AISystem] = {
        entry.row: system for entry, system in zip(creates, created, strict=True)
    }
    for done, entry in enumerate(updates, start=len(creates) + 1):
        try:
            written[entry.row] = _update(entry, actor)
        except (ValidationError, PermissionDenied, records.EditConflict) as error:
            transaction.set_rollback(True)
            raise ApplyFailed(_refusal(entry, error)) from None
        if done % _PROGRESS_EVERY == 0:
            report(done)
    report(len(written))
    return [
        Applied(entry.action, written[entry.row].public_id, str(written[entry.row].name))
        for entry in plan.entries
        if entry.row in written
    ]


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
