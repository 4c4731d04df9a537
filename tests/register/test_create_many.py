"""Creating many records at once (``systems_create_many``, used by the import) gives what
``system_create`` gives record by record: the same rows, checks, errors, audit trail and
announcements, in a number of queries that does not grow with the records."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.forms.models import model_to_dict

from register import extensions
from register.models import AISystem, HumanOversight, Risk
from register.services.records import (
    NewRecord,
    RecordRefused,
    system_create,
    systems_create_many,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SystemEvent = apps.get_model("register", "AISystemEvent")
RiskEvent = apps.get_model("register", "RiskEvent")

# Set by the database or the service for each record, so never the same for two records.
_OWN = {"id", "public_id", "organisation", "created_at", "updated_at", "external_id"}


def _record(number: int, **data) -> NewRecord:
    return NewRecord(
        {
            "name_en": f"Queue forecaster {number}",
            "summary_en": "Forecasts queues",
            "scope_en": "Only queues",
            "phase": "pilot",
            "external_id": f"Q-{number}",
            **data,
        },
        oversight={"mode": "human_decides", "responsible_role_en": "Specialist"},
        parts={
            "risks": [
                {"name_en": "Wrong forecast", "mitigation_en": "Staff check"},
                {"name_en": "Bias", "mitigation_en": "Audit"},
            ]
        },
    )


def _shape(system: AISystem) -> dict:
    return {
        "system": {k: v for k, v in model_to_dict(system).items() if k not in _OWN},
        "oversight": {
            k: v
            for k, v in model_to_dict(HumanOversight.objects.get(system=system)).items()
            if k not in ("id", "system")
        },
        "risks": [
            {k: v for k, v in model_to_dict(risk).items() if k not in ("id", "system")}
            for risk in Risk.objects.filter(system=system).order_by("pk")
        ],
    }


def test_many_records_are_the_rows_system_create_writes(agency, editor):
    one = _record(1)
    alone = system_create(
        organisation=agency, actor=editor, data=one.data, oversight=one.oversight, parts=one.parts
    )
    other = OrganisationFactory()
    created = systems_create_many(
        organisation=other, actor=editor, records=[_record(1), _record(2)], batch_size=1
    )
    assert [s.external_id for s in created] == ["Q-1", "Q-2"]
    assert _shape(created[0]) == _shape(alone)
    assert created[0].slug == alone.slug == "queue-forecaster-1"
    assert [s.public_id for s in created] == sorted(s.public_id for s in created)
    assert alone.public_id < created[0].public_id
    assert all(s.status == "draft" and s.created_by == editor for s in created)


def test_each_record_has_its_audit_trail_and_is_announced(agency, editor):
    announced: list[int] = []

    def receiver(sender, *, system_id, **kwargs):
        announced.append(system_id)

    extensions.record_changed.connect(receiver, dispatch_uid="test.create_many")
    try:
        created = systems_create_many(
            organisation=agency, actor=editor, records=[_record(1), _record(2), _record(3)]
        )
    finally:
        extensions.record_changed.disconnect(dispatch_uid="test.create_many")
    assert announced == [s.pk for s in created]
    for system in created:
        (event,) = SystemEvent.objects.filter(pgh_obj_id=system.pk)
        assert event.pgh_label == "insert"
        assert event.pgh_context.metadata == {"user": editor.pk, "action": "system.create"}
    assert RiskEvent.objects.filter(pgh_label="insert").count() == 6


def test_the_queries_do_not_grow_with_the_records(agency, editor, django_assert_max_num_queries):
    # About a dozen per batch (the identifiers, one INSERT per model); system_create makes
    # more than that for each record.
    with django_assert_max_num_queries(40):
        systems_create_many(
            organisation=agency,
            actor=editor,
            records=[_record(n) for n in range(120)],
            batch_size=50,
        )
    assert Risk.objects.filter(system__organisation=agency).count() == 240


def test_a_field_error_names_its_record_and_nothing_is_written(agency, editor):
    with pytest.raises(RecordRefused) as refused:
        systems_create_many(
            organisation=agency,
            actor=editor,
            records=[_record(1), _record(2, phase="someday"), _record(3)],
        )
    assert refused.value.index == 1
    assert "phase" in refused.value.error.message_dict
    assert not AISystem.objects.exists()
    assert not Risk.objects.exists()


def test_a_constraint_the_database_checks_gives_the_models_own_message(agency, editor):
    system_create(organisation=agency, actor=editor, data={**_record(1).data})
    with pytest.raises(RecordRefused) as refused:
        systems_create_many(
            organisation=agency, actor=editor, records=[_record(5), _record(1), _record(6)]
        )
    assert refused.value.index == 1
    assert [e.code for e in refused.value.error.error_dict["__all__"]] == ["external_id_taken"]
    assert list(AISystem.objects.values_list("external_id", flat=True)) == ["Q-1"]


def test_what_the_role_may_not_set_is_refused_as_system_create_refuses_it(agency, editor):
    with pytest.raises(RecordRefused) as refused:
        systems_create_many(
            organisation=agency,
            actor=editor,
            records=[_record(1), _record(2, withholding="restricted")],
        )
    assert refused.value.index == 1
    assert refused.value.error.code == "withholding_needs_approver"
    with pytest.raises(ValueError, match="status"):
        systems_create_many(
            organisation=agency, actor=editor, records=[_record(3, status="published")]
        )
    assert not AISystem.objects.exists()
