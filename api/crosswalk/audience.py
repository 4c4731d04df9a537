"""Who an export is for, and what it may read.

A reader of the full record (``register.view_full_record``: the record's organisation,
regulators) gets every field from the version's frozen record. The public gets what the public
card shows and nothing else: its values are read from the card that ``register.cards``
builds from the same record (``build_card``), at the place the card's own layout puts them
(``SYSTEM_LAYOUT``, ``PART_LAYOUT``, ``ORGANISATION_LAYOUT``). A source the card does not show
(a field a restricted or withheld card leaves out, a part, the questionnaire's answers) reads
as ``WITHHELD``, so what the card hides is never listed a second time here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from register.cards import ORGANISATION_LAYOUT, PART_LAYOUT, SYSTEM_LAYOUT, build_card


class _Withheld:
    def __repr__(self) -> str:
        return "WITHHELD"


#: What a source reads as when the audience may not see it.
WITHHELD: Final = _Withheld()

# The record's top-level keys that the card carries under the same name.
_SAME_ON_CARD: Final = frozenset({"public_id", "slug"})
# The classification's columns that the card's ``risk`` block shows (``build_card``); a test
# proves each one reads the same value from the card as from the record.
CLASSIFICATION_ON_CARD: Final[dict[str, tuple[str, ...]]] = {
    "risk_class": ("risk", "class"),
    "annex_iii": ("risk", "annex_iii"),
    "transparency_obligations": ("risk", "transparency_obligations"),
    "fria_required": ("risk", "fria_required"),
    "kz_risk_degree": ("risk", "kz", "risk_degree"),
    "kz_autonomy": ("risk", "kz", "autonomy"),
}
_ORGANISATION_ON_CARD: Final = {name: key for key, name in ORGANISATION_LAYOUT.items()}


def card_path(path: str) -> tuple[str, ...] | None:
    """Where the card puts the record's ``path`` (``fields.contact_email`` →
    ``contact.email``), or ``None`` when no card ever shows it."""
    head, *rest = path.split(".")
    if head in _SAME_ON_CARD and not rest:
        return (head,)
    if not rest:
        return None
    name, *tail = rest
    base: tuple[str, ...] | None = None
    if head == "fields":
        base = SYSTEM_LAYOUT.get(name)
    elif head == "parts":
        base = PART_LAYOUT.get(name)
    elif head == "organisation":
        key = _ORGANISATION_ON_CARD.get(name)
        base = ("organisation", key) if key else None
    elif head == "classification":
        base = CLASSIFICATION_ON_CARD.get(name)
    return (*base, *tail) if base is not None else None


def get(data: Any, path: Sequence[str]) -> Any:
    """The value at ``path`` in JSON ``data``; ``*`` maps over a list (a missing list is empty)
    and a missing key is ``None``."""
    for index, key in enumerate(path):
        if key == "*":
            rest = path[index + 1 :]
            return [get(item, rest) for item in (data or [])]
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def shows(card: Mapping[str, Any], path: Sequence[str]) -> bool:
    """Whether ``card`` has the place ``path`` (up to its first ``*``: the card copies the
    items of a part whole). A ``None`` on the way is shown (an empty part)."""
    node: Any = card
    for key in path:
        if key == "*" or node is None:
            return True
        if not isinstance(node, Mapping) or key not in node:
            return False
        node = node[key]
    return True


class Reader:
    """Reads sources of a frozen record for one audience (see the module's docstring)."""

    def __init__(
        self, record: Mapping[str, Any], *, meta: Mapping[str, Any] | None, public: bool
    ) -> None:
        self.record = record
        self.meta = meta or {}
        self.public = public
        self.card = build_card(dict(record)) if public else None

    def read(self, path: str) -> Any:
        head, _, rest = path.partition(".")
        if head == "meta":
            return self.meta.get(rest)
        if self.card is None:
            return get(self.record, path.split("."))
        place = card_path(path)
        if place is None or not shows(self.card, place):
            return WITHHELD
        return get(self.card, place)
