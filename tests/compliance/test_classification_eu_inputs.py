"""The EU inputs the Dutch decision aid asks and the contract could not express before: the
Art 50 crime exception, open source, Art 3(1) influence, Art 2(4), importers and distributors,
GPAI systems and systemic risk, Art 50 duties by role, and the Digital Omnibus practice."""

from __future__ import annotations

from typing import Any

import pytest

from compliance.classification import HIGH_RISK_ROUTES, classify
from tests.compliance.classification_support import JUSTIFICATION, articles

ALL_ART50 = {
    "interacts_with_people": True,
    "generates_synthetic_content": True,
    "emotion_or_biometric_categorisation": True,
    "deep_fake_or_public_interest_text": True,
}


def test_crime_detection_authorised_lifts_art50_1_to_4() -> None:
    outcome = classify({**ALL_ART50, "crime_detection_authorised": True, "role": "both"})
    assert outcome["transparency_obligations"] == []
    assert not {"50(1)", "50(2)", "50(3)", "50(4)", "50(5)"} & set(articles(outcome))
    assert outcome["risk_class"] == "minimal"
    assert any("criminal offences" in s for s in outcome["rationale"])


@pytest.mark.parametrize(
    ("answers", "risk_class"),
    [
        pytest.param({"open_source": True}, "out_of_scope", id="minimal-is-out"),
        pytest.param({"open_source": True, **{"annex_iii": ["4a"]}}, "high", id="high-stays"),
        pytest.param(
            {"open_source": True, "prohibited_practices": ["a"]}, "prohibited", id="art5-stays"
        ),
        pytest.param(
            {"open_source": True, "interacts_with_people": True}, "limited", id="art50-stays"
        ),
        pytest.param(
            {
                "open_source": True,
                "annex_iii": ["4a"],
                "art6_3_conditions": ["a"],
                "art6_3_justification": JUSTIFICATION,
            },
            "out_of_scope",
            id="lowered-is-out",
        ),
    ],
)
def test_art2_12_open_source(answers: dict[str, Any], risk_class: str) -> None:
    outcome = classify(answers)
    assert outcome["risk_class"] == risk_class
    assert any("Art 2(12)" in s for s in outcome["rationale"])


@pytest.mark.parametrize(
    ("answers", "risk_class"),
    [
        pytest.param({"influences_environments": False}, "out_of_scope", id="no-influence"),
        pytest.param({"influences_environments": True}, "minimal", id="influence"),
        pytest.param({"influences_environments": None}, "minimal", id="unknown"),
        pytest.param(
            {"is_ai_system": True, "influences_environments": False}, "minimal", id="explicit-wins"
        ),
    ],
)
def test_art3_1_influence_on_environments(answers: dict[str, Any], risk_class: str) -> None:
    assert classify(answers)["risk_class"] == risk_class


def test_art2_4_third_country_cooperation_is_out_of_scope() -> None:
    outcome = classify({"exclusion": "third_country_cooperation", "annex_iii": ["6a"]})
    assert outcome["risk_class"] == "out_of_scope"
    assert outcome["obligations"] == []
    assert any("Art 2(4)" in s for s in outcome["rationale"])


@pytest.mark.parametrize(
    ("role", "article"),
    [("importer", "23"), ("distributor", "24")],
    ids=["importer", "distributor"],
)
def test_importer_and_distributor_get_only_their_article(role: str, article: str) -> None:
    outcome = classify({"role": role, "annex_iii": ["5a"], **ALL_ART50})
    assert outcome["risk_class"] == "high"
    assert articles(outcome) == [article]
    assert outcome["fria_required"] is False
    assert len(outcome["transparency_obligations"]) == 5
    assert classify({"role": role})["obligations"] == []


@pytest.mark.parametrize(
    ("role", "listed"),
    [
        ("provider", ["50(1)", "50(2)", "50(5)"]),
        ("deployer", ["50(3)", "50(4)", "50(5)"]),
        ("both", ["50(1)", "50(2)", "50(3)", "50(4)", "50(5)"]),
        ("importer", []),
    ],
)
def test_art50_duties_follow_the_role_that_bears_them(role: str, listed: list[str]) -> None:
    outcome = classify({"role": role, **ALL_ART50})
    assert outcome["transparency_obligations"] == ["50(1)", "50(2)", "50(3)", "50(4)", "50(5)"]
    assert [a for a in articles(outcome) if a.startswith("50")] == listed
    other_role_said = any("another party" in s for s in outcome["rationale"])
    assert other_role_said is (role != "both")


@pytest.mark.parametrize(
    ("answers", "has", "lacks"),
    [
        pytest.param({"gpai": True, "role": "provider"}, {"53"}, {"51", "55"}, id="model"),
        pytest.param(
            {"gpai": True, "gpai_systemic_risk": True, "role": "provider"},
            {"51", "53", "55"},
            set(),
            id="systemic-provider",
        ),
        pytest.param(
            {"gpai": True, "gpai_systemic_risk": True, "role": "deployer"},
            set(),
            {"51", "53", "55"},
            id="systemic-deployer",
        ),
        pytest.param(
            {"gpai_system": True, "annex_iii": ["4a"], "role": "provider"},
            {"9", "14"},
            {"53"},
            id="gpai-system-high-through-use",
        ),
    ],
)
def test_gpai_model_and_system(answers: dict[str, Any], has: set[str], lacks: set[str]) -> None:
    listed = set(articles(classify(answers)))
    assert has <= listed, listed
    assert not lacks & listed, listed


def test_a_gpai_system_is_classified_by_its_use() -> None:
    outcome = classify({"gpai_system": True, "annex_iii": ["4a"]})
    assert outcome["risk_class"] == "high"
    assert any("Art 3(66)" in s for s in outcome["rationale"])


def test_the_omnibus_practice_is_prohibited_and_says_from_when() -> None:
    outcome = classify({"prohibited_practices": ["intimate_imagery"]})
    assert outcome["risk_class"] == "prohibited"
    assert outcome["prohibited_practices"] == ["intimate_imagery"]
    assert articles(outcome) == ["5-omnibus"]
    sentence = " ".join(outcome["rationale"])
    assert "2 December 2026" in sentence
    assert "COM(2025) 836" in sentence and "Official Journal reference not yet found" in sentence


@pytest.mark.parametrize(
    ("answers", "routes"),
    [
        pytest.param({"annex_iii": ["5a"]}, ["annex_iii"], id="annex-iii"),
        pytest.param({"annex_i_safety_component": True}, ["annex_i"], id="annex-i"),
        pytest.param(
            {"annex_iii": ["5a"], "annex_i_safety_component": True},
            ["annex_iii", "annex_i"],
            id="both",
        ),
        pytest.param(
            {"annex_iii": ["5a"], "art6_3_conditions": ["a"], "art6_3_justification": "x"},
            [],
            id="lowered",
        ),
        pytest.param({"annex_iii": ["5a"], "prohibited_practices": ["a"]}, [], id="prohibited"),
        pytest.param({"annex_iii": ["5a"], "is_ai_system": False}, [], id="out-of-scope"),
    ],
)
def test_high_risk_routes(answers: dict[str, Any], routes: list[str]) -> None:
    outcome = classify(answers)
    assert outcome["high_risk_routes"] == routes
    assert set(routes) <= set(HIGH_RISK_ROUTES)
    assert (outcome["risk_class"] == "high") is bool(routes)
