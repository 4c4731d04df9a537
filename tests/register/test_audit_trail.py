from __future__ import annotations

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from register.audit import audit_context
from register.models import AISystem, Risk
from register.services.records import system_create
from tests.factories import AISystemFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SystemEvent = apps.get_model("register", "AISystemEvent")
RiskEvent = apps.get_model("register", "RiskEvent")


def _events(system):
    return list(SystemEvent.objects.filter(pgh_obj_id=system.pk).order_by("pgh_id"))


def test_orm_save_queryset_update_and_raw_sql_are_all_recorded():
    system = AISystemFactory(name_en="First")
    system.name_en = "Saved"
    system.save()
    AISystem.objects.filter(pk=system.pk).update(name_en="Updated in bulk")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE register_aisystem SET name_en = 'Raw' WHERE id = %s", [system.pk])
    events = _events(system)
    assert [(e.pgh_label, e.name_en) for e in events] == [
        ("insert", "First"),
        ("update", "Saved"),
        ("update", "Updated in bulk"),
        ("update", "Raw"),
    ]


def test_a_change_to_one_language_is_recorded():
    system = AISystemFactory()
    AISystem.objects.filter(pk=system.pk).update(summary_kk="Жаңа мәтін")
    last = _events(system)[-1]
    assert last.pgh_label == "update"
    assert last.summary_kk == "Жаңа мәтін"


def test_deleting_a_part_is_recorded():
    system = AISystemFactory()
    risk = Risk.objects.create(system=system, name_en="Bias", mitigation_en="Audit")
    risk.delete()
    assert [e.pgh_label for e in RiskEvent.objects.order_by("pgh_id")] == ["insert", "delete"]


def test_services_record_actor_and_action():
    actor = UserFactory()
    system = system_create(
        organisation=OrganisationFactory(),
        actor=actor,
        data={"name_en": "Assistant"},
        parts={"risks": [{"name_en": "Bias", "mitigation_en": "Audit"}]},
    )
    (event,) = _events(system)
    assert event.pgh_context.metadata == {"user": actor.pk, "action": "system.create"}
    assert RiskEvent.objects.get().pgh_context_id == event.pgh_context_id


def test_changed_fields_are_available_as_a_diff():
    from pghistory.models import Events

    system = AISystemFactory(name_en="Old")
    with audit_context(user=None, action="test.rename"):
        AISystem.objects.filter(pk=system.pk).update(name_en="New")
    update = Events.objects.tracks(system).filter(pgh_label="update").get()
    assert update.pgh_diff["name_en"] == ["Old", "New"]
    assert update.pgh_context["action"] == "test.rename"


def test_request_user_and_path_are_recorded(client, site_admin):
    from register.models import Organisation

    client.force_login(site_admin)
    org = OrganisationFactory()
    response = client.post(
        f"/en/admin/register/organisation/{org.pk}/change/",
        {
            "name_kk": org.name_kk,
            "name_ru": org.name_ru,
            "name_en": "Renamed by admin",
            "short_code": org.short_code,
            "kind": org.kind,
            "region": org.region,
            "jurisdiction": org.jurisdiction,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    event = (
        apps.get_model("register", "OrganisationEvent")
        .objects.filter(pgh_obj_id=org.pk, pgh_label="update")
        .get()
    )
    assert event.name_en == "Renamed by admin"
    assert event.pgh_context.metadata["user"] == site_admin.pk
    assert event.pgh_context.metadata["url"] == f"/en/admin/register/organisation/{org.pk}/change/"
    assert Organisation.objects.get(pk=org.pk).name_en == "Renamed by admin"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE register_aisystemevent SET name_en = 'rewritten'",
        "DELETE FROM register_aisystemevent",
        "TRUNCATE register_aisystemevent",
    ],
)
def test_history_tables_are_append_only(sql):
    system = AISystemFactory(name_en="Original")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert _events(system)[0].name_en == "Original"


def test_account_changes_are_recorded_without_the_password_hash():
    user = UserFactory(username="someone")
    user.is_staff = True
    user.save()
    user.set_password("another-long-password")
    user.save()
    UserEvent = apps.get_model("register", "UserEvent")
    events = UserEvent.objects.filter(pgh_obj_id=user.pk).order_by("pgh_id")
    assert [e.pgh_label for e in events][:2] == ["insert", "update"]
    assert any(e.is_staff for e in events)
    assert not hasattr(events[0], "password")


def test_each_action_in_one_request_keeps_its_own_name():
    """Publishing and re-checking in one request must not relabel the publication."""
    import pghistory

    with pghistory.context(url="/en/workspace/x/", user=None):
        system = AISystemFactory(name_en="One")
        with audit_context(user=None, action="system.update"):
            AISystem.objects.filter(pk=system.pk).update(name_en="Two")
        with audit_context(user=None, action="compliance.check"):
            AISystem.objects.filter(pk=system.pk).update(name_en="Three")
    events = _events(system)
    assert [e.pgh_context.metadata.get("action") for e in events] == [
        None,
        "system.update",
        "compliance.check",
    ]
    assert all(e.pgh_context.metadata["url"] == "/en/workspace/x/" for e in events)
