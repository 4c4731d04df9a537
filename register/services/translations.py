"""Saving the texts of a record and of its parts in every language at once (the translation
view), with optimistic locking on the record and on each part."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from register import schema
from register.audit import audit_context
from register.models import AISystem
from register.services.hooks import record_changed
from register.services.records import (
    EditConflict,
    _actor_id,
    _refuse_reserved_changes,
    _state_at,
    ensure_editable,
    mark_changed,
)


@dataclass(frozen=True)
class TextEdit:
    """The texts of one object as the user left them, and where they started from.

    ``target`` is ``schema.SYSTEM`` (``pk`` ``None``, ``start`` the record's revision) or the
    name of a part (``pk`` the item, ``start`` its ``updated_at`` in ISO form when the page was
    opened). ``texts`` maps translated columns (``summary_kk``) to their text.
    """

    target: str
    pk: int | None
    texts: Mapping[str, str]
    start: int | str | None


class TranslationConflict(Exception):
    """Someone saved some of the same texts since the page was opened; nothing was written.
    ``conflicts`` holds one ``EditConflict`` per object, its ``changes`` the texts that both
    sides changed."""

    def __init__(self, conflicts: list[EditConflict]) -> None:
        super().__init__("translation conflict")
        self.conflicts = conflicts


def _text(value: Any) -> str:
    # Browsers send textarea line breaks as CRLF; the stored text may have either.
    return str(value or "").replace("\r\n", "\n").strip()


def _merge(
    start: models.Model | None, now: models.Model, texts: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, tuple[Any, Any]]]:
    """What to write and what conflicts, text by text: a text the user left as it was is not
    written (so another person's change to it stands); one the user changed is written unless
    someone else changed it too, to something else. Without the starting point (no history),
    every text that differs from now is a conflict."""
    writes: dict[str, str] = {}
    conflicts: dict[str, tuple[Any, Any]] = {}
    for name, mine in texts.items():
        current = getattr(now, name)
        if _text(mine) == _text(current):
            continue
        if start is None:
            conflicts[name] = (None, current)
            continue
        before = getattr(start, name)
        if _text(mine) == _text(before):
            continue
        if _text(current) == _text(before):
            writes[name] = mine
        else:
            conflicts[name] = (before, current)
    return writes, conflicts


def _system_start(system: AISystem, revision: Any) -> models.Model | None:
    if system.revision == revision:
        return system
    return (
        apps.get_model("register", "AISystemEvent")
        .objects.filter(pgh_obj_id=system.pk, revision=revision)
        .order_by("-pgh_id")
        .first()
    )


def _refuse_untranslatable(edit: TextEdit) -> None:
    allowed = {c.name for c in schema.columns(translated_only=True) if c.target == edit.target}
    refused = set(edit.texts) - allowed
    if refused:
        raise ValueError(f"not translated texts of {edit.target}: {', '.join(sorted(refused))}")


@transaction.atomic
def translations_save(
    *, system: AISystem, actor: AbstractBaseUser, edits: Sequence[TextEdit]
) -> list[models.Model]:
    """Save the texts of the record and of its parts in every language, in one transaction.

    Only translated columns of ``register.schema`` are accepted (``ValueError`` names any
    other); a text reserved to another role (``schema.reserved_fields``) is refused with a
    ``ValidationError``. Each object is locked and compared with where the user started: if
    someone else changed a text that the user changed too, raises ``TranslationConflict`` and
    writes nothing. Writes each changed object once, in one audit entry of the content
    (``system.update``), and the record's revision once if anything changed. Returns the
    changed objects.
    """
    for edit in edits:
        _refuse_untranslatable(edit)
    locked = AISystem.objects.select_for_update().get(pk=system.pk)
    ensure_editable(locked, actor)

    planned: list[tuple[models.Model, dict[str, str]]] = []
    conflicts: list[EditConflict] = []
    for edit in edits:
        if edit.target == schema.SYSTEM:
            row: models.Model = locked
            start = _system_start(locked, edit.start)
        else:
            model = schema.part(edit.target).model
            found = model.objects.select_for_update().filter(pk=edit.pk, system=locked).first()
            if found is None:
                raise ValidationError(
                    _("An item on this page was removed while you were editing. Reload the page."),
                    code="part_removed",
                )
            row = found
            version = str(edit.start or "")
            start = row if row.updated_at.isoformat() == version else _state_at(row, version)
        writes, changed = _merge(start, row, edit.texts)
        if changed:
            conflicts.append(EditConflict(changes=changed, current=row, by=locked.updated_by))
        elif writes:
            planned.append((row, writes))
    if conflicts:
        raise TranslationConflict(conflicts)
    if not planned:
        return []

    system_writes = next((w for row, w in planned if row is locked), {})
    _refuse_reserved_changes(locked, actor, system_writes)
    with audit_context(user=_actor_id(actor), action="system.update"):
        for row, writes in planned:
            if row is locked:
                continue
            for name, value in writes.items():
                setattr(row, name, value)
            row.full_clean()
            row.save()
        for name, value in system_writes.items():
            setattr(locked, name, value)
        mark_changed(locked, actor)
        locked.full_clean()
        locked.save()
    record_changed(locked.pk)
    return [row for row, _writes in planned]
