"""Side effects of a change to a record, announced to the apps that plug into the register."""

from __future__ import annotations

from register.extensions import PUBLICATION_EVENTS
from register.extensions import publication_changed as _publication_changed
from register.extensions import record_changed as _record_changed
from register.models import AISystem


def record_changed(system_id: int) -> None:
    """Announce that a record changed (inside the service's transaction). The compliance
    engine re-checks it once the change is committed, in the background with a broker and
    in-process without one."""
    _record_changed.send(sender=AISystem, system_id=system_id)


def publication_changed(system_id: int, *, event: str, version: int) -> None:
    """Announce (inside the service's transaction) that version ``version`` of a record was
    published (``event`` "published" the first time, "changed" after) or that the record was
    withdrawn ("withdrawn", with the number of its last public version)."""
    assert event in PUBLICATION_EVENTS, event  # noqa: S101 — a programming error, never input
    _publication_changed.send(sender=AISystem, system_id=system_id, event=event, version=version)
