"""Records stay a sensible size: the create page leaves shared form state alone, every text
has a maximum length (form, service and database), and the history pages through its events."""

from __future__ import annotations

import pytest

from register import forms
from register.schema import SECTIONS_BY_SLUG
from register.services import records
from tests.factories import complete_system

pytestmark = pytest.mark.django_db


def _base(system):
    return f"/en/workspace/systems/{system.public_id}/"


def test_the_create_page_leaves_the_section_forms_revision_required(client, editor, agency):
    client.force_login(editor)
    assert client.get("/en/workspace/systems/new/").status_code == 200
    client.post("/en/workspace/systems/new/", {"name_en": ""})
    form_class = forms.section_form_class(SECTIONS_BY_SLUG["about"], "en")
    assert form_class.base_fields["revision"].required is True
    # A section saved without the revision it started from is refused, not taken as current.
    system = complete_system(agency, editor)
    response = client.post(_base(system) + "sections/about/", {"name_en": "Renamed"})
    assert response.status_code == 200
    system.refresh_from_db()
    assert system.name_en != "Renamed"
