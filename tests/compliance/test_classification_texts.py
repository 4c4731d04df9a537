"""Every text of the classification in Kazakh, Russian and English, with the same placeholders."""

from __future__ import annotations

import itertools
import re
import string
from typing import Any

import pytest

from compliance import classification_texts as texts
from compliance.classification import (
    ANNEX_III_POINTS,
    ART6_3_CONDITIONS,
    DECISION_ROLES,
    EXCLUSIONS,
    KZ_AUTONOMY_DEGREES,
    KZ_PROHIBITED_CAPABILITIES,
    KZ_RISK_DEGREES,
    LANGUAGES,
    PROHIBITED_PRACTICES,
    ROLES,
    classify,
)
from tests.compliance.classification_support import (
    ART50_TRIGGERS,
    ARTICLE_CITATION,
    JUSTIFICATION,
    KAZAKH_LETTERS,
    LANGUAGE_CASES,
    articles,
)

# --- Languages and texts ------------------------------------------------------------------------


@pytest.mark.parametrize("answers", LANGUAGE_CASES)
def test_rationale_in_every_language(answers: dict[str, Any]) -> None:
    outcomes = {language: classify(answers, language=language) for language in LANGUAGES}
    for language, outcome in outcomes.items():
        assert outcome["rationale"], language
        for sentence in outcome["rationale"]:
            assert sentence.strip(), language
            assert re.search(ARTICLE_CITATION[language], sentence), (language, sentence)
            assert "{" not in sentence and "}" not in sentence, (language, sentence)
        for sentence in outcome["kz"]["rationale"]:
            assert re.search(ARTICLE_CITATION[language], sentence), (language, sentence)
            assert "{" not in sentence and "}" not in sentence, (language, sentence)
        for obligation in [*outcome["obligations"], *outcome["kz"]["obligations"]]:
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
    "KZ obligation titles": texts.KZ_OBLIGATION_TITLES,
    "KZ rationale": texts.KZ_RATIONALE,
    "KZ capabilities": texts.KZ_CAPABILITIES,
    "KZ risk degrees": texts.KZ_RISK_DEGREE_TEXTS,
    "KZ autonomy degrees": texts.KZ_AUTONOMY_TEXTS,
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
    assert set(texts.KZ_CAPABILITIES) == set(KZ_PROHIBITED_CAPABILITIES)
    assert set(texts.KZ_RISK_DEGREE_TEXTS) == set(KZ_RISK_DEGREES)
    assert set(texts.KZ_AUTONOMY_TEXTS) == set(KZ_AUTONOMY_DEGREES)
    # Every capability is compared with EU Art 5 in a sentence of its own.
    assert {f"kz.compare.{c}" for c in KZ_PROHIBITED_CAPABILITIES} <= set(texts.KZ_RATIONALE)


def _answer_combinations() -> list[dict[str, Any]]:
    """A broad sweep of answers, enough to reach every obligation and sentence the logic has."""
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
                    "gpai_systemic_risk": gpai,
                    "profiling": profiling,
                    "annex_iii": points,
                    "annex_i_safety_component": not points,
                    "art6_3_conditions": ["a"],
                    "art6_3_justification": justification,
                    **dict.fromkeys((trigger for trigger, _ in ART50_TRIGGERS), True),
                })  # fmt: skip
    combos.append({"prohibited_practices": list(PROHIBITED_PRACTICES)})
    combos.append({"annex_i_safety_component": True, "annex_i_section_b": True})
    for degree, decision, correct, synthetic in itertools.product(
        (*KZ_RISK_DEGREES, None), (*DECISION_ROLES, None), (True, False), (True, False)
    ):
        combos.append({
            "is_ai_system": correct or None,
            "kz_risk_degree": degree,
            "kz_risk_assigned_by": "Head of IT" if correct else "",
            "decision_role": decision,
            "human_can_correct": correct,
            "critical_ict_object": synthetic,
            "synthetic_results": synthetic,
            "generates_synthetic_content": True,
        })  # fmt: skip
    combos.append({"kz_prohibited_capabilities": list(KZ_PROHIBITED_CAPABILITIES)})
    for answers in (
        {"is_ai_system": False},
        {"prohibited_practices": ["a"], "annex_iii": ["5a"]},
        {"infers_outputs": True},
        {"infers_outputs": False},
        {"fixed_rules_only": True},
        {"influences_environments": False},
        {"open_source": True},
        {"open_source": True, "interacts_with_people": True},
        {"annex_iii": ["1b"], "law_enforcement_migration_use": True},
        {"crime_detection_authorised": True, "interacts_with_people": True},
        {"gpai_system": True, "gpai": True, "gpai_systemic_risk": True},
        *({"exclusion": exclusion} for exclusion in EXCLUSIONS),
    ):
        combos.append(answers)
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


def test_every_kz_obligation_and_every_sentence_is_reachable() -> None:
    kz_seen: set[str] = set()
    sentences: set[str] = set()
    for answers in _answer_combinations():
        outcome = classify(answers)
        for obligation in outcome["kz"]["obligations"]:
            assert obligation["title"] == texts.KZ_OBLIGATION_TITLES[obligation["article"]]["en"]
            kz_seen.add(obligation["article"])
        sentences.update(outcome["rationale"])
        sentences.update(outcome["kz"]["rationale"])
    assert kz_seen == set(texts.KZ_OBLIGATION_TITLES)
    # Each rationale key renders at least once (placeholders cut off before comparing).
    for table in (texts.RATIONALE, texts.KZ_RATIONALE):
        for key, translations in table.items():
            prefix = translations["en"].split("{")[0]
            assert any(sentence.startswith(prefix) for sentence in sentences), key
