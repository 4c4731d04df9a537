"""Predicates of ``catalogue/prohibited.yaml``: Art 5 practices."""

from __future__ import annotations

from compliance.predicates._common import CLASSIFICATION, Params, outcome_of
from compliance.rules.model import PASS, Verdict, fail
from compliance.rules.registry import predicate
from register.models import AISystem, Phase


@predicate(
    "prohibited_practice_stopped", reads=(CLASSIFICATION, "system.phase", "system.retired_on")
)
def prohibited_practice_stopped(system: AISystem, params: Params) -> Verdict:
    """A prohibited system passes only once it is retired with a date."""
    if system.phase == Phase.RETIRED and system.retired_on:
        return PASS
    practices = outcome_of(system).get("prohibited_practices") or []
    return fail(phase=system.phase, practices=sorted(map(str, practices)))
