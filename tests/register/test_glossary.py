"""One term per concept: the Kazakh and Russian catalogues follow locale/GLOSSARY.md, and carry
no Latin abbreviation (FRIA, DPIA, "AI Act") outside an explanation of it."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from tests.register.catalogues import LOCALE, Entry, ours

LANGUAGES = ("kk", "ru")


@dataclass(frozen=True)
class Term:
    concept: str
    en: str
    kk: str
    ru: str
    checked: bool


def _glossary() -> list[Term]:
    rows = []
    for line in (LOCALE / "GLOSSARY.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] not in ("concept", "---"):
            rows.append(Term(*cells[:4], checked=cells[4] == "yes"))
    return rows


GLOSSARY = _glossary()
CHECKED = [term for term in GLOSSARY if term.checked]


def _english(term: str) -> re.Pattern[str]:
    """The English term in a msgid, in either case, hyphenated or not, singular or plural."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", term)]
    # A name ("AI Act", "AI Law") is matched as written: "an AI law" is not the Kazakh law.
    flags = 0 if term != term.lower() else re.IGNORECASE
    return re.compile(r"\b" + r"[\s-]+".join(words) + r"s?\b", flags)


def _rendering(term: str) -> re.Pattern[str]:
    """The translated term with any ending: each word from its start (its stem) on."""
    stems = []
    for word in term.split():
        stem = word if len(word) <= 4 else word[: max(4, len(word) - 3)]
        stems.append(re.escape(stem) + r"[\w-]*")
    return re.compile(r"(?<!\w)" + r"\s+".join(stems), re.IGNORECASE)


# Messages where the English word names another concept than the glossary's, with the reason.
OTHER_SENSE = {
    "summary of findings": "the conclusions of an impact assessment, not compliance findings",
    "If you bought the system: the supplier's instructions for use (AI Act Art 13).": (
        "the AI Act's provider, who writes the instructions for use"
    ),
}


def _text(entry: Entry) -> str:
    return " ".join(entry.msgstr)


def test_the_glossary_holds_the_core_terms():
    assert len(GLOSSARY) >= 30
    concepts = {term.en for term in GLOSSARY}
    assert {"human oversight", "finding", "waiver", "approver", "AI Act"} <= concepts
    assert all(term.kk and term.ru for term in GLOSSARY)


def test_the_stem_match_accepts_endings_and_refuses_another_term():
    assert _rendering("адамның қадағалауы").search("адамның қадағалауын жүзеге асыру")
    assert not _rendering("адамның қадағалауы").search("адамның бақылауы")
    assert _rendering("человеческий надзор").search("без человеческого надзора")
    assert _english("impact assessment").search("Fundamental-rights impact assessments")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("term", CHECKED, ids=[term.en for term in CHECKED])
def test_messages_render_the_term_as_the_glossary_does(language, term):
    english, rendering = _english(term.en), _rendering(getattr(term, language))
    others = [
        entry.msgid
        for entry in ours(language)
        if entry.translated
        and entry.msgid not in OTHER_SENSE
        and english.search(entry.msgid)
        and not rendering.search(_text(entry))
    ]
    assert others == [], f"{term.en!r} is not rendered as {getattr(term, language)!r}"


_ABBREVIATION = re.compile(r"\b(FRIA|DPIA|GDPR|AI Act|AI Law)\b")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_latin_abbreviation_inside_kazakh_or_russian_sentences(language):
    """An abbreviation may appear only in brackets right after the term it stands for."""
    explained = re.compile(r"\w[\w\s-]*\((FRIA|DPIA|GDPR)\)")
    found = [
        entry.msgid
        for entry in ours(language)
        if _ABBREVIATION.search(explained.sub("", _text(entry)))
    ]
    assert found == []
