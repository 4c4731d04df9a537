"""The translation view's forms: every translated text of a record and of its parts, in every
content language side by side.

One form per object (the record itself, then each part row in the order of
``register.schema.PARTS``), each with the object's translated columns and the point the user
started from (the record's revision, an item's last-change time). The texts come from
``schema.columns(translated_only=True)``, so a text added to the schema appears here without
a change to this module.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from django import forms as django_forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from register import schema
from register.forms import HELP_TEXTS, _formfield
from register.i18n import CONTENT_LANGUAGES, column
from register.languages import SELF_NAMES, SUBMISSION_LANGUAGES
from register.models import AISystem

# Where the user started: the record's revision, or an item's ``updated_at`` (ISO).
START = "start"

MISSING_FOR_SUBMISSION = _("Needed before you submit.")
MISSING_RECOMMENDED = _("Recommended.")


@cache
def texts(target: str) -> tuple[str, ...]:
    """Base names of the translated texts of ``target``, in the schema's order."""
    names = (c.field for c in schema.columns(translated_only=True) if c.target == target)
    return tuple(dict.fromkeys(names))


def _model(target: str) -> type[models.Model]:
    return AISystem if target == schema.SYSTEM else schema.part(target).model


class TextsForm(django_forms.ModelForm):
    start = django_forms.CharField(widget=django_forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[START] = start_of(self.instance)


def start_of(row: models.Model) -> str:
    if isinstance(row, AISystem):
        return str(row.revision)
    return row.updated_at.isoformat()  # type: ignore[attr-defined]


@cache
def form_class(target: str) -> type[TextsForm]:
    fields = [column(name, code) for name in texts(target) for code in CONTENT_LANGUAGES]
    return django_forms.modelform_factory(  # type: ignore[return-value]
        _model(target), form=TextsForm, fields=fields, formfield_callback=_formfield
    )


@dataclass(frozen=True)
class Cell:
    language: str
    self_name: str
    field: django_forms.BoundField
    missing: Any  # the note when a required text is blank, else ""


@dataclass(frozen=True)
class Text:
    name: str
    legend: str
    hint: Any
    cells: list[Cell]

    @property
    def id(self) -> str:
        return f"{self.cells[0].field.form.prefix}-{self.name}"


@dataclass(frozen=True)
class Item:
    """One object of the record on the page, with its form and its texts."""

    target: str
    row: models.Model
    title: Any
    form: TextsForm
    texts: list[Text]

    @property
    def anchor(self) -> str:
        return self.form.prefix or ""

    @property
    def missing(self) -> int:
        return sum(1 for text in self.texts for cell in text.cells if cell.missing)


def prefix_of(target: str, row: models.Model) -> str:
    """The form prefix (and anchor) of an object: ``system``, ``risks-12``."""
    return target if target == schema.SYSTEM else f"{target}-{row.pk}"


def field_anchor(target: str, row: models.Model, name: str, language: str) -> str:
    """The id of a text's input on the translation page: ``id_risks-12-mitigation_kk``."""
    return f"id_{prefix_of(target, row)}-{column(name, language)}"


def _objects(system: AISystem) -> list[tuple[str, models.Model, Any]]:
    objects: list[tuple[str, models.Model, Any]] = [(schema.SYSTEM, system, _("About the record"))]
    for part in schema.PARTS:
        if part.many:
            rows = list(getattr(system, part.name).all())
        else:
            row = getattr(system, part.name, None) if system.pk else None
            rows = [row] if row is not None else []
        objects += [(part.name, row, part.title) for row in rows]
    return objects


def items(
    system: AISystem, data: Any = None, *, read_only: bool, reserved: frozenset[str]
) -> list[Item]:
    """The objects of the record with their forms (bound to ``data`` on a POST)."""
    result = []
    for target, row, title in _objects(system):
        prefix = prefix_of(target, row)
        # An item added by someone else since the page was opened is shown as it is, unbound:
        # the user has not seen it, so nothing posted is about it.
        bound = data if data is not None and f"{prefix}-{START}" in data else None
        form = form_class(target)(bound, instance=row, prefix=prefix)
        # What the submission check counts as missing in each language (a written FRIA part
        # untranslated included), so that the view and the check cannot disagree.
        missing_in = {
            code: set(row.missing_translations(code))  # type: ignore[attr-defined]
            for code in CONTENT_LANGUAGES
        }
        cells: dict[str, list[Cell]] = defaultdict(list)
        for name in texts(target):
            for code in CONTENT_LANGUAGES:
                col = column(name, code)
                field = form.fields[col]
                field.disabled = read_only or (target == schema.SYSTEM and col in reserved)
                field.widget.attrs["lang"] = code
                missing: Any = ""
                if name in missing_in[code]:
                    missing = (
                        MISSING_FOR_SUBMISSION
                        if code in SUBMISSION_LANGUAGES
                        else MISSING_RECOMMENDED
                    )
                field.help_text = missing
                cells[name].append(Cell(code, SELF_NAMES[code], form[col], missing))
        text_rows = [
            Text(
                name,
                capfirst(_base_label(row, name)),
                HELP_TEXTS.get(name, "") if target == schema.SYSTEM else "",
                cells[name],
            )
            for name in texts(target)
        ]
        result.append(Item(target, row, title, form, text_rows))
    return result


def _base_label(row: models.Model, name: str) -> Any:
    field = row._meta.get_field(column(name, CONTENT_LANGUAGES[0]))
    return getattr(field, "base_verbose_name", field.verbose_name)


@dataclass(frozen=True)
class Gap:
    """A text that is blank in ``language``: required (``schema.translation_gaps`` counts it)
    or optional but written in another language."""

    target: str
    row: models.Model
    name: str
    title: Any
    language: str

    @property
    def anchor(self) -> str:
        return field_anchor(self.target, self.row, self.name, self.language)

    @property
    def label(self) -> Any:
        return capfirst(_base_label(self.row, self.name))

    @property
    def item(self) -> str:
        return "" if self.target == schema.SYSTEM else f"{self.title}: {self.row}"


def gaps(system: AISystem) -> dict[str, tuple[list[Gap], list[Gap]]]:
    """For each content language, the required texts blank in it (those of
    ``schema.translation_gaps``, item by item) and the optional ones written in another
    language only, in the order of the translation page."""
    result: dict[str, tuple[list[Gap], list[Gap]]] = {c: ([], []) for c in CONTENT_LANGUAGES}
    for target, row, title in _objects(system):
        missing = row.missing_translations  # type: ignore[attr-defined]
        required = {c: set(missing(c)) for c in CONTENT_LANGUAGES}
        for name in texts(target):
            written = {c for c in CONTENT_LANGUAGES if str(getattr(row, column(name, c))).strip()}
            for code in CONTENT_LANGUAGES:
                gap = Gap(target, row, name, title, code)
                if name in required[code]:
                    result[code][0].append(gap)
                elif written and code not in written:
                    result[code][1].append(gap)
    return result
