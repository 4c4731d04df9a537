"""Loading the catalogue: read every YAML file, validate it, resolve each rule's predicate.

Two files of the directory are not rule families: ``instruments.yaml`` (the instruments that
references name) and ``timeline.yaml`` (the milestones that ``effective_from`` names); a
directory without them uses the shipped ones. The optional setting
``COMPLIANCE_EFFECTIVE_DATES`` ({milestone: "YYYY-MM-DD"}) overrides milestones.

Loading validates everything and raises one ``ImproperlyConfigured`` that names the file and the
rule of every problem; the system check ``compliance.E001`` runs the same validation at start-up.
The catalogue's version is the SHA-256 of its canonical data (with every date resolved), which
findings cite.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import yaml
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

import compliance.predicates  # noqa: F401 — importing the package fills the registry
from compliance.classification import ROLES
from compliance.rules.model import (
    ANY,
    BINDING,
    CONFIDENCES,
    FORCES,
    JURISDICTIONS,
    LANGUAGES,
    PHASES,
    RISK_CLASSES,
    ROUTES,
    SECTIONS,
    SEVERITIES,
    AppliesTo,
    Catalogue,
    Choice,
    Instrument,
    Milestone,
    Predicate,
    Reference,
    Rule,
    enabled_jurisdictions,
)
from compliance.rules.registry import registered, registry

CATALOGUE_DIR: Final = Path(__file__).resolve().parent.parent / "catalogue"
_SHIPPED_DIR: Final = CATALOGUE_DIR
INSTRUMENTS_FILE: Final = "instruments.yaml"
TIMELINE_FILE: Final = "timeline.yaml"
_NOT_RULE_FILES: Final = frozenset({INSTRUMENTS_FILE, TIMELINE_FILE})

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
_REFERENCE_KEYS: Final = frozenset({"instrument", "article", "paragraph", "point", "confidence"})
_MILESTONE_KEYS: Final = frozenset({"date", "source", "original"})


def registered_predicates() -> Mapping[str, Predicate]:
    """Every registered predicate by name."""
    return registry()


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


def effective_date_overrides() -> Mapping[str, Any]:
    """The optional setting ``COMPLIANCE_EFFECTIVE_DATES``: milestone name -> ISO date."""
    return getattr(settings, "COMPLIANCE_EFFECTIVE_DATES", None) or {}


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Read and validate every ``*.yaml`` file of ``directory`` (``CATALOGUE_DIR``)."""
    directory = CATALOGUE_DIR if directory is None else Path(directory)
    problems = _Problems()
    instruments = _read_instruments(_companion(directory, INSTRUMENTS_FILE), problems)
    milestones = _read_timeline(_companion(directory, TIMELINE_FILE), instruments, problems)
    context = _Context(instruments, milestones)
    files = sorted(p for p in directory.glob("*.yaml") if p.name not in _NOT_RULE_FILES)
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
            parsed = _parse_rule(
                raw, family=path.stem, where=where, problems=problems, context=context
            )
            if parsed is not None:
                rule, data = parsed
                rules.append(rule)
                canonical.append(data)
    problems.raise_if_any()
    rules.sort(key=lambda r: r.id)
    canonical.sort(key=lambda d: d["id"])
    return Catalogue(
        rules=tuple(rules),
        version=_digest(canonical),
        instruments=MappingProxyType(instruments),
        milestones=MappingProxyType(milestones),
    )


@dataclass(frozen=True)
class _Context:
    instruments: Mapping[str, Instrument]
    milestones: Mapping[str, Milestone]


def _companion(directory: Path, name: str) -> Path:
    path = directory / name
    return path if path.exists() else _SHIPPED_DIR / name


_UNREADABLE: Final = object()


def _read_yaml(path: Path, problems: _Problems) -> Any:
    """The file's data, or ``_UNREADABLE`` once the problem is recorded."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        problems.add(path.name, f"cannot be read as YAML ({exc})")
        return _UNREADABLE


def _read_instruments(path: Path, problems: _Problems) -> dict[str, Instrument]:
    data = _read_yaml(path, problems)
    if data is _UNREADABLE:
        return {}
    if not isinstance(data, dict) or set(data) != {"article_formats", "instruments"}:
        problems.add(path.name, "must be a mapping of 'article_formats' and 'instruments'")
        return {}
    formats = _texts(
        data["article_formats"], "article_formats", {"article": ""}, path.name, problems
    )
    if any("{article}" not in text for text in formats.values()):
        problems.add(path.name, "every article format must contain {article}")
    found: dict[str, Instrument] = {}
    for key, raw in (data["instruments"] or {}).items():
        where = f"{path.name}: instrument {key}"
        if not isinstance(raw, dict) or set(raw) != {"jurisdiction", "name", "short"}:
            problems.add(where, "needs exactly jurisdiction, name and short")
            continue
        if raw["jurisdiction"] not in JURISDICTIONS:
            problems.add(where, f"unknown jurisdiction {raw['jurisdiction']!r}")
            continue
        found[str(key)] = Instrument(
            key=str(key),
            jurisdiction=raw["jurisdiction"],
            name=MappingProxyType(_texts(raw["name"], "name", {}, where, problems)),
            short_name=MappingProxyType(_texts(raw["short"], "short", {}, where, problems)),
            article_formats=MappingProxyType(formats),
        )
    return found


def _read_timeline(
    path: Path, instruments: Mapping[str, Instrument], problems: _Problems
) -> dict[str, Milestone]:
    data = _read_yaml(path, problems)
    if data is _UNREADABLE:
        return {}
    if not isinstance(data, dict) or set(data) != {"milestones"}:
        problems.add(path.name, "must be a mapping with one key, 'milestones'")
        return {}
    overrides = effective_date_overrides()
    if not isinstance(overrides, Mapping):
        problems.add("COMPLIANCE_EFFECTIVE_DATES", "must map milestone names to ISO dates")
        overrides = {}
    milestones: dict[str, Milestone] = {}
    for name, raw in (data["milestones"] or {}).items():
        where = f"{path.name}: milestone {name}"
        if not isinstance(raw, dict) or not {"date", "source"} <= set(raw) <= _MILESTONE_KEYS:
            problems.add(where, "needs date and source, and may give original")
            continue
        date = _date(raw["date"], where, problems, key="date")
        original = (
            _date(raw["original"], where, problems, key="original") if "original" in raw else None
        )
        source = _reference(raw["source"], where, problems, instruments)
        overridden = name in overrides
        if overridden:
            date = _date(
                overrides[name], f"COMPLIANCE_EFFECTIVE_DATES[{name!r}]", problems, key="date"
            )
        if date is None or source is None:
            continue
        milestones[str(name)] = Milestone(str(name), date, source, original, overridden)
    for name in sorted(set(overrides) - set(data["milestones"] or {})):
        problems.add("COMPLIANCE_EFFECTIVE_DATES", f"unknown milestone {name!r}")
    return milestones


def _digest(canonical: list[dict[str, Any]]) -> str:
    encoded = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _read_file(path: Path, problems: _Problems) -> list[tuple[str, Any]]:
    data = _read_yaml(path, problems)
    if data is _UNREADABLE:
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
    raw: dict[str, Any], *, family: str, where: str, problems: _Problems, context: _Context
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
    reference = _reference(raw["reference"], where, problems, context.instruments)
    applies_to = _applies_to(raw["applies_to"], where, problems)
    if reference and applies_to:
        _check_force(reference, applies_to, where, problems)
    effective = _effective(raw["effective_from"], where, problems, context.milestones)
    effective_from, by_route = effective if effective else (None, {})

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
    registered_predicate = registered(predicate_name) if isinstance(predicate_name, str) else None
    if registered_predicate is None:
        problems.add(where, f"unknown predicate {predicate_name!r}")
    else:
        _check_params(registered_predicate, params, where, problems)

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
        check=registered_predicate,
        effective_by_route=MappingProxyType(by_route),
        effective_source=_source_of(raw["effective_from"]),
    )
    data = {
        "id": rule.id,
        "title": title,
        "hint": hint,
        "reference": {
            "instrument": reference.instrument.key,
            "article": reference.article,
            "paragraph": reference.paragraph,
            "point": reference.point,
            "confidence": reference.confidence,
        },
        "severity": severity,
        "applies_to": {
            "risk_classes": _sorted_or_any(applies_to.risk_classes),
            "roles": _sorted_or_any(applies_to.roles),
            "public_authority": ANY
            if applies_to.public_authority is None
            else applies_to.public_authority,
            "jurisdictions": dict(sorted(applies_to.jurisdictions.items())),
            "phases": _sorted_or_any(applies_to.phases),
        },
        "effective_from": {route: day.isoformat() for route, day in sorted(by_route.items())}
        if by_route
        else effective_from.isoformat(),
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


def _reference(
    value: Any, where: str, problems: _Problems, instruments: Mapping[str, Instrument]
) -> Reference | None:
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
    texts = {key: "" if v is None else str(v).strip() for key, v in parts.items()}
    instrument = instruments.get(texts.pop("instrument"))
    if instrument is None:
        expected = ", ".join(sorted(instruments))
        problems.add(
            where, f"unknown instrument {parts['instrument']!r}; expected one of: {expected}"
        )
        return None
    texts["confidence"] = texts["confidence"] or "H"
    if texts["confidence"] not in CONFIDENCES:
        problems.add(where, f"reference confidence must be one of: {', '.join(CONFIDENCES)}")
        return None
    return Reference(instrument=instrument, **texts)


def _check_force(
    reference: Reference, applies_to: AppliesTo, where: str, problems: _Problems
) -> None:
    """An instrument binds only in its own jurisdiction; elsewhere it is at most a principle."""
    for jurisdiction, force in sorted(applies_to.jurisdictions.items()):
        if force == BINDING and jurisdiction != reference.instrument.jurisdiction:
            problems.add(
                where,
                f"{reference.instrument.key} cannot bind in {jurisdiction}; "
                f"it binds only in {reference.instrument.jurisdiction}",
            )


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
    jurisdictions = _jurisdictions(value["jurisdictions"], where, problems)
    if len(problems.messages) > count:
        return None
    return AppliesTo(
        risk_classes=risk_classes,
        roles=roles,
        public_authority=None if public_authority == ANY else public_authority,
        jurisdictions=jurisdictions or frozenset(),
        phases=phases,
    )


def _jurisdictions(value: Any, where: str, problems: _Problems) -> dict[str, str]:
    expected = f"a mapping of {' and/or '.join(JURISDICTIONS)} to {' or '.join(FORCES)}"
    if not isinstance(value, dict) or not value:
        problems.add(where, f"applies_to.jurisdictions must be {expected}")
        return {}
    found: dict[str, str] = {}
    for jurisdiction, force in value.items():
        if jurisdiction not in JURISDICTIONS:
            problems.add(
                where,
                f"applies_to.jurisdictions: unknown {jurisdiction!r}; "
                f"expected one of: {', '.join(JURISDICTIONS)}",
            )
        elif force not in FORCES:
            problems.add(
                where,
                f"applies_to.jurisdictions.{jurisdiction}: unknown force {force!r}; "
                f"expected one of: {', '.join(FORCES)}",
            )
        else:
            found[jurisdiction] = force
    return found


def _effective(
    value: Any, where: str, problems: _Problems, milestones: Mapping[str, Milestone]
) -> tuple[dt.date, dict[str, dt.date]] | None:
    """The default date and, for a mapping by route, the date of each route."""
    if isinstance(value, dict):
        unknown = sorted(set(map(str, value)) - set(ROUTES))
        if unknown:
            problems.add(
                where,
                f"effective_from: unknown route {unknown[0]!r}; expected: {', '.join(ROUTES)}",
            )
            return None
        if ROUTES[0] not in value:
            problems.add(where, f"effective_from by route must give {ROUTES[0]}")
            return None
        by_route = {
            route: _date_or_milestone(day, where, problems, milestones)
            for route, day in value.items()
        }
        if any(day is None for day in by_route.values()):
            return None
        resolved = {route: day for route, day in by_route.items() if day is not None}
        return resolved[ROUTES[0]], resolved
    day = _date_or_milestone(value, where, problems, milestones)
    return None if day is None else (day, {})


def _date_or_milestone(
    value: Any, where: str, problems: _Problems, milestones: Mapping[str, Milestone]
) -> dt.date | None:
    if isinstance(value, str) and value in milestones:
        return milestones[value].date
    if isinstance(value, str) and not value[:1].isdigit():
        problems.add(
            where, f"effective_from {value!r} is not an ISO date (YYYY-MM-DD) or a milestone"
        )
        return None
    return _date(value, where, problems)


def _source_of(value: Any) -> str | Mapping[str, str]:
    if isinstance(value, dict):
        return MappingProxyType({str(k): str(v) for k, v in value.items()})
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _date(
    value: Any, where: str, problems: _Problems, key: str = "effective_from"
) -> dt.date | None:
    # YAML reads an unquoted 2026-08-02 as a date already; a quoted one arrives as text.
    if isinstance(value, dt.datetime):
        problems.add(where, f"{key} must be a date, not a date and time ({value})")
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.add(where, f"{key} {value!r} is not an ISO date (YYYY-MM-DD)")
        return None


def _check_params(
    target: Predicate, params: Mapping[str, Any], where: str, problems: _Problems
) -> None:
    for name in sorted(set(params) - set(target.params)):
        problems.add(where, f"predicate {target.name!r} takes no param {name!r}")
    for name, spec in target.params.items():
        if name not in params:
            problems.add(where, f"predicate {target.name!r} needs param {name!r}")
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
