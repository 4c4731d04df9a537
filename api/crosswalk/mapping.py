"""The machinery of the crosswalk tables: one declared row per field of the other register.

A format's table is a tuple of rows, in the order of the other register's template:

- ``Field(target, source, transform)``: their field ``target`` (a dotted path in the export,
  ``tier_2.scope``) is filled from ``source``, a path in the version's full frozen record
  (``register.snapshots.freeze_record``) or in its publication metadata (``meta.…``, see
  ``META_KEYS``), through ``transform``, a small named function of the value and the
  ``Context``. A ``*`` in the path maps over a list (``parts.suppliers.*.name`` gives one value
  per supplier); a tuple of paths gives the transform a tuple of values; no source at all
  (``None``) gives it ``None`` (a constant of the format).
- ``Unfilled(target, reason)``: a field the register cannot fill, with the reason. It is listed
  in every export as such and is never invented.

``run`` applies a table to a record for one audience. The full audience reads the frozen record;
the public one reads the public card (``api.crosswalk.audience``), so an export never shows more
than the card: a field whose source the card does not show is left out and listed as withheld.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from api.crosswalk.audience import WITHHELD, Reader
from register.i18n import CONTENT_LANGUAGES, pick

# The publication metadata of a version that exports may read as ``meta.<key>``: the version's
# number and date, when the record was first published, and the public addresses of its card
# and of this export. All of it is on the public card page.
META_KEYS: Final = ("version", "published_at", "first_published_at", "url", "api_url")

Transform = Callable[[Any, "Context"], Any]
Source = str | tuple[str, ...] | None


@dataclass(frozen=True)
class Context:
    """What a transformation may know besides the value: the language of the export."""

    language: str


@dataclass(frozen=True)
class Field:
    """Their field ``target``, filled from our ``source`` through ``transform``."""

    target: str
    source: Source
    transform: Transform
    note: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        if self.source is None:
            return ()
        return (self.source,) if isinstance(self.source, str) else self.source


@dataclass(frozen=True)
class Unfilled:
    """Their field ``target``, which the register cannot fill, and why."""

    target: str
    reason: Promise | str


Row = Field | Unfilled


@dataclass
class Result:
    """An export being built: the values by target, and what was withheld or left unfilled."""

    values: dict[str, Any] = field(default_factory=dict)
    withheld: list[str] = field(default_factory=list)
    unfilled: list[dict[str, str]] = field(default_factory=list)


def targets(table: Iterable[Row]) -> list[str]:
    return [row.target for row in table]


def _nest(values: Mapping[str, Any]) -> dict[str, Any]:
    """``{"tier_1.name": …}`` → ``{"tier_1": {"name": …}}``."""
    nested: dict[str, Any] = {}
    for target, value in values.items():
        *parents, key = target.split(".")
        node = nested
        for name in parents:
            node = node.setdefault(name, {})
        node[key] = value
    return nested


def _blank(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _fill(row: Field, reader: Reader, context: Context) -> Any:
    if row.source is None:
        return _blank(row.transform(None, context))
    if isinstance(row.source, tuple):
        values = tuple(reader.read(path) for path in row.source)
        if any(value is WITHHELD for value in values):
            return WITHHELD
        return _blank(row.transform(values, context))
    value = reader.read(row.source)
    if value is WITHHELD:
        return WITHHELD
    if "*" in row.source.split("."):
        return [_blank(row.transform(item, context)) for item in value]
    return _blank(row.transform(value, context))


def run(
    table: Iterable[Row],
    record: Mapping[str, Any],
    *,
    language: str,
    public: bool,
    meta: Mapping[str, Any] | None = None,
    reader: Reader | None = None,
) -> Result:
    """Apply ``table`` to the frozen ``record`` for the public (``public``) or for a reader of
    the full record, texts in ``language``. A pure function: no query, no clock. ``reader``: one
    the caller already made for the same record and audience."""
    if language not in CONTENT_LANGUAGES:
        raise ValueError(f"Unknown language {language!r}.")
    reader = reader or Reader(record, meta=meta, public=public)
    context = Context(language)
    result = Result()
    with translation.override(language):
        for row in table:
            if isinstance(row, Unfilled):
                result.unfilled.append({"field": row.target, "reason": str(row.reason)})
                continue
            value = _fill(row, reader, context)
            if value is WITHHELD:
                result.withheld.append(row.target)
            else:
                result.values[row.target] = value
    return result


def document(
    head: Mapping[str, Any],
    result: Result,
    *,
    record: Mapping[str, Any],
    language: str,
    public: bool,
    meta: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The export as JSON: which format and record it is, for whom, their fields (nested by
    target), and the lists of withheld and unfilled fields."""
    return {
        **head,
        "public_id": record["public_id"],
        "version": (meta or {}).get("version"),
        "language": language,
        "audience": "public" if public else "full",
        "record": _nest(result.values),
        "withheld": result.withheld,
        "unfilled": result.unfilled,
    }


# --- Transformations -------------------------------------------------------------------------
# Each is a small named function ``(value, context) -> value``; their names and docstrings are
# what the README's tables show.


def _named(name: str, doc: str) -> Callable[[Transform], Transform]:
    def decorate(function: Transform) -> Transform:
        function.__name__ = function.__qualname__ = name
        function.__doc__ = doc
        return function

    return decorate


def as_is(value: Any, context: Context) -> Any:
    """The value unchanged (dates as ISO strings)."""
    return value


def text(value: Any, context: Context) -> str:
    """The text in the export's language, else in the register's fallback order."""
    return str(pick(value, context.language)) if isinstance(value, Mapping) else (value or "")


def limited(length: int) -> Transform:
    @_named(f"limited({length})", f"The text, cut to {length} characters with an ellipsis.")
    def transform(value: Any, context: Context) -> str:
        words = text(value, context)
        return words if len(words) <= length else words[: length - 1].rstrip() + "…"

    return transform


def label(choices: type[models.Choices]) -> Transform:
    @_named(
        f"label({choices.__qualname__})",
        f"The label of our {choices.__qualname__} value (a list: every label), in the export's "
        "language.",
    )
    def transform(value: Any, context: Context) -> Any:
        labels = dict(choices.choices)
        if isinstance(value, list):
            return [str(labels.get(item, item)) for item in value]
        return str(labels[value]) if value in labels else (value or None)

    return transform


def vocabulary(name: str, table: Mapping[Any, Any], doc: str) -> Transform:
    """A transform that maps our value (or each of a list, dropping those without an
    equivalent) to the other register's vocabulary through ``table``."""

    @_named(name, doc)
    def transform(value: Any, context: Context) -> Any:
        if isinstance(value, list):
            mapped = (table.get(item) for item in value)
            return list(dict.fromkeys(item for item in mapped if item is not None))
        return table.get(value)

    return transform


def constant(value: Any) -> Transform:
    @_named(f"constant({value!r})", f"Always {value!r}.")
    def transform(_value: Any, context: Context) -> Any:
        return value

    return transform


def yes_no(value: Any, context: Context) -> str | None:
    """``true`` → "yes", ``false`` → "no", not stated → empty."""
    return None if value is None else ("yes" if value else "no")


def joined(transform: Transform, separator: str = "; ") -> Transform:
    @_named(
        f"joined({transform.__name__})",
        f"Each item through {transform.__name__}, joined by {separator!r}.",
    )
    def join(value: Any, context: Context) -> str:
        items = (_blank(transform(item, context)) for item in value or [])
        return separator.join(str(item) for item in items if item is not None)

    return join


def items(value: Any) -> Iterator[Mapping[str, Any]]:
    """The items of a part as a frozen record lists them (a list, one item or none)."""
    if isinstance(value, list):
        yield from value
    elif isinstance(value, Mapping):
        yield value


def lines(*transforms: Transform) -> Transform:
    """A transform of several sources: each value through its transform, the non-blank ones
    one per line."""

    @_named(
        f"lines({', '.join(t.__name__ for t in transforms)})",
        "Each source through its transformation, the non-blank ones one per line.",
    )
    def transform(values: Any, context: Context) -> str:
        parts = (_blank(t(value, context)) for t, value in zip(transforms, values, strict=True))
        return "\n".join(str(part) for part in parts if part is not None)

    return transform


def key(name: str, transform: Transform = as_is) -> Transform:
    """A transform of a part's item: its ``name`` through ``transform``."""

    through = "" if transform is as_is else f", through {transform.__name__}"

    @_named(
        f"item({name})" if transform is as_is else f"item({name}, {transform.__name__})",
        f"The item's {name}{through}.",
    )
    def read(item: Any, context: Context) -> Any:
        return transform(item.get(name) if isinstance(item, Mapping) else None, context)

    return read


def export_language(value: Any, context: Context) -> str:
    """The language of the export (kk, ru or en)."""
    return context.language
