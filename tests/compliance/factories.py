"""Records that pass the whole catalogue, for rule tests to break one thing at a time.

Timestamps that rules read (``classified_at``, parts' ``updated_at``) are fixed, and checks run
on ``TODAY``, a date after every effective date in the catalogue, so results do not depend on
the day the tests run.

The organisation is Kazakh unless a test passes ``organisation=eu_organisation()``. The parts of
the stored outcome that Kazakhstan's AI Law adds (``kz``, ``high_risk_routes``,
``non_public_registration``) are stored by hand with ``store_outcome``, so that the rules do
not depend on how the classification computes them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from compliance.rules import Verdict, get_catalogue
from register.i18n import CONTENT_LANGUAGES, column
from register.models import (
    AISystem,
    DataSource,
    HumanOversight,
    ImpactAssessment,
    LegalBasis,
    Supplier,
)
from register.selectors import systems_with_parts
from tests.factories import (
    AISystemFactory,
    DataSourceFactory,
    HumanOversightFactory,
    ImpactAssessmentFactory,
    OrganisationFactory,
    RiskFactory,
    classification_of,
    version_of,
)

TODAY = dt.date(2028, 9, 1)
CHANGED_AT = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
FRIA_DONE = dt.date(2026, 11, 2)


def tri(name: str, text: str) -> dict[str, str]:
    """The same text in the three content columns (tests only need them filled in)."""
    return {column(name, code): f"{text} [{code}]" for code in CONTENT_LANGUAGES}


class ContactableOrganisationFactory(OrganisationFactory):
    contact_email = factory.LazyAttribute(lambda o: f"ai@{o.short_code}.example.gov.kz")
    address = "Mangilik El avenue 8, Astana"


def eu_organisation(**fields: Any) -> Any:
    """An organisation of an EU member state, where the AI Act binds."""
    return ContactableOrganisationFactory(jurisdiction="EU", **fields)


#: The Kazakh AI Law part of a complete record's outcome: a medium degree, low autonomy.
KZ_OUTCOME: dict[str, Any] = {
    "risk_degree": "medium",
    "autonomy": "low",
    "prohibited": False,
    "prohibited_capabilities": [],
    "state_infosec_regime": False,
    "obligations": [],
}
#: What the owner or holder answers about the risk degree and the correction of results.
KZ_ANSWERS: dict[str, Any] = {
    "kz_risk_degree": "medium",
    "kz_failure_consequences": "Applicants wait longer; officers process cases by hand.",
    "kz_risk_assigned_by": "Director of the department",
    "human_can_correct": True,
}
_HAND_KEYS = ("kz", "high_risk_routes", "non_public_registration")


def store_outcome(system: AISystem, *, answers: dict[str, Any] | None = None, **outcome: Any):
    """Store ``outcome`` keys (``kz=...``, ``high_risk_routes=...``) over the classification and
    ``answers`` over its answers, as written (``kz`` is merged into the stored one)."""
    record = AISystem.objects.get(pk=system.pk)
    stored = dict(record.classification or {})
    if "kz" in outcome:
        outcome["kz"] = {**(stored.get("kz") or {}), **outcome["kz"]}
    stored.update(outcome)
    fields: dict[str, Any] = {"classification": stored}
    if "kz" in outcome:
        fields["kz_risk_degree"] = outcome["kz"].get("risk_degree") or ""
        fields["kz_autonomy"] = outcome["kz"].get("autonomy") or ""
    if answers:
        fields["classification_answers"] = {**(record.classification_answers or {}), **answers}
    AISystem.objects.filter(pk=system.pk).update(**fields)
    return loaded(system)


#: High-risk through Annex III 5(a), with the Art 50(1) duty and a FRIA, deployed by a public body.
HIGH_RISK_ANSWERS: dict[str, Any] = {
    "role": "deployer",
    "public_authority": True,
    "annex_iii": ["5a"],
    "interacts_with_people": True,
}
#: Minimal risk, no Art 50 duty.
MINIMAL_RISK_ANSWERS: dict[str, Any] = {"role": "deployer", "public_authority": True}


def high_risk_answers(**changes: Any) -> dict[str, Any]:
    return {**HIGH_RISK_ANSWERS, **changes}


class HighRiskSystemFactory(AISystemFactory):
    """High-risk through Annex III 5(a), deployed by a public body, in production."""

    organisation = factory.SubFactory(ContactableOrganisationFactory)
    summary_kk = "Жәрдемақы алуға құқықты бағалайды."
    summary_ru = "Оценивает право на получение пособия."
    summary_en = "Assesses eligibility for a benefit."
    scope_kk = "Тек ұсыныс береді."
    scope_ru = "Только даёт рекомендацию."
    scope_en = "It only recommends."
    owner_role_kk = "Департамент директоры"
    owner_role_ru = "Директор департамента"
    owner_role_en = "Director of the department"
    affected_groups_kk = "Жәрдемақыға өтініш берушілер"
    affected_groups_ru = "Заявители на пособие"
    affected_groups_en = "People applying for the benefit"
    appeal_route_kk = "Шешімге eGov арқылы шағымдануға болады."
    appeal_route_ru = "Решение можно обжаловать через eGov."
    appeal_route_en = "You can appeal the decision through eGov."
    appeal_url = "https://egov.example.kz/appeal"
    process_integration_en = "The officer reviews each recommendation before deciding."
    ai_disclosure_en = "The assistant tells every user it is an AI before the first reply."
    explanation_route_en = "Ask the department by e-mail for the reasons of a result."
    data_access_route_en = "Request the data used about you through eGov."
    non_ai_alternative_en = "Apply at any public service centre, handled by an officer."
    documentation_ref = "Department archive, file AI-7"
    decision_role = "recommends"
    channels = ["egov_portal"]
    architecture_en = "Gradient-boosted trees over the application form."
    performance_en = "Precision 0.93, recall 0.88 on the 2025 test set."
    contact_email = "benefits@example.gov.kz"
    instructions_for_use_url = "https://supplier.example.com/instructions.pdf"
    eu_database_ref = "EU-DB-0001"
    eu_database_url = "https://eudb.example.eu/systems/1"
    phase = "production"
    first_used_on = dt.date(2026, 1, 15)
    next_review_on = dt.date(2029, 9, 1)
    act_role = "deployer"
    classification_answers = HIGH_RISK_ANSWERS
    classified_at = CHANGED_AT


class CompleteOversightFactory(HumanOversightFactory):
    responsible_role_kk = "Бөлім басшысы"
    responsible_role_ru = "Начальник отдела"
    responsible_role_en = "Head of unit"
    people_count = 3
    can_override = True
    override_how_en = "The officer can reject the recommendation in the case file."
    can_stop = True
    stop_how_en = "The head of unit switches the service to manual processing."
    training_en = "A two-day course on the model's limits and errors."
    automation_bias_en = "Reasons are shown with each recommendation; 5% are re-checked."
    log_retention_days = 365
    monitoring_en = "Weekly error review; incidents go to the supplier within 24 hours."


class DocumentedDataSourceFactory(DataSourceFactory):
    name_kk = "Халық тізілімі"
    name_ru = "Реестр населения"
    name_en = "Population register"
    description_kk = "Өтініш берушілердің деректері."
    description_ru = "Данные заявителей."
    description_en = "Applicants' data."
    origin_en = "Collected by the civil registry for identity checks."
    bias_examination_en = "Compared with census age and region shares; no gaps found."
    legal_basis_en = "Social Code, article 5."


class FriaFactory(ImpactAssessmentFactory):
    class Meta:
        skip_postgeneration_save = True

    kind = ImpactAssessment.Kind.FRIA
    state = ImpactAssessment.State.COMPLETED
    completed_on = FRIA_DONE
    summary_kk = "Негізгі құқықтарға әсер бағаланды."
    summary_ru = "Воздействие на основные права оценено."
    summary_en = "The impact on fundamental rights was assessed."

    @factory.post_generation
    def parts(obj, create, extracted, **kwargs):
        for part in ImpactAssessment.FRIA_PARTS:
            for code in CONTENT_LANGUAGES:
                setattr(obj, column(part, code), f"{part} [{code}]")
        if create:
            obj.save()


class DpiaFactory(ImpactAssessmentFactory):
    kind = ImpactAssessment.Kind.DPIA
    state = ImpactAssessment.State.COMPLETED
    completed_on = dt.date(2025, 12, 1)
    summary_kk = "Дербес деректер барынша азайтылған."
    summary_ru = "Персональные данные сведены к минимуму."
    summary_en = "Personal data is minimised."


class MitigatedRiskFactory(RiskFactory):
    name_kk = "Қате шешім"
    name_ru = "Ошибочное решение"
    name_en = "Wrong decision"
    mitigation_kk = "Әр ұсынысты маман тексереді."
    mitigation_ru = "Каждую рекомендацию проверяет специалист."
    mitigation_en = "An officer checks every recommendation."


def _common_parts(system: AISystem) -> None:
    CompleteOversightFactory(system=system)
    LegalBasis.objects.create(
        system=system, url="https://adilet.example.kz/1", **tri("title", "Law")
    )
    Supplier.objects.create(system=system, name="Example Systems LLP", **tri("role", "Develops it"))
    MitigatedRiskFactory(system=system)


def compliant_high_risk_system(**fields: Any) -> AISystem:
    """A record that passes every rule that applies to it (see ``test_catalogue``)."""
    system = HighRiskSystemFactory(**fields)
    _common_parts(system)
    DocumentedDataSourceFactory(system=system)
    FriaFactory(system=system)
    DpiaFactory(system=system)
    store_outcome(system, kz=KZ_OUTCOME, answers=KZ_ANSWERS)
    version = version_of(system)
    AISystem.objects.filter(pk=system.pk).update(published_version=version, status="published")
    freeze_part_times(system)
    return loaded(system)


def compliant_minimal_system(**fields: Any) -> AISystem:
    """A minimal-risk record that passes every rule that applies to it."""
    defaults: dict[str, Any] = {
        "classification_answers": MINIMAL_RISK_ANSWERS,
        "eu_database_ref": "",
        "eu_database_url": "",
    }
    system = HighRiskSystemFactory(**{**defaults, **fields})
    _common_parts(system)
    store_outcome(system, kz=KZ_OUTCOME, answers=KZ_ANSWERS)
    freeze_part_times(system)
    return loaded(system)


def freeze_part_times(system: AISystem, at: dt.datetime = CHANGED_AT) -> None:
    """Set the parts' ``updated_at`` (``auto_now`` on save) to a fixed time."""
    HumanOversight.objects.filter(system=system).update(updated_at=at)
    DataSource.objects.filter(system=system).update(updated_at=at)


def loaded(system: AISystem) -> AISystem:
    """The system as the check service loads it: parts prefetched."""
    return systems_with_parts().get(pk=system.pk)


def verdict(rule_id: str, system: AISystem, today: dt.date = TODAY) -> Verdict:
    """Reload ``system`` and evaluate one rule on it."""
    rule = get_catalogue().get(rule_id)
    assert rule is not None, rule_id
    return rule.evaluate(loaded(system), today=today)


def update(system: AISystem, **fields: Any) -> AISystem:
    """Change fields of the stored record; the classification only through ``reclassify``."""
    derived = set(fields) & set(AISystem.CLASSIFICATION_FIELDS)
    if derived:
        raise TypeError(f"{sorted(derived)} follow from the answers: use reclassify().")
    AISystem.objects.filter(pk=system.pk).update(**fields)
    return loaded(system)


def reclassify(system: AISystem, answers: dict[str, Any] | None, **fields: Any) -> AISystem:
    """Store the classification of ``answers`` (``None``: unclassified) as the service does,
    without its other effects, and change ``fields`` too."""
    record = AISystem.objects.get(pk=system.pk)
    kept = {k: v for k, v in (record.classification or {}).items() if k in _HAND_KEYS}
    kept_answers = {
        k: v for k, v in (record.classification_answers or {}).items() if k in KZ_ANSWERS
    }
    if answers is None:
        record.apply_classification(None, None)
    else:
        record.apply_classification(*classification_of(answers))
    derived = {name: getattr(record, name) for name in AISystem.CLASSIFICATION_FIELDS}
    if answers is not None:
        # Keep what store_outcome wrote by hand where the classification does not give it.
        derived["classification"] = {**kept, **derived["classification"]}
        derived["classification_answers"] = {**kept_answers, **derived["classification_answers"]}
    AISystem.objects.filter(pk=system.pk).update(**derived, **fields)
    return loaded(system)


def update_oversight(system: AISystem, **fields: Any) -> AISystem:
    HumanOversight.objects.filter(system=system).update(**fields)
    return loaded(system)


def family_rule_ids(family: str) -> list[str]:
    return [rule.id for rule in get_catalogue() if rule.family == family]


def assert_effective_from_respected(rule_id: str, system: AISystem) -> None:
    """The day before ``effective_from`` the rule does not apply; from that day it does."""
    rule = get_catalogue().get(rule_id)
    assert rule is not None
    before = verdict(rule_id, system, today=rule.effective_from - dt.timedelta(days=1))
    assert before.not_applicable
    assert before.detail == {
        "reason": "not_yet_effective",
        "effective_from": rule.effective_from.isoformat(),
    }
    on_the_day = verdict(rule_id, system, today=rule.effective_from)
    assert on_the_day.detail.get("reason") != "not_yet_effective"
