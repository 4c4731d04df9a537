"""Where the apps above the register plug in, so that the register never imports them.

- ``record_changed``: a signal sent once a change to a record is committed to the services'
  transaction (``register.services.hooks.record_changed``); the compliance engine re-checks the
  record on it.
- ``publication_changed``: a signal sent when a version is published or a record withdrawn
  (``register.services.hooks.publication_changed``); the API's webhooks tell re-users on it.
- Preconditions of workflow actions: ``register.workflow.add_precondition``.
- Confirmations asked before a workflow action: ``register.workflow.add_confirmation``.
- ``RECORD_PANELS``: boxes shown on a record's task list, each a template and a function that
  gives its context (the compliance engine shows the record's findings there).
- ``FROZEN_BLOCKS``: data frozen into every published version beside the record (the compliance
  engine's findings at publication), each under its own key of the frozen record.
- ``RECORD_RELATIONS``: one-to-one rows of other apps loaded with every record by
  ``selectors.systems_with_parts`` (a join, no extra query), so that the rule engine's
  predicates read them without a query (the plain-language review).
- ``FIELD_HINTS``: advice shown next to a field of a section form, from a function of the
  record and the editing language (the plain-language assistant).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.dispatch import Signal

# Sent with ``system_id`` after a record or one of its parts changed, inside the service's
# transaction; receivers schedule their work with ``transaction.on_commit``.
record_changed = Signal()

# Sent with ``system_id``, ``event`` (one of ``PUBLICATION_EVENTS``) and ``version`` (the number
# of the public version) inside the transaction that published or withdrew a record; receivers
# schedule their work with ``transaction.on_commit``.
publication_changed = Signal()
#: First publication, a later version, withdrawal.
PUBLICATION_EVENTS = ("published", "changed", "withdrawn")


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: Callable[[Any, Any], dict[str, Any]]  # (system, user) -> template context


RECORD_PANELS: list[Panel] = []


def add_record_panel(panel: Panel) -> None:
    """Show ``panel`` on every record's task list (idempotent by name)."""
    RECORD_PANELS[:] = [p for p in RECORD_PANELS if p.name != panel.name]
    RECORD_PANELS.append(panel)


def record_panels(system: Any, user: Any) -> list[tuple[str, dict[str, Any]]]:
    """The panels of a record's task list, as (template, context) pairs."""
    return [(panel.template, panel.context(system, user)) for panel in RECORD_PANELS]


@dataclass(frozen=True)
class FrozenBlock:
    """Data an app above the register adds to every published version, under ``name`` in the
    frozen record (the compliance engine's findings at publication)."""

    name: str
    build: Callable[[Any], Any]  # (system) -> JSON-ready data


FROZEN_BLOCKS: list[FrozenBlock] = []


def add_frozen_block(block: FrozenBlock) -> None:
    """Freeze ``block`` into every version published from now on (idempotent by name)."""
    FROZEN_BLOCKS[:] = [b for b in FROZEN_BLOCKS if b.name != block.name]
    FROZEN_BLOCKS.append(block)


def frozen_blocks(system: Any) -> dict[str, Any]:
    """The added blocks of ``system``'s next version, by name."""
    return {block.name: block.build(system) for block in FROZEN_BLOCKS}


RECORD_RELATIONS: list[str] = []


def add_record_relation(name: str) -> None:
    """Load the reverse one-to-one ``name`` with every record (idempotent)."""
    if name not in RECORD_RELATIONS:
        RECORD_RELATIONS.append(name)


#: (system, language) -> {form field name: [hint text, ...]}
FieldHints = Callable[[Any, str], dict[str, list[Any]]]
FIELD_HINTS: list[FieldHints] = []


def add_field_hints(provider: FieldHints) -> None:
    """Show what ``provider`` says next to the fields of the section forms (idempotent)."""
    if provider not in FIELD_HINTS:
        FIELD_HINTS.append(provider)


def field_hints(system: Any, language: str) -> dict[str, list[Any]]:
    """Every provider's hints on ``system``'s fields in ``language``, by form field name."""
    merged: dict[str, list[Any]] = {}
    for provider in FIELD_HINTS:
        for name, hints in provider(system, language).items():
            merged.setdefault(name, []).extend(hints)
    return merged
