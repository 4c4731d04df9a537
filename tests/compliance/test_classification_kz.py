"""Kazakhstan's Law on AI in the outcome (`kz`): risk degree, autonomy, banned capabilities, the
state information-security regime, transparency, users' rights and owners' duties."""

from __future__ import annotations

from typing import Any

import pytest

from compliance.classification import (
    DECISION_ROLES,
    KZ_AUTONOMY_DEGREES,
    KZ_PROHIBITED_CAPABILITIES,
    KZ_RISK_DEGREES,
    classify,
    kz_autonomy,
    language_neutral,
)

UNCONFIRMED = "not yet confirmed against the official text"
EU_POINT = {
    "manipulation": "Art 5(1)(a)",
    "vulnerability": "Art 5(1)(b)",
    "social_scoring": "Art 5(1)(c)",
    "biometric_discrimination": "Art 5(1)(g)",
    "emotion_without_consent": "Art 5(1)(f)",
    "unlawful_personal_data": None,
    "unlawful_results": None,
}


def kz(answers: dict[str, Any], language: str = "en") -> dict[str, Any]:
    return classify(answers, language=language)["kz"]


def kz_articles(answers: dict[str, Any]) -> list[str]:
    return [obligation["article"] for obligation in kz(answers)["obligations"]]


def test_the_kz_part_has_the_contract_keys() -> None:
    assert list(kz({})) == [
        "applies",
        "risk_degree",
        "autonomy",
        "prohibited",
        "prohibited_capabilities",
        "state_infosec_regime",
        "obligations",
        "rationale",
    ]


@pytest.mark.parametrize(
    ("answers", "phrase"),
    [
        pytest.param({"kz_risk_degree": "minimal"}, "little effect", id="minimal"),
        pytest.param({"kz_risk_degree": "medium"}, "moral or material harm", id="medium"),
        pytest.param(
            {"kz_risk_degree": "high", "kz_failure_consequences": "Benefits stop."},
            "an emergency",
            id="high",
        ),
        pytest.param({"kz_risk_degree": None}, "No risk degree has been assigned", id="null"),
    ],
)
def test_each_risk_degree(answers: dict[str, Any], phrase: str) -> None:
    part = kz(answers)
    assert part["risk_degree"] == answers["kz_risk_degree"]
    assert any(phrase in s and "Art 17(1)" in s for s in part["rationale"])
    assert "17(1)" in kz_articles(answers)


def test_an_unassigned_degree_says_who_assigns_it_and_from_what() -> None:
    rationale = " ".join(kz({})["rationale"])
    assert "the owner or holder assigns it from the consequences" in rationale


@pytest.mark.parametrize(
    ("consequences", "reported"),
    [("", True), ("   ", True), ("Payments to 40,000 families would stop.", False)],
    ids=["empty", "blank", "reasoned"],
)
def test_a_high_degree_without_reasoning_is_reported(consequences: str, reported: bool) -> None:
    rationale = kz({"kz_risk_degree": "high", "kz_failure_consequences": consequences})["rationale"]
    assert any("without reasoning" in s for s in rationale) is reported


def test_who_assigned_the_degree_is_named() -> None:
    rationale = kz({"kz_risk_degree": "medium", "kz_risk_assigned_by": "Chief data officer"})[
        "rationale"
    ]
    assert any("Chief data officer" in s for s in rationale)


AUTONOMY_CASES = [
    ("informs", False, "low"),
    ("informs", True, "low"),
    ("recommends", False, "low"),
    ("recommends", True, "low"),
    ("automatic", True, "medium"),
    ("automatic", False, "high"),
    (None, True, None),
    (None, False, None),
]


@pytest.mark.parametrize(("role", "correct", "autonomy"), AUTONOMY_CASES)
def test_autonomy_from_decision_role_and_correction(
    role: str | None, correct: bool, autonomy: str | None
) -> None:
    assert kz_autonomy(role, correct) == autonomy
    part = kz({"decision_role": role, "human_can_correct": correct})
    assert part["autonomy"] == autonomy
    assert any("Art 17(2)" in s for s in part["rationale"])


def test_autonomy_cases_cover_every_role_and_degree() -> None:
    assert {role for role, _, _ in AUTONOMY_CASES} == {*DECISION_ROLES, None}
    assert {degree for _, _, degree in AUTONOMY_CASES} == {*KZ_AUTONOMY_DEGREES, None}


@pytest.mark.parametrize("capability", KZ_PROHIBITED_CAPABILITIES)
def test_each_prohibited_capability(capability: str) -> None:
    part = kz({"kz_prohibited_capabilities": [capability], "synthetic_results": True})
    assert part["prohibited"] is True
    assert part["prohibited_capabilities"] == [capability]
    assert [o["article"] for o in part["obligations"]] == ["17(1)", "17(3)"]
    rationale = part["rationale"]
    eu_point = EU_POINT[capability]
    if eu_point:
        assert any(f"resembles {eu_point} of the EU AI Act" in s for s in rationale)
    else:
        assert any("The EU AI Act has no equivalent ban" in s for s in rationale)
    assert sum(UNCONFIRMED in s for s in rationale) == 1


def test_prohibited_capabilities_keep_the_laws_order() -> None:
    part = kz({"kz_prohibited_capabilities": ["unlawful_results", "manipulation", "manipulation"]})
    assert part["prohibited_capabilities"] == ["manipulation", "unlawful_results"]


def test_the_kz_ban_is_independent_of_the_eu_class() -> None:
    outcome = classify({"kz_prohibited_capabilities": ["unlawful_personal_data"]})
    assert outcome["risk_class"] == "minimal"
    assert outcome["kz"]["prohibited"] is True
    assert classify({"prohibited_practices": ["a"]})["kz"]["prohibited"] is False


@pytest.mark.parametrize(
    ("degree", "ict", "state", "regime"),
    [
        ("high", True, False, True),
        ("high", False, True, True),
        ("high", True, True, True),
        ("high", False, False, False),
        ("medium", True, True, False),
        ("minimal", True, False, False),
        (None, False, True, False),
    ],
)
def test_state_infosec_regime(degree: str | None, ict: bool, state: bool, regime: bool) -> None:
    answers = {
        "kz_risk_degree": degree,
        "kz_failure_consequences": "x",
        "critical_ict_object": ict,
        "state_information_resources": state,
    }
    part = kz(answers)
    assert part["state_infosec_regime"] is regime
    assert ("17" in kz_articles(answers)) is regime
    mentioned = any("information-security" in s for s in part["rationale"])
    assert mentioned is (ict or state)


@pytest.mark.parametrize(
    "answers",
    [{}, {"interacts_with_people": False}, {"annex_iii": ["5a"]}, {"exclusion": "research"}],
    ids=["default", "no-chatbot", "high", "eu-excluded"],
)
def test_art21_1_disclosure_for_every_system(answers: dict[str, Any]) -> None:
    assert "21(1)" in kz_articles(answers)
    assert any("not only chatbots" in s for s in kz(answers)["rationale"])


@pytest.mark.parametrize(
    ("answers", "marking", "definition_note"),
    [
        ({"synthetic_results": True}, True, False),
        ({"generates_synthetic_content": True}, False, True),
        ({}, False, False),
    ],
    ids=["synthetic", "eu-synthetic-only", "none"],
)
def test_art21_2_marking(answers: dict[str, Any], marking: bool, definition_note: bool) -> None:
    assert ("21(2)" in kz_articles(answers)) is marking
    rationale = kz(answers)["rationale"]
    assert any("machine-readable mark and a visible warning" in s for s in rationale) is marking
    assert any("imitates a real person" in s for s in rationale) is definition_note


def test_users_rights_and_owner_duties_are_listed_with_their_confirmation_status() -> None:
    part = kz({"is_ai_system": True})
    assert [o["article"] for o in part["obligations"]] == ["15", "16", "17(1)", "18", "21(1)"]
    rationale = " ".join(part["rationale"])
    assert "refuse to interact with the system unless a law makes it mandatory" in rationale
    assert "the data a decision was based on" in rationale
    assert "authorised body" in rationale
    assert rationale.count(UNCONFIRMED) == 1


@pytest.mark.parametrize(
    ("answers", "applies"),
    [
        pytest.param({"is_ai_system": False}, False, id="not-ai"),
        pytest.param({"fixed_rules_only": True}, False, id="fixed-rules"),
        pytest.param({"is_ai_system": True}, True, id="ai"),
        pytest.param({}, True, id="unknown"),
        pytest.param({"infers_outputs": False}, True, id="eu-helper-does-not-decide"),
        pytest.param({"exclusion": "military_defence_security"}, True, id="eu-exclusion"),
        pytest.param({"open_source": True}, True, id="eu-open-source"),
    ],
)
def test_the_kz_part_is_computed_whatever_the_eu_scope(
    answers: dict[str, Any], applies: bool
) -> None:
    part = kz({**answers, "kz_risk_degree": "medium", "decision_role": "informs"})
    assert part["applies"] is applies
    if applies:
        assert part["risk_degree"] == "medium"
        assert part["autonomy"] == "low"
        assert part["obligations"]
    else:
        assert part["risk_degree"] is None and part["autonomy"] is None
        assert part["obligations"] == []
        assert any("does not apply" in s for s in part["rationale"])


def test_the_kz_part_is_stored_without_texts() -> None:
    outcome = classify({"kz_risk_degree": "high", "synthetic_results": True}, language="kk")
    stored = language_neutral(outcome)["kz"]
    assert "rationale" not in stored
    assert stored["obligations"] == [o["article"] for o in outcome["kz"]["obligations"]]
    answers = {"kz_risk_degree": "high", "synthetic_results": True}
    assert language_neutral(classify(answers, language="ru"))["kz"] == stored


def test_kz_degrees_are_the_contracts() -> None:
    assert KZ_RISK_DEGREES == ("minimal", "medium", "high")
    assert KZ_AUTONOMY_DEGREES == ("low", "medium", "high")


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"kz_risk_degree": "extreme"}, "kz_risk_degree"),
        ({"decision_role": "decides"}, "decision_role"),
        ({"human_can_correct": "yes"}, "human_can_correct"),
        ({"kz_prohibited_capabilities": ["mind_reading"]}, "kz_prohibited_capabilities"),
        ({"kz_failure_consequences": 3}, "kz_failure_consequences"),
        ({"critical_ict_object": None}, "critical_ict_object"),
    ],
)
def test_invalid_kz_answers(answers: dict[str, Any], field: str) -> None:
    from compliance.classification import ClassificationInputError

    with pytest.raises(ClassificationInputError) as excinfo:
        classify(answers)
    assert list(excinfo.value.errors) == [field]


def test_blank_kz_choices_mean_unset() -> None:
    part = kz({"kz_risk_degree": " ", "decision_role": ""})
    assert part["risk_degree"] is None and part["autonomy"] is None
