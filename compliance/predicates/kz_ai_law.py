"""Predicates of ``catalogue/kz_ai_law.yaml``: Kazakhstan's Law on Artificial Intelligence.

Facts of the classification come from the stored outcome's ``kz`` object (risk degree, autonomy,
prohibited capabilities, the state information-security regime) and, for what the owner or
holder states about them, from the questionnaire's answers (``kz_failure_consequences``,
``kz_risk_assigned_by``, ``human_can_correct``, ``synthetic_results``).

Measurable proxy: a system under the state information-security regime (Art 17) shows that it
meets its requirements by a completed security assessment (``ImpactAssessment`` kind
``security``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from compliance.classification import KZ_PROHIBITED_CAPABILITIES, kz_autonomy
from compliance.predicates._common import (
    CLASSIFICATION,
    Params,
    assessments,
    has_text,
    outcome_of,
    oversight_of,
)
from compliance.rules.model import PASS, Choice, Verdict, fail, not_applicable
from compliance.rules.registry import predicate
from register.models import (
    AISystem,
    Channel,
    HumanOversight,
    ImpactAssessment,
    LegalPosition,
    Phase,
)


def kz_outcome(system: AISystem) -> Mapping[str, Any]:
    """The ``kz`` part of the stored outcome (empty until classified under the AI Law)."""
    return outcome_of(system).get("kz") or {}


def _answer_text(system: AISystem, name: str) -> str:
    return str((system.classification_answers or {}).get(name) or "").strip()


@predicate("kz_risk_degree_assigned", reads=(CLASSIFICATION,))
def kz_risk_degree_assigned(system: AISystem, params: Params) -> Verdict:
    """Art 17(1): a degree, the consequences of failure it was judged by, and who assigned it."""
    missing = [] if kz_outcome(system).get("risk_degree") else ["risk_degree"]
    missing += [
        name
        for name in ("kz_failure_consequences", "kz_risk_assigned_by")
        if not _answer_text(system, name)
    ]
    return fail(missing=missing) if missing else PASS


@predicate(
    "kz_state_infosec_confirmed",
    reads=(CLASSIFICATION, "impact_assessments.kind", "impact_assessments.state"),
)
def kz_state_infosec_confirmed(system: AISystem, params: Params) -> Verdict:
    """A high-degree system that is a critical ICT object or forms state electronic information
    resources has a completed security assessment (see the module docstring)."""
    if not kz_outcome(system).get("state_infosec_regime"):
        return not_applicable(reason="no_state_infosec_regime")
    found = assessments(system, ImpactAssessment.Kind.SECURITY)
    if any(a.state == ImpactAssessment.State.COMPLETED for a in found):
        return PASS
    return fail(reason="not_completed" if found else "missing")


@predicate(
    "kz_autonomy_consistent",
    reads=(
        CLASSIFICATION,
        "system.decision_role",
        "oversight.mode",
        "oversight.can_override",
    ),
)
def kz_autonomy_consistent(system: AISystem, params: Params) -> Verdict:
    """Art 17(2): the autonomy that the record's decision role and the answer "a person can
    correct or cancel" give agrees with the human-oversight part and the stored outcome."""
    role = system.decision_role or None
    autonomy = kz_autonomy(role, (system.classification_answers or {}).get("human_can_correct"))
    if autonomy is None:
        return not_applicable(reason="no_decision_role")
    oversight = oversight_of(system)
    can_override = oversight is not None and oversight.can_override
    contradictions = []
    if (
        oversight is not None
        and oversight.mode == HumanOversight.Mode.HUMAN_DECIDES
        and role == "automatic"
    ):
        contradictions.append("person_decides_but_automatic")
    # ``None``: the oversight part does not say whether a person can override; nothing to
    # contradict.
    if autonomy == "medium" and can_override is False:
        contradictions.append("correctable_but_no_override")
    if autonomy == "high" and can_override is True:
        contradictions.append("override_but_not_correctable")
    stored = kz_outcome(system).get("autonomy")
    if stored and stored != autonomy:
        contradictions.append("classification_outdated")
    if contradictions:
        return fail(autonomy=autonomy, decision_role=role, contradictions=contradictions)
    return PASS


@predicate(
    "kz_capability_stopped",
    params={"capability": Choice(KZ_PROHIBITED_CAPABILITIES)},
    reads=(CLASSIFICATION, "system.phase", "system.retired_on"),
)
def kz_capability_stopped(system: AISystem, params: Params) -> Verdict:
    """Art 17(3): a system with the prohibited capability passes only once retired with a
    date."""
    capabilities = kz_outcome(system).get("prohibited_capabilities") or ()
    if params["capability"] not in capabilities:
        return not_applicable(reason="capability_absent")
    if system.phase == Phase.RETIRED and system.retired_on:
        return PASS
    return fail(phase=system.phase, capability=params["capability"])


def serves_people(system: AISystem) -> bool:
    """Reached through a channel other than internal use, or interacting with people."""
    if any(channel != Channel.INTERNAL for channel in system.channels or ()):
        return True
    return bool((system.classification_answers or {}).get("interacts_with_people"))


@predicate("kz_ai_use_disclosed", reads=(CLASSIFICATION, "system.channels", "system.ai_disclosure"))
def kz_ai_use_disclosed(system: AISystem, params: Params) -> Verdict:
    """Art 21(1): every system that serves people tells them that AI is used."""
    if not serves_people(system):
        return not_applicable(reason="internal_only")
    return PASS if has_text(system, "ai_disclosure") else fail(field="ai_disclosure")


@predicate("kz_synthetic_results_marked", reads=(CLASSIFICATION, "system.marking_method"))
def kz_synthetic_results_marked(system: AISystem, params: Params) -> Verdict:
    """Art 21(2): synthetic results carry a machine-readable mark and a visible warning, which
    the marking method describes."""
    if not (system.classification_answers or {}).get("synthetic_results"):
        return not_applicable(reason="no_synthetic_results")
    return PASS if has_text(system, "marking_method") else fail(field="marking_method")


@predicate(
    "kz_non_ai_alternative",
    reads=("system.non_ai_alternative", "system.interaction_mandatory", "legal_bases.title"),
)
def kz_non_ai_alternative(system: AISystem, params: Params) -> Verdict:
    """Art 16: a way to be served without AI, unless a law makes the interaction mandatory,
    in which case the legal basis part names that law."""
    if system.interaction_mandatory:
        return PASS if system.legal_bases.all() else fail(reason="no_legal_basis")
    if has_text(system, "non_ai_alternative"):
        return PASS
    return fail(field="non_ai_alternative")


@predicate("kz_other_party_named", reads=("system.legal_position", "system.other_party"))
def kz_other_party_named(system: AISystem, params: Params) -> Verdict:
    """Arts 15, 18: where the organisation is only the owner or only the holder, the record
    names the other one."""
    if system.legal_position == LegalPosition.OWNER_AND_HOLDER:
        return not_applicable(reason="owner_and_holder")
    if has_text(system, "other_party"):
        return PASS
    return fail(field="other_party", legal_position=system.legal_position)
