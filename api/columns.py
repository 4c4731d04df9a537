"""The columns of the register's flat files (CSV and XLSX), derived from the field schema.

One table, read by the bulk downloads (``api.bulk``), the data dictionary (its JSON and its
page) and the import template: every column comes from ``register.schema.columns()`` and the
card's layouts (``register.cards.SYSTEM_LAYOUT``/``PART_LAYOUT``), never from a hand-written
list. The convention, shared with the importer:

- the systems file: the identification columns first (``public_id``, then in exports the
  ``EXPORT_ONLY`` metadata an importer ignores), then one column per field of the record
  (translated fields side by side, ``name_kk``, ``name_ru``, ``name_en``), then the one-to-one
  oversight as ``oversight.<column>``;
- each repeatable part (``schema.REPEATABLE``): a file (an XLSX sheet) of its own, named after
  the part, with ``public_id`` first and then the part's columns;
- values: choices as their codes, multi-choice lists joined by ``"; "``, booleans ``yes``/``no``
  (empty: not stated), dates ``YYYY-MM-DD``, times ISO 8601 in UTC, no HTML; a text starting
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``
  (``neutralise``), which an importer strips again.

A public export fills only what the public card shows (``build_card``): a column's
``card_path`` says where its value sits on the card, and ``shown`` on which cards.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Final

from django.db import models
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from register import schema
from register.cards import CORE, PART_LAYOUT, SYSTEM_LAYOUT
from register.forms import help_text_for
from register.models import (
    AISystem,
    KzRiskDegree,
    Organisation,
    PublicRecord,
    PublishedVersion,
    RiskClass,
)
from register.validators import ChoiceListValidator

# Column types, as the data dictionary names them.
TEXT = "text"
CHOICE = "choice"
CHOICES = "choices"  # several codes of a list, joined by MULTI_SEPARATOR
BOOLEAN = "boolean"
INTEGER = "integer"
DATE = "date"
DATETIME = "datetime"
URL = "url"
EMAIL = "email"
IDENTIFIER = "identifier"

TYPES: Final[dict[str, Promise]] = {
    TEXT: _("text"),
    CHOICE: _("one code of the list"),
    CHOICES: _("codes of the list, separated by a semicolon and a space"),
    BOOLEAN: _("yes, no, or empty when not stated"),
    INTEGER: _("whole number"),
    DATE: _("date, YYYY-MM-DD"),
    DATETIME: _("date and time in UTC, ISO 8601"),
    URL: _("web address"),
    EMAIL: _("e-mail address"),
    IDENTIFIER: _("identifier"),
}

# On which public cards a column has a value.
ALWAYS = "always"  # every card, a restricted or withheld one too
FULL_CARD = "full_card"  # only a card that is neither restricted nor withheld
NEVER = "never"  # not on the card: a public export leaves it empty
SHOWN: Final[dict[str, Promise]] = {
    ALWAYS: _("on every public card"),
    FULL_CARD: _("only on cards that are not restricted or withheld"),
    NEVER: _("not public: always empty in the downloads"),
}

MULTI_SEPARATOR = "; "
YES, NO = "yes", "no"
# OWASP CSV injection: a cell starting with one of these is prefixed with QUOTE.
FORMULA_STARTS: Final[tuple[str, ...]] = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

# The systems file's identification columns: public_id, then (in exports) the metadata an
# importer ignores; the import template has public_id and external_id instead.
PUBLIC_ID = "public_id"
EXTERNAL_ID = "external_id"
EXPORT_ONLY: Final[tuple[str, ...]] = (
    "url",
    "organisation",
    "organisation_bin",
    "version",
    "published_at",
    "updated_at",
    "withdrawn_at",
    "risk_class",
    "kz_risk_degree",
)
IMPORT_IDENTIFIERS: Final[tuple[str, ...]] = (PUBLIC_ID, EXTERNAL_ID)


@dataclass(frozen=True)
class FlatColumn:
    """One column of a flat file.

    ``target`` is ``schema.SYSTEM``, a part's name, or ``META`` for the identification and
    metadata columns; ``field`` and ``language`` are those of ``schema.Column`` (``None`` for
    metadata); ``card_path`` is where the value sits on the card (for a repeatable part, inside
    one of its items), ``None`` when the card does not show it.
    """

    name: str
    title: Any
    type: str
    target: str = "meta"
    field: str | None = None
    language: str | None = None
    description: Any = ""
    choices: tuple[tuple[str, Any], ...] = ()
    card_path: tuple[str, ...] | None = None
    shown: str = ALWAYS
    # Where a metadata value comes from, in the row the download reads (``api.bulk``).
    source: str | None = None

    @property
    def card_address(self) -> str:
        """``card_path`` as a dotted string (``contact.email``, ``name.kk``), items of a list
        as ``[]`` (``data_sources[].name.en``)."""
        if self.card_path is None:
            return ""
        if self.target in PART_LAYOUT and self.target in schema.REPEATABLE:
            prefix = ".".join(PART_LAYOUT[self.target]) + "[]"
            return ".".join([prefix, *self.card_path])
        return ".".join(self.card_path)


META = "meta"


# --- Deriving a column from the models ---------------------------------------------------------


def _choices(model_field: models.Field) -> tuple[str, tuple[tuple[str, Any], ...]]:
    if isinstance(model_field, models.JSONField):
        validator = next(
            (v for v in model_field.validators if isinstance(v, ChoiceListValidator)), None
        )
        return (CHOICES, tuple(validator.choices)) if validator else (TEXT, ())
    if model_field.choices:
        return CHOICE, tuple((str(code), label) for code, label in model_field.choices)
    return "", ()


def _type_of(model_field: models.Field) -> tuple[str, tuple[tuple[str, Any], ...]]:
    kind, choices = _choices(model_field)
    if kind:
        return kind, choices
    if isinstance(model_field, models.BooleanField):
        return BOOLEAN, ()
    if isinstance(model_field, models.DateTimeField):
        return DATETIME, ()
    if isinstance(model_field, models.DateField):
        return DATE, ()
    if isinstance(model_field, models.IntegerField):
        return INTEGER, ()
    if isinstance(model_field, models.URLField):
        return URL, ()
    if isinstance(model_field, models.EmailField):
        return EMAIL, ()
    return TEXT, ()


def _description(model: type[models.Model], base: str, model_field: models.Field) -> Any:
    return help_text_for(model, base) or model_field.help_text or ""


def _schema_column(column: schema.Column) -> FlatColumn:
    if column.target == schema.SYSTEM:
        model: type[models.Model] = AISystem
        name = column.name
        layout = SYSTEM_LAYOUT.get(column.field)
        shown = NEVER if layout is None else ALWAYS if column.field in CORE else FULL_CARD
        card_path = layout
    else:
        part = schema.part(column.target)
        model = part.model
        name = column.name if part.many else f"{part.name}.{column.name}"
        in_layout = part.name in PART_LAYOUT
        shown = FULL_CARD if in_layout else NEVER
        # Inside an item of a repeatable part; from the card's root for the oversight.
        card_path = (
            None
            if not in_layout
            else (column.field,)
            if part.many
            else (*PART_LAYOUT[part.name], column.field)
        )
    if card_path is not None and column.language:
        card_path = (*card_path, column.language)
    model_field = model._meta.get_field(column.name)
    kind, choices = _type_of(model_field)
    title: Any = model_field.verbose_name
    if column.target != schema.SYSTEM and not schema.part(column.target).many:
        title = format_lazy("{}: {}", schema.part(column.target).title, title)
    return FlatColumn(
        name=name,
        title=title,
        type=kind,
        target=column.target,
        field=column.field,
        language=column.language,
        description=_description(model, column.field, model_field),
        choices=choices,
        card_path=card_path,
        shown=shown if card_path is not None else NEVER,
    )


def _verbose(model: type[models.Model], name: str) -> tuple[Any, Any]:
    model_field = model._meta.get_field(name)
    return model_field.verbose_name, model_field.help_text


@functools.cache
def metadata_columns() -> tuple[FlatColumn, ...]:
    """The systems file's identification and metadata columns of an export, in order."""
    public_id = _verbose(AISystem, "public_id")
    short_code = _verbose(Organisation, "short_code")
    bin_ = _verbose(Organisation, "bin")
    updated = _verbose(PublicRecord, "updated_at")
    return (
        FlatColumn(
            PUBLIC_ID,
            public_id[0],
            IDENTIFIER,
            description=public_id[1],
            card_path=("public_id",),
            source="public_id",
        ),
        FlatColumn(
            "url",
            _("address of the public card"),
            URL,
            description=_("The card on the register's website, in the reader's language."),
            source="url",
        ),
        FlatColumn(
            "organisation",
            format_lazy("{}: {}", _("organisation"), short_code[0]),
            IDENTIFIER,
            description=short_code[1],
            source="organisation",
        ),
        FlatColumn(
            "organisation_bin",
            bin_[0],
            IDENTIFIER,
            description=bin_[1],
            source="organisation_bin",
        ),
        FlatColumn(
            "version",
            _verbose(PublishedVersion, "number")[0],
            INTEGER,
            description=_("The number of the version the public card shows now."),
            source="version",
        ),
        FlatColumn(
            "published_at",
            _verbose(PublicRecord, "published_at")[0],
            DATETIME,
            description=_("When the record was first published."),
            source="published_at",
        ),
        FlatColumn("updated_at", updated[0], DATETIME, description=updated[1], source="updated_at"),
        FlatColumn(
            "withdrawn_at",
            _verbose(PublicRecord, "withdrawn_at")[0],
            DATETIME,
            description=_("When the record was withdrawn from publication; empty if it is not."),
            source="withdrawn_at",
        ),
        FlatColumn(
            "risk_class",
            _verbose(AISystem, "risk_class")[0],
            CHOICE,
            choices=tuple(RiskClass.choices),
            card_path=("risk", "class"),
        ),
        FlatColumn(
            "kz_risk_degree",
            _verbose(AISystem, "kz_risk_degree")[0],
            CHOICE,
            choices=tuple(KzRiskDegree.choices),
            card_path=("risk", "kz", "risk_degree"),
        ),
    )


@functools.cache
def record_columns() -> tuple[FlatColumn, ...]:
    """The columns of the record's own fields and of the oversight, in the schema's order."""
    return tuple(
        _schema_column(column)
        for column in schema.columns()
        if column.target == schema.SYSTEM or not schema.part(column.target).many
    )


@functools.cache
def part_columns(part_name: str) -> tuple[FlatColumn, ...]:
    """The columns of the repeatable part's file (``public_id`` not included)."""
    return tuple(
        _schema_column(column) for column in schema.columns() if column.target == part_name
    )


@functools.cache
def system_export_columns() -> tuple[FlatColumn, ...]:
    """Every column of the systems file of an export, in order."""
    return (*metadata_columns(), *record_columns())


def part_key_column() -> FlatColumn:
    return metadata_columns()[0]


@functools.cache
def part_export_columns(part_name: str) -> tuple[FlatColumn, ...]:
    return (part_key_column(), *part_columns(part_name))


def import_identifier_columns() -> tuple[str, ...]:
    """The first columns of the import template's systems sheet."""
    return IMPORT_IDENTIFIERS


# --- Writing values ----------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    return QUOTE + text if text.startswith(FORMULA_STARTS) else text


def utc_text(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def flat_value(column: FlatColumn, value: Any) -> str | int:
    """The cell of ``value`` in ``column``: a neutralised text, or an int for integers."""
    if value is None:
        return ""
    if column.type == BOOLEAN or isinstance(value, bool):
        return YES if value else NO
    if column.type == INTEGER and isinstance(value, int):
        return value
    if isinstance(value, dt.datetime):
        return utc_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return neutralise(MULTI_SEPARATOR.join(str(item) for item in value))
    if isinstance(value, dict):
        # A translated text where a language was expected: not a flat value.
        return ""
    return neutralise(str(value))


def at(data: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path`` in nested dicts, ``None`` where a key is missing."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


Getter = Callable[[dict[str, Any], dict[str, Any]], Any]
# Types whose values on the card are texts (or null): written through the fast path.
_TEXT_TYPES = frozenset({TEXT, CHOICE, DATE, URL, EMAIL, IDENTIFIER})


def getter(column: FlatColumn) -> Getter:
    """A function of (card or part item, metadata) giving the column's raw value."""
    if column.source is not None:
        source = column.source
        return lambda _card, meta: meta.get(source)
    if column.card_path is None:
        return lambda _card, _meta: None
    path = column.card_path
    if len(path) == 1:
        (key,) = path
        return lambda card, _meta: card.get(key)
    if len(path) == 2:
        first, second = path

        def two(card: dict[str, Any], _meta: dict[str, Any]) -> Any:
            value = card.get(first)
            return value.get(second) if isinstance(value, dict) else None

        return two
    return lambda card, _meta: at(card, path)


def cell(column: FlatColumn) -> Getter:
    """A function of (card or part item, metadata) giving the column's cell (``flat_value``
    of its value); texts take a shorter path, since a download makes millions of cells."""
    get = getter(column)
    if column.type not in _TEXT_TYPES:
        return lambda card, meta: flat_value(column, get(card, meta))

    def text(card: dict[str, Any], meta: dict[str, Any]) -> Any:
        value = get(card, meta)
        if value is None:
            return ""
        if type(value) is str:
            return QUOTE + value if value.startswith(FORMULA_STARTS) else value
        return flat_value(column, value)

    return text


@dataclass
class Sheet:
    """A flat file: its name (the XLSX sheet title, the CSV file's stem), its columns."""

    name: str
    title: Any
    columns: tuple[FlatColumn, ...]
    cells: tuple[Getter, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.cells = tuple(cell(column) for column in self.columns)

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def values(self, card: dict[str, Any], meta: dict[str, Any]) -> list[str | int]:
        return [make(card, meta) for make in self.cells]


SYSTEMS_SHEET = "systems"


@functools.cache
def export_sheets() -> tuple[Sheet, ...]:
    """The systems sheet, then one sheet per repeatable part, as the exports write them."""
    return (
        Sheet(SYSTEMS_SHEET, _("AI systems"), system_export_columns()),
        *(
            Sheet(name, schema.part(name).title, part_export_columns(name))
            for name in schema.REPEATABLE
        ),
    )


def part_items(card: dict[str, Any], part_name: str) -> Iterator[dict[str, Any]]:
    """The items of a repeatable part on ``card`` (none on a reduced card)."""
    items = at(card, PART_LAYOUT[part_name])
    if isinstance(items, list):
        yield from (item for item in items if isinstance(item, dict))


# --- The publication history -------------------------------------------------------------------


@functools.cache
def history_columns() -> tuple[FlatColumn, ...]:
    """The columns of ``history.csv``: one row per published version of every public record."""
    from register.i18n import CONTENT_LANGUAGES, column

    name = AISystem._meta.get_field(column("name", CONTENT_LANGUAGES[0]))
    return (
        FlatColumn(
            PUBLIC_ID,
            _verbose(AISystem, "public_id")[0],
            IDENTIFIER,
            description=_verbose(AISystem, "public_id")[1],
            source="public_id",
        ),
        FlatColumn(
            "version",
            _verbose(PublishedVersion, "number")[0],
            INTEGER,
            description=_("The number of the version, from 1."),
            source="version",
        ),
        FlatColumn(
            "url",
            _("address of the version"),
            URL,
            description=_("The version's page on the register's website."),
            source="url",
        ),
        FlatColumn(
            "published_at",
            _verbose(PublishedVersion, "published_at")[0],
            DATETIME,
            description=_("When this version was published."),
            source="published_at",
        ),
        FlatColumn(
            "superseded_at",
            _("replaced"),
            DATETIME,
            description=_("When the next version replaced this one; empty for the current one."),
            source="superseded_at",
        ),
        FlatColumn(
            "withdrawn_at",
            _verbose(PublicRecord, "withdrawn_at")[0],
            DATETIME,
            description=_(
                "When the record was withdrawn from publication, on the row of its last "
                "version; empty otherwise."
            ),
            source="withdrawn_at",
        ),
        FlatColumn(
            "sha256",
            _verbose(PublishedVersion, "sha256")[0],
            IDENTIFIER,
            description=_("The hash of the public card of this version, printed on the card."),
            source="sha256",
        ),
        FlatColumn(
            "card_schema",
            _("format of the public card"),
            IDENTIFIER,
            description=_("The format of the card this version shows, e.g. kz-ai-register/card/4."),
            source="card_schema",
        ),
        FlatColumn(
            "organisation",
            format_lazy("{}: {}", _("organisation"), _verbose(Organisation, "short_code")[0]),
            IDENTIFIER,
            source="organisation",
        ),
        *(
            FlatColumn(
                column("name", code),
                AISystem._meta.get_field(column("name", code)).verbose_name,
                TEXT,
                description=name.help_text,
                language=code,
                source=column("name", code),
            )
            for code in CONTENT_LANGUAGES
        ),
        FlatColumn(
            "risk_class",
            _verbose(AISystem, "risk_class")[0],
            CHOICE,
            choices=tuple(RiskClass.choices),
            source="risk_class",
        ),
        FlatColumn(
            "kz_risk_degree",
            _verbose(AISystem, "kz_risk_degree")[0],
            CHOICE,
            choices=tuple(KzRiskDegree.choices),
            source="kz_risk_degree",
        ),
    )


HISTORY = "history"


@functools.cache
def history_sheet() -> Sheet:
    return Sheet(HISTORY, _("Publication history"), history_columns())
