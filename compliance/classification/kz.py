"""What Kazakhstan's Law "On Artificial Intelligence" (No. 230-VIII, 17 Nov 2025) says about a
system: the risk degree its owner or holder assigned (Art 17(1)), the autonomy degree (Art 17(2)),
the banned capabilities (Art 17(3)), the state information-security regime, transparency
(Art 21), users' rights (Art 16) and the owner's and holder's duties (Arts 15, 18).

Computed whatever the EU AI Act's scope: the Law defines an AI system as an informatization
object running on AI models, so its own question is only whether the system is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compliance import classification_texts as texts
from compliance.classification.answers import Answers
from compliance.classification.reasons import Reasons, Term


@dataclass(slots=True)
class KZAssessment(Reasons):
    applies: bool = True
    risk_degree: str | None = None
    autonomy: str | None = None
    prohibited: bool = False
    prohibited_capabilities: list[str] = field(default_factory=list)
    state_infosec_regime: bool = False


def kz_autonomy(decision_role: str | None, human_can_correct: bool) -> str | None:
    """The autonomy degree of Art 17(2): "low" when a person makes the final choice (the system
    informs or recommends), "medium" when the system decides and a person can correct or cancel
    the decision, "high" when no human correction is possible; `None` for an unknown role."""
    if decision_role in ("informs", "recommends"):
        return "low"
    if decision_role == "automatic":
        return "medium" if human_can_correct else "high"
    return None


def kz_law_applies(a: Answers) -> bool:
    """Whether the system is an AI system under the Law: not when it is stated not to be one,
    nor when it only follows fixed rules written by people (it runs on no AI model)."""
    if a.is_ai_system is False:
        return False
    return not (a.is_ai_system is None and a.fixed_rules_only is True)


def state_infosec_regime(a: Answers) -> bool:
    """A high-degree system that is a critically important ICT infrastructure object or forms
    state electronic information resources meets the information-security requirements of state
    systems."""
    return a.kz_risk_degree == "high" and (a.critical_ict_object or a.state_information_resources)


def assess(a: Answers) -> KZAssessment:
    result = KZAssessment()
    if not kz_law_applies(a):
        result.applies = False
        result.say("kz.not_ai")
        return result

    result.say("kz.applies" if a.is_ai_system is True else "kz.applies_precaution")
    result.risk_degree = a.kz_risk_degree
    result.autonomy = kz_autonomy(a.decision_role, a.human_can_correct)
    _assess_risk_degree(a, result)
    _assess_autonomy(a, result)

    if a.kz_prohibited_capabilities:
        _assess_prohibited(a, result)
        return result

    _assess_infosec(a, result)
    _assess_transparency(a, result)
    result.articles.add("16")
    result.say("kz.rights")
    result.articles.update(("15", "18"))
    result.say("kz.duties")
    result.say("kz.unconfirmed")
    return result


def _assess_risk_degree(a: Answers, result: KZAssessment) -> None:
    result.articles.add("17(1)")
    if a.kz_risk_degree is None:
        result.say("kz.risk.unassigned")
        return
    result.say("kz.risk.assigned", degree=Term(texts.KZ_RISK_DEGREE_TEXTS, a.kz_risk_degree))
    if a.kz_risk_assigned_by.strip():
        result.say("kz.risk.assigned_by", who=a.kz_risk_assigned_by.strip())
    if a.kz_risk_degree == "high" and not a.kz_failure_consequences.strip():
        result.say("kz.risk.high_unreasoned")


def _assess_autonomy(a: Answers, result: KZAssessment) -> None:
    if result.autonomy is None:
        result.say("kz.autonomy.unknown")
    else:
        result.say(f"kz.autonomy.{result.autonomy}")


def _assess_prohibited(a: Answers, result: KZAssessment) -> None:
    result.prohibited = True
    result.prohibited_capabilities = list(a.kz_prohibited_capabilities)
    result.articles.add("17(3)")
    for capability in a.kz_prohibited_capabilities:
        result.say("kz.prohibited.capability", capability=Term(texts.KZ_CAPABILITIES, capability))
        result.say(f"kz.compare.{capability}")
    result.say("kz.prohibited.effect")
    result.say("kz.unconfirmed.bans")


def _assess_infosec(a: Answers, result: KZAssessment) -> None:
    if state_infosec_regime(a):
        result.state_infosec_regime = True
        result.articles.add("17")
        result.say("kz.infosec.applies")
    elif a.critical_ict_object or a.state_information_resources:
        result.say("kz.infosec.not_high")


def _assess_transparency(a: Answers, result: KZAssessment) -> None:
    result.articles.add("21(1)")
    result.say("kz.transparency.21(1)")
    if a.synthetic_results:
        result.articles.add("21(2)")
        result.say("kz.transparency.21(2)")
    elif a.generates_synthetic_content:
        result.say("kz.transparency.synthetic_definition")
