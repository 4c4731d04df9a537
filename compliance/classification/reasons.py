"""The language-independent form of a rationale: sentence keys with their parameters, rendered
into one language only at the end, so that every decision is taken once for all languages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from compliance.classification_texts import Translations


@dataclass(frozen=True, slots=True)
class Term:
    """A placeholder value translated at render time from one of the texts tables."""

    table: Mapping[str, Translations]
    item: str


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    params: Mapping[str, str | Term] = field(default_factory=dict)


@dataclass(slots=True)
class Reasons:
    """Article references and rationale lines collected while assessing one framework."""

    articles: set[str] = field(default_factory=set)
    lines: list[Line] = field(default_factory=list)

    def say(self, key: str, **params: str | Term) -> None:
        self.lines.append(Line(key, params))

    def render_lines(self, table: Mapping[str, Translations], language: str) -> list[str]:
        return [render_line(table, line, language) for line in self.lines]

    def render_obligations(
        self, titles: Mapping[str, Translations], language: str
    ) -> list[dict[str, str]]:
        return [
            {"article": article, "title": titles[article][language]}
            for article in sorted(self.articles, key=article_sort_key)
        ]


def render_line(table: Mapping[str, Translations], line: Line, language: str) -> str:
    params = {
        name: value.table[value.item][language] if isinstance(value, Term) else value
        for name, value in line.params.items()
    }
    return table[line.key][language].format(**params)


def article_sort_key(article: str) -> tuple[tuple[int, int, str], ...]:
    """Order article references as the law does: "4" < "5(1)(a)" < "26(2)" < "26(11)" < "49(1)"."""
    return tuple(
        (0, int(token), "") if token.isdigit() else (1, 0, token)
        for token in re.findall(r"\d+|[a-z]+", article)
    )
