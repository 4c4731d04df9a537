"""The outcome's shape and purity, validation, the management command and what a record stores."""

from __future__ import annotations

import copy
import io
import json
import re
from typing import Any

import pytest

from compliance.classification import (
    ANSWER_FIELDS,
    CLASSIFICATION_VERSION,
    EXCLUSIONS,
    LANGUAGES,
    RISK_CLASSES,
    Answers,
    ClassificationInputError,
    classify,
    language_neutral,
    validate_answers,
)
from tests.compliance.classification_support import (
    JUSTIFICATION,
    LANGUAGE_CASES,
    articles,
)

# --- Output shape and purity --------------------------------------------------------------------


def test_output_shape() -> None:
    outcome = classify({"annex_iii": ["5a"], "interacts_with_people": True})
    assert set(outcome) == {
        "version",
        "risk_class",
        "transparency_obligations",
        "annex_iii",
        "fria_required",
        "prohibited_practices",
        "art6_3_applied",
        "high_risk_routes",
        "non_public_registration",
        "obligations",
        "rationale",
        "kz",
    }
    assert outcome["version"] == CLASSIFICATION_VERSION
    assert outcome["risk_class"] in RISK_CLASSES
    assert json.loads(json.dumps(outcome)) == outcome


@pytest.mark.parametrize("answers", LANGUAGE_CASES)
def test_classify_is_pure(answers: dict[str, Any]) -> None:
    before = copy.deepcopy(answers)
    first = classify(answers, language="kk")
    second = classify(answers, language="kk")
    assert first == second
    assert answers == before
    # The outcome is the caller's to change: it shares no mutable state with the next call.
    first["obligations"].clear()
    first["rationale"].append("changed")
    assert classify(answers, language="kk") == second


def test_classify_accepts_validated_answers() -> None:
    raw = {"annex_iii": ["5a"], "role": "both"}
    assert classify(validate_answers(raw)) == classify(raw)


def test_classify_validates_answers_built_directly() -> None:
    with pytest.raises(ClassificationInputError) as excinfo:
        classify(Answers(annex_iii=("9z",), role="owner"))
    assert set(excinfo.value.errors) == {"annex_iii", "role"}


# --- Validation ---------------------------------------------------------------------------------

INVALID_CASES = [
    pytest.param({"colour": "red"}, "colour", id="unknown-key"),
    pytest.param({"annex_III": ["5a"]}, "annex_III", id="unknown-key-wrong-case"),
    pytest.param({"annex_iii": ["2a"]}, "annex_iii", id="annex-iii-2a"),
    pytest.param({"annex_iii": ["9a"]}, "annex_iii", id="annex-iii-9a"),
    pytest.param({"annex_iii": ["5e"]}, "annex_iii", id="annex-iii-5e"),
    pytest.param({"annex_iii": "5a"}, "annex_iii", id="annex-iii-not-a-list"),
    pytest.param({"annex_iii": [5]}, "annex_iii", id="annex-iii-number"),
    pytest.param({"prohibited_practices": ["z"]}, "prohibited_practices", id="art5-letter-z"),
    pytest.param({"prohibited_practices": None}, "prohibited_practices", id="art5-null"),
    pytest.param({"art6_3_conditions": ["e"]}, "art6_3_conditions", id="art6-3-letter-e"),
    pytest.param({"role": "owner"}, "role", id="bad-role"),
    pytest.param({"role": None}, "role", id="null-role"),
    pytest.param({"exclusion": "hobby"}, "exclusion", id="bad-exclusion"),
    pytest.param({"is_ai_system": "unknown"}, "is_ai_system", id="nullable-bool-as-text"),
    pytest.param({"profiling": 1}, "profiling", id="bool-as-number"),
    pytest.param({"gpai": "true"}, "gpai", id="bool-as-text"),
    pytest.param({"public_authority": None}, "public_authority", id="bool-as-null"),
    pytest.param({"art6_3_justification": 42}, "art6_3_justification", id="justification-number"),
]


@pytest.mark.parametrize(("answers", "field"), INVALID_CASES)
def test_invalid_answers(answers: dict[str, Any], field: str) -> None:
    with pytest.raises(ClassificationInputError) as excinfo:
        validate_answers(answers)
    assert list(excinfo.value.errors) == [field]
    assert all(message for message in excinfo.value.errors[field])
    with pytest.raises(ValueError, match=re.escape(field)):
        classify(answers)


def test_all_problems_are_reported_at_once() -> None:
    answers = {"annex_iii": ["2a", "5a", "9a"], "role": "owner", "colour": "red"}
    with pytest.raises(ClassificationInputError) as excinfo:
        validate_answers(answers)
    errors = excinfo.value.errors
    assert set(errors) == {"annex_iii", "role", "colour"}
    assert len(errors["annex_iii"]) == 3
    assert "“2a”" in errors["annex_iii"][0] and "“9a”" in errors["annex_iii"][1]
    # The valid values once per field, not once per bad item.
    assert sum("Valid values" in message for message in errors["annex_iii"]) == 1
    assert errors["annex_iii"][2].startswith("Valid values: 1a, 1b")


def test_unknown_key_suggests_the_close_one() -> None:
    with pytest.raises(ClassificationInputError) as excinfo:
        validate_answers({"profilling": True})
    assert "profiling" in excinfo.value.errors["profilling"][0]


@pytest.mark.parametrize("answers", [[], "annex_iii", None], ids=["list", "text", "null"])
def test_answers_must_be_an_object(answers: Any) -> None:
    with pytest.raises(ClassificationInputError) as excinfo:
        validate_answers(answers)
    assert "__all__" in excinfo.value.errors


def test_missing_keys_take_defaults() -> None:
    answers = validate_answers({})
    assert answers == Answers()
    assert answers.role == "deployer"
    assert answers.public_authority is True
    assert answers.is_ai_system is None
    assert answers.annex_iii == ()
    assert answers.exclusion is None


def test_answers_are_normalised() -> None:
    answers = validate_answers(
        {
            "annex_iii": ["8a", " 5A ", "5a", "2"],
            "prohibited_practices": [],
            "art6_3_conditions": ["d", "a"],
            "role": " Provider ",
            "exclusion": "",
        }
    )
    assert answers.annex_iii == ("2", "5a", "8a")
    assert answers.art6_3_conditions == ("a", "d")
    assert answers.role == "provider"
    assert answers.exclusion is None


def test_answers_round_trip_and_are_frozen() -> None:
    answers = validate_answers({"annex_iii": ["5a"], "exclusion": EXCLUSIONS[1]})
    data = answers.to_dict()
    assert set(data) == set(ANSWER_FIELDS)
    assert json.loads(json.dumps(data)) == data
    assert validate_answers(data) == answers
    with pytest.raises(AttributeError):
        answers.role = "provider"  # type: ignore[misc]


# --- The management command ---------------------------------------------------------------------


def _run_command(*args: str, stdin: str | None = None) -> str:
    from django.core.management import call_command

    from compliance.management.commands.classify import Command

    out = io.StringIO()
    extra = {"stdin": io.StringIO(stdin)} if stdin is not None else {}
    call_command(Command(), *args, stdout=out, **extra)
    return out.getvalue()


def test_command_reads_a_file(tmp_path: Any) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"annex_iii": ["5a"]}), encoding="utf-8")
    output = _run_command(str(path), "--language", "kk")
    assert json.loads(output) == classify({"annex_iii": ["5a"]}, language="kk")
    assert "қосымша" in output, "Kazakh is printed as is, not escaped"


def test_command_reads_stdin() -> None:
    output = _run_command("-", stdin='{"interacts_with_people": true}')
    assert json.loads(output)["risk_class"] == "limited"


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        pytest.param('{"annex_iii": ["2a"], "role": "owner"}', "annex_iii", id="invalid-answers"),
        pytest.param("{not json", "not valid JSON", id="invalid-json"),
    ],
)
def test_command_rejects_bad_input(stdin: str, message: str) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        _run_command("-", stdin=stdin)


def test_command_reports_a_missing_file(tmp_path: Any) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Cannot read"):
        _run_command(str(tmp_path / "missing.json"))


# --- What a record stores ------------------------------------------------------------------------


@pytest.mark.parametrize("answers", LANGUAGE_CASES)
def test_the_stored_outcome_is_the_same_in_every_language(answers: dict[str, Any]) -> None:
    stored = {
        language: language_neutral(classify(answers, language=language)) for language in LANGUAGES
    }
    assert stored["kk"] == stored["ru"] == stored["en"]
    outcome = classify(answers)
    assert "rationale" not in stored["en"]
    assert stored["en"]["obligations"] == articles(outcome)
    assert stored["en"]["version"] == CLASSIFICATION_VERSION
    assert json.loads(json.dumps(stored["en"])) == stored["en"]


def test_the_stored_outcome_shares_nothing_with_the_outcome() -> None:
    outcome = classify({"annex_iii": ["5a"]})
    stored = language_neutral(outcome)
    outcome["annex_iii"].append("8a")
    assert stored["annex_iii"] == ["5a"]


def test_a_prohibited_outcome_names_its_practices() -> None:
    outcome = classify({"prohibited_practices": ["f", "c"], "annex_iii": ["5a"]})
    assert outcome["prohibited_practices"] == ["c", "f"]
    assert outcome["art6_3_applied"] is False
    assert classify({"annex_iii": ["5a"]})["prohibited_practices"] == []


@pytest.mark.parametrize(
    ("changes", "applied"),
    [
        pytest.param({}, True, id="applied"),
        pytest.param({"profiling": True}, False, id="profiling"),
        pytest.param({"art6_3_justification": " "}, False, id="no-justification"),
        pytest.param({"art6_3_conditions": []}, False, id="no-condition"),
        pytest.param({"annex_i_safety_component": True}, True, id="annex-i-stays-high"),
        pytest.param({"prohibited_practices": ["a"]}, False, id="prohibited"),
    ],
)
def test_the_outcome_says_whether_art_6_3_lowered_the_system(
    changes: dict[str, Any], applied: bool
) -> None:
    answers = {
        "annex_iii": ["4a"],
        "art6_3_conditions": ["a"],
        "art6_3_justification": JUSTIFICATION,
        **changes,
    }
    assert classify(answers)["art6_3_applied"] is applied
