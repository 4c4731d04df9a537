"""The predicates that rules in the catalogue name: small, pure and free of queries.

Each takes a system loaded by ``register.selectors.systems_with_parts()`` and the rule's params
(plus ``today``) and returns a ``Verdict``. They read only prefetched parts (``.all()``, never
``.filter()``), so evaluating the whole catalogue over a batch of systems costs no query.

Fail details hold ids, codes and numbers, never translated names, so that the stored finding does
not depend on the language the check ran in.

Measurable proxies (each a choice the rule's hint explains to the editor):

- An AI disclosure (Art 50(1), (3), (4)) has no field of its own: the rule wants the text on how
  the system fits into the process (``process_integration``) filled in, where the editor says how
  and when people are told they deal with an AI. Marking of synthetic content (Art 50(2)) is
  described in ``architecture``.
- People are informed (Art 26(11)) when the record has a plain-language summary and names the
  affected groups, and its card is public (published and not withdrawn).
- A FRIA is reviewed after a relevant change (Art 27(2)) when its latest review (or completion)
  date is not earlier than the latest of: the record's classification, the last change to its
  human-oversight part, the last change to any data source. Changes within ``grace_days`` pass.
  Removing a data source leaves no date behind and is not seen.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from compliance.classification import ANNEX_III_POINTS, TRANSPARENCY_PARAGRAPHS
from compliance.rules import PASS, Choice, Verdict, fail, not_applicable, predicate
from register.i18n import CONTENT_LANGUAGES, Translatable
from register.models import (
    AISystem,
    DataSource,
    HumanOversight,
    ImpactAssessment,
    Phase,
    RiskClass,
    Withholding,
)

Params = Mapping[str, Any]

SYSTEM_TEXT_FIELDS = (
    "summary",
    "scope",
    "benefits",
    "alternatives",
    "process_integration",
    "affected_groups",
    "appeal_route",
    "architecture",
    "performance",
    "owner_role",
)
SYSTEM_PLAIN_FIELDS = (
    "instructions_for_use_url",
    "source_code_url",
    "processing_register_url",
    "eu_database_ref",
    "eu_database_url",
    "model_type",
)
OVERSIGHT_TEXT_FIELDS = ("training", "automation_bias", "monitoring")
DATA_SOURCE_TEXT_FIELDS = ("origin", "bias_examination", "legal_basis")
SOURCE_KINDS = ("all", "personal", "special")
FRIA_LETTERS = dict(zip(ImpactAssessment.FRIA_PARTS, "abcdef", strict=True))
ANNEX_III_AREAS = tuple(str(n) for n in range(1, 9))
CRITICAL_INFRASTRUCTURE = "2"


# --- Helpers --------------------------------------------------------------------------------


def has_text(obj: object, name: str) -> bool:
    """A translated attribute is filled in, in at least one language."""
    return any(str(getattr(obj, f"{name}_{code}") or "").strip() for code in CONTENT_LANGUAGES)


def oversight_of(system: AISystem) -> HumanOversight | None:
    try:
        return system.oversight
    except ObjectDoesNotExist:
        return None


def annex_iii_beyond_critical_infrastructure(system: AISystem) -> bool:
    """High-risk through an Annex III point other than 2, which Art 26(11), 27, 49(3) and 86
    leave out."""
    return any(point != CRITICAL_INFRASTRUCTURE for point in system.annex_iii or ())


def art6_3_derogation_applied(system: AISystem) -> bool:
    """The questionnaire named Annex III uses but Art 6(3) lowered them (see classification)."""
    answers = system.classification_answers or {}
    return (
        bool(answers.get("annex_iii"))
        and not system.annex_iii
        and bool(system.art6_3_conditions)
        and system.risk_class in (RiskClass.HIGH, RiskClass.LIMITED, RiskClass.MINIMAL)
    )


def _sources(system: AISystem, kind: str) -> list[DataSource]:
    sources = list(system.data_sources.all())
    if kind == "personal":
        return [s for s in sources if s.personal_data != DataSource.PersonalData.NONE]
    if kind == "special":
        return [s for s in sources if s.special_categories]
    return sources


def _assessments(system: AISystem, kind: str) -> list[ImpactAssessment]:
    return [a for a in system.impact_assessments.all() if a.kind == kind]


def _complete_frias(system: AISystem) -> list[ImpactAssessment]:
    return [
        a
        for a in _assessments(system, ImpactAssessment.Kind.FRIA)
        if a.state == ImpactAssessment.State.COMPLETED
        and a.completed_on is not None
        and not a.missing_fria_parts()
    ]


def _ids(objects: Iterable[Any]) -> list[int]:
    return sorted(obj.pk for obj in objects)


# --- The record as a whole ------------------------------------------------------------------


@predicate("risk_class_determined")
def risk_class_determined(system: AISystem, params: Params) -> Verdict:
    return PASS if system.risk_class else fail()


@predicate("classification_undisputed")
def classification_undisputed(system: AISystem, params: Params) -> Verdict:
    """The organisation has not recorded that it disagrees with the computed class."""
    if system.classification_disagreement.strip():
        return fail(risk_class=system.risk_class)
    return PASS


@predicate("prohibited_practice_stopped")
def prohibited_practice_stopped(system: AISystem, params: Params) -> Verdict:
    """A prohibited system passes only once it is retired with a date."""
    if system.phase == Phase.RETIRED and system.retired_on:
        return PASS
    practices = (system.classification_answers or {}).get("prohibited_practices") or []
    return fail(phase=system.phase, practices=sorted(map(str, practices)))


@predicate("contact_point")
def contact_point(system: AISystem, params: Params) -> Verdict:
    """The record's own e-mail, phone or contact page, or the organisation's e-mail."""
    if (
        system.contact_email
        or system.contact_phone.strip()
        or system.contact_url
        or system.organisation.contact_email
    ):
        return PASS
    return fail()


@predicate("explanation_route", params={"annex_iii_only": bool})
def explanation_route(system: AISystem, params: Params) -> Verdict:
    """A text on how to ask for an explanation or appeal, and a place to do it: the record's
    appeal link or, failing that, the organisation's address."""
    if params["annex_iii_only"] and not annex_iii_beyond_critical_infrastructure(system):
        return not_applicable(reason="no_annex_iii_use")
    missing = []
    if not has_text(system, "appeal_route"):
        missing.append("appeal_route")
    if not (system.appeal_url or system.organisation.address.strip()):
        missing.append("appeal_url")
    return fail(missing=missing) if missing else PASS


@predicate(
    "text_present",
    params={"field": Choice(SYSTEM_TEXT_FIELDS + SYSTEM_PLAIN_FIELDS)},
)
def text_present(system: AISystem, params: Params) -> Verdict:
    name = params["field"]
    if name in SYSTEM_TEXT_FIELDS:
        present = has_text(system, name)
    else:
        present = bool(str(getattr(system, name) or "").strip())
    return PASS if present else fail(field=name)


@predicate(
    "text_in_languages",
    params={"field": Choice(SYSTEM_TEXT_FIELDS), "languages": Choice(CONTENT_LANGUAGES, many=True)},
)
def text_in_languages(system: AISystem, params: Params) -> Verdict:
    name = params["field"]
    missing = [
        code for code in params["languages"] if not getattr(system, f"{name}_{code}").strip()
    ]
    return fail(field=name, missing=missing) if missing else PASS


@functools.cache
def _required_translations(model: type[Translatable]) -> tuple[str, ...]:
    # Scanning the class for its translated attributes is the costly part of the whole
    # catalogue; the answer never changes for a class.
    return tuple(model.required_translations())


def _missing_translations(obj: Translatable, code: str) -> list[str]:
    model = type(obj)
    if model.missing_translations is not Translatable.missing_translations:
        return obj.missing_translations(code)  # the model adds its own (FRIA parts)
    return [
        name
        for name in _required_translations(model)
        if not str(getattr(obj, f"{name}_{code}") or "").strip()
    ]


@predicate("translations_complete", params={"languages": Choice(CONTENT_LANGUAGES, many=True)})
def translations_complete(system: AISystem, params: Params) -> Verdict:
    """Every required text of the record and its parts exists in each language (the labels
    are those of ``register.i18n.missing_by_language``: ``Model.attribute``)."""
    parts: list[Any] = [system]
    oversight = oversight_of(system)
    if oversight is not None:
        parts.append(oversight)
    for related in ("suppliers", "legal_bases", "data_sources", "impact_assessments", "risks"):
        parts.extend(getattr(system, related).all())
    missing = {}
    for code in params["languages"]:
        labels = {
            f"{type(obj).__name__}.{name}"
            for obj in parts
            for name in _missing_translations(obj, code)
        }
        if labels:
            missing[code] = sorted(labels)
    return fail(missing=missing) if missing else PASS


@predicate("review_date_current")
def review_date_current(system: AISystem, params: Params) -> Verdict:
    if system.next_review_on is None:
        return fail(reason="missing")
    if system.next_review_on < params["today"]:
        return fail(reason="overdue", due=system.next_review_on.isoformat())
    return PASS


@predicate("retirement_date_recorded")
def retirement_date_recorded(system: AISystem, params: Params) -> Verdict:
    if system.phase != Phase.RETIRED:
        return not_applicable(reason="not_retired")
    return PASS if system.retired_on else fail()


@predicate("legal_basis_listed")
def legal_basis_listed(system: AISystem, params: Params) -> Verdict:
    return PASS if system.legal_bases.all() else fail()


@predicate("supplier_named")
def supplier_named(system: AISystem, params: Params) -> Verdict:
    return PASS if system.suppliers.all() else fail()


@predicate("risks_mitigated")
def risks_mitigated(system: AISystem, params: Params) -> Verdict:
    risks = list(system.risks.all())
    if not risks:
        return fail(reason="no_risks")
    unmitigated = [risk for risk in risks if not has_text(risk, "mitigation")]
    return fail(reason="no_mitigation", risk_ids=_ids(unmitigated)) if unmitigated else PASS


# --- Human oversight ------------------------------------------------------------------------


@predicate("oversight_role_named")
def oversight_role_named(system: AISystem, params: Params) -> Verdict:
    oversight = oversight_of(system)
    if oversight is None:
        return fail(reason="no_oversight")
    return PASS if has_text(oversight, "responsible_role") else fail(reason="no_role")


@predicate("oversight_can_override")
def oversight_can_override(system: AISystem, params: Params) -> Verdict:
    oversight = oversight_of(system)
    if oversight is None:
        return fail(reason="no_oversight")
    missing = []
    if not oversight.can_override:
        missing.append("can_override")
    if not has_text(oversight, "override_how"):
        missing.append("override_how")
    return fail(missing=missing) if missing else PASS


@predicate("oversight_can_stop")
def oversight_can_stop(system: AISystem, params: Params) -> Verdict:
    oversight = oversight_of(system)
    if oversight is None:
        return fail(reason="no_oversight")
    missing = []
    if not oversight.can_stop:
        missing.append("can_stop")
    if not has_text(oversight, "stop_how"):
        missing.append("stop_how")
    return fail(missing=missing) if missing else PASS


@predicate("oversight_text_present", params={"field": Choice(OVERSIGHT_TEXT_FIELDS)})
def oversight_text_present(system: AISystem, params: Params) -> Verdict:
    oversight = oversight_of(system)
    if oversight is None:
        return fail(reason="no_oversight")
    return PASS if has_text(oversight, params["field"]) else fail(field=params["field"])


@predicate(
    "two_person_verification",
    params={"points": Choice(ANNEX_III_POINTS, many=True), "min_people": int},
)
def two_person_verification(system: AISystem, params: Params) -> Verdict:
    """Art 14(5): an identification is acted on only when verified by at least two people."""
    if not set(params["points"]) & set(system.annex_iii or ()):
        return not_applicable(reason="annex_iii_point_not_used")
    oversight = oversight_of(system)
    people = oversight.people_count if oversight is not None else None
    if people is None or people < params["min_people"]:
        return fail(people=people, min_people=params["min_people"])
    return PASS


@predicate("logs_retained", params={"min_days": int})
def logs_retained(system: AISystem, params: Params) -> Verdict:
    oversight = oversight_of(system)
    days = oversight.log_retention_days if oversight is not None else None
    if days is None or days < params["min_days"]:
        return fail(days=days, min_days=params["min_days"])
    return PASS


# --- Impact assessments ---------------------------------------------------------------------


@predicate("fria_complete")
def fria_complete(system: AISystem, params: Params) -> Verdict:
    """A completed FRIA, with a date, that covers every part (a)–(f) of Art 27(1)."""
    if not system.fria_required:
        return not_applicable(reason="fria_not_required")
    frias = _assessments(system, ImpactAssessment.Kind.FRIA)
    if not frias:
        return fail(reason="missing")
    if _complete_frias(system):
        return PASS
    closest = min(frias, key=lambda a: (len(a.missing_fria_parts()), a.pk))
    return fail(
        reason="incomplete",
        assessment_id=closest.pk,
        state=closest.state,
        missing_parts=[FRIA_LETTERS[part] for part in closest.missing_fria_parts()],
        completed_on=closest.completed_on.isoformat() if closest.completed_on else None,
    )


def _last_relevant_change(system: AISystem) -> tuple[str, dt.date] | None:
    changes: list[tuple[dt.date, str]] = []
    if system.classified_at is not None:
        changes.append((timezone.localdate(system.classified_at), "classification"))
    oversight = oversight_of(system)
    if oversight is not None and oversight.updated_at is not None:
        changes.append((timezone.localdate(oversight.updated_at), "oversight"))
    changes.extend(
        (timezone.localdate(source.updated_at), "data_sources")
        for source in system.data_sources.all()
        if source.updated_at is not None
    )
    if not changes:
        return None
    day, kind = max(changes)
    return kind, day


@predicate("fria_reviewed_after_change", params={"grace_days": int})
def fria_reviewed_after_change(system: AISystem, params: Params) -> Verdict:
    if not system.fria_required:
        return not_applicable(reason="fria_not_required")
    frias = _complete_frias(system)
    if not frias:
        return not_applicable(reason="no_complete_fria")
    reviewed = max(a.reviewed_on or a.completed_on for a in frias)
    change = _last_relevant_change(system)
    if change is None:
        return PASS
    kind, changed_on = change
    if changed_on <= reviewed:
        return PASS
    if (params["today"] - changed_on).days <= params["grace_days"]:
        return PASS
    return fail(changed=kind, changed_on=changed_on.isoformat(), reviewed_on=reviewed.isoformat())


@predicate("dpia_completed", params={"sources": Choice(("personal", "special"))})
def dpia_completed(system: AISystem, params: Params) -> Verdict:
    """A completed DPIA where data sources hold personal (or special-category) data."""
    sources = _sources(system, params["sources"])
    if not sources:
        return not_applicable(reason="no_matching_data")
    dpias = _assessments(system, ImpactAssessment.Kind.DPIA)
    if any(a.state == ImpactAssessment.State.COMPLETED for a in dpias):
        return PASS
    return fail(
        reason="not_completed" if dpias else "missing",
        source_ids=_ids(sources),
    )


# --- Data -----------------------------------------------------------------------------------


@predicate("data_sources_listed")
def data_sources_listed(system: AISystem, params: Params) -> Verdict:
    return PASS if system.data_sources.all() else fail()


@predicate(
    "data_source_text_present",
    params={"field": Choice(DATA_SOURCE_TEXT_FIELDS), "sources": Choice(SOURCE_KINDS)},
)
def data_source_text_present(system: AISystem, params: Params) -> Verdict:
    """The text is filled in for every data source of the kind (all, personal, special)."""
    sources = _sources(system, params["sources"])
    if not sources:
        return not_applicable(reason="no_matching_data")
    missing = [source for source in sources if not has_text(source, params["field"])]
    return fail(field=params["field"], source_ids=_ids(missing)) if missing else PASS


@predicate("retention_stated", params={"sources": Choice(SOURCE_KINDS)})
def retention_stated(system: AISystem, params: Params) -> Verdict:
    sources = _sources(system, params["sources"])
    if not sources:
        return not_applicable(reason="no_matching_data")
    missing = [source for source in sources if source.retention_days is None]
    return fail(source_ids=_ids(missing)) if missing else PASS


# --- Transparency ---------------------------------------------------------------------------


@predicate(
    "transparency_duty_described",
    params={"paragraph": Choice(TRANSPARENCY_PARAGRAPHS), "field": Choice(SYSTEM_TEXT_FIELDS)},
)
def transparency_duty_described(system: AISystem, params: Params) -> Verdict:
    """Only for systems whose classification triggered the Art 50 paragraph."""
    if params["paragraph"] not in (system.transparency_obligations or ()):
        return not_applicable(reason="duty_not_triggered")
    return PASS if has_text(system, params["field"]) else fail(field=params["field"])


@predicate("people_informed")
def people_informed(system: AISystem, params: Params) -> Verdict:
    if not system.annex_iii:
        return not_applicable(reason="no_annex_iii_use")
    missing = [name for name in ("summary", "affected_groups") if not has_text(system, name)]
    if not system.is_public or system.is_withdrawn:
        missing.append("public_card")
    return fail(missing=missing) if missing else PASS


# --- Registration ---------------------------------------------------------------------------


@predicate(
    "registration_recorded", params={"field": Choice(("eu_database_ref", "eu_database_url"))}
)
def registration_recorded(system: AISystem, params: Params) -> Verdict:
    """Annex III uses other than point 2 (registered nationally under Art 49(5))."""
    if not annex_iii_beyond_critical_infrastructure(system):
        return not_applicable(reason="no_annex_iii_use")
    return PASS if getattr(system, params["field"]).strip() else fail(field=params["field"])


@predicate("restricted_areas_withheld", params={"areas": Choice(ANNEX_III_AREAS, many=True)})
def restricted_areas_withheld(system: AISystem, params: Params) -> Verdict:
    areas = sorted({point[0] for point in system.annex_iii or ()} & set(params["areas"]))
    if not areas:
        return not_applicable(reason="no_restricted_area")
    if system.withholding == Withholding.RESTRICTED:
        return PASS
    return fail(areas=areas, withholding=system.withholding)


@predicate("art6_3_assessment_documented", params={"min_chars": int})
def art6_3_assessment_documented(system: AISystem, params: Params) -> Verdict:
    if not art6_3_derogation_applied(system):
        return not_applicable(reason="no_derogation")
    text = str((system.classification_answers or {}).get("art6_3_justification") or "").strip()
    if len(text) < params["min_chars"]:
        return fail(chars=len(text), min_chars=params["min_chars"])
    return PASS


@predicate("art6_3_registered")
def art6_3_registered(system: AISystem, params: Params) -> Verdict:
    if not art6_3_derogation_applied(system):
        return not_applicable(reason="no_derogation")
    return PASS if system.eu_database_ref.strip() else fail()
