"""Predicates of ``catalogue/record.yaml``: the record as a whole."""

from __future__ import annotations

from typing import Any

from compliance.predicates._common import (
    CLASSIFICATION,
    PART_MODELS,
    RECORD_PARTS,
    SYSTEM_PLAIN_FIELDS,
    SYSTEM_TEXT_FIELDS,
    Params,
    annex_iii_beyond_critical_infrastructure,
    has_text,
    ids,
    oversight_of,
    required_translations,
)
from compliance.rules.model import PASS, Choice, Verdict, fail, not_applicable
from compliance.rules.registry import predicate
from register.i18n import CONTENT_LANGUAGES, Translatable, column
from register.models import AISystem, ImpactAssessment, Phase


@predicate("risk_class_determined", reads=(CLASSIFICATION,))
def risk_class_determined(system: AISystem, params: Params) -> Verdict:
    return PASS if system.risk_class else fail()


@predicate(
    "classification_undisputed", reads=(CLASSIFICATION, "system.classification_disagreement")
)
def classification_undisputed(system: AISystem, params: Params) -> Verdict:
    """The organisation has not recorded that it disagrees with the computed class."""
    if system.classification_disagreement.strip():
        return fail(risk_class=system.risk_class)
    return PASS


@predicate(
    "contact_point",
    reads=(
        "system.contact_email",
        "system.contact_phone",
        "system.contact_url",
        "organisation.contact_email",
    ),
)
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


@predicate(
    "explanation_route",
    params={"annex_iii_only": bool},
    reads=lambda params: (
        {"system.appeal_route", "system.appeal_url", "organisation.address"}
        | ({CLASSIFICATION} if params["annex_iii_only"] else set())
    ),
)
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
    reads=lambda params: {f"system.{params['field']}"},
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
    reads=lambda params: {f"system.{params['field']}"},
)
def text_in_languages(system: AISystem, params: Params) -> Verdict:
    name = params["field"]
    missing = [
        code for code in params["languages"] if not getattr(system, column(name, code)).strip()
    ]
    return fail(field=name, missing=missing) if missing else PASS


def _missing_translations(obj: Translatable, code: str) -> list[str]:
    model = type(obj)
    if model.missing_translations is not Translatable.missing_translations:
        return obj.missing_translations(code)  # the model adds its own (FRIA parts)
    return [
        name
        for name in required_translations(model)
        if not str(getattr(obj, column(name, code)) or "").strip()
    ]


def _translation_reads(params: Params) -> set[str]:
    reads = {
        f"{part}.{name}"
        for part, model in PART_MODELS.items()
        for name in required_translations(model)
    }
    # An impact assessment's FRIA parts, once written in one language, are required in all.
    reads.update(f"impact_assessments.{part}" for part in ImpactAssessment.FRIA_PARTS)
    return reads


@predicate(
    "translations_complete",
    params={"languages": Choice(CONTENT_LANGUAGES, many=True)},
    reads=_translation_reads,
)
def translations_complete(system: AISystem, params: Params) -> Verdict:
    """Every required text of the record and its parts exists in each language (the labels
    are those of ``register.i18n.missing_by_language``: ``Model.attribute``)."""
    parts: list[Any] = [system]
    oversight = oversight_of(system)
    if oversight is not None:
        parts.append(oversight)
    for related in RECORD_PARTS:
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


@predicate("review_date_current", reads=("system.next_review_on",))
def review_date_current(system: AISystem, params: Params) -> Verdict:
    if system.next_review_on is None:
        return fail(reason="missing")
    if system.next_review_on < params["today"]:
        return fail(reason="overdue", due=system.next_review_on.isoformat())
    return PASS


@predicate("retirement_date_recorded", reads=("system.phase", "system.retired_on"))
def retirement_date_recorded(system: AISystem, params: Params) -> Verdict:
    if system.phase != Phase.RETIRED:
        return not_applicable(reason="not_retired")
    return PASS if system.retired_on else fail()


@predicate("legal_basis_listed", reads=("legal_bases.title",))
def legal_basis_listed(system: AISystem, params: Params) -> Verdict:
    return PASS if system.legal_bases.all() else fail()


@predicate("supplier_named", reads=("suppliers.name",))
def supplier_named(system: AISystem, params: Params) -> Verdict:
    return PASS if system.suppliers.all() else fail()


@predicate("risks_mitigated", reads=("risks.name", "risks.mitigation"))
def risks_mitigated(system: AISystem, params: Params) -> Verdict:
    risks = list(system.risks.all())
    if not risks:
        return fail(reason="no_risks")
    unmitigated = [risk for risk in risks if not has_text(risk, "mitigation")]
    return fail(reason="no_mitigation", risk_ids=ids(unmitigated)) if unmitigated else PASS
