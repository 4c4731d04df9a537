"""The pages the benchmark drives, who asks for them, and the target each is held to.

``Sample`` is what the paths are made from: published systems of the whole register and of the
editor's organisation, and words to search for. A target with many paths asks for a different
page each time (a card of the register picked at random, say); ``unique`` adds a parameter of
the benchmark's own to every request, so that the page cache never answers: the uncached cost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bench.load import LoadResult

ANONYMOUS, EDITOR, REGULATOR = None, "editor", "regulator"


@dataclass(frozen=True)
class Sample:
    public_ids: list[str]  # published systems across the register, in random order
    own_ids: list[str]  # published systems of the editor's organisation, in random order
    common_words: dict[str, str]  # by language: a word in about one record in eight
    rare_words: dict[str, str]  # by language: a word in one record or a handful


@dataclass(frozen=True)
class Goal:
    """A target: throughput as a share of ``/healthz``, or a 95th percentile of latency."""

    share: float | None = None
    p95_ms: float | None = None

    def describe(self) -> str:
        if self.share is not None:
            return f">= {self.share:.0%} of /healthz"
        if self.p95_ms is not None:
            return f"p95 <= {self.p95_ms:g} ms"
        return ""

    def met(self, result: LoadResult, ceiling: float) -> bool | None:
        """Whether ``result`` meets the goal; never with errors, or with no answer at all
        within the measure (a page slower than the measure's length)."""
        if not self.describe():
            return None
        if result.errors or not result.requests:
            return False
        if self.share is not None:
            return bool(ceiling) and result.per_second >= self.share * ceiling
        if self.p95_ms is not None:
            return result.p95_ms <= self.p95_ms
        return None


@dataclass(frozen=True)
class Target:
    name: str
    group: str
    who: str | None
    paths: Callable[[Sample], list[str]]
    goal: Goal = field(default_factory=Goal)
    unique: bool = False
    # Asked for once, and answered, before the warm-up: what the first answer stores (a
    # report made once) is then there whatever the warm-up's length.
    primed: bool = False


def _one(path: str) -> Callable[[Sample], list[str]]:
    return lambda sample: [path]


def _cards(template: str, *, own: bool = False) -> Callable[[Sample], list[str]]:
    return lambda sample: [
        template.format(public_id=public_id)
        for public_id in (sample.own_ids if own else sample.public_ids)
    ]


def _search(language: str, words: str) -> Callable[[Sample], list[str]]:
    return lambda sample: [f"/{language}/systems/?q={getattr(sample, words)[language]}"]


CEILING = "healthz"
CACHED = Goal(share=0.8)
SIGNED_IN = Goal(p95_ms=150)

TARGETS: tuple[Target, ...] = (
    Target(CEILING, "ceiling", ANONYMOUS, _one("/healthz")),
    # Public pages, as a citizen without a session reads them.
    Target("home, cached", "public", ANONYMOUS, _one("/ru/")),
    Target("home, uncached", "public", ANONYMOUS, _one("/ru/"), unique=True),
    Target("card, cached", "public", ANONYMOUS, _one("/ru/systems/{first}/"), CACHED),
    Target(
        "card, uncached",
        "public",
        ANONYMOUS,
        _cards("/ru/systems/{public_id}/"),
        Goal(p95_ms=25),
        unique=True,
    ),
    Target("list, cached", "public", ANONYMOUS, _one("/ru/systems/"), CACHED),
    Target(
        "list with facets, uncached",
        "public",
        ANONYMOUS,
        _one("/ru/systems/"),
        Goal(p95_ms=75),
        unique=True,
    ),
    Target(
        "list filtered, uncached",
        "public",
        ANONYMOUS,
        _one("/ru/systems/?risk=high&phase=production"),
        Goal(p95_ms=75),
        unique=True,
    ),
    *(
        Target(
            f"search, common word ({language})",
            "public",
            ANONYMOUS,
            _search(language, "common_words"),
            Goal(p95_ms=150),
            unique=True,
        )
        for language in ("kk", "ru", "en")
    ),
    *(
        Target(
            f"search, rare word ({language})",
            "public",
            ANONYMOUS,
            _search(language, "rare_words"),
            Goal(p95_ms=20),
            unique=True,
        )
        for language in ("kk", "ru", "en")
    ),
    # The open-data API.
    Target("API list", "api", ANONYMOUS, _one("/api/v1/systems"), Goal(p95_ms=50), unique=True),
    Target("API detail", "api", ANONYMOUS, _cards("/api/v1/systems/{public_id}"), unique=True),
    # Signed-in pages: an editor of an organisation of the register's average size, and the
    # regulator over the whole register.
    Target("editor: dashboard", "signed in", EDITOR, _one("/ru/workspace/"), SIGNED_IN),
    Target("editor: findings", "signed in", EDITOR, _one("/ru/workspace/findings/"), SIGNED_IN),
    Target(
        "editor: task list",
        "signed in",
        EDITOR,
        _cards("/ru/workspace/systems/{public_id}/", own=True),
        SIGNED_IN,
    ),
    Target(
        "editor: history",
        "signed in",
        EDITOR,
        _cards("/ru/workspace/systems/{public_id}/history/", own=True),
        SIGNED_IN,
    ),
    Target("regulator: dashboard", "signed in", REGULATOR, _one("/ru/workspace/"), SIGNED_IN),
    Target("regulator: overview", "signed in", REGULATOR, _one("/ru/oversight/"), SIGNED_IN),
    Target(
        "regulator: systems",
        "signed in",
        REGULATOR,
        _one("/ru/oversight/systems/?risk_class=high"),
        SIGNED_IN,
    ),
    Target(
        "regulator: findings",
        "signed in",
        REGULATOR,
        _one("/ru/workspace/findings/"),
        SIGNED_IN,
    ),
    # A one-system audit report: made once, then served from the reports storage while the
    # document would come out the same (made once before the warm-up); and first made, a different
    # system each time, which no stored report answers.
    Target(
        "one-system PDF report, stored",
        "reports",
        REGULATOR,
        _one("/ru/oversight/systems/{first}/report.pdf?lang=ru"),
        Goal(p95_ms=500),
        primed=True,
    ),
    Target(
        "one-system PDF report, first made",
        "reports",
        REGULATOR,
        _cards("/ru/oversight/systems/{public_id}/report.pdf?lang=ru"),
    ),
)


def paths_of(target: Target, sample: Sample) -> list[str]:
    """The target's paths, ``{first}`` standing for the first of the sample's systems."""
    return [path.replace("{first}", sample.public_ids[0]) for path in target.paths(sample)]
