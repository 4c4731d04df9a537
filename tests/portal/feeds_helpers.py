"""Records for the tests of the feeds and the disclosure kit."""

from __future__ import annotations

from register.models import AISystem, Withholding
from register.services import records
from tests.factories import complete_system

# Texts a restricted card must not show: in fields outside the card's core.
HIDDEN_MARKERS = {
    "scope_en": "MARKER-SCOPE",
    "benefits_en": "MARKER-BENEFITS",
    "alternatives_en": "MARKER-ALTERNATIVES",
    "process_integration_en": "MARKER-PROCESS",
}


def restricted_system(agency, editor, approver, publish) -> AISystem:  # type: ignore[no-untyped-def]
    """A complete record with ``HIDDEN_MARKERS`` in its hidden fields, restricted under AI Act
    Art 49(4) by the approver and published."""
    system = complete_system(agency, editor, **HIDDEN_MARKERS)
    records.system_update(
        system=system,
        actor=approver,
        data={"withholding": Withholding.RESTRICTED},
        expected_revision=system.revision,
    )
    system.refresh_from_db()
    return publish(system)
