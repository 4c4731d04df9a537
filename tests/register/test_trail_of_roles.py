"""Granting a group (the regulators) and organisation memberships are in the append-only trail,
with the actor of the admin request."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from register.models import Membership
from register.permissions import REGULATOR_GROUP
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UserGroupEvent = apps.get_model("register", "UserGroupEvent")
MembershipEvent = apps.get_model("register", "MembershipEvent")


def _user_form(user, groups):  # type: ignore[no-untyped-def]
    return {
        "username": user.username,
        "email": user.email or "",
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "groups": [g.pk for g in groups],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }


def test_granting_and_removing_the_regulator_group_is_recorded_with_the_admin(client, site_admin):
    regulators = Group.objects.get_or_create(name=REGULATOR_GROUP)[0]
    user = UserFactory(username="inspector")
    client.force_login(site_admin)
    url = f"/en/admin/auth/user/{user.pk}/change/"

    response = client.post(url, _user_form(user, [regulators]))
    assert response.status_code == 302, response.content[:2000]
    assert user.groups.filter(pk=regulators.pk).exists()
    response = client.post(url, _user_form(user, []))
    assert response.status_code == 302

    events = list(UserGroupEvent.objects.filter(user_id=user.pk).order_by("pgh_id"))
    assert [(e.pgh_label, e.group_id) for e in events] == [
        ("group.add", regulators.pk),
        ("group.remove", regulators.pk),
    ]
    for event in events:
        assert event.pgh_context.metadata["user"] == site_admin.pk
        assert event.pgh_context.metadata["url"] == url


def test_a_membership_given_in_the_admin_is_recorded_with_the_admin(client, site_admin, agency):
    user = UserFactory(username="new-editor")
    client.force_login(site_admin)
    response = client.post(
        "/en/admin/register/membership/add/",
        {"user": user.pk, "organisation": agency.pk, "role": Membership.Role.EDITOR},
    )
    assert response.status_code == 302, response.content[:2000]
    (event,) = MembershipEvent.objects.filter(user_id=user.pk)
    assert event.pgh_label == "insert"
    assert event.pgh_context.metadata["user"] == site_admin.pk
