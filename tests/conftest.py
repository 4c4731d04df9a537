"""Fixtures named by role. Every test runs against the real PostgreSQL of DATABASE_URL."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from register.models import Membership
from register.rules import REGULATOR_GROUP
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def agency(db):
    return OrganisationFactory(short_code="agency-a", name_en="Agency A")


@pytest.fixture
def other_agency(db):
    return OrganisationFactory(short_code="agency-b", name_en="Agency B")


@pytest.fixture
def editor(agency):
    return MembershipFactory(
        organisation=agency, role=Membership.Role.EDITOR, user__username="editor-a"
    ).user


@pytest.fixture
def approver(agency):
    return MembershipFactory(
        organisation=agency, role=Membership.Role.APPROVER, user__username="approver-a"
    ).user


@pytest.fixture
def other_agency_editor(other_agency):
    return MembershipFactory(
        organisation=other_agency, role=Membership.Role.EDITOR, user__username="editor-b"
    ).user


@pytest.fixture
def other_agency_approver(other_agency):
    return MembershipFactory(
        organisation=other_agency, role=Membership.Role.APPROVER, user__username="approver-b"
    ).user


@pytest.fixture
def regulator(db):
    user = UserFactory(username="regulator")
    user.groups.add(Group.objects.get_or_create(name=REGULATOR_GROUP)[0])
    return user


@pytest.fixture
def site_admin(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def citizen(client):
    """An anonymous visitor."""
    return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
