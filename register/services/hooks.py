"""Side effects of a change to a record, scheduled for after the transaction commits."""

from __future__ import annotations


def record_changed(system_id: int) -> None:
    """Re-check the record against the compliance rules once the change is committed (in the
    background with a broker, in-process without one)."""
    from compliance.tasks import enqueue_check

    enqueue_check(system_id)
