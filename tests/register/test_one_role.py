"""The role under the AI Act is asked once, in the questionnaire: the ownership section shows it
read-only, and only storing the classification changes it."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from register import schema
from register.services.records import system_update
from tests.factories import complete_system

pytestmark = pytest.mark.django_db


def test_the_role_is_set_by_the_questionnaire_for_every_membership_role():
    from register.models import Membership

    assert "act_role" in schema.questionnaire_fields()
    for role in (None, *Membership.Role.values):
        assert "act_role" in schema.reserved_fields(role)
    # The submission check still sees it.
    assert "act_role" in schema.section("ownership").fields


def test_saving_a_section_cannot_change_the_role(editor, agency):
    system = complete_system(agency, editor)
    with pytest.raises(ValidationError) as error:
        system_update(
            system=system,
            actor=editor,
            data={"act_role": "provider"},
            expected_revision=system.revision,
        )
    assert error.value.error_list[0].code == "set_by_questionnaire"


def test_the_ownership_section_shows_the_role_read_only_with_a_link(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    html = client.get(
        f"/en/workspace/systems/{system.public_id}/sections/ownership/"
    ).content.decode()
    assert re.search(r'<select[^>]*name="act_role"[^>]*disabled', html)
    assert f"/workspace/systems/{system.public_id}/classification/role/" in html
