from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from register.models import AISystem, ImmutableError, PublishedVersion, Withholding
from register.models.versions import snapshot_digest
from tests.factories import (
    AISystemFactory,
    DataSourceFactory,
    HumanOversightFactory,
    ImpactAssessmentFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def test_public_id_is_unique():
    system = AISystemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AISystemFactory(public_id=system.public_id)


def test_public_id_cannot_change_even_through_raw_sql():
    system = AISystemFactory()
    with pytest.raises(DatabaseError, match="Cannot update"), transaction.atomic():
        AISystem.objects.filter(pk=system.pk).update(public_id="KZ-AI-999999")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE register_aisystem SET public_id = 'KZ-AI-999998' WHERE id = %s", [system.pk]
        )
    system.refresh_from_db()
    assert system.public_id.startswith("KZ-AI-")


def test_other_fields_of_a_system_can_change():
    system = AISystemFactory()
    AISystem.objects.filter(pk=system.pk).update(name_en="Renamed")
    system.refresh_from_db()
    assert system.name_en == "Renamed"


def test_retirement_cannot_come_before_first_use():
    system = AISystemFactory.build(
        organisation=OrganisationFactory(),
        first_used_on=dt.date(2025, 3, 1),
        retired_on=dt.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        system.full_clean()
    assert "retired_before_first_use" in str(excinfo.value.error_dict["__all__"][0].code)
    with (
        pytest.raises(IntegrityError, match="system_retired_after_first_use"),
        transaction.atomic(),
    ):
        AISystem.objects.bulk_create([system])


def test_retirement_on_the_day_of_first_use_is_allowed():
    system = AISystemFactory(first_used_on=dt.date(2025, 3, 1), retired_on=dt.date(2025, 3, 1))
    assert system.pk


def test_withheld_record_needs_a_reason():
    with pytest.raises(IntegrityError, match="system_withheld_has_reason"), transaction.atomic():
        AISystemFactory(withholding=Withholding.WITHHELD)
    system = AISystemFactory(withholding=Withholding.WITHHELD, withholding_reason_ru="Причина")
    assert system.is_restricted


def test_unknown_status_is_refused_by_the_database():
    system = AISystemFactory()
    with pytest.raises(IntegrityError, match="system_status_valid"), transaction.atomic():
        AISystem.objects.filter(pk=system.pk).update(status="approved")


@pytest.mark.parametrize(
    "factory, field",
    [
        (DataSourceFactory, "retention_days"),
        (HumanOversightFactory, "log_retention_days"),
    ],
)
def test_retention_cannot_be_negative(factory, field):
    with pytest.raises(IntegrityError, match="retention_not_negative"), transaction.atomic():
        factory(**{field: -1})
    obj = factory.build(**{field: -1})
    with pytest.raises(ValidationError):
        obj.full_clean()


def test_assessment_review_cannot_precede_completion():
    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactAssessmentFactory(completed_on=dt.date(2025, 5, 1), reviewed_on=dt.date(2025, 4, 1))


def test_techniques_must_be_known_choices():
    system = AISystemFactory.build(techniques=["chatbot", "telepathy"])
    with pytest.raises(ValidationError) as excinfo:
        system.full_clean(exclude=["public_id", "organisation"])
    assert "techniques" in excinfo.value.error_dict


def test_fria_reports_missing_article_27_parts():
    fria = ImpactAssessmentFactory(
        kind="fria", fria_processes_en="Benefit decisions", fria_risks_ru="Ошибочный отказ"
    )
    assert fria.missing_fria_parts() == [
        "fria_period",
        "fria_affected",
        "fria_oversight",
        "fria_measures",
    ]
    assert "fria_processes" in fria.missing_translations("kk")


# --- Published versions ----------------------------------------------------------------------


def _version(system, number=1, snapshot=None, record=None):
    return PublishedVersion.objects.create(
        system=system,
        number=number,
        snapshot=snapshot or {"name": {"en": "Card"}, "v": number},
        record=record or {"fields": {"name": {"en": "Record"}}, "v": number},
    )


def test_published_version_hash_is_the_sha256_of_canonical_json():
    version = _version(AISystemFactory(), snapshot={"b": "қ", "a": [1, 2]})
    # Canonical: sorted keys, no spaces, UTF-8 (not \u escapes).
    import hashlib

    expected = hashlib.sha256('{"a":[1,2],"b":"қ"}'.encode()).hexdigest()
    assert version.sha256 == expected == snapshot_digest({"a": [1, 2], "b": "қ"})
    assert version.verify()


def test_published_version_cannot_be_changed_or_deleted_from_python():
    version = _version(AISystemFactory())
    version.snapshot = {"tampered": True}
    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.delete()
    with pytest.raises(ImmutableError):
        PublishedVersion.objects.filter(pk=version.pk).update(sha256="0" * 64)
    with pytest.raises(ImmutableError):
        PublishedVersion.objects.filter(pk=version.pk).delete()


def test_published_version_cannot_be_changed_or_deleted_with_raw_sql():
    version = _version(AISystemFactory())
    for sql in (
        "UPDATE register_publishedversion SET snapshot = '{}' WHERE id = %s",
        "DELETE FROM register_publishedversion WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match=r"permission denied|Cannot"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [version.pk])
    version.refresh_from_db()
    assert version.verify()


def test_version_numbers_are_unique_per_system():
    system = AISystemFactory()
    _version(system, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        _version(system, 1)
    assert _version(AISystemFactory(), 1).number == 1


def test_a_system_with_published_versions_cannot_be_deleted():
    from django.db.models import ProtectedError

    system = AISystemFactory()
    _version(system)
    with pytest.raises(ProtectedError):
        system.delete()


@pytest.mark.parametrize(
    "field, value", [("phase", "forgotten"), ("act_role", "reseller"), ("decision_role", "guesses")]
)
def test_unknown_choices_are_refused_by_the_database(field, value):
    system = AISystemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AISystem.objects.filter(pk=system.pk).update(**{field: value})


def test_a_supplied_hash_is_replaced_by_the_computed_one():
    version = PublishedVersion.objects.create(
        system=AISystemFactory(),
        number=1,
        snapshot={"a": 1},
        sha256="0" * 64,
        record={"b": 2},
        record_sha256="1" * 64,
    )
    assert version.sha256 == snapshot_digest({"a": 1})
    assert version.record_sha256 == snapshot_digest({"b": 2})
