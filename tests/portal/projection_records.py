"""Many public records quickly, for counts and query budgets: records made with the factories,
frozen into a version each and projected by ``rebuild_public_records``, so that every
``PublicRecord`` row is exactly what the projection derives from its version's card (the
workflow's checks are not what these tests are about; ``conftest.publish`` covers them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from register.models import AISystem, ImpactAssessment, Status
from register.services.projection import rebuild_public_records
from tests.factories import (
    AISystemFactory,
    HumanOversightFactory,
    ImpactAssessmentFactory,
    version_of,
)

HIGH_RISK = {"role": "deployer", "public_authority": True, "annex_iii": ["5a"]}
MINIMAL = {"is_ai_system": True, "role": "deployer"}


def public_records(
    count: int,
    *,
    answers: dict[str, Any] | None = None,
    fria: bool = False,
    overseer: bool = False,
    withdrawn: bool = False,
    published_at: dt.datetime | None = None,
    next_review_on: dt.date | None = None,
    **fields: Any,
) -> list[AISystem]:
    """``count`` records of ``fields`` (classified with ``answers``), each published once."""
    systems = []
    when = published_at or timezone.now()
    for _index in range(count):
        system = AISystemFactory(
            classification_answers=answers or MINIMAL, next_review_on=next_review_on, **fields
        )
        if fria:
            ImpactAssessmentFactory(
                system=system,
                kind=ImpactAssessment.Kind.FRIA,
                state=ImpactAssessment.State.COMPLETED,
            )
        if overseer:
            HumanOversightFactory(system=system)
        version = version_of(system, published_at=when)
        AISystem.objects.filter(pk=system.pk).update(
            published_version=version,
            status=Status.WITHDRAWN if withdrawn else Status.PUBLISHED,
            first_published_at=when,
            withdrawn_at=when if withdrawn else None,
        )
        systems.append(system)
    rebuild_public_records()
    return systems
