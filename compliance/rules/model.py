"""What a rule is: its verdicts, its parameters, its applicability and the rule itself.

Nothing here reads the catalogue files or the predicates; ``registry`` and ``loader`` build on
these types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from django.conf import settings

from compliance.classification import RISK_CLASSES as CLASSIFIED_RISK_CLASSES
from register.i18n import CONTENT_LANGUAGES, pick

if TYPE_CHECKING:
    from register.models import AISystem

LANGUAGES: Final = CONTENT_LANGUAGES
SEVERITIES: Final = ("blocker", "major", "minor")
#: Catalogue name of a risk class -> the value stored in ``AISystem.risk_class``.
RISK_CLASSES: Final = MappingProxyType(
    {**{name: name for name in CLASSIFIED_RISK_CLASSES}, "unclassified": ""}
)
JURISDICTIONS: Final = ("EU", "KZ")
#: A rule's force in a jurisdiction: the law binds there, or the register follows it as a
#: principle adopted from another legal order.
BINDING: Final = "binding"
PRINCIPLE: Final = "principle"
FORCES: Final = (BINDING, PRINCIPLE)
#: How far a reference was checked: H the article's text was read; M several secondary sources
#: agree; L one source or an inference. M and L are "not yet confirmed against the official text".
CONFIDENCES: Final = ("H", "M", "L")
#: The high-risk routes of the stored outcome (``high_risk_routes``); a rule dated by route
#: uses the first one for a system with no route.
ROUTES: Final = ("annex_iii", "annex_i")
PHASES: Final = ("idea", "design", "development", "pilot", "production", "retired")
SECTIONS: Final = (
    "about",
    "ownership",
    "oversight",
    "data",
    "risks",
    "assessments",
    "translations",
    "classification",
)
ANY: Final = "any"
RESERVED_PARAMS: Final = frozenset({"today"})


# --- Verdicts -------------------------------------------------------------------------------


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 — a verdict, not a password
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a predicate says about one system. ``detail`` is JSON-ready and language-neutral
    (ids and codes, never translated names), so that a stored finding does not change when the
    check runs in another language."""

    outcome: Outcome
    detail: Mapping[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASS

    @property
    def failed(self) -> bool:
        return self.outcome is Outcome.FAIL

    @property
    def not_applicable(self) -> bool:
        return self.outcome is Outcome.NOT_APPLICABLE


PASS: Final = Verdict(Outcome.PASS)


def fail(**detail: Any) -> Verdict:
    return Verdict(Outcome.FAIL, detail)


def not_applicable(**detail: Any) -> Verdict:
    return Verdict(Outcome.NOT_APPLICABLE, detail)


# --- Predicates -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choice:
    """A parameter that takes one of ``values`` (or, with ``many``, a non-empty list of them)."""

    values: tuple[str, ...]
    many: bool = False

    def problem(self, value: Any) -> str | None:
        items = value if self.many else [value]
        if self.many and (not isinstance(value, list) or not value):
            return f"must be a non-empty list of: {', '.join(self.values)}"
        bad = [item for item in items if item not in self.values]
        if bad:
            return f"unknown value {bad[0]!r}; expected one of: {', '.join(self.values)}"
        return None


ParamSpec = type | Choice
PredicateFunc = Callable[["AISystem", Mapping[str, Any]], Verdict]
#: The record fields a predicate reads: a fixed set, or a function of the rule's params.
Reads = Iterable[str] | Callable[[Mapping[str, Any]], Iterable[str]]


@dataclass(frozen=True, slots=True)
class Predicate:
    """A registered predicate: the function, the params it takes and the fields it reads.

    Field names are ``"system.<field>"``, ``"oversight.<field>"``, ``"<part>.<field>"`` (part
    one of ``suppliers``, ``legal_bases``, ``data_sources``, ``impact_assessments``, ``risks``),
    translated fields by their base name (``"system.summary"``), and ``"classification"`` for
    the stored classification (outcome and answers).
    """

    name: str
    func: PredicateFunc
    params: Mapping[str, ParamSpec]
    reads: Reads

    def fields_read(self, params: Mapping[str, Any]) -> frozenset[str]:
        reads = self.reads(params) if callable(self.reads) else self.reads
        return frozenset(reads)


# --- Rules ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Instrument:
    """A legal instrument that rules cite (``catalogue/instruments.yaml``)."""

    key: str
    jurisdiction: str
    name: Mapping[str, str]
    short_name: Mapping[str, str]
    article_formats: Mapping[str, str]

    def name_text(self, language: str | None = None) -> str:
        """The full name in ``language`` (the active language by default)."""
        return str(pick(self.name, language))

    def short_text(self, language: str | None = None) -> str:
        return str(pick(self.short_name, language))

    def __str__(self) -> str:
        return self.short_text()


@dataclass(frozen=True, slots=True)
class Reference:
    instrument: Instrument
    article: str
    paragraph: str = ""
    point: str = ""
    confidence: str = "H"

    @property
    def citation(self) -> str:
        """``Art 14(4)(d)``: the article with its paragraph and point, language-neutral."""
        return f"Art {self.article}{self._subdivision}"

    @property
    def _subdivision(self) -> str:
        text = f"({self.paragraph})" if self.paragraph else ""
        return text + (f"({self.point})" if self.point else "")

    @property
    def confirmed(self) -> bool:
        """Checked against the article's text (confidence H); M and L await a lawyer."""
        return self.confidence == "H"

    def article_text(self, language: str | None = None) -> str:
        """The article as ``language`` writes it, its paragraph and point with the number:
        ``14(4)(d)-бап``, ``ст. 14(4)(d)``, ``Art 14(4)(d)``."""
        template = str(pick(self.instrument.article_formats, language))
        return template.format(article=f"{self.article}{self._subdivision}")

    def text(self, language: str | None = None) -> str:
        """The instrument's short name and the article, in ``language``."""
        return f"{self.instrument.short_text(language)}, {self.article_text(language)}"

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True, slots=True)
class Milestone:
    """A named date of ``catalogue/timeline.yaml``, after any deployment override."""

    name: str
    date: dt.date
    source: Reference
    original: dt.date | None = None
    overridden: bool = False


@dataclass(frozen=True, slots=True)
class AppliesTo:
    """``None`` means "any" for every dimension but jurisdictions, which maps each
    jurisdiction where the rule applies to its force there (``binding`` or ``principle``)."""

    risk_classes: frozenset[str] | None
    roles: frozenset[str] | None
    public_authority: bool | None
    jurisdictions: Mapping[str, str]
    phases: frozenset[str] | None

    def matches(self, system: AISystem) -> bool:
        if self.risk_classes is not None and system.risk_class not in self.risk_classes:
            return False
        if self.roles is not None and system.act_role not in self.roles:
            return False
        if self.phases is not None and system.phase not in self.phases:
            return False
        return not (
            self.public_authority is not None
            and is_public_authority(system) is not self.public_authority
        )


def is_public_authority(system: AISystem) -> bool:
    """The questionnaire's answer; true until answered, since the register lists public bodies."""
    answer = (system.classification_answers or {}).get("public_authority", True)
    return answer is not False


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    family: str
    title: Mapping[str, str]
    hint: Mapping[str, str]
    reference: Reference
    severity: str
    applies_to: AppliesTo
    #: The date from which the rule applies to a system with no high-risk route (for a rule
    #: dated by route, the Annex III date).
    effective_from: dt.date
    predicate: str
    section: str
    params: Mapping[str, Any] = field(default_factory=dict)
    waivable: bool = True
    #: For a rule dated by route: the date of each route (``ROUTES``); empty otherwise.
    effective_by_route: Mapping[str, dt.date] = field(default_factory=dict)
    #: ``effective_from`` as the catalogue gives it: a date, a milestone name, or a mapping of
    #: routes to milestone names.
    effective_source: str | Mapping[str, str] = ""
    #: The registered predicate named by ``predicate``, resolved when the catalogue loads.
    check: Predicate | None = field(default=None, repr=False, compare=False)

    def text(self, name: str, language: str | None = None) -> str:
        """``title`` or ``hint`` in ``language`` (the active language by default), with the
        rule's params filled in (``{min_days}``)."""
        return str(pick(getattr(self, name), language)).format_map(self.params)

    @property
    def title_text(self) -> str:
        return self.text("title")

    @property
    def hint_text(self) -> str:
        return self.text("hint")

    def fields_read(self) -> frozenset[str]:
        """The record fields this rule's predicate reads with this rule's params (names as in
        ``Predicate``); the editor fixes a failure by changing one of them."""
        return self._predicate().fields_read(self.params)

    def force(self, system: AISystem) -> str | None:
        """``binding`` or ``principle`` for the system's organisation's jurisdiction; ``None``
        where the rule does not apply there."""
        return self.applies_to.jurisdictions.get(system.organisation.jurisdiction)

    def effective_on(self, system: AISystem) -> dt.date:
        """The date from which the rule applies to ``system``: for a rule dated by route, the
        earliest date among the high-risk routes of its stored outcome, the Annex III date when
        it has none."""
        if not self.effective_by_route:
            return self.effective_from
        routes = (system.classification or {}).get("high_risk_routes") or ()
        dates = [self.effective_by_route[r] for r in routes if r in self.effective_by_route]
        return min(dates) if dates else self.effective_from

    def evaluate(self, system: AISystem, *, today: dt.date) -> Verdict:
        """The verdict for ``system`` on ``today``: not applicable outside the rule's
        jurisdictions, before its effective date or outside ``applies_to``, otherwise the
        predicate's."""
        if self.force(system) is None:
            return not_applicable(reason="not_in_jurisdiction")
        effective_from = self.effective_on(system)
        if today < effective_from:
            return not_applicable(
                reason="not_yet_effective", effective_from=effective_from.isoformat()
            )
        if not self.applies_to.matches(system):
            return not_applicable(reason="out_of_scope")
        return self._predicate().func(system, MappingProxyType({**self.params, "today": today}))

    def _predicate(self) -> Predicate:
        if self.check is None:
            raise LookupError(f"Rule {self.id} was not loaded with its predicate.")
        return self.check


@dataclass(frozen=True)
class Catalogue:
    rules: tuple[Rule, ...]
    version: str
    instruments: Mapping[str, Instrument] = field(default_factory=dict)
    milestones: Mapping[str, Milestone] = field(default_factory=dict)
    _by_id: Mapping[str, Rule] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({r.id: r for r in self.rules}))

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id

    def get(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)

    def enabled(self, jurisdictions: frozenset[str] | None = None) -> tuple[Rule, ...]:
        """Rules of the deployment's jurisdictions (``enabled_jurisdictions()`` by default)."""
        wanted = enabled_jurisdictions() if jurisdictions is None else jurisdictions
        return tuple(r for r in self.rules if wanted.intersection(r.applies_to.jurisdictions))


def enabled_jurisdictions() -> frozenset[str]:
    """The optional setting ``COMPLIANCE_JURISDICTIONS``; both EU and KZ rules by default."""
    return frozenset(getattr(settings, "COMPLIANCE_JURISDICTIONS", JURISDICTIONS))
