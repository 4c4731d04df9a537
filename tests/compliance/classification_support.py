"""Shared tables and assertions of the classification tests."""

from __future__ import annotations

from typing import Any

import pytest

from compliance.classification import ANNEX_III_POINTS, ART6_3_CONDITIONS, PROHIBITED_PRACTICES

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# How each language names an article in a rationale sentence.
ARTICLE_CITATION = {"en": r"\bArt \d", "ru": r"\bст\. \d", "kk": r"\d[\d()a-z]*-бап"}
JUSTIFICATION = "It only sorts incoming files into folders for a caseworker to review."


def articles(outcome: dict[str, Any]) -> list[str]:
    return [obligation["article"] for obligation in outcome["obligations"]]


def assert_outcome(outcome: dict[str, Any], expected: dict[str, Any]) -> None:
    """Compare the keys given in `expected`; `has`/`lacks` are article references."""
    for key in ("risk_class", "transparency_obligations", "annex_iii", "fria_required"):
        if key in expected:
            assert outcome[key] == expected[key], key
    listed = set(articles(outcome))
    assert set(expected.get("has", ())) <= listed, listed
    assert not set(expected.get("lacks", ())) & listed, listed


ART50_TRIGGERS = [
    ("interacts_with_people", "50(1)"),
    ("generates_synthetic_content", "50(2)"),
    ("emotion_or_biometric_categorisation", "50(3)"),
    ("deep_fake_or_public_interest_text", "50(4)"),
]


LANGUAGE_CASES = [
    pytest.param({"is_ai_system": False}, id="out-of-scope"),
    pytest.param({"exclusion": "research"}, id="research"),
    pytest.param({"prohibited_practices": list(PROHIBITED_PRACTICES)}, id="prohibited"),
    pytest.param(
        {"annex_iii": list(ANNEX_III_POINTS), "role": "both", "profiling": True, "gpai": True},
        id="high-everything",
    ),
    pytest.param(
        {"annex_iii": ["4a"], "art6_3_conditions": ["a", "b"], "art6_3_justification": "x"},
        id="high-no-justification",
    ),
    pytest.param(
        {
            "annex_iii": ["1a", "6a"],
            "art6_3_conditions": list(ART6_3_CONDITIONS),
            "art6_3_justification": JUSTIFICATION,
            "role": "provider",
        },
        id="lowered",
    ),
    pytest.param(
        {
            "is_ai_system": None,
            "infers_outputs": True,
            **dict.fromkeys((trigger for trigger, _ in ART50_TRIGGERS), True),
        },
        id="limited",
    ),
    pytest.param({"annex_iii": ["5b"], "public_authority": False}, id="fria-credit"),
    pytest.param({"annex_iii": ["2"]}, id="fria-not-required"),
    pytest.param({}, id="minimal"),
]
