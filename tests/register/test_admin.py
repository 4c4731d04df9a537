from __future__ import annotations

import pytest

from tests.factories import AISystemFactory, HumanOversightFactory, MembershipFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "register/organisation",
    "register/membership",
    "register/aisystem",
    "register/publishedversion",
    "register/outgoingemail",
    "pghistory/middlewareevents",
    "auth/user",
]


@pytest.mark.parametrize("changelist", CHANGELISTS)
def test_site_admin_can_search_and_filter_every_model(client, site_admin, changelist):
    system = AISystemFactory(name_en="Searchable assistant")
    HumanOversightFactory(system=system)
    MembershipFactory(organisation=system.organisation)
    client.force_login(site_admin)
    assert client.get(f"/en/admin/{changelist}/").status_code == 200
    assert client.get(f"/en/admin/{changelist}/", {"q": "Searchable"}).status_code == 200


def test_records_are_read_only_in_the_admin(client, site_admin):
    system = AISystemFactory()
    client.force_login(site_admin)
    page = client.get(f"/en/admin/register/aisystem/{system.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.get("/en/admin/register/aisystem/add/").status_code == 403


@pytest.mark.parametrize("user_fixture", ["editor", "regulator"])
def test_admin_is_for_site_administrators_only(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get("/en/admin/register/aisystem/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_outbox_is_read_only_in_the_admin(client, site_admin):
    from register.services.outbox import Draft, email_enqueue

    (row,) = email_enqueue(
        kind="workflow", drafts=[Draft("a@example.kz", "en", "Outbox subject", "b")]
    )
    client.force_login(site_admin)
    listing = client.get("/en/admin/register/outgoingemail/")
    assert b"a@example.kz" in listing.content
    page = client.get(f"/en/admin/register/outgoingemail/{row.pk}/change/")
    assert page.status_code == 200
    assert b"Outbox subject" in page.content
    assert b'name="_save"' not in page.content
    assert client.get("/en/admin/register/outgoingemail/add/").status_code == 403
    assert client.post(f"/en/admin/register/outgoingemail/{row.pk}/delete/").status_code == 403
