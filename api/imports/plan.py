"""The dry run of an import: rows of a file (``readers``) turned into service input by the column
convention (``columns``), matched to the organisation's records by ``public_id`` or
``external_id``, and checked the way the services check them, without writing anything.

Each systems row becomes an :class:`Entry`: create, update (with the columns it changes),
unchanged, or error with its problems. The organisation's records are loaded once, with their
parts, so planning makes the same few queries whatever the size of the file.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from api.imports import columns
from api.imports.readers import Book
from register import schema
from register.i18n import columns as language_columns
from register.models import AISystem, HumanOversight, Organisation
from register.selectors import systems_with_parts
from register.services import records
from register.services.identifiers import public_id_number

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
ACTIONS = (CREATE, UPDATE, UNCHANGED, ERROR)
_EMPTY: tuple[Any, ...] = (None, "", [], {})


@dataclass(frozen=True)
class Problem:
    """An error of one cell (or of a row, ``column`` empty; or of the file, ``row`` 0)."""

    row: int
    sheet: str
    column: str
    message: str

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "sheet": self.sheet,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class PartChange:
    """One write to a repeatable part: save an item (``instance`` None: a new one) or delete
    it."""

    part: str
    data: dict[str, Any]
    instance: models.Model | None = None
    delete: bool = False


@dataclass
class Entry:
    row: int
    public_id: str = ""
    external_id: str = ""
    name: str = ""
    system: AISystem | None = None
    data: dict[str, Any] = field(default_factory=dict)
    oversight: dict[str, Any] | None = None
    parts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    part_changes: list[PartChange] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # A new record that keeps the ``public_id`` another copy of the register gave it.
    keeps_public_id: bool = False

    @property
    def action(self) -> str:
        if self.problems:
            return ERROR
        if self.system is None:
            return CREATE
        return UPDATE if self.changes else UNCHANGED

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "action": self.action,
            "public_id": self.public_id,
            "external_id": self.external_id,
            "name": self.name[:200],
            "changes": self.changes[:100],
            "errors": [p.as_json() for p in self.problems[:20]],
        }


@dataclass
class Plan:
    entries: list[Entry] = field(default_factory=list)
    file_problems: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [*self.file_problems, *(p for e in self.entries for p in e.problems)]

    @property
    def has_errors(self) -> bool:
        return bool(self.file_problems) or any(e.problems for e in self.entries)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTIONS, 0)
        for entry in self.entries:
            counts[entry.action] += 1
        counts["problems"] = len(self.problems)
        return counts

    def as_json(self) -> dict[str, Any]:
        """The report of the dry run, bounded: the first ``API_IMPORT_MAX_ERRORS`` problems
        and the rows, each with at most 20 of its own."""
        limit = settings.API_IMPORT_MAX_ERRORS
        problems = self.problems
        return {
            "counts": self.counts(),
            "rows": [entry.as_json() for entry in self.entries],
            "errors": [p.as_json() for p in problems[:limit]],
            "omitted_errors": max(0, len(problems) - limit),
        }


def _messages(error: ValidationError | PermissionDenied) -> dict[str, list[str]]:
    if isinstance(error, PermissionDenied):
        return {"": [_("Your role in this organisation cannot change this record.")]}
    if hasattr(error, "error_dict"):
        return {
            ("" if name == "__all__" else name): [str(m) for m in ValidationError(errors)]
            for name, errors in error.error_dict.items()
        }
    return {"": [str(m) for m in error.messages]}


class _Checker:
    """The checks of one file against one organisation's records."""

    def __init__(
        self,
        organisation: Organisation,
        actor: AbstractBaseUser | None,
        book: Book,
        *,
        keep_public_ids: bool = False,
    ) -> None:
        self.organisation = organisation
        self.actor = actor
        self.book = book
        self.records = list(systems_with_parts().filter(organisation=organisation))
        self.by_public_id = {s.public_id: s for s in self.records}
        self.by_external_id = {s.external_id: s for s in self.records if s.external_id}
        # Identifiers of the file that a record of the register has, whichever organisation's:
        # only the others may be kept by new records.
        self.keep_public_ids = keep_public_ids
        self.taken: set[str] = set()
        if keep_public_ids:
            wanted = {cells.get("public_id", "") for _n, cells in book[columns.SYSTEMS_SHEET].rows}
            self.taken = set(
                AISystem.objects.filter(public_id__in=wanted - {""}).values_list(
                    "public_id", flat=True
                )
            )

    def keeps(self, public_id: str) -> bool:
        """Whether a row naming an unknown ``public_id`` creates a record that keeps it."""
        return (
            self.keep_public_ids
            and public_id not in self.taken
            and public_id_number(public_id) is not None
        )

    # --- cells -----------------------------------------------------------------------------

    def parse(
        self, sheet: str, number: int, cells: dict[str, str], problems: list[Problem]
    ) -> dict[str, dict[str, Any]]:
        """The values of a row's cells, by target (``system``, ``oversight``, a part)."""
        values: dict[str, dict[str, Any]] = {}
        for cell in columns.sheets()[sheet]:
            if cell.header not in cells:
                continue
            try:
                value = columns.from_cell(cell.field, cells[cell.header])
            except ValidationError as error:
                problems.extend(Problem(number, sheet, cell.header, str(m)) for m in error.messages)
                continue
            values.setdefault(cell.target, {})[cell.name] = value
        return values

    def validate(
        self,
        instance: models.Model,
        *,
        sheet: str,
        number: int,
        prefix: str = "",
        exclude: tuple[str, ...] = (),
    ) -> list[Problem]:
        """The model's own validation (uniqueness is checked against the file and the loaded
        records instead, and again by the database when the plan is applied)."""
        # Foreign keys point at rows the import loaded (the organisation, the users): checking
        # them would cost a query per row.
        relations = [f.name for f in instance._meta.concrete_fields if f.is_relation]
        try:
            instance.full_clean(
                exclude=[*exclude, *relations], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            return [
                Problem(number, sheet, f"{prefix}{name}" if name else "", message)
                for name, messages in _messages(error).items()
                for message in messages
            ]
        return []

    def refusals(
        self, system: AISystem, data: dict[str, Any], number: int, *, creating: bool
    ) -> list[Problem]:
        """What the services refuse whatever the values: a state or role that may not edit
        the record, a field the actor's role may not change."""
        try:
            if not creating:
                records.ensure_editable(system, self.actor)
            # The services' own check, so that an import refuses exactly what a form does.
            records._refuse_reserved_changes(system, self.actor, data, creating=creating)
        except (ValidationError, PermissionDenied) as error:
            return [
                Problem(number, columns.SYSTEMS_SHEET, "", message)
                for messages in _messages(error).values()
                for message in messages
            ]
        return []

    # --- parts -----------------------------------------------------------------------------

    def items(self, part: str, rows: list[tuple[int, dict[str, str]]], entry: Entry) -> list:
        """The items of ``part`` a record's rows give, parsed and checked."""
        spec = schema.part(part)
        items = []
        for number, cells in rows:
            values = self.parse(part, number, cells, entry.problems).get(part, {})
            if not any(values.get(c) not in _EMPTY for c in _required_columns(spec)):
                entry.problems.append(
                    Problem(
                        number,
                        part,
                        "",
                        _("An item needs at least one of its required fields filled in."),
                    )
                )
                continue
            entry.problems.extend(
                self.validate(spec.model(**values), sheet=part, number=number, exclude=("system",))
            )
            items.append((number, values))
        return items

    def part_changes(self, system: AISystem, part: str, items: list) -> list[PartChange]:
        """The fewest writes that make the record's items of ``part`` those of the file, in
        order: the n-th item of the file replaces the n-th item of the record."""
        current = sorted(getattr(system, part).all(), key=lambda row: row.pk)
        changes = []
        for index, (_number, values) in enumerate(items):
            if index < len(current):
                row = current[index]
                diff = {k: v for k, v in values.items() if getattr(row, k) != v}
                if diff:
                    changes.append(PartChange(part, diff, instance=row))
            else:
                changes.append(PartChange(part, values))
        changes.extend(
            PartChange(part, {}, instance=row, delete=True) for row in current[len(items) :]
        )
        return changes


def _required_columns(spec: schema.Part) -> list[str]:
    return [
        c
        for name in spec.required
        for c in (language_columns(name) if name in spec.translated else (name,))
    ]


def _display_name(system: AISystem | None, values: dict[str, Any]) -> str:
    for key in ("name_en", "name_ru", "name_kk"):
        if values.get(key):
            return str(values[key])
    return str(system.name) if system is not None else ""


def _unknown_columns(book: Book) -> list[Problem]:
    problems = []
    for title, sheet in book.items():
        known = set(columns.headers(title)) | columns.EXPORT_METADATA
        problems.extend(
            Problem(1, title, header, _("This column is not one of the register's columns."))
            for header in sheet.headers
            if header and header not in known
        )
    return problems


def make_plan(
    book: Book,
    *,
    organisation: Organisation,
    actor: AbstractBaseUser | None,
    progress: Callable[[int], None] | None = None,
    keep_public_ids: bool = False,
) -> Plan:
    """What importing ``book`` into ``organisation`` as ``actor`` would do, row by row.

    With ``keep_public_ids`` (an operator moving records from another copy of the register,
    ``import_systems --keep-public-ids``), a row whose ``public_id`` no record of this register
    has creates a record that keeps it; without, such a row is an error."""
    checker = _Checker(organisation, actor, book, keep_public_ids=keep_public_ids)
    plan = Plan(file_problems=_unknown_columns(book))
    systems = book[columns.SYSTEMS_SHEET].rows
    seen: dict[tuple[str, str], int] = {}
    keys: dict[tuple[str, str], Entry] = {}

    for done, (number, cells) in enumerate(systems, start=1):
        entry = _entry(checker, number, cells, seen)
        for key in (("public_id", entry.public_id), ("external_id", entry.external_id)):
            if key[1]:
                keys.setdefault(key, entry)
        plan.entries.append(entry)
        if progress is not None and done % 200 == 0:
            progress(done)

    # Items of the repeatable parts, grouped by the record they name.
    grouped: dict[int, dict[str, list[tuple[int, dict[str, str]]]]] = {}
    by_row = {entry.row: entry for entry in plan.entries}
    for part in schema.REPEATABLE:
        sheet = book.get(part)
        for number, cells in sheet.rows if sheet else ():
            public_id, external_id = cells.get("public_id", ""), cells.get("external_id", "")
            if sheet.covers is not None:  # JSON: the items of their own record
                owner = by_row.get(number)
            else:
                owner = keys.get(("public_id", public_id)) if public_id else None
                owner = owner or (keys.get(("external_id", external_id)) if external_id else None)
            if owner is None:
                plan.file_problems.append(
                    Problem(
                        number,
                        part,
                        "public_id" if public_id else "external_id",
                        _("No row of the systems sheet has this identifier."),
                    )
                )
                continue
            grouped.setdefault(id(owner), {}).setdefault(part, []).append((number, cells))

    for entry in plan.entries:
        for part in schema.REPEATABLE:
            sheet = book.get(part)
            if sheet is None or not sheet.gives_items_of(entry.row):
                continue
            items = checker.items(part, grouped.get(id(entry), {}).get(part, []), entry)
            if entry.system is None:
                entry.parts[part] = [values for _number, values in items]
            else:
                changes = checker.part_changes(entry.system, part, items)
                entry.part_changes.extend(changes)
                if changes:
                    entry.changes.append(part)
        if entry.system is not None and entry.changes and not entry.problems:
            entry.problems.extend(
                checker.refusals(entry.system, entry.data, entry.row, creating=False)
            )
    if progress is not None:
        progress(len(systems))
    return plan


def _entry(
    checker: _Checker, number: int, cells: dict[str, str], seen: dict[tuple[str, str], int]
) -> Entry:
    sheet = columns.SYSTEMS_SHEET
    entry = Entry(
        row=number,
        public_id=cells.get("public_id", ""),
        external_id=cells.get("external_id", ""),
    )
    problems = entry.problems
    for key in ("public_id", "external_id"):
        value = getattr(entry, key)
        if value and (key, value) in seen:
            problems.append(
                Problem(
                    number,
                    sheet,
                    key,
                    _("Row %(row)d has the same identifier.") % {"row": seen[(key, value)]},
                )
            )
        elif value:
            seen[(key, value)] = number
    if entry.public_id:
        entry.system = checker.by_public_id.get(entry.public_id)
        entry.keeps_public_id = entry.system is None and checker.keeps(entry.public_id)
        if entry.system is None and not entry.keeps_public_id:
            problems.append(
                Problem(
                    number,
                    sheet,
                    "public_id",
                    _(
                        "No record of this organisation has this public identifier. Leave the "
                        "cell empty to create a new record."
                    ),
                )
            )
            return entry
        if (
            entry.system is not None
            and entry.external_id
            and entry.external_id != entry.system.external_id
        ):
            problems.append(
                Problem(
                    number,
                    sheet,
                    "external_id",
                    _("A record's own reference is set when it is created and cannot change."),
                )
            )
    elif entry.external_id:
        entry.system = checker.by_external_id.get(entry.external_id)
        if entry.system is not None:
            entry.public_id = entry.system.public_id

    values = checker.parse(sheet, number, cells, problems)
    data = values.get(schema.SYSTEM, {})
    oversight = values.get(columns.INLINE_PART)
    entry.name = _display_name(entry.system, data)
    if entry.system is None:
        _plan_create(checker, entry, data, oversight)
    else:
        _plan_update(checker, entry, data, oversight)
    return entry


def _plan_create(
    checker: _Checker, entry: Entry, data: dict[str, Any], oversight: dict[str, Any] | None
) -> None:
    sheet = columns.SYSTEMS_SHEET
    if entry.external_id:
        data = {**data, "external_id": entry.external_id}
    entry.data = data
    defaults = AISystem(organisation=checker.organisation)
    entry.problems.extend(checker.refusals(defaults, data, entry.row, creating=True))
    new = AISystem(organisation=checker.organisation, **data)
    entry.problems.extend(
        checker.validate(new, sheet=sheet, number=entry.row, exclude=("public_id", "slug"))
    )
    if oversight and any(v not in _EMPTY for v in oversight.values()):
        entry.oversight = oversight
        entry.problems.extend(
            checker.validate(
                HumanOversight(**oversight),
                sheet=sheet,
                number=entry.row,
                prefix=f"{columns.INLINE_PART}.",
                exclude=("system",),
            )
        )


def _plan_update(
    checker: _Checker, entry: Entry, data: dict[str, Any], oversight: dict[str, Any] | None
) -> None:
    sheet = columns.SYSTEMS_SHEET
    system = entry.system
    assert system is not None  # noqa: S101 - the caller matched it
    changed = {k: v for k, v in data.items() if getattr(system, k) != v}
    entry.data = changed
    current_oversight = getattr(system, columns.INLINE_PART, None)
    if oversight:
        base = current_oversight or HumanOversight()
        changed_oversight = {k: v for k, v in oversight.items() if getattr(base, k) != v}
        if changed_oversight:
            entry.oversight = changed_oversight
    entry.changes = [
        *changed,
        *(f"{columns.INLINE_PART}.{name}" for name in entry.oversight or {}),
    ]
    if changed:
        edited = copy.copy(system)
        for name, value in changed.items():
            setattr(edited, name, value)
        entry.problems.extend(checker.validate(edited, sheet=sheet, number=entry.row))
    if entry.oversight:
        row = copy.copy(current_oversight) if current_oversight else HumanOversight()
        for name, value in entry.oversight.items():
            setattr(row, name, value)
        entry.problems.extend(
            checker.validate(
                row,
                sheet=sheet,
                number=entry.row,
                prefix=f"{columns.INLINE_PART}.",
                exclude=("system",),
            )
        )
