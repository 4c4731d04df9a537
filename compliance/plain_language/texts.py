"""Sentences, jargon and reading level: pure functions of a text and its language.

The limits are deliberately loose: the assistant points at what is far from plain language,
it does not grade style. Kazakh words carry their endings, so a Kazakh sentence says in fewer
words what a Russian or English one does; its limit is lower. No readability formula is
established for Kazakh, so its texts are checked for sentence length and jargon only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from textstat.textstat import textstatistics

#: A sentence longer than this many words is flagged.
LONG_SENTENCE_WORDS: Final = {"kk": 20, "ru": 22, "en": 25}
#: Flesch reading ease below this is far above the plain-language level (about 60 and up);
#: textstat adapts the formula to Russian. Languages without a formula are not scored.
READING_EASE_FLOOR: Final = {"ru": 30.0, "en": 30.0}
#: Shorter texts (a list of groups, one sentence) give no meaningful score.
READING_MIN_WORDS: Final = 30
#: How much of a long sentence a hint quotes, so the editor finds it.
QUOTE_WORDS: Final = 8

_ADDRESS = re.compile(r"https?://\S+|\S+@\S+", re.IGNORECASE)
# A sentence ends at . ! ? or … followed by a space, or at a line break (lists, numbered steps).
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text or "") if part.strip()]


def words(text: str) -> list[str]:
    """The words of ``text``, leaving out web and e-mail addresses and bare numbers."""
    return [w for w in _WORD.findall(_ADDRESS.sub(" ", text)) if not w.isdigit()]


def long_sentences(text: str, language: str) -> list[dict[str, object]]:
    """Each sentence over the language's limit: its word count and its first words."""
    limit = LONG_SENTENCE_WORDS.get(language, max(LONG_SENTENCE_WORDS.values()))
    found = []
    for sentence in sentences(text):
        count = len(words(sentence))
        if count > limit:
            start = " ".join(sentence.split()[:QUOTE_WORDS])
            found.append({"words": count, "limit": limit, "start": start})
    return found


def jargon_found(text: str, phrases: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """The phrases of the list that ``text`` uses, as whole words, ignoring case: each with
    the plainer wording the list suggests."""
    found = []
    lowered = (text or "").casefold()
    for phrase, suggestion in phrases:
        pattern = r"(?<!\w)" + re.escape(phrase.casefold()) + r"(?!\w)"
        if re.search(pattern, lowered):
            found.append({"phrase": phrase, "suggestion": suggestion})
    return found


def reading_ease(text: str, language: str) -> float | None:
    """The Flesch reading ease of ``text`` (higher is easier), or None when the language has
    no formula or the text is too short to score."""
    if language not in READING_EASE_FLOOR or len(words(text)) < READING_MIN_WORDS:
        return None
    # One instance per call: textstat keeps the language on the instance.
    statistics = textstatistics()
    statistics.set_lang(language)
    return float(statistics.flesch_reading_ease(_ADDRESS.sub(" ", text)))


def too_hard(text: str, language: str) -> dict[str, float] | None:
    score = reading_ease(text, language)
    if score is None or score >= READING_EASE_FLOOR[language]:
        return None
    return {"score": round(score), "floor": READING_EASE_FLOOR[language]}


def text_problems(
    text: str, language: str, jargon: Mapping[str, Sequence[tuple[str, str]]]
) -> list[tuple[str, dict[str, object]]]:
    """Every (code, detail) of a text in ``language``; ``jargon`` maps a language to its list of
    (phrase, suggestion)."""
    if not (text or "").strip():
        return []
    problems: list[tuple[str, dict[str, object]]] = [
        ("long_sentence", detail) for detail in long_sentences(text, language)
    ]
    problems += [("jargon", detail) for detail in jargon_found(text, jargon.get(language, ()))]
    hard = too_hard(text, language)
    if hard is not None:
        problems.append(("reading_level", dict(hard)))
    return problems
