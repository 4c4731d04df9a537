"""EU AI Act scope (Art 2, Art 3(1)): a pure function, tested as tables of answers and outcomes."""

from __future__ import annotations

from typing import Any

import pytest

from compliance.classification import (
    classify,
)
from tests.compliance.classification_support import (
    assert_outcome,
)

# --- Scope: AI system or not, exclusions -------------------------------------------------------

OUT_OF_SCOPE = {
    "risk_class": "out_of_scope",
    "transparency_obligations": [],
    "annex_iii": [],
    "fria_required": False,
}

SCOPE_CASES = [
    pytest.param({"is_ai_system": False}, OUT_OF_SCOPE, id="not-an-ai-system"),
    pytest.param(
        {"is_ai_system": None, "fixed_rules_only": True}, OUT_OF_SCOPE, id="unknown-fixed-rules"
    ),
    pytest.param(
        {"is_ai_system": None, "infers_outputs": False}, OUT_OF_SCOPE, id="unknown-no-inference"
    ),
    pytest.param(
        {"exclusion": "military_defence_security", "annex_iii": ["6a"]},
        OUT_OF_SCOPE,
        id="exclusion-military-defence-security",
    ),
    pytest.param(
        {"exclusion": "research", "interacts_with_people": True},
        OUT_OF_SCOPE,
        id="exclusion-research",
    ),
    pytest.param(
        {"is_ai_system": False, "prohibited_practices": ["c"]},
        OUT_OF_SCOPE,
        id="not-ai-even-with-art5-practice",
    ),
    pytest.param(
        {"exclusion": "military_defence_security", "prohibited_practices": ["h"]},
        OUT_OF_SCOPE,
        id="exclusion-even-with-art5-practice",
    ),
    pytest.param(
        {"is_ai_system": None},
        {"risk_class": "minimal", "has": ["4"]},
        id="unknown-undecided-is-in-scope",
    ),
    pytest.param(
        {"is_ai_system": None, "infers_outputs": None, "fixed_rules_only": False},
        {"risk_class": "minimal"},
        id="unknown-not-fixed-rules-inference-unknown-is-in-scope",
    ),
    pytest.param(
        {"is_ai_system": None, "infers_outputs": True}, {"risk_class": "minimal"}, id="infers"
    ),
    pytest.param(
        {"is_ai_system": True, "fixed_rules_only": True, "infers_outputs": False},
        {"risk_class": "minimal"},
        id="explicit-answer-beats-helper-questions",
    ),
]


@pytest.mark.parametrize(("answers", "expected"), SCOPE_CASES)
def test_scope(answers: dict[str, Any], expected: dict[str, Any]) -> None:
    outcome = classify(answers)
    assert_outcome(outcome, expected)
    if expected["risk_class"] == "out_of_scope":
        assert outcome["obligations"] == []


def test_undecided_ai_question_is_treated_as_ai_and_says_so() -> None:
    rationale = classify({"is_ai_system": None})["rationale"]
    assert any("to be safe" in sentence and "Art 3(1)" in sentence for sentence in rationale)
