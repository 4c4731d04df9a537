"""The corrections of the legal review of the EU logic, one table row or test each.

Written against the outcome only (`classify` and its article references), so that each case
fails on the logic before the correction and passes after it.
"""

from __future__ import annotations

from typing import Any

import pytest

from compliance.classification import classify
from tests.compliance.classification_support import JUSTIFICATION, articles

LOWERED = {"art6_3_conditions": ["a"], "art6_3_justification": JUSTIFICATION}


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"annex_iii": ["1b"]}, id="1b-high"),
        pytest.param({"annex_iii": ["1c"]}, id="1c-high"),
        pytest.param({"annex_iii": ["1c"], **LOWERED}, id="1c-lowered-by-art6-3"),
        pytest.param({"annex_iii": ["1b"], **LOWERED}, id="1b-lowered-by-art6-3"),
        pytest.param(
            {"annex_iii": ["1c"], "emotion_or_biometric_categorisation": True}, id="with-the-flag"
        ),
    ],
)
def test_art50_3_follows_an_annex_iii_1b_or_1c_answer(answers: dict[str, Any]) -> None:
    outcome = classify(answers)
    assert outcome["transparency_obligations"] == ["50(3)", "50(5)"]
    assert {"50(3)", "50(5)"} <= set(articles(outcome))


@pytest.mark.parametrize(
    ("answers", "non_public"),
    [
        pytest.param({"annex_iii": ["1a"]}, False, id="1a-city-transport"),
        pytest.param(
            {"annex_iii": ["1a"], "law_enforcement_migration_use": True}, True, id="1a-police"
        ),
        pytest.param(
            {"annex_iii": ["6c"], "law_enforcement_migration_use": True}, True, id="6c-police"
        ),
        pytest.param(
            {"annex_iii": ["7c"], "law_enforcement_migration_use": True, **LOWERED},
            True,
            id="7c-lowered-by-art6-3",
        ),
        pytest.param(
            {"annex_iii": ["6a"], "law_enforcement_migration_use": True, **LOWERED},
            True,
            id="6a-lowered-by-art6-3",
        ),
        pytest.param(
            {"annex_iii": ["5a"], "law_enforcement_migration_use": True}, False, id="5a-area-5"
        ),
        pytest.param(
            {
                "annex_iii": ["1a"],
                "law_enforcement_migration_use": True,
                "prohibited_practices": ["h"],
            },
            False,
            id="prohibited",
        ),
    ],
)
def test_art49_4_non_public_registration(answers: dict[str, Any], non_public: bool) -> None:
    outcome = classify(answers)
    assert outcome["non_public_registration"] is non_public
    said = any("Art 49(4)" in sentence for sentence in outcome["rationale"])
    assert said is non_public


@pytest.mark.parametrize(
    ("answers", "has", "lacks"),
    [
        pytest.param({"annex_iii": ["5a"]}, {"26(2)"}, {"14"}, id="deployer-26-2-not-14"),
        pytest.param(
            {"annex_iii": ["5a"], "role": "provider"}, {"14"}, {"26(2)"}, id="provider-14"
        ),
        pytest.param({"annex_iii": ["5a"], "role": "both"}, {"14", "26(2)"}, set(), id="both"),
        pytest.param({"annex_iii": ["5a"]}, {"26(7)"}, set(), id="26-7-any-area"),
        pytest.param({"annex_i_safety_component": True}, {"26(7)"}, set(), id="26-7-annex-i"),
        pytest.param(
            {"annex_iii": ["5a"], "public_authority": False, "public_service_provider": True},
            {"27"},
            {"26(8)", "49(3)"},
            id="public-service-provider-27-only",
        ),
        pytest.param(
            {"annex_iii": ["5a"], "public_authority": True},
            {"27", "26(8)", "49(3)"},
            set(),
            id="public-authority",
        ),
        pytest.param(
            {"annex_i_safety_component": True, "annex_i_section_b": True, "role": "both"},
            {"6(1)", "102-109", "112"},
            {"4", "9", "14", "26(1)", "43", "50(1)"},
            id="annex-i-section-b",
        ),
    ],
)
def test_obligation_corrections(answers: dict[str, Any], has: set[str], lacks: set[str]) -> None:
    listed = set(articles(classify(answers)))
    assert has <= listed, listed
    assert not lacks & listed, listed


def test_annex_i_section_b_lists_only_its_three_references() -> None:
    outcome = classify(
        {"annex_i_safety_component": True, "annex_i_section_b": True, "interacts_with_people": True}
    )
    assert outcome["risk_class"] == "high"
    assert articles(outcome) == ["6(1)", "102-109", "112"]
    assert outcome["transparency_obligations"] == []
    assert any("Art 2(2)" in sentence for sentence in outcome["rationale"])


def test_annex_iii_keeps_the_full_duties_beside_a_section_b_product() -> None:
    outcome = classify(
        {"annex_i_safety_component": True, "annex_i_section_b": True, "annex_iii": ["5a"]}
    )
    assert {"26(1)", "27"} <= set(articles(outcome))


def test_26_7_says_it_applies_at_the_workplace() -> None:
    rationale = classify({"annex_iii": ["5a"]})["rationale"]
    assert any("workplace" in s and "Art 26(7)" in s for s in rationale)


def texts_of(outcome: dict[str, Any]) -> str:
    return " ".join([*outcome["rationale"], *(o["title"] for o in outcome["obligations"])])


@pytest.mark.parametrize(
    ("answers", "phrase"),
    [
        pytest.param({}, "take measures to support", id="art4-amended"),
        pytest.param({"interacts_with_people": True}, "unless this is obvious", id="art50-1"),
        pytest.param(
            {"annex_iii": ["4a"], "art6_3_conditions": ["a"]},
            "does not materially influence the outcome of decision making",
            id="art6-3-no-assessment",
        ),
        pytest.param(
            {"annex_iii": ["4a"], **LOWERED},
            "does not materially influence the outcome of decision making",
            id="art6-3-applied",
        ),
        pytest.param({"annex_iii": ["6d"]}, "not solely on the basis of profiling", id="6d"),
        pytest.param(
            {"annex_iii": ["4b"]}, "based on individual behaviour or personal traits", id="4b"
        ),
        pytest.param({"annex_iii": ["8b"]}, "campaign logistics", id="8b"),
        pytest.param({"annex_iii": ["1b"]}, "Art 5(1)(g)", id="1b-warning"),
        pytest.param({"annex_iii": ["5a"]}, "legal or similarly significant effects", id="art86"),
        pytest.param(
            {"prohibited_practices": ["b"]}, "materially distorts their behaviour", id="5-1-b"
        ),
        pytest.param(
            {"prohibited_practices": ["c"]}, "unrelated to where the data", id="5-1-c-context"
        ),
        pytest.param(
            {"prohibited_practices": ["c"]}, "unjustified or disproportionate", id="5-1-c"
        ),
        pytest.param({"annex_iii": ["5a"]}, "data protection law requires", id="26-9-dpia"),
        pytest.param({"exclusion": "research"}, "Art 2(6)", id="research-2-6"),
    ],
)
def test_wording_matches_the_act(answers: dict[str, Any], phrase: str) -> None:
    assert phrase in texts_of(classify(answers))


def test_the_2_6_exclusion_does_not_cite_2_8() -> None:
    assert "2(8)" not in texts_of(classify({"exclusion": "research"}))


def test_the_2_8_exclusion_says_real_world_testing_is_not_excluded() -> None:
    outcome = classify({"exclusion": "pre_market_research"})
    assert outcome["risk_class"] == "out_of_scope"
    assert "testing in real-world conditions" in texts_of(outcome)
    assert "Art 2(8)" in texts_of(outcome)


def test_no_minimal_risk_sentence_beside_binding_gpai_duties() -> None:
    outcome = classify({"gpai": True, "role": "provider"})
    assert outcome["risk_class"] == "minimal"
    assert "53" in articles(outcome)
    assert not any("minimal-risk" in sentence for sentence in outcome["rationale"])
    assert any("minimal-risk" in s for s in classify({"gpai": True})["rationale"])


def test_the_version_is_bumped() -> None:
    assert classify({})["version"] == "2026.2"
