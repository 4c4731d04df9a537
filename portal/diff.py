"""What changed between two published versions of a record: a pure function of their cards.

``diff_cards(before, after)`` compares two public cards (``PublishedVersion.snapshot``) of any
format of ``register.cards.CARD_SCHEMAS`` and returns the changes field by field. It reads
nothing but the two dicts, so it is as trustworthy as the frozen versions themselves:

* A key missing from one card (an older format) counts as absent, like an empty value: only
  what either card states is compared, and "empty" is the same whatever its spelling (``None``,
  ``""``, ``[]``, a ``{kk, ru, en}`` dict with no text).
* Translated texts are compared language by language; inside a long text the words that
  changed are given as segments (``Segment``), to be shown as ``<ins>``/``<del>``; the template
  escapes them like any other text.
* Repeatable parts (data sources, risks, suppliers, impact assessments, legal bases, the frozen
  compliance findings) are matched by their stable ``id`` (a finding by its rule), never by
  position, so a reordered list is no change; cards of the first format have no ids and are
  matched by name.
* Lists of coded values (techniques, channels, Annex III points...) are sets: reordering is no
  change; the values added and removed are listed.
* When one of the two cards is reduced (restricted or withheld, ``register.cards.is_reduced``)
  and the other is not, only the fields a reduced card has are compared and the result says so
  (``Diff.reduced``): the comparison never lists what one of the versions did not show.

Labels come from ``register.vocabulary`` (``FIELD_LABELS``) and, for the fields it does not
name, from the models' verbose names; coded values are shown with their choice labels. Both are
lazy: a ``Change`` is rendered in the language active at rendering time.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Final, Literal

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from register import schema
from register.cards import (
    COMPLIANCE_BLOCK,
    ORGANISATION_LAYOUT,
    PART_LAYOUT,
    SYSTEM_LAYOUT,
    is_reduced,
)
from register.i18n import CONTENT_LANGUAGES
from register.models import AISystem, Organisation
from register.vocabulary import FIELD_LABELS, choice_label

Kind = Literal["added", "removed", "changed"]
ADDED: Final = "added"
REMOVED: Final = "removed"
CHANGED: Final = "changed"

# A text longer than this many words is compared word by word; a shorter one is shown whole,
# before and after.
LONG_TEXT_WORDS: Final = 12

# Keys of a card that are not facts about the system: its format, its address.
_NOT_COMPARED: Final = frozenset({"schema", "public_id", "slug"})
# Keys of the organisation block that identify it rather than describe it.
_ORGANISATION_NOT_COMPARED: Final = frozenset({"id", "code"})
# Keys of the findings block that every publication renews: when the check ran.
_COMPLIANCE_NOT_COMPARED: Final = frozenset({"checked_at"})

# The choice class (``register.vocabulary.CHOICES``) of each coded value, by its path on the
# card, a part's items written as "*".
CHOICE_KINDS: Final[Mapping[tuple[str, ...], str]] = {
    ("phase",): "phase",
    ("application_area",): "application_area",
    ("policy_area",): "policy_area",
    ("techniques",): "technique",
    ("channels",): "channel",
    ("decision_role",): "decision_role",
    ("act_role",): "act_role",
    ("withholding",): "withholding",
    ("legal_position", "position"): "legal_position",
    ("organisation", "jurisdiction"): "jurisdiction",
    ("risk", "class"): "risk_class",
    ("risk", "kz", "risk_degree"): "kz_risk_degree",
    ("risk", "kz", "autonomy"): "kz_autonomy",
    ("oversight", "mode"): "oversight_mode",
    ("data_sources", "*", "uses"): "data_use",
    ("data_sources", "*", "personal_data"): "personal_data",
    ("data_sources", "*", "special_categories"): "special_category",
    ("impact_assessments", "*", "kind"): "assessment_kind",
    ("impact_assessments", "*", "state"): "assessment_state",
    ("risks", "*", "likelihood"): "risk_level",
    ("risks", "*", "severity"): "risk_level",
    (COMPLIANCE_BLOCK, "findings", "*", "severity"): "finding_severity",
    (COMPLIANCE_BLOCK, "findings", "*", "status"): "finding_state",
}

# Labels of the card's keys that are neither a field of the record nor of a part.
_OTHER_LABELS: Final[Mapping[tuple[str, ...], Any]] = {
    ("risk", "kz", "prohibited"): _("has a capability that Kazakhstan's AI Law prohibits"),
    ("risk", "kz", "state_infosec_regime"): _(
        "information-security requirements for state systems apply"
    ),
    (COMPLIANCE_BLOCK, "checked_at"): _("compliance checked on"),
    (COMPLIANCE_BLOCK, "counts"): _("open compliance findings"),
    (COMPLIANCE_BLOCK, "findings"): _("compliance findings"),
    (COMPLIANCE_BLOCK, "findings", "*", "title"): _("requirement"),
    (COMPLIANCE_BLOCK, "findings", "*", "severity"): _("severity"),
    (COMPLIANCE_BLOCK, "findings", "*", "status"): _("status"),
    (COMPLIANCE_BLOCK, "findings", "*", "first_seen_on"): _("found on"),
    (COMPLIANCE_BLOCK, "findings", "*", "waived_until"): _("set aside until"),
    (COMPLIANCE_BLOCK, "findings", "*", "citation"): _("legal basis"),
}
# The card's part fields whose label in ``FIELD_LABELS`` has another key than the field.
_PART_LABEL_KEYS: Final[Mapping[tuple[str, str], str]] = {
    ("oversight", "mode"): "oversight_mode",
    ("suppliers", "name"): "supplier",
    ("suppliers", "identifier"): "supplier_identifier",
    ("suppliers", "role"): "supplier_role",
    ("risks", "name"): "risk",
    ("risks", "owner"): "risk_owner",
    ("data_sources", "retention_days"): "retention",
    ("impact_assessments", "summary"): "assessment_summary",
    ("impact_assessments", "url"): "assessment_link",
}
# The key that identifies an item of each list of parts when it has no ``id`` (format 1).
_NAME_KEYS: Final[Mapping[tuple[str, ...], tuple[str, ...]]] = {
    ("impact_assessments",): ("kind",),
    ("legal", "bases"): ("title",),
    (COMPLIANCE_BLOCK, "findings"): ("rule_id",),
}
# Lists of items matched by another key than ``id``: a finding is the same while its rule is.
_ITEM_KEYS: Final[Mapping[tuple[str, ...], str]] = {(COMPLIANCE_BLOCK, "findings"): "rule_id"}
# Keys of an item that are its identity, not facts to compare.
_ITEM_IDENTITY: Final = frozenset({"id"})


def _model_label(model: type[models.Model], name: str) -> Any:
    try:
        found = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 — a translated attribute has only per-language columns
        found = model._meta.get_field(f"{name}_{CONTENT_LANGUAGES[0]}")
    return getattr(found, "base_verbose_name", found.verbose_name)


@cache
def _labels() -> dict[tuple[str, ...], Any]:
    """The lazy label of every path of the card, a part's items written as "*"."""
    labels: dict[tuple[str, ...], Any] = {}
    for name, path in SYSTEM_LAYOUT.items():
        labels[path] = FIELD_LABELS.get(name) or _model_label(AISystem, name)
    for part in schema.PARTS:
        path = PART_LAYOUT[part.name]
        labels[path] = part.title
        item = path if not part.many else (*path, "*")
        for name in part.fields:
            key = _PART_LABEL_KEYS.get((part.name, name), name)
            labels[(*item, name)] = FIELD_LABELS.get(key) or _model_label(part.model, name)
    for key, name in ORGANISATION_LAYOUT.items():
        labels[("organisation", key)] = _model_label(Organisation, name)
    for key, name in (
        ("class", "risk_class"),
        ("annex_iii", "annex_iii"),
        ("transparency_obligations", "transparency_obligations"),
        ("fria_required", "fria_required"),
    ):
        labels[("risk", key)] = _model_label(AISystem, name)
    labels[("risk", "kz", "risk_degree")] = FIELD_LABELS["kz_risk_degree"]
    labels[("risk", "kz", "autonomy")] = FIELD_LABELS["kz_autonomy"]
    labels.update(_OTHER_LABELS)
    return labels


def _pattern(path: tuple[str, ...]) -> tuple[str, ...]:
    """``("risks", "12", "name")`` → ``("risks", "*", "name")``."""
    return tuple("*" if part.startswith("#") else part for part in path)


def label_of(path: tuple[str, ...]) -> str:
    """The capitalised label of a path of the card in the active language; the last key of
    the path for a key no format declares (a newer card read by older code)."""
    pattern = _pattern(path)
    label = _labels().get(pattern)
    return capfirst(str(label)) if label is not None else capfirst(pattern[-1].replace("_", " "))


# --- Values ------------------------------------------------------------------------------------


def is_text(value: Any) -> bool:
    """A ``{kk, ru, en}`` dict: a translated text."""
    return (
        isinstance(value, Mapping)
        and bool(value)
        and set(value) <= set(CONTENT_LANGUAGES)
        and all(v is None or isinstance(v, str) for v in value.values())
    )


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if is_text(value):
        return all(_blank(v) for v in value.values())
    if isinstance(value, list | dict):
        return not value
    return False


@dataclass(frozen=True)
class Segment:
    """A run of words of a long text: unchanged (``equal``), added or removed."""

    op: Literal["equal", "insert", "delete"]
    text: str


@dataclass(frozen=True)
class TextChange:
    """One language of a translated text that changed. ``segments`` holds the words changed
    inside a long text; for a short one it is empty and ``before``/``after`` are shown whole."""

    language: str
    before: str
    after: str
    segments: tuple[Segment, ...] = ()

    @property
    def language_name(self) -> str:
        from register.languages import LANGUAGE_NAMES

        return capfirst(str(LANGUAGE_NAMES[self.language]))


_TOKENS = re.compile(r"\s+|[^\s]+")


def word_segments(before: str, after: str) -> tuple[Segment, ...]:
    """The words of ``after`` compared with ``before`` (``difflib`` on words, spaces kept)."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(old[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("delete", "".join(old[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(Segment("insert", "".join(new[j1:j2])))
    return tuple(segments)


def _text_changes(before: Any, after: Any) -> tuple[TextChange, ...]:
    before = before if is_text(before) else {}
    after = after if is_text(after) else {}
    changes = []
    for code in CONTENT_LANGUAGES:
        old, new = (before.get(code) or "").strip(), (after.get(code) or "").strip()
        if old == new:
            continue
        long = old and new and max(len(old.split()), len(new.split())) > LONG_TEXT_WORDS
        changes.append(TextChange(code, old, new, word_segments(old, new) if long else ()))
    return tuple(changes)


def display(value: Any, path: tuple[str, ...]) -> str:
    """A stored value as the public reads it, in the active language: a choice's label, a
    translated text in the active language, yes/no, a list joined with commas."""
    from register.templatetags.card_tags import annex_iii_use, isodate, translated

    pattern = _pattern(path)
    kind = CHOICE_KINDS.get(pattern)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if is_text(value):
        return str(translated(value))
    if isinstance(value, list):
        if pattern == ("risk", "annex_iii"):
            return "; ".join(str(annex_iii_use(v)) for v in value)
        return ", ".join(display(v, path) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {display(v, (*path, k))}" for k, v in value.items())
    if kind:
        return choice_label(kind, value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
        return isodate(value)
    return str(value)


# --- Changes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field, or one item of a part, that was added, removed or changed.

    ``path`` is the key path on the card (an item of a part is written ``#<id>``); ``item``
    names the part's item a field belongs to, for the reader (its name in the active
    language); ``texts`` holds, for a translated text, each language that changed.
    ``before``/``after`` are the stored values (``None`` when absent).
    """

    path: tuple[str, ...]
    kind: Kind
    before: Any = None
    after: Any = None
    item: Any = None
    texts: tuple[TextChange, ...] = ()

    @property
    def label(self) -> str:
        return label_of(self.path)

    @property
    def group(self) -> tuple[str, ...]:
        """The field or part of the card this change belongs to (for the summary)."""
        for path in PART_LAYOUT.values():
            if self.path[: len(path)] == path:
                return path
        if self.path[:2] == (COMPLIANCE_BLOCK, "findings"):
            return self.path[:2]
        return self.path

    @property
    def group_label(self) -> str:
        return label_of(self.group)

    @property
    def is_item(self) -> bool:
        """A whole item of a part added or removed."""
        return bool(self.path) and self.path[-1].startswith("#")

    @property
    def item_name(self) -> str:
        from register.templatetags.card_tags import translated

        return str(translated(self.item)) if self.item is not None else ""

    @property
    def before_text(self) -> str:
        return display(self.before, self.path)

    @property
    def after_text(self) -> str:
        return display(self.after, self.path)

    @property
    def added_values(self) -> list[str]:
        """For a list of coded values: the labels of the values added."""
        return self._set_difference(self.after, self.before)

    @property
    def removed_values(self) -> list[str]:
        return self._set_difference(self.before, self.after)

    def _set_difference(self, left: Any, right: Any) -> list[str]:
        if not isinstance(left, list) or (right is not None and not isinstance(right, list)):
            return []
        kept = {_hashable(v) for v in right or []}
        return [display(v, self.path) for v in left if _hashable(v) not in kept]

    @property
    def is_set(self) -> bool:
        """A list of plain values, shown as the values added and removed."""
        return any(
            isinstance(v, list) and all(not isinstance(x, dict) for x in v)
            for v in (self.before, self.after)
        )


@dataclass(frozen=True)
class Diff:
    """The changes from one card to another, in the order of the newer card's fields."""

    changes: tuple[Change, ...]
    # One card is reduced (restricted or withheld) and the other is not: only what a reduced
    # card shows was compared.
    reduced: bool = False
    withholding_changed: bool = False
    summary: dict[str, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


def _item_key(item: Any, list_path: tuple[str, ...]) -> str:
    """What matches an item of a part in the other version: its stable id, else its name."""
    if not isinstance(item, Mapping):
        return f"={_hashable(item)!r}"
    key = _ITEM_KEYS.get(list_path, "id")
    if item.get(key) not in (None, ""):
        return f"#{item[key]}"
    for name in _NAME_KEYS.get(list_path, ("name",)):
        value = item.get(name)
        if is_text(value):
            # Format 1 has no ids: the item is the one with the same name in any language.
            texts = sorted(v.strip() for v in value.values() if v and v.strip())
            return "=" + "|".join(texts[:1])
        if value not in (None, ""):
            return f"={value}"
    return f"={_hashable(item)!r}"


def _item_name(item: Mapping[str, Any], list_path: tuple[str, ...]) -> Any:
    for name in (*_NAME_KEYS.get(list_path, ()), "name", "title", "kind", "rule_id"):
        value = item.get(name)
        if not _blank(value):
            kind = CHOICE_KINDS.get((*list_path, "*", name))
            return choice_label(kind, value) if kind and isinstance(value, str) else value
    return None


def _compare(before: Any, after: Any, path: tuple[str, ...], item: Any = None) -> Iterator[Change]:
    if _blank(before) and _blank(after):
        return
    if is_text(before) or is_text(after):
        texts = _text_changes(before, after)
        if not texts:
            return
        kind = ADDED if _blank(before) else REMOVED if _blank(after) else CHANGED
        yield Change(path, kind, before, after, item=item, texts=texts)
        return
    if all(isinstance(v, Mapping) or _blank(v) for v in (before, after)):
        # A block of the card (the contact, the oversight...), present in either: key by key.
        yield from _compare_mappings(before or {}, after or {}, path, item)
        return
    if _is_item_list(before) or _is_item_list(after):
        yield from _compare_items(before or [], after or [], path)
        return
    if isinstance(before, list) or isinstance(after, list):
        old = {_hashable(v) for v in before or []}
        new = {_hashable(v) for v in after or []}
        if old == new:
            return
    elif before == after:
        return
    kind = ADDED if _blank(before) else REMOVED if _blank(after) else CHANGED
    yield Change(path, kind, before, after, item=item)


def _is_item_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _compare_mappings(
    before: Mapping[str, Any], after: Mapping[str, Any], path: tuple[str, ...], item: Any
) -> Iterator[Change]:
    skip = {
        ("organisation",): _ORGANISATION_NOT_COMPARED,
        (COMPLIANCE_BLOCK,): _COMPLIANCE_NOT_COMPARED,
    }.get(path, _ITEM_IDENTITY)
    for key in dict.fromkeys([*after, *before]):
        if key in skip or (not path and key in _NOT_COMPARED):
            continue
        yield from _compare(before.get(key), after.get(key), (*path, key), item)


def _compare_items(before: list[Any], after: list[Any], path: tuple[str, ...]) -> Iterator[Change]:
    old = {_item_key(v, path): v for v in before}
    new = {_item_key(v, path): v for v in after}
    for key in dict.fromkeys([*new, *old]):
        item_path = (*path, key if key.startswith("#") else f"#{key}")
        if key not in old:
            yield Change(item_path, ADDED, None, new[key], item=_item_name(new[key], path))
        elif key not in new:
            yield Change(item_path, REMOVED, old[key], None, item=_item_name(old[key], path))
        else:
            name = _item_name(new[key], path) or _item_name(old[key], path)
            yield from _compare_mappings(old[key], new[key], item_path, name)


def _summary(changes: tuple[Change, ...]) -> dict[str, list[str]]:
    """The labels of what was changed, added and removed, each once; items of a part are
    counted: "Data sources (2)"."""
    items: dict[tuple[Kind, tuple[str, ...]], int] = {}
    labels: dict[Kind, dict[str, None]] = {ADDED: {}, REMOVED: {}, CHANGED: {}}
    for change in changes:
        if change.is_item:
            items[(change.kind, change.group)] = items.get((change.kind, change.group), 0) + 1
            continue
        kind = change.kind if change.group == change.path else CHANGED
        labels[kind][change.group_label] = None
    for (kind, group), count in items.items():
        labels[kind][f"{label_of(group)} ({count})"] = None
    return {kind: list(names) for kind, names in labels.items()}


def reduced_view(card: Mapping[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    """``card`` restricted to the keys the reduced one of the two cards has."""

    def keep(full: Any, reduced: Any) -> Any:
        if isinstance(full, Mapping) and isinstance(reduced, Mapping) and not is_text(full):
            return {k: keep(full[k], reduced[k]) for k in full if k in reduced}
        return full

    return keep(card, other)


def diff_cards(before: Mapping[str, Any], after: Mapping[str, Any]) -> Diff:
    """The changes from the card ``before`` to the card ``after`` (see the module's docstring).

    Guarantees: a pure function of the two dicts (no query, no clock); reordering a part's
    items or a list of coded values is no change; when exactly one card is reduced, no value
    outside that card's keys appears in the result.
    """
    before, after = dict(before), dict(after)  # shallow copies: the caller's cards stay
    reduced_before = is_reduced(before.get("withholding"))
    reduced_after = is_reduced(after.get("withholding"))
    reduced = reduced_before != reduced_after
    if reduced:
        if reduced_before:
            after = reduced_view(after, before)
        else:
            before = reduced_view(before, after)
        # A reduced card keeps only the counts of the findings: compare those alone.
        for card in (before, after):
            if isinstance(card.get(COMPLIANCE_BLOCK), Mapping):
                card[COMPLIANCE_BLOCK] = {
                    k: v for k, v in card[COMPLIANCE_BLOCK].items() if k != "findings"
                }
    changes = tuple(_compare_mappings(before, after, (), None))
    return Diff(
        changes=changes,
        reduced=reduced,
        withholding_changed=(before.get("withholding") or "none")
        != (after.get("withholding") or "none"),
        summary=_summary(changes),
    )
