"""Predicates of ``catalogue/oversight.yaml``: human oversight (Art 14, 26)."""

from __future__ import annotations

from compliance.classification import ANNEX_III_POINTS
from compliance.predicates._common import (
    CLASSIFICATION,
    OVERSIGHT_TEXT_FIELDS,
    Params,
    annex_iii_points,
    has_text,
    oversight_of,
)
from compliance.rules.model import PASS, Choice, Verdict, fail, not_applicable
from compliance.rules.registry import predicate
from register.models import AISystem


@predicate("oversight_role_named", reads=("oversight.responsible_role",))
def oversight_role_named(system: AISystem, params: Params) -> Verdict:
    oversight = oversight_of(system)
    if oversight is None:
        return fail(reason="no_oversight")
    return PASS if has_text(oversight, "responsible_role") else fail(reason="no_role")


def _ability_described(system: AISystem, ability: str, how: str) -> Verdict:
    """The overseer has ``ability`` (a flag) and the record says how it is used (a text)."""
    oversight = oversight_of(system)
    if oversight is None:
        return fail(reason="no_oversight")
    missing = [
        name
        for name, present in (
            (ability, getattr(oversight, ability)),
            (how, has_text(oversight, how)),
        )
        if not present
    ]
    return fail(missing=missing) if missing else PASS


@predicate("oversight_can_override", reads=("oversight.can_override", "oversight.override_how"))
def oversight_can_override(system: AISystem, params: Params) -> Verdict:
    return _ability_described(system, "can_override", "override_how")


@predicate("oversight_can_stop", reads=("oversight.can_stop", "oversight.stop_how"))
def oversight_can_stop(system: AISystem, params: Params) -> Verdict:
    return _ability_described(system, "can_stop", "stop_how")


@predicate(
    "oversight_text_present",
    params={"field": Choice(OVERSIGHT_TEXT_FIELDS)},
    reads=lambda params: {f"oversight.{params['field']}"},
)
def oversight_text_present(system: AISystem, params: Params) -> Verdict:
    oversight = oversight_of(system)
    if oversight is None:
        return fail(reason="no_oversight")
    return PASS if has_text(oversight, params["field"]) else fail(field=params["field"])


@predicate(
    "two_person_verification",
    params={"points": Choice(ANNEX_III_POINTS, many=True), "min_people": int},
    reads=(CLASSIFICATION, "oversight.people_count"),
)
def two_person_verification(system: AISystem, params: Params) -> Verdict:
    """Art 14(5): an identification is acted on only when verified by at least two people."""
    if not set(params["points"]) & set(annex_iii_points(system)):
        return not_applicable(reason="annex_iii_point_not_used")
    oversight = oversight_of(system)
    people = oversight.people_count if oversight is not None else None
    if people is None or people < params["min_people"]:
        return fail(people=people, min_people=params["min_people"])
    return PASS


@predicate("logs_retained", params={"min_days": int}, reads=("oversight.log_retention_days",))
def logs_retained(system: AISystem, params: Params) -> Verdict:
    oversight = oversight_of(system)
    days = oversight.log_retention_days if oversight is not None else None
    if days is None or days < params["min_days"]:
        return fail(days=days, min_days=params["min_days"])
    return PASS
