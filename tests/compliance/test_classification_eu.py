"""EU AI Act classes, Annex III and Art 6(3), Art 50, the FRIA and obligations by role.

No database and no Django test fixtures: `classify` must work on plain data.
"""

from __future__ import annotations

from typing import Any

import pytest

from compliance.classification import (
    ANNEX_III_POINTS,
    ART6_3_CONDITIONS,
    PRACTICE_ARTICLES,
    PROHIBITED_PRACTICES,
    article_sort_key,
    classify,
)
from tests.compliance.classification_support import (
    ART50_TRIGGERS,
    JUSTIFICATION,
    articles,
    assert_outcome,
)

# --- Prohibited practices (Art 5) ---------------------------------------------------------------


@pytest.mark.parametrize("letter", PROHIBITED_PRACTICES, ids=lambda letter: f"art5-1-{letter}")
def test_every_art5_practice_is_prohibited(letter: str) -> None:
    outcome = classify({"prohibited_practices": [letter]})
    assert outcome["risk_class"] == "prohibited"
    assert articles(outcome) == [PRACTICE_ARTICLES[letter]]
    citation = "Art 5" if letter == "intimate_imagery" else f"Art 5(1)({letter})"
    assert any(citation in sentence for sentence in outcome["rationale"])


PRECEDENCE_CASES = [
    pytest.param(
        {"prohibited_practices": ["b"], "annex_iii": ["5a"], "annex_i_safety_component": True},
        {"risk_class": "prohibited", "annex_iii": [], "fria_required": False, "lacks": ["27"]},
        id="prohibited-beats-high",
    ),
    pytest.param(
        {"prohibited_practices": ["f"], "emotion_or_biometric_categorisation": True},
        {"risk_class": "prohibited", "transparency_obligations": [], "lacks": ["50(3)", "4"]},
        id="prohibited-transparency-is-moot",
    ),
    pytest.param(
        {"prohibited_practices": ["a", "g", "a"]},
        {"risk_class": "prohibited", "has": ["5(1)(a)", "5(1)(g)"]},
        id="several-practices-each-cited-once",
    ),
    pytest.param(
        {"annex_iii": ["3b"], "interacts_with_people": True},
        {"risk_class": "high", "transparency_obligations": ["50(1)", "50(5)"]},
        id="high-beats-limited",
    ),
    pytest.param(
        {"annex_i_safety_component": True},
        {
            "risk_class": "high",
            "annex_iii": [],
            "has": ["26(1)", "26(2)"],
            "lacks": ["14", "86", "26(11)"],
        },
        id="annex-i-safety-component-is-high",
    ),
    pytest.param(
        {"interacts_with_people": False},
        {"risk_class": "minimal", "transparency_obligations": [], "has": ["4"]},
        id="nothing-applies-is-minimal",
    ),
]


@pytest.mark.parametrize(("answers", "expected"), PRECEDENCE_CASES)
def test_highest_class_wins(answers: dict[str, Any], expected: dict[str, Any]) -> None:
    assert_outcome(classify(answers), expected)


def test_minimal_risk_keeps_ai_literacy_only() -> None:
    outcome = classify({"is_ai_system": True, "role": "both"})
    assert outcome["risk_class"] == "minimal"
    assert articles(outcome) == ["4"]


# --- Annex III and Art 6(3) ---------------------------------------------------------------------


@pytest.mark.parametrize("point", ANNEX_III_POINTS, ids=lambda point: f"annex-iii-{point}")
def test_every_annex_iii_point_is_high_risk(point: str) -> None:
    outcome = classify({"annex_iii": [point]})
    assert outcome["risk_class"] == "high"
    assert outcome["annex_iii"] == [point]
    label = point if len(point) == 1 else f"{point[0]}({point[1:]})"
    assert any(
        f"Annex III, point {label}" in sentence and "Art 6(2)" in sentence
        for sentence in outcome["rationale"]
    )


def test_annex_iii_covers_all_eight_areas() -> None:
    assert {point[0] for point in ANNEX_III_POINTS} == set("12345678")


def test_annex_iii_output_is_sorted_in_the_acts_order() -> None:
    outcome = classify({"annex_iii": ["8a", "4a", "5a", "2"]})
    assert outcome["annex_iii"] == ["2", "4a", "5a", "8a"]


ART6_3_CASES = [
    *(
        pytest.param(
            {
                "annex_iii": ["4a"],
                "art6_3_conditions": [letter],
                "art6_3_justification": JUSTIFICATION,
            },
            {"risk_class": "minimal", "annex_iii": [], "fria_required": False},
            id=f"condition-{letter}-justified-not-high",
        )
        for letter in ART6_3_CONDITIONS
    ),
    *(
        pytest.param(
            {"annex_iii": ["4a"], "art6_3_conditions": [letter]},
            {"risk_class": "high", "annex_iii": ["4a"], "fria_required": True},
            id=f"condition-{letter}-without-justification-stays-high",
        )
        for letter in ART6_3_CONDITIONS
    ),
    pytest.param(
        {"annex_iii": ["4a"], "art6_3_conditions": ["a"], "art6_3_justification": "  \n\t "},
        {"risk_class": "high", "annex_iii": ["4a"]},
        id="blank-justification-stays-high",
    ),
    pytest.param(
        {
            "annex_iii": ["5a"],
            "art6_3_conditions": ["a", "d"],
            "art6_3_justification": JUSTIFICATION,
            "profiling": True,
        },
        {"risk_class": "high", "annex_iii": ["5a"], "fria_required": True},
        id="profiling-overrides-art6-3",
    ),
    pytest.param(
        {"annex_iii": ["3b"], "art6_3_justification": JUSTIFICATION},
        {"risk_class": "high", "annex_iii": ["3b"]},
        id="justification-without-condition-stays-high",
    ),
    pytest.param(
        {
            "annex_iii": ["5a"],
            "art6_3_conditions": ["b"],
            "art6_3_justification": JUSTIFICATION,
            "interacts_with_people": True,
        },
        {"risk_class": "limited", "annex_iii": [], "transparency_obligations": ["50(1)", "50(5)"]},
        id="lowered-with-art50-is-limited",
    ),
    pytest.param(
        {
            "annex_iii": ["5a"],
            "art6_3_conditions": ["c"],
            "art6_3_justification": JUSTIFICATION,
            "annex_i_safety_component": True,
        },
        {"risk_class": "high", "annex_iii": [], "fria_required": False},
        id="lowered-annex-iii-but-annex-i-keeps-high",
    ),
    pytest.param(
        {"profiling": True},
        {"risk_class": "minimal"},
        id="profiling-without-annex-iii-is-not-high",
    ),
]


@pytest.mark.parametrize(("answers", "expected"), ART6_3_CASES)
def test_art6_3_derogation(answers: dict[str, Any], expected: dict[str, Any]) -> None:
    assert_outcome(classify(answers), expected)


@pytest.mark.parametrize("role", ["provider", "both"])
def test_provider_relying_on_art6_3_documents_and_registers(role: str) -> None:
    answers = {
        "annex_iii": ["3a"],
        "art6_3_conditions": ["d"],
        "art6_3_justification": JUSTIFICATION,
        "role": role,
    }
    outcome = classify(answers)
    assert outcome["risk_class"] == "minimal"
    assert {"6(4)", "49(2)"} <= set(articles(outcome))
    assert not {"9", "49(1)", "26(1)"} & set(articles(outcome))


def test_deployer_relying_on_art6_3_is_pointed_to_the_provider() -> None:
    answers = {"annex_iii": ["3a"], "art6_3_conditions": ["d"], "art6_3_justification": "x"}
    outcome = classify(answers)
    assert "6(4)" not in articles(outcome)
    assert any("ask the provider" in sentence for sentence in outcome["rationale"])


def test_missing_justification_is_explained() -> None:
    outcome = classify({"annex_iii": ["4b"], "art6_3_conditions": ["a", "c"]})
    assert any(
        "no assessment was documented" in s and "(a), (c)" in s for s in outcome["rationale"]
    )


def test_profiling_override_is_explained() -> None:
    answers = {
        "annex_iii": ["4b"],
        "art6_3_conditions": ["a"],
        "art6_3_justification": JUSTIFICATION,
        "profiling": True,
    }
    assert any("always high-risk" in s for s in classify(answers)["rationale"])


# --- Transparency (Art 50) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "paragraph"), ART50_TRIGGERS, ids=[p for _, p in ART50_TRIGGERS]
)
def test_art50_trigger_alone_is_limited(trigger: str, paragraph: str) -> None:
    outcome = classify({trigger: True, "role": "both"})
    assert outcome["risk_class"] == "limited"
    assert outcome["transparency_obligations"] == [paragraph, "50(5)"]
    assert {paragraph, "50(5)", "4"} <= set(articles(outcome))


@pytest.mark.parametrize(
    ("trigger", "paragraph"), ART50_TRIGGERS, ids=[f"high-plus-{p}" for _, p in ART50_TRIGGERS]
)
def test_art50_trigger_stacks_on_high_risk(trigger: str, paragraph: str) -> None:
    outcome = classify({trigger: True, "annex_iii": ["3b"]})
    assert outcome["risk_class"] == "high"
    assert outcome["transparency_obligations"] == [paragraph, "50(5)"]


def test_all_art50_triggers_together() -> None:
    outcome = classify(dict.fromkeys((trigger for trigger, _ in ART50_TRIGGERS), True))
    assert outcome["transparency_obligations"] == ["50(1)", "50(2)", "50(3)", "50(4)", "50(5)"]


# --- Fundamental rights impact assessment (Art 27) ----------------------------------------------

FRIA_CASES = [
    pytest.param({"annex_iii": ["5a"], "public_authority": True}, True, id="public-deployer-5a"),
    pytest.param({"annex_iii": ["5a"]}, True, id="public-authority-is-the-default"),
    pytest.param(
        {"annex_iii": ["2"], "public_authority": True}, False, id="public-deployer-area-2"
    ),
    pytest.param(
        {"annex_iii": ["2", "6c"], "public_authority": True},
        True,
        id="public-deployer-area-2-and-6c",
    ),
    pytest.param({"annex_iii": ["5b"], "public_authority": False}, True, id="private-deployer-5b"),
    pytest.param({"annex_iii": ["5c"], "public_authority": False}, True, id="private-deployer-5c"),
    pytest.param({"annex_iii": ["5a"], "public_authority": False}, False, id="private-deployer-5a"),
    pytest.param({"annex_iii": ["5a", "5b"], "role": "provider"}, False, id="provider-only-never"),
    pytest.param({"annex_iii": ["8a"], "role": "both"}, True, id="provider-and-deployer"),
    pytest.param(
        {"annex_i_safety_component": True, "public_authority": True}, False, id="annex-i-only"
    ),
    pytest.param(
        {"annex_iii": ["5b"], "art6_3_conditions": ["a"], "art6_3_justification": JUSTIFICATION},
        False,
        id="lowered-by-art6-3",
    ),
]


@pytest.mark.parametrize(("answers", "required"), FRIA_CASES)
def test_fria(answers: dict[str, Any], required: bool) -> None:
    outcome = classify(answers)
    assert outcome["fria_required"] is required
    assert ("27" in articles(outcome)) is required


# --- Obligations by role ------------------------------------------------------------------------

OBLIGATION_CASES = [
    pytest.param(
        {"annex_iii": ["5a"], "role": "deployer", "public_authority": True},
        {
            "has": [
                "4",
                "26(1)",
                "26(2)",
                "26(5)",
                "26(6)",
                "26(8)",
                "26(11)",
                "27",
                "49(3)",
                "86",
            ],
            "lacks": ["9", "14", "16", "43", "49(1)", "53"],
        },
        id="public-deployer-annex-iii",
    ),
    pytest.param(
        {"annex_iii": ["5a"], "role": "deployer", "public_authority": False},
        {"has": ["26(11)", "86"], "lacks": ["49(3)", "26(8)", "27"]},
        id="private-deployer-annex-iii",
    ),
    pytest.param(
        {"annex_iii": ["4a"], "role": "deployer"},
        {"has": ["26(7)"]},
        id="employment-informs-workers",
    ),
    pytest.param(
        {"annex_iii": ["5a"], "role": "provider"},
        {
            "has": ["4", "9", "10", "11", "12", "13", "14", "15", "16", "17", "43", "49(1)"],
            "lacks": ["26(1)", "27", "49(3)", "86"],
        },
        id="provider-annex-iii",
    ),
    pytest.param(
        {"annex_iii": ["2"], "role": "provider"},
        {"has": ["49(5)"], "lacks": ["49(1)"]},
        id="provider-area-2-registers-nationally",
    ),
    pytest.param(
        {"annex_iii": ["2"], "role": "deployer"},
        {"has": ["26(1)"], "lacks": ["49(3)", "86", "27"]},
        id="deployer-area-2",
    ),
    pytest.param(
        {"annex_iii": ["3a"], "role": "both"},
        {"has": ["9", "16", "49(1)", "26(1)", "26(11)", "27", "49(3)", "86"]},
        id="both-roles",
    ),
    pytest.param(
        {"gpai": True, "role": "provider"},
        {"risk_class": "minimal", "has": ["53", "54"]},
        id="gpai-provider-keeps-class",
    ),
    pytest.param(
        {"gpai": True, "role": "deployer", "generates_synthetic_content": True},
        {"risk_class": "limited", "lacks": ["53", "54"]},
        id="gpai-deployer-keeps-class",
    ),
    pytest.param(
        {"gpai": True, "role": "both", "annex_iii": ["4b"]},
        {"risk_class": "high", "has": ["53", "26(1)", "9"]},
        id="gpai-with-high-risk",
    ),
]


@pytest.mark.parametrize(("answers", "expected"), OBLIGATION_CASES)
def test_obligations(answers: dict[str, Any], expected: dict[str, Any]) -> None:
    outcome = classify(answers)
    assert_outcome(outcome, expected)
    listed = articles(outcome)
    assert listed == sorted(set(listed), key=article_sort_key), "sorted, without duplicates"


def test_gpai_rationale_says_the_class_is_unchanged() -> None:
    rationale = classify({"gpai": True})["rationale"]
    assert any("does not by itself change the risk class" in s for s in rationale)


def test_article_sort_key_follows_the_act() -> None:
    refs = ["86", "26(11)", "5(1)(b)", "26(2)", "4", "49(1)", "5(1)(a)", "6(4)"]
    assert sorted(refs, key=article_sort_key) == [
        "4", "5(1)(a)", "5(1)(b)", "6(4)", "26(2)", "26(11)", "49(1)", "86",
    ]  # fmt: skip
