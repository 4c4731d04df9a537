"""Synthetic register records for load tests: realistic in shape, generated in bulk.

Rows are streamed with ``COPY`` in batches, so tens of thousands of systems with their parts take
seconds. Published systems are published through the same functions as the publish service: the
full record frozen (``register.snapshots``), the card derived from it (``register.cards``), both
hashed by the version (``PublishedVersion.seal``) and projected into the public read model
(``register.services.projection``). The generator is deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import random
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from django.db import connection, connections, models, transaction
from django.utils import timezone

from demo.copy import copy_insert, reserve_ids
from register import schema
from register.audit import audit_context
from register.cards import build_card
from register.models import (
    AISystem,
    DataSource,
    HumanOversight,
    ImpactAssessment,
    Organisation,
    Phase,
    PublishedVersion,
    Region,
    Risk,
    RiskClass,
    Status,
)
from register.models.versions import link_versions, lock_chain
from register.services.identifiers import allocate_public_ids
from register.services.projection import project_public_records
from register.snapshots import freeze_record

BULK_PREFIX = "bulk-"
BULK_ORGANISATIONS = 40
BATCH_SIZE = 1000

# (key, techniques, area, {language: name}) — the kinds of system public bodies actually run.
ARCHETYPES = [
    (
        "chatbot",
        ["chatbot"],
        "service_delivery",
        {"kk": "Виртуалды кеңесші", "ru": "Виртуальный консультант", "en": "Virtual assistant"},
    ),
    (
        "forms",
        ["intelligent_form"],
        "service_delivery",
        {
            "kk": "Ақылды өтініш нысаны",
            "ru": "Интеллектуальная форма заявки",
            "en": "Intelligent application form",
        },
    ),
    (
        "proactive",
        ["proactive_notification", "predictive_model"],
        "service_delivery",
        {
            "kk": "Проактивті қызмет көрсету",
            "ru": "Проактивное оказание услуги",
            "en": "Proactive service delivery",
        },
    ),
    (
        "ocr",
        ["document_analysis", "computer_vision"],
        "internal",
        {"kk": "Құжаттарды тану", "ru": "Распознавание документов", "en": "Document recognition"},
    ),
    (
        "forecast",
        ["predictive_model", "big_data_analytics"],
        "analytics",
        {"kk": "Жүктемені болжау", "ru": "Прогноз нагрузки", "en": "Demand forecasting"},
    ),
    (
        "triage",
        ["predictive_model"],
        "social",
        {"kk": "Пациенттерді сұрыптау", "ru": "Сортировка пациентов", "en": "Patient triage"},
    ),
    (
        "routing",
        ["process_automation", "document_analysis"],
        "internal",
        {
            "kk": "Хаттарды бағыттау",
            "ru": "Маршрутизация обращений",
            "en": "Correspondence routing",
        },
    ),
    (
        "speech",
        ["speech"],
        "service_delivery",
        {
            "kk": "Қоңырауларды транскрипциялау",
            "ru": "Транскрибация звонков",
            "en": "Call transcription",
        },
    ),
]
# Questionnaire answers drawn for the demo records (high, limited, minimal, minimal, limited,
# out of scope); the class and its columns are derived from them as the classification does.
CLASSIFICATION_ANSWERS = [
    {"role": "deployer", "annex_iii": ["5a"]},
    {"interacts_with_people": True},
    {},
    {},
    {"interacts_with_people": True},
    {"is_ai_system": False},
]


@functools.cache
def _classifications() -> tuple[tuple[dict, dict], ...]:
    """The stored outcome and normalised answers of each of ``CLASSIFICATION_ANSWERS``."""
    from compliance.classification import classify, language_neutral, validate_answers

    answers = [validate_answers(raw) for raw in CLASSIFICATION_ANSWERS]
    return tuple((language_neutral(classify(a)), a.to_dict()) for a in answers)


REGIONS = [value for value in Region.values if value != Region.NATIONAL]


@dataclass(frozen=True)
class BulkResult:
    created: int
    existing: int


def bulk_systems(prefix: str = BULK_PREFIX) -> int:
    return AISystem.objects.filter(organisation__short_code__startswith=prefix).count()


def _number(prefix: str, n: int) -> str:
    """The number in the name of the ``n``-th organisation (from 0) of ``prefix``: 1, 2…, or
    with another prefix than the default one, that prefix's code (R1 for ``report-``)."""
    return f"{n + 1}" if prefix == BULK_PREFIX else f"{prefix[0].upper()}{n + 1}"


def _organisations(prefix: str, count: int) -> list[Organisation]:
    wanted = [f"{prefix}{n:03d}" for n in range(1, count + 1)]
    existing = set(
        Organisation.objects.filter(short_code__in=wanted).values_list("short_code", flat=True)
    )
    Organisation.objects.bulk_create(
        [
            Organisation(
                short_code=code,
                kind=Organisation.Kind.AKIMAT,
                region=REGIONS[n % len(REGIONS)],
                name_kk=f"Синтетикалық әкімдік №{_number(prefix, n)}",
                name_ru=f"Синтетический акимат № {_number(prefix, n)}",
                name_en=f"Synthetic akimat no. {_number(prefix, n)}",
                contact_email=f"ai@{code}.example.gov.kz",
            )
            for n, code in enumerate(wanted)
            if code not in existing
        ]
    )
    return list(Organisation.objects.filter(short_code__in=wanted).order_by("short_code"))


def _system(
    rng: random.Random, public_id: str, organisation: Organisation, published_share: float
) -> AISystem:
    key, techniques, area, names = rng.choice(ARCHETYPES)
    number = int(public_id.rsplit("-", 1)[1])
    first_used = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 2400))
    phase = rng.choice([Phase.PRODUCTION] * 6 + [Phase.PILOT, Phase.DEVELOPMENT, Phase.RETIRED])
    published = rng.random() < published_share
    classified = rng.choice(_classifications())
    system = AISystem(
        public_id=public_id,
        slug=f"{key}-{number}",
        organisation=organisation,
        name_kk=f"{names['kk']} {number}",
        name_ru=f"{names['ru']} {number}",
        name_en=f"{names['en']} {number}",
        summary_kk=f"{names['kk']}: азаматтарға мемлекеттік қызметті жылдам алуға көмектеседі.",
        summary_ru=f"{names['ru']}: помогает гражданам быстрее получать государственную услугу.",
        summary_en=f"{names['en']}: helps citizens receive a public service faster.",
        scope_kk="Шешім қабылдамайды; қызметкерге көмектеседі.",
        scope_ru="Не принимает решений; помогает сотруднику.",
        scope_en="Does not take decisions; it supports an officer.",
        affected_groups_kk="Қызмет алушылар",
        affected_groups_ru="Получатели услуги",
        affected_groups_en="People applying for the service",
        affected_per_year=rng.randrange(500, 2_000_000),
        appeal_route_kk="Шешімге eGov арқылы немесе ХҚКО-да шағым беруге болады.",
        appeal_route_ru="Решение можно обжаловать через eGov или в ЦОН.",
        appeal_route_en="You can appeal through eGov or at a public service centre.",
        owner_role_kk="Цифрландыру басқармасының басшысы",
        owner_role_ru="Руководитель управления цифровизации",
        owner_role_en="Head of the digitalisation department",
        phase=phase,
        first_used_on=first_used if phase not in (Phase.DEVELOPMENT,) else None,
        retired_on=first_used + dt.timedelta(days=700) if phase == Phase.RETIRED else None,
        application_area=area,
        techniques=techniques,
        channels=rng.sample(["egov_portal", "egov_mobile", "service_centre"], k=rng.randint(1, 3)),
        decision_role=rng.choice(["recommends", "informs", "automatic"]),
        contact_email=organisation.contact_email,
        next_review_on=dt.date(2025, 6, 1) + dt.timedelta(days=rng.randrange(0, 900)),
        status=Status.PUBLISHED if published else rng.choice([Status.DRAFT, Status.IN_REVIEW]),
    )
    system.apply_classification(*classified)
    return system


def _parts(rng: random.Random, system: AISystem) -> Iterator[object]:
    yield HumanOversight(
        system=system,
        mode=HumanOversight.Mode.HUMAN_DECIDES,
        responsible_role_kk="Бөлім маманы",
        responsible_role_ru="Специалист отдела",
        responsible_role_en="Department specialist",
        people_count=rng.randint(1, 40),
        can_override=True,
        can_stop=rng.random() < 0.9,
        log_retention_days=rng.choice([90, 180, 365, 1095]),
    )
    for n in range(2):
        yield DataSource(
            system=system,
            name_kk=f"Деректер көзі {n + 1}",
            name_ru=f"Источник данных {n + 1}",
            name_en=f"Data source {n + 1}",
            description_kk="Ведомстволық дерекқордан алынған жазбалар.",
            description_ru="Записи из ведомственной базы данных.",
            description_en="Records from the agency's own database.",
            uses=["operating_input"] if n else ["training", "validation"],
            personal_data=rng.choice(["none", "pseudonymised", "identified"]),
            retention_days=rng.choice([365, 1095, 1825]),
        )
    yield Risk(
        system=system,
        name_kk="Қате нәтиже",
        name_ru="Ошибочный результат",
        name_en="Wrong output",
        mitigation_kk="Маман әр нәтижені тексереді.",
        mitigation_ru="Специалист проверяет каждый результат.",
        mitigation_en="A specialist checks every output.",
        likelihood=rng.choice(["low", "medium"]),
        severity=rng.choice(["medium", "high"]),
    )
    if system.risk_class == RiskClass.HIGH:
        yield ImpactAssessment(
            system=system,
            kind=ImpactAssessment.Kind.DPIA,
            state=ImpactAssessment.State.COMPLETED,
            completed_on=system.first_used_on,
            summary_kk="Дербес деректерге әсерді бағалау.",
            summary_ru="Оценка воздействия на персональные данные.",
            summary_en="Data-protection impact assessment.",
        )


# The part of the record each generated row is, by model.
_PART_NAMES = {part.model: part.name for part in schema.PARTS}


def _freeze(
    systems: list[AISystem], parts: list[dict[str, list[models.Model]]]
) -> list[PublishedVersion]:
    """Version 1 of each published system, frozen and sealed as ``system_publish`` makes it,
    not yet chained. ``parts`` are the part rows of each system by part name; the ids of the
    systems and their parts are reserved first, since the frozen record names them."""
    now = timezone.now()
    versions = []
    for system, system_parts in zip(systems, parts, strict=True):
        if system.status != Status.PUBLISHED:
            continue
        record = freeze_record(system, parts=system_parts)
        version = PublishedVersion(
            system=system, number=1, published_at=now, record=record, snapshot=build_card(record)
        )
        version.seal()
        versions.append(version)
    return versions


def _chain(versions: list[PublishedVersion]) -> None:
    """Extend the register's chain with ``versions`` in id order, under the chain's lock (held
    until the batch commits): their ids are reserved under it, so that the chain's order is the
    ids' order whichever batch commits first."""
    head = lock_chain()
    reserve_ids(PublishedVersion, versions)
    link_versions(versions, head)
    for version in versions:
        version.system.published_version = version
        version.system.first_published_at = version.published_at


def _seed_batch(
    rng: random.Random, owners: list[Organisation], size: int, published_share: float
) -> None:
    """``size`` systems with their parts, published ones with their versions and projection.
    Everything but the identifiers and the writes is done outside a transaction, so that
    batches made in several processes wait for each other only while they write."""
    with transaction.atomic():
        ids = allocate_public_ids(size)
    systems = [
        _system(rng, public_id, owners[i % len(owners)], published_share)
        for i, public_id in enumerate(ids)
    ]
    rows: dict[type, list[models.Model]] = {}
    parts: list[dict[str, list[models.Model]]] = []
    for system in systems:
        parts.append({})
        for part in _parts(rng, system):
            rows.setdefault(type(part), []).append(part)
            parts[-1].setdefault(_PART_NAMES[type(part)], []).append(part)
    reserve_ids(AISystem, systems)
    for model, objects in rows.items():
        reserve_ids(model, objects)
    versions = _freeze(systems, parts)
    with transaction.atomic():
        _chain(versions)  # its first statement also attaches the audit context
        copy_insert(AISystem, systems)
        for model, objects in rows.items():
            copy_insert(model, objects)
        copy_insert(PublishedVersion, versions)
        project_public_records(systems)


# Connections a forked process inherited: kept, never used, so that neither closing them nor
# collecting them sends anything on the parent's sockets (a forked process ends by os._exit).
_INHERITED: list[object] = []


def _own_connections() -> None:
    """In a forked process: set aside any database connection inherited from the parent, so
    that this process opens its own."""
    for wrapper in connections.all(initialized_only=True):
        if wrapper.connection is not None:
            _INHERITED.append(wrapper.connection)
            wrapper.connection = None


def _seed_batches(
    batches: list[tuple[int, int]],
    *,
    seed: int,
    owners: list[Organisation],
    published_share: float,
) -> None:
    with audit_context(user=None, action="seed.bulk"):
        for start, size in batches:
            # A generator per batch: the same systems whichever process makes the batch.
            rng = random.Random(seed + start)  # noqa: S311 — synthetic data, not security
            _seed_batch(rng, owners, size, published_share)


#: The share of generated systems that are published; the others are drafts or in review.
PUBLISHED_SHARE = 0.7


def seed_bulk(
    count: int,
    *,
    seed: int = 2026,
    published_share: float = PUBLISHED_SHARE,
    prefix: str = BULK_PREFIX,
    organisations: int = BULK_ORGANISATIONS,
    processes: int = 1,
) -> BulkResult:
    """Ensure at least ``count`` synthetic systems exist in the ``organisations`` synthetic
    organisations whose codes start with ``prefix``, spread evenly; create only the missing ones.

    ``published_share`` of the new ones are published (1.0 for a benchmark of public pages).
    With ``processes`` above 1, the batches are shared among as many processes forked from
    this one (outside any transaction: each batch commits on its own). The public ids of a
    batch are taken in a transaction of their own, so a batch that fails leaves a gap in them.
    """
    if not 0 <= published_share <= 1:
        raise ValueError("published_share must be between 0 and 1")
    existing = bulk_systems(prefix)
    missing = max(0, count - existing)
    if not missing:
        return BulkResult(created=0, existing=existing)

    with audit_context(user=None, action="seed.bulk"):
        owners = _organisations(prefix, organisations)
    batches = [
        (existing + start, min(BATCH_SIZE, missing - start))
        for start in range(0, missing, BATCH_SIZE)
    ]
    make = functools.partial(
        _seed_batches, seed=seed, owners=owners, published_share=published_share
    )
    processes = max(1, min(processes, len(batches)))
    if processes == 1:
        make(batches)
        return BulkResult(created=missing, existing=existing)
    if connection.in_atomic_block:
        raise RuntimeError("seed_bulk in several processes commits each batch on its own")
    connections.close_all()  # each process opens its own
    context = multiprocessing.get_context("fork")
    # A process that dies (killed, out of memory) fails the whole seeding instead of hanging.
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_own_connections) as pool:
        list(pool.map(make, [batches[index::processes] for index in range(processes)]))
    return BulkResult(created=missing, existing=existing)
