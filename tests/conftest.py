"""Fixtures named by role. Every test runs against the real PostgreSQL of DATABASE_URL."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from register.models import Membership
from register.permissions import REGULATOR_GROUP
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


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Messages built outside a request (services, commands) come in English in tests;
    requests still choose their language from the URL."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _flush_allowing_history_truncation():
    """Transactional tests (the browser tests) end with a TRUNCATE of every table; the
    append-only guard on the history tables refuses that, as it should in production."""
    import pgtrigger
    from django.apps import apps
    from django.test import testcases

    original = testcases.TransactionTestCase._fixture_teardown

    def teardown(self):  # type: ignore[no-untyped-def]
        guards = [
            f"{model._meta.label}:append_only_no_truncate"
            for model in apps.get_models()
            if any(
                t.name == "append_only_no_truncate" for t in getattr(model._meta, "triggers", [])
            )
        ]
        with pgtrigger.ignore(*guards):
            original(self)

    testcases.TransactionTestCase._fixture_teardown = teardown


_flush_allowing_history_truncation()
