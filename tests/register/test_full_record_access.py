"""Who may read the full record frozen in a version: the record's organisation and those who read
every record. Everyone else reads the public card only."""

from __future__ import annotations

import json

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from register import workflow
from register.models import PublishedVersion
from register.selectors import full_record
from register.services import publication
from tests.factories import AISystemFactory, complete_system

CONFIRMED = workflow.confirmation_names("publish")

pytestmark = pytest.mark.django_db

# Role fixture → may read the full record.
ROLES = {
    "editor": True,
    "approver": True,
    "other_agency_editor": False,
    "other_agency_approver": False,
    "regulator": True,
    "site_admin": True,
    "anonymous": False,
}


@pytest.fixture
def version(agency, editor, approver):
    system = complete_system(agency, editor)
    publication.system_submit(system=system, actor=editor)
    return publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)


def _user(request, role):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


@pytest.mark.parametrize("role, allowed", ROLES.items())
def test_the_rule_decides_who_reads_the_full_record(request, version, role, allowed):
    user = _user(request, role)
    assert rules.has_perm("register.view_full_record", user, version.system) is allowed
    if allowed:
        assert full_record(user, version) == version.record
    else:
        with pytest.raises(PermissionDenied):
            full_record(user, version)


@pytest.mark.parametrize("role, allowed", ROLES.items())
def test_the_workspace_serves_the_full_record_to_those_the_rule_allows(
    client, request, version, role, allowed
):
    if role != "anonymous":
        client.force_login(_user(request, role))
    url = f"/en/workspace/systems/{version.system.public_id}/versions/1/record.json"

    response = client.get(url)

    if allowed:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert json.loads(response.content) == version.record
    elif role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        # Another organisation's record is not found at all.
        assert response.status_code == 404


def test_the_history_links_the_full_record_of_each_version(client, version, editor):
    client.force_login(editor)
    html = client.get(f"/en/workspace/systems/{version.system.public_id}/history/").content
    assert f"/versions/{version.number}/record.json".encode() in html


def test_a_first_format_version_has_no_full_record_to_serve(client, editor, agency):
    system = AISystemFactory(organisation=agency)
    PublishedVersion.objects.create(
        system=system, number=1, snapshot={"schema": "kz-ai-register/card/1", "public_id": "x"}
    )
    client.force_login(editor)
    url = f"/en/workspace/systems/{system.public_id}/versions/1/record.json"
    assert client.get(url).status_code == 404
    assert client.get(url.replace("/1/", "/2/")).status_code == 404
