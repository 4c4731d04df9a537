"""The rule catalogue: obligations as data, checked by small registered predicates.

Shaped like Django's system-check framework. Every rule lives in a YAML file under
``compliance/catalogue/`` (one file per family) with a stable id (``AIA-14-01``), a severity, a
title and a remediation hint in Kazakh, Russian and English, a legal reference, an applicability
profile, the date from which it applies and the name of the predicate that evaluates it. Findings
store only the rule id, so an id never changes meaning between releases: a rule that changes its
substance gets a new id.

Loading validates everything and raises one ``ImproperlyConfigured`` that names the file and the
rule of every problem; the system check ``compliance.E001`` runs the same validation at start-up.

Predicates are pure functions ``(system, params) -> Verdict`` registered with
``@predicate("name")`` in ``compliance.predicates``. ``system`` comes from
``register.selectors.systems_with_parts()`` (parts prefetched), so a predicate never queries the
database. ``params`` is the rule's ``params`` plus the evaluation date under the reserved key
``"today"``.

Applicability (``applies_to``) keys, all matched against the record as stored:

- ``risk_classes``: ``any`` or a list of ``prohibited``, ``high``, ``limited``, ``minimal``,
  ``out_of_scope``, ``unclassified`` (the record's ``risk_class``);
- ``roles``: ``any`` or a list of the record's ``act_role`` values, matched literally (a duty of
  every deployer lists ``[deployer, both]``);
- ``public_authority``: ``true``, ``false`` or ``any``; taken from the classification answers,
  and true when the record has not been classified (every organisation in the register is a
  public body);
- ``jurisdictions``: the legal orders the rule comes from (``EU``, ``KZ``); a deployment switches
  them on with the optional setting ``COMPLIANCE_JURISDICTIONS`` (default: both);
- ``phases`` (optional, default ``any``): lifecycle phases in which the rule applies.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import yaml
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from compliance.classification import RISK_CLASSES as CLASSIFIED_RISK_CLASSES
from compliance.classification import ROLES

if TYPE_CHECKING:
    from register.models import AISystem

CATALOGUE_DIR: Final = Path(__file__).with_name("catalogue")

LANGUAGES: Final = ("kk", "ru", "en")
SEVERITIES: Final = ("blocker", "major", "minor")
#: Catalogue name of a risk class -> the value stored in ``AISystem.risk_class``.
RISK_CLASSES: Final = MappingProxyType(
    {**{name: name for name in CLASSIFIED_RISK_CLASSES}, "unclassified": ""}
)
JURISDICTIONS: Final = ("EU", "KZ")
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

_RULE_ID: Final = re.compile(r"^[A-Z]{2,4}(-[A-Z0-9]{2,5})+$")
_RULE_KEYS: Final = frozenset(
    {
        "id",
        "title",
        "hint",
        "reference",
        "severity",
        "applies_to",
        "effective_from",
        "predicate",
        "section",
        "params",
        "waivable",
    }
)
_REQUIRED_KEYS: Final = _RULE_KEYS - {"params", "waivable"}
_APPLIES_KEYS: Final = frozenset(
    {"risk_classes", "roles", "public_authority", "jurisdictions", "phases"}
)
_REFERENCE_KEYS: Final = frozenset({"instrument", "article", "paragraph", "point"})


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


# --- The predicate registry -----------------------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class Predicate:
    name: str
    func: PredicateFunc
    params: Mapping[str, ParamSpec]


_PREDICATES: dict[str, Predicate] = {}


def predicate(
    name: str, *, params: Mapping[str, ParamSpec] | None = None
) -> Callable[[PredicateFunc], PredicateFunc]:
    """Register ``func`` as the predicate ``name``; ``params`` declares the rule parameters it
    takes (all required), each a type (``int``, ``bool``, ``str``) or a ``Choice``."""

    def decorator(func: PredicateFunc) -> PredicateFunc:
        existing = _PREDICATES.get(name)
        if existing is not None and existing.func.__qualname__ != func.__qualname__:
            raise ImproperlyConfigured(f"Two predicates are registered as {name!r}.")
        reserved = RESERVED_PARAMS.intersection(params or {})
        if reserved:
            raise ImproperlyConfigured(f"Predicate {name!r} declares reserved params {reserved}.")
        _PREDICATES[name] = Predicate(name, func, MappingProxyType(dict(params or {})))
        return func

    return decorator


def registered_predicates() -> Mapping[str, Predicate]:
    _import_predicates()
    return MappingProxyType(_PREDICATES)


def _import_predicates() -> None:
    # Registration happens on import; imported here, not at the top, because the predicates
    # import this module for the decorator.
    from compliance import predicates  # noqa: F401


# --- Rules ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reference:
    instrument: str
    article: str
    paragraph: str = ""
    point: str = ""

    @property
    def citation(self) -> str:
        """``Art 14(4)(d)``: the article with its paragraph and point."""
        text = f"Art {self.article}"
        if self.paragraph:
            text += f"({self.paragraph})"
        if self.point:
            text += f"({self.point})"
        return text

    def __str__(self) -> str:
        return f"{self.instrument}, {self.citation}"


@dataclass(frozen=True, slots=True)
class AppliesTo:
    """``None`` means "any" for every dimension but jurisdictions."""

    risk_classes: frozenset[str] | None
    roles: frozenset[str] | None
    public_authority: bool | None
    jurisdictions: frozenset[str]
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
    effective_from: dt.date
    predicate: str
    section: str
    params: Mapping[str, Any] = field(default_factory=dict)
    waivable: bool = True

    def text(self, name: str, language: str | None = None) -> str:
        """``title`` or ``hint`` in ``language`` (the active language by default), with the
        rule's params filled in (``{min_days}``)."""
        code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
        texts = getattr(self, name)
        template = texts.get(code) or texts[settings.LANGUAGE_CODE]
        return template.format_map(self.params)

    @property
    def title_text(self) -> str:
        return self.text("title")

    @property
    def hint_text(self) -> str:
        return self.text("hint")

    def evaluate(self, system: AISystem, *, today: dt.date) -> Verdict:
        """The verdict for ``system`` on ``today``: not applicable before ``effective_from`` or
        outside ``applies_to``, otherwise the predicate's."""
        if today < self.effective_from:
            return not_applicable(
                reason="not_yet_effective", effective_from=self.effective_from.isoformat()
            )
        if not self.applies_to.matches(system):
            return not_applicable(reason="out_of_scope")
        return _PREDICATES[self.predicate].func(
            system, MappingProxyType({**self.params, "today": today})
        )


@dataclass(frozen=True)
class Catalogue:
    rules: tuple[Rule, ...]
    version: str
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
        return tuple(r for r in self.rules if r.applies_to.jurisdictions & wanted)


def enabled_jurisdictions() -> frozenset[str]:
    """The optional setting ``COMPLIANCE_JURISDICTIONS``; both EU and KZ rules by default."""
    return frozenset(getattr(settings, "COMPLIANCE_JURISDICTIONS", JURISDICTIONS))


# --- Loading and validation -----------------------------------------------------------------


class _Problems:
    """Collects every problem, each prefixed with its file and rule, before raising once."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.messages.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.messages:
            listing = "\n".join(f"  - {m}" for m in self.messages)
            raise ImproperlyConfigured(f"The compliance rule catalogue is invalid:\n{listing}")


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Read and validate every ``*.yaml`` file of ``directory`` (``CATALOGUE_DIR``)."""
    _import_predicates()
    directory = CATALOGUE_DIR if directory is None else Path(directory)
    problems = _Problems()
    files = sorted(directory.glob("*.yaml"))
    if not files:
        problems.add(str(directory), "no *.yaml rule files found")
    rules: list[Rule] = []
    canonical: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for path in files:
        for rule_id, raw in _read_file(path, problems):
            where = f"{path.name}: rule {rule_id}"
            if rule_id in seen:
                problems.add(where, f"duplicate id (also in {seen[rule_id]})")
                continue
            seen[rule_id] = path.name
            parsed = _parse_rule(raw, family=path.stem, where=where, problems=problems)
            if parsed is not None:
                rule, data = parsed
                rules.append(rule)
                canonical.append(data)
    problems.raise_if_any()
    rules.sort(key=lambda r: r.id)
    canonical.sort(key=lambda d: d["id"])
    return Catalogue(rules=tuple(rules), version=_digest(canonical))


def _digest(canonical: list[dict[str, Any]]) -> str:
    encoded = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _read_file(path: Path, problems: _Problems) -> list[tuple[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        problems.add(path.name, f"cannot be read as YAML ({exc})")
        return []
    if not isinstance(data, dict) or set(data) != {"rules"} or not isinstance(data["rules"], list):
        problems.add(path.name, "must be a mapping with one key, 'rules', holding a list")
        return []
    result = []
    for position, raw in enumerate(data["rules"], start=1):
        rule_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
            problems.add(
                f"{path.name}: rule #{position}",
                f"needs an id like 'AIA-14-01' (got {rule_id!r})",
            )
            continue
        result.append((rule_id, raw))
    return result


def _parse_rule(
    raw: dict[str, Any], *, family: str, where: str, problems: _Problems
) -> tuple[Rule, dict[str, Any]] | None:
    count = len(problems.messages)
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        problems.add(where, f"unknown keys: {', '.join(sorted(unknown))}")
    missing = _REQUIRED_KEYS - set(raw)
    if missing:
        problems.add(where, f"missing keys: {', '.join(sorted(missing))}")
        return None

    params = raw.get("params", {})
    if not isinstance(params, dict):
        problems.add(where, "params must be a mapping")
        params = {}
    title = _texts(raw["title"], "title", params, where, problems)
    hint = _texts(raw["hint"], "hint", params, where, problems)
    reference = _reference(raw["reference"], where, problems)
    applies_to = _applies_to(raw["applies_to"], where, problems)
    effective_from = _date(raw["effective_from"], where, problems)

    severity = raw["severity"]
    if severity not in SEVERITIES:
        expected = ", ".join(SEVERITIES)
        problems.add(where, f"unknown severity {severity!r}; expected one of: {expected}")
    section = raw["section"]
    if section not in SECTIONS:
        expected = ", ".join(SECTIONS)
        problems.add(where, f"unknown section {section!r}; expected one of: {expected}")
    waivable = raw.get("waivable", True)
    if not isinstance(waivable, bool):
        problems.add(where, "waivable must be true or false")
    elif waivable and severity == "blocker":
        # A waived blocker would open the publication gate that the blocker exists to close.
        problems.add(where, "a blocker must say waivable: false")

    predicate_name = raw["predicate"]
    registered = _PREDICATES.get(predicate_name) if isinstance(predicate_name, str) else None
    if registered is None:
        problems.add(where, f"unknown predicate {predicate_name!r}")
    else:
        _check_params(registered, params, where, problems)

    if len(problems.messages) > count or not (reference and applies_to and effective_from):
        return None
    rule = Rule(
        id=raw["id"],
        family=family,
        title=MappingProxyType(title),
        hint=MappingProxyType(hint),
        reference=reference,
        severity=severity,
        applies_to=applies_to,
        effective_from=effective_from,
        predicate=predicate_name,
        section=section,
        params=MappingProxyType(dict(params)),
        waivable=waivable,
    )
    data = {
        "id": rule.id,
        "title": title,
        "hint": hint,
        "reference": {
            "instrument": reference.instrument,
            "article": reference.article,
            "paragraph": reference.paragraph,
            "point": reference.point,
        },
        "severity": severity,
        "applies_to": {
            "risk_classes": _sorted_or_any(applies_to.risk_classes),
            "roles": _sorted_or_any(applies_to.roles),
            "public_authority": ANY
            if applies_to.public_authority is None
            else applies_to.public_authority,
            "jurisdictions": sorted(applies_to.jurisdictions),
            "phases": _sorted_or_any(applies_to.phases),
        },
        "effective_from": effective_from.isoformat(),
        "predicate": predicate_name,
        "section": section,
        "params": params,
        "waivable": waivable,
    }
    return rule, data


def _sorted_or_any(values: frozenset[str] | None) -> list[str] | str:
    return ANY if values is None else sorted(values)


def _texts(
    value: Any, name: str, params: Mapping[str, Any], where: str, problems: _Problems
) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.add(where, f"{name} must map each of {', '.join(LANGUAGES)} to a text")
        return {}
    texts: dict[str, str] = {}
    for code in LANGUAGES:
        text = value.get(code)
        if not isinstance(text, str) or not text.strip():
            problems.add(where, f"{name} is missing its {code!r} text")
            continue
        texts[code] = " ".join(text.split())
        try:
            fields = {f for _, f, _, _ in string.Formatter().parse(texts[code]) if f is not None}
        except ValueError as exc:
            problems.add(where, f"{name} ({code}) has a bad placeholder: {exc}")
            continue
        unknown = fields - set(params)
        if unknown:
            problems.add(where, f"{name} ({code}) uses {sorted(unknown)} that params do not give")
    extra = set(value) - set(LANGUAGES)
    if extra:
        problems.add(where, f"{name} has unknown languages: {', '.join(sorted(map(str, extra)))}")
    return texts


def _reference(value: Any, where: str, problems: _Problems) -> Reference | None:
    if not isinstance(value, dict):
        problems.add(where, "reference must be a mapping with instrument and article")
        return None
    unknown = set(value) - _REFERENCE_KEYS
    if unknown:
        problems.add(where, f"reference has unknown keys: {', '.join(sorted(unknown))}")
    parts = {key: value.get(key) for key in _REFERENCE_KEYS}
    for key in ("instrument", "article"):
        if parts[key] is None or not str(parts[key]).strip():
            problems.add(where, f"reference needs {key}")
            return None
    return Reference(**{key: "" if v is None else str(v).strip() for key, v in parts.items()})


def _choices(
    value: Any,
    allowed: tuple[str, ...] | Mapping[str, str],
    label: str,
    where: str,
    problems: _Problems,
) -> frozenset[str] | None:
    if value == ANY:
        return None
    if not isinstance(value, list) or not value:
        problems.add(where, f"applies_to.{label} must be 'any' or a non-empty list")
        return None
    bad = [item for item in value if item not in allowed]
    if bad:
        problems.add(
            where,
            f"applies_to.{label}: unknown {bad[0]!r}; expected one of: {', '.join(allowed)}",
        )
        return None
    if isinstance(allowed, Mapping):
        return frozenset(allowed[item] for item in value)
    return frozenset(value)


def _applies_to(value: Any, where: str, problems: _Problems) -> AppliesTo | None:
    if not isinstance(value, dict):
        problems.add(where, "applies_to must be a mapping")
        return None
    count = len(problems.messages)
    unknown = set(value) - _APPLIES_KEYS
    if unknown:
        problems.add(where, f"applies_to has unknown keys: {', '.join(sorted(unknown))}")
    missing = (_APPLIES_KEYS - {"phases"}) - set(value)
    if missing:
        problems.add(where, f"applies_to is missing: {', '.join(sorted(missing))}")
        return None
    risk_classes = _choices(value["risk_classes"], RISK_CLASSES, "risk_classes", where, problems)
    roles = _choices(value["roles"], ROLES, "roles", where, problems)
    phases = _choices(value.get("phases", ANY), PHASES, "phases", where, problems)
    public_authority = value["public_authority"]
    if public_authority not in (True, False, ANY):
        problems.add(where, "applies_to.public_authority must be true, false or 'any'")
    jurisdictions = _choices(
        value["jurisdictions"], JURISDICTIONS, "jurisdictions", where, problems
    )
    if value["jurisdictions"] == ANY:
        problems.add(where, "applies_to.jurisdictions must list EU and/or KZ")
    if len(problems.messages) > count:
        return None
    return AppliesTo(
        risk_classes=risk_classes,
        roles=roles,
        public_authority=None if public_authority == ANY else public_authority,
        jurisdictions=jurisdictions or frozenset(),
        phases=phases,
    )


def _date(value: Any, where: str, problems: _Problems) -> dt.date | None:
    # YAML reads an unquoted 2026-08-02 as a date already; a quoted one arrives as text.
    if isinstance(value, dt.datetime):
        problems.add(where, f"effective_from must be a date, not a date and time ({value})")
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.add(where, f"effective_from {value!r} is not an ISO date (YYYY-MM-DD)")
        return None


def _check_params(
    registered: Predicate, params: Mapping[str, Any], where: str, problems: _Problems
) -> None:
    for name in sorted(set(params) - set(registered.params)):
        problems.add(where, f"predicate {registered.name!r} takes no param {name!r}")
    for name, spec in registered.params.items():
        if name not in params:
            problems.add(where, f"predicate {registered.name!r} needs param {name!r}")
            continue
        value = params[name]
        if isinstance(spec, Choice):
            problem = spec.problem(value)
        elif spec is int:
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            problem = None if ok else "must be a whole number, zero or more"
        else:
            problem = None if isinstance(value, spec) else f"must be {spec.__name__}"
        if problem:
            problems.add(where, f"param {name!r} {problem}")


@functools.cache
def get_catalogue() -> Catalogue:
    """The catalogue shipped with the code, loaded and validated once per process."""
    return load_catalogue()


def catalogue_version() -> str:
    """SHA-256 of the canonical catalogue data (rules sorted by id, keys sorted, dates in ISO)."""
    return get_catalogue().version


@checks.register("compliance")
def check_rule_catalogue(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Refuse to start with a catalogue that does not load or an unknown jurisdiction."""
    errors: list[checks.CheckMessage] = []
    try:
        load_catalogue()
    except ImproperlyConfigured as exc:
        errors.append(
            checks.Error(
                "The compliance rule catalogue does not load.",
                hint=str(exc),
                obj=str(CATALOGUE_DIR),
                id="compliance.E001",
            )
        )
    unknown = sorted(enabled_jurisdictions() - set(JURISDICTIONS))
    if unknown:
        errors.append(
            checks.Error(
                f"COMPLIANCE_JURISDICTIONS names unknown jurisdictions: {', '.join(unknown)}.",
                hint=f"Use any of: {', '.join(JURISDICTIONS)}.",
                id="compliance.E002",
            )
        )
    return errors
