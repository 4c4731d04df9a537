"""The "You are writing in" tabs of a form save what was typed before the page changes
language: nothing typed is lost, valid or not."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from register.models import AISystem
from register.services import records
from tests.factories import complete_system
from tests.register.pages import text_inputs

pytestmark = pytest.mark.django_db


def _base(system) -> str:
    return f"/en/workspace/systems/{system.public_id}/"


def _about(system, **changes):
    return {
        "language": "en",
        "revision": system.revision,
        "name_en": system.name_en,
        "summary_en": system.summary_en,
        "scope_en": system.scope_en,
        "phase": "production",
        "application_area": "service_delivery",
        "techniques": ["chatbot"],
        **changes,
    }


def test_the_tabs_of_a_form_are_its_submit_buttons_after_a_hidden_save(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    html = client.get(_base(system) + "sections/about/?language=en").content.decode()
    form = html[html.index('<form method="post" novalidate') :]
    buttons = re.findall(r"<button[^>]*>", form)
    # Enter in a field submits with the first button: the plain save, not a language.
    assert "hidden" in buttons[0] and "switch_language" not in buttons[0]
    assert 'name="switch_language" value="kk"' in form
    assert 'name="switch_language" value="ru"' in form
    assert 'name="switch_language" value="en"' not in form  # the current one is not a button
    assert '<strong lang="en" aria-current="true">English</strong>' in form


def test_readers_get_links_not_buttons(client, editor, regulator, agency):
    system = complete_system(agency, editor)
    client.force_login(regulator)
    html = client.get(_base(system) + "sections/about/").content.decode()
    assert "switch_language" not in html
    assert 'href="?language=kk"' in html


def test_switching_saves_the_section_and_opens_it_in_the_other_language(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    typed = "Questions about benefits only, typed before switching"
    response = client.post(
        _base(system) + "sections/about/",
        _about(system, scope_en=typed, switch_language="kk"),
    )
    assert response.status_code == 302
    assert response["Location"] == _base(system) + "sections/about/?language=kk"
    system.refresh_from_db()
    assert system.scope_en == typed
    page = client.get(response["Location"]).content.decode()
    assert 'name="scope_kk"' in page and 'name="scope_en"' not in page
    assert "Saved. You are now writing in: Қазақша" in page


def test_an_invalid_field_keeps_the_page_with_what_was_typed_and_saves_the_rest(
    client, editor, agency
):
    system = complete_system(agency, editor)
    client.force_login(editor)
    typed = "Head of the digital services department"
    response = client.post(
        _base(system) + "sections/ownership/",
        {
            "language": "en",
            "revision": system.revision,
            "owner_role_en": typed,
            "legal_position": "owner_and_holder",
            "contact_email": "not-an-address",
            "switch_language": "ru",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="not-an-address"' in html  # the invalid input is still there
    assert 'href="#id_contact_email"' in html  # with its error
    assert escape(typed) in html
    assert "The other fields are saved." in html
    system.refresh_from_db()
    assert system.owner_role_en == typed  # the valid field is saved
    assert system.contact_email == "ai@example.gov.kz"
    # The page now starts from the saved revision: correcting the address saves it.
    data = text_inputs(html)
    assert data["revision"] == str(system.revision)
    data.update(contact_email="ai-office@example.gov.kz", switch_language="ru")
    response = client.post(_base(system) + "sections/ownership/", data)
    assert response.status_code == 302
    assert response["Location"].endswith("sections/ownership/?language=ru")
    system.refresh_from_db()
    assert (system.contact_email, system.owner_role_en) == ("ai-office@example.gov.kz", typed)


def test_switching_from_a_stale_page_is_a_conflict_that_keeps_the_typed_text(
    client, editor, approver, agency
):
    system = complete_system(agency, editor)
    start = system.revision
    records.system_update(
        system=system,
        actor=approver,
        data={"scope_en": "Approver's scope"},
        expected_revision=start,
    )
    client.force_login(editor)
    mine = "Editor's scope, typed before switching"
    response = client.post(
        _base(system) + "sections/about/",
        {**_about(system, scope_en=mine, switch_language="ru"), "revision": start},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this while you were editing" in html
    assert escape(mine) in html
    system.refresh_from_db()
    assert system.scope_en == "Approver's scope"


def test_switching_without_typing_anything_writes_nothing(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    revision = system.revision
    response = client.post(_base(system) + "sections/about/", _about(system, switch_language="ru"))
    assert response["Location"] == _base(system) + "sections/about/?language=ru"
    system.refresh_from_db()
    assert system.revision == revision


def test_switching_saves_the_oversight_fields_of_their_section(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    data = text_inputs(
        client.get(_base(system) + "sections/oversight/?language=en").content.decode()
    )
    data.update({"oversight-responsible_role_en": "Duty specialist", "switch_language": "kk"})
    data.update({"decision_role": "informs", "oversight-mode": "human_decides"})
    response = client.post(_base(system) + "sections/oversight/", data)
    assert response.status_code == 302
    system.oversight.refresh_from_db()
    assert system.oversight.responsible_role_en == "Duty specialist"


def test_switching_saves_an_item_and_opens_it_in_the_other_language(client, editor, agency):
    system = complete_system(agency, editor)
    risk = system.risks.get()
    client.force_login(editor)
    url = f"{_base(system)}items/risks/{risk.pk}/"
    data = text_inputs(client.get(url + "?language=en").content.decode())
    data.update(mitigation_en="Two specialists check", likelihood="low", severity="high")
    data["switch_language"] = "ru"
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == url + "?language=ru"
    risk.refresh_from_db()
    assert risk.mitigation_en == "Two specialists check"
    assert 'name="mitigation_ru"' in client.get(response["Location"]).content.decode()


def test_a_new_item_is_added_by_a_switch_and_its_page_opens_in_the_other_language(
    client, editor, agency
):
    system = complete_system(agency, editor)
    client.force_login(editor)
    response = client.post(
        _base(system) + "items/risks/new/",
        {
            "language": "kk",
            "name_kk": "Қате шешім",
            "mitigation_kk": "Маман тексереді",
            "likelihood": "low",
            "severity": "high",
            "switch_language": "ru",
        },
    )
    risk = system.risks.get(name_kk="Қате шешім")
    assert response.status_code == 302
    assert response["Location"] == f"{_base(system)}items/risks/{risk.pk}/?language=ru"


def test_an_invalid_new_item_stays_with_what_was_typed_and_adds_nothing(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    response = client.post(
        _base(system) + "items/data_sources/new/",
        {
            "language": "en",
            "name_en": "Tax register extract",
            "description_en": "Income of applicants",
            "personal_data": "identified",
            "retention_days": "a year",
            "switch_language": "kk",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tax register extract" in html and 'value="a year"' in html
    assert "Correct the fields marked below, then choose the language again." in html
    assert not system.data_sources.filter(name_en="Tax register extract").exists()


def test_switching_on_the_new_record_page_creates_the_draft(client, editor, agency):
    client.force_login(editor)
    response = client.post(
        "/en/workspace/systems/new/?language=en",
        {
            "language": "en",
            "name_en": "Queue camera",
            "phase": "pilot",
            "application_area": "service_delivery",
            "switch_language": "kk",
        },
    )
    system = AISystem.objects.get(name_en="Queue camera")
    assert response["Location"] == _base(system) + "sections/about/?language=kk"


def test_the_side_by_side_button_saves_first_and_opens_the_translation_view(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    typed = "Questions about benefits only"
    response = client.post(
        _base(system) + "sections/about/", _about(system, scope_en=typed, switch_language="all")
    )
    assert response["Location"] == _base(system) + "translations/"
    system.refresh_from_db()
    assert system.scope_en == typed


def test_an_item_with_an_invalid_field_saves_its_valid_ones_and_stays(client, editor, agency):
    system = complete_system(agency, editor)
    source = system.data_sources.get()
    client.force_login(editor)
    url = f"{_base(system)}items/data_sources/{source.pk}/"
    data = text_inputs(client.get(url + "?language=en").content.decode())
    data.update(description_en="Applicants' names and addresses", retention_days="a year")
    data["switch_language"] = "kk"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="a year"' in html and "The other fields are saved." in html
    source.refresh_from_db()
    assert source.description_en == "Applicants' names and addresses"
    # The page carries the item's new version: saving again is not a conflict.
    again = text_inputs(html)
    again.update(retention_days="365", switch_language="kk")
    response = client.post(url, again)
    assert response["Location"] == url + "?language=kk"
    source.refresh_from_db()
    assert source.retention_days == 365
