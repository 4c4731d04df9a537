"""The EU AI Act classification: a pure function, tested as tables of answers and outcomes.

No database and no Django test fixtures: `classify` must work on plain data.
"""

from __future__ import annotations

import copy
import io
import itertools
import json
import re
import string
from typing import Any

import pytest

from compliance import classification_texts as texts
from compliance.classification import (
    ANNEX_III_POINTS,
    ANSWER_FIELDS,
    ART6_3_CONDITIONS,
    CLASSIFICATION_VERSION,
    EXCLUSIONS,
    LANGUAGES,
    PROHIBITED_PRACTICES,
    RISK_CLASSES,
    ROLES,
    Answers,
    ClassificationInputError,
    article_sort_key,
    classify,
    language_neutral,
    validate_answers,
)

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


# --- Prohibited practices (Art 5) ---------------------------------------------------------------


@pytest.mark.parametrize("letter", PROHIBITED_PRACTICES, ids=lambda letter: f"art5-1-{letter}")
def test_every_art5_practice_is_prohibited(letter: str) -> None:
    outcome = classify({"prohibited_practices": [letter]})
    assert outcome["risk_class"] == "prohibited"
    assert articles(outcome) == [f"5(1)({letter})"]
    assert any(f"Art 5(1)({letter})" in sentence for sentence in outcome["rationale"])


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
        {"risk_class": "high", "annex_iii": [], "has": ["14", "26(1)"], "lacks": ["86", "26(11)"]},
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
    assert any("no reason was given" in s and "(a), (c)" in s for s in outcome["rationale"])


def test_profiling_override_is_explained() -> None:
    answers = {
        "annex_iii": ["4b"],
        "art6_3_conditions": ["a"],
        "art6_3_justification": JUSTIFICATION,
        "profiling": True,
    }
    assert any("always high-risk" in s for s in classify(answers)["rationale"])


# --- Transparency (Art 50) ----------------------------------------------------------------------

ART50_TRIGGERS = [
    ("interacts_with_people", "50(1)"),
    ("generates_synthetic_content", "50(2)"),
    ("emotion_or_biometric_categorisation", "50(3)"),
    ("deep_fake_or_public_interest_text", "50(4)"),
]


@pytest.mark.parametrize(
    ("trigger", "paragraph"), ART50_TRIGGERS, ids=[p for _, p in ART50_TRIGGERS]
)
def test_art50_trigger_alone_is_limited(trigger: str, paragraph: str) -> None:
    outcome = classify({trigger: True})
    assert outcome["risk_class"] == "limited"
    assert outcome["transparency_obligations"] == [paragraph, "50(5)"]
    assert {paragraph, "50(5)", "4"} <= set(articles(outcome))


@pytest.mark.parametrize(
    ("trigger", "paragraph"), ART50_TRIGGERS, ids=[f"high-plus-{p}" for _, p in ART50_TRIGGERS]
)
def test_art50_trigger_stacks_on_high_risk(trigger: str, paragraph: str) -> None:
    outcome = classify({trigger: True, "annex_iii": ["1c"]})
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
                "14",
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
            "lacks": ["9", "16", "43", "49(1)", "53"],
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


# --- Languages and texts ------------------------------------------------------------------------

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


@pytest.mark.parametrize("answers", LANGUAGE_CASES)
def test_rationale_in_every_language(answers: dict[str, Any]) -> None:
    outcomes = {language: classify(answers, language=language) for language in LANGUAGES}
    for language, outcome in outcomes.items():
        assert outcome["rationale"], language
        for sentence in outcome["rationale"]:
            assert sentence.strip(), language
            assert re.search(ARTICLE_CITATION[language], sentence), (language, sentence)
            assert "{" not in sentence and "}" not in sentence, (language, sentence)
        for obligation in outcome["obligations"]:
            assert obligation["article"]
            assert obligation["title"].strip()
    # Texts differ; the decisions do not.
    for first, second in itertools.combinations(LANGUAGES, 2):
        assert outcomes[first]["rationale"] != outcomes[second]["rationale"]
        for key in ("risk_class", "transparency_obligations", "annex_iii", "fria_required"):
            assert outcomes[first][key] == outcomes[second][key]
        assert articles(outcomes[first]) == articles(outcomes[second])
    kazakh = "".join(outcomes["kk"]["rationale"])
    russian = "".join(outcomes["ru"]["rationale"])
    assert KAZAKH_LETTERS & set(kazakh)
    assert not KAZAKH_LETTERS & set(russian)


def test_unknown_language_is_rejected() -> None:
    with pytest.raises(ValueError, match="language"):
        classify({}, language="de")


TEXT_TABLES = {
    "obligation titles": texts.OBLIGATION_TITLES,
    "rationale": texts.RATIONALE,
    "Art 5 practices": texts.PRACTICES,
    "Annex III uses": texts.ANNEX_III_USES,
    "Art 6(3) conditions": texts.ART6_3_CONDITIONS,
}


@pytest.mark.parametrize("table", TEXT_TABLES.values(), ids=TEXT_TABLES.keys())
def test_every_text_exists_in_all_languages_with_the_same_placeholders(table: Any) -> None:
    formatter = string.Formatter()
    for key, translations in table.items():
        assert set(translations) == set(LANGUAGES), key
        placeholders = {
            language: {name for _, name, _, _ in formatter.parse(text) if name}
            for language, text in translations.items()
        }
        for language, text in translations.items():
            assert text.strip(), (key, language)
            assert placeholders[language] == placeholders["en"], (key, language)
            # Any Kazakh text of a few words uses letters beyond Russian's alphabet, so a text
            # pasted into the wrong language shows up here.
            if language == "kk" and len(text.split()) > 3:
                assert KAZAKH_LETTERS & set(text), (key, text)
            if language == "ru":
                assert not KAZAKH_LETTERS & set(text), (key, text)


def test_term_tables_cover_every_valid_answer() -> None:
    assert set(texts.PRACTICES) == set(PROHIBITED_PRACTICES)
    assert set(texts.ANNEX_III_USES) == set(ANNEX_III_POINTS)
    assert set(texts.ART6_3_CONDITIONS) == set(ART6_3_CONDITIONS)


def _answer_combinations() -> list[dict[str, Any]]:
    """A broad sweep of answers, enough to reach every obligation the logic can list."""
    combos: list[dict[str, Any]] = []
    for role, public, gpai, profiling in itertools.product(
        ROLES, (True, False), (True, False), (True, False)
    ):
        for points in (["2"], ["4a"], ["5b"], ["1a", "2", "6e"], []):
            for justification in ("", JUSTIFICATION):
                combos.append({
                    "role": role,
                    "public_authority": public,
                    "gpai": gpai,
                    "profiling": profiling,
                    "annex_iii": points,
                    "annex_i_safety_component": not points,
                    "art6_3_conditions": ["a"],
                    "art6_3_justification": justification,
                    **dict.fromkeys((trigger for trigger, _ in ART50_TRIGGERS), True),
                })  # fmt: skip
    combos.append({"prohibited_practices": list(PROHIBITED_PRACTICES)})
    return combos


def test_every_listed_obligation_has_an_article_and_a_title_in_all_languages() -> None:
    seen: set[str] = set()
    for answers in _answer_combinations():
        for language in LANGUAGES:
            for obligation in classify(answers, language=language)["obligations"]:
                assert set(obligation) == {"article", "title"}
                assert obligation["article"] in texts.OBLIGATION_TITLES
                title = texts.OBLIGATION_TITLES[obligation["article"]][language]
                assert obligation["title"] == title
                assert obligation["title"].strip()
                seen.add(obligation["article"])
    # Every title in the table is reachable: no dead text left behind after a change of logic.
    assert seen == set(texts.OBLIGATION_TITLES)


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
        "obligations",
        "rationale",
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
    assert len(errors["annex_iii"]) == 2
    assert "'2a'" in errors["annex_iii"][0] and "'9a'" in errors["annex_iii"][1]


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
