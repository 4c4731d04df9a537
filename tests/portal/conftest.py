"""Fixtures of the public portal's tests: records published through the services, as an
agency publishes them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from register import workflow
from register.models import AISystem
from register.services import publication
from tests.factories import complete_system


@pytest.fixture
def publish(approver) -> Callable[[AISystem], AISystem]:
    """Submit and publish ``system`` (a complete draft or a record changed since it was
    published) as the agency's approver; returns it reloaded."""

    def _publish(system: AISystem, *, actor=None) -> AISystem:
        publication.system_submit(system=system, actor=actor or system_editor(system))
        publication.system_publish(
            system=system, actor=approver, confirmed=workflow.confirmation_names("publish")
        )
        system.refresh_from_db()
        return system

    return _publish


def system_editor(system: AISystem):  # type: ignore[no-untyped-def]
    from register.models import Membership

    membership = (
        Membership.objects.filter(organisation=system.organisation, role="editor")
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


@pytest.fixture
def published_system(agency, editor, publish) -> AISystem:
    """A complete record of the agency, published once."""
    return publish(complete_system(agency, editor))
