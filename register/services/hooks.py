"""Side effects of a change to a record, announced to the apps that plug into the register."""

from __future__ import annotations

from register.extensions import record_changed as _record_changed
from register.models import AISystem


def record_changed(system_id: int) -> None:
    """Announce that a record changed (inside the service's transaction). The compliance
    engine re-checks it once the change is committed, in the background with a broker and
    in-process without one."""
    _record_changed.send(sender=AISystem, system_id=system_id)
