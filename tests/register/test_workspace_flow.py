"""The workspace as people use it: forms, errors, conflicts, notifications, query budgets."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils.html import escape

from register.models import AISystem, Status
from register.services import records
from tests.factories import complete_system

pytestmark = pytest.mark.django_db


def _base(system):
    return f"/en/workspace/systems/{system.public_id}/"


def test_editor_registers_a_system_and_fills_a_section(client, editor):
    client.force_login(editor)
    response = client.post(
        "/en/workspace/systems/new/?language=ru",
        {
            "language": "ru",
            "name_ru": "Чат-бот",
            "summary_ru": "Отвечает на вопросы.",
            "phase": "pilot",
            "application_area": "service_delivery",
            "techniques": ["chatbot"],
        },
    )
    system = AISystem.objects.get(name_ru="Чат-бот")
    assert response.status_code == 302
    assert response["Location"] == f"/en/workspace/systems/{system.public_id}/"
    assert system.status == Status.DRAFT
    assert system.created_by == editor
    assert system.techniques == ["chatbot"]
    task_list = client.get(_base(system)).content.decode()
    assert "In progress" in task_list
    assert "Before you can submit for review, complete:" in task_list


def test_a_form_with_errors_keeps_what_was_typed_and_links_each_error(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    typed = "A long explanation the editor does not want to type again"
    response = client.post(
        _base(system) + "sections/ownership/",
        {
            "revision": system.revision,
            "act_role": "deployer",
            "owner_role_en": typed,
            "contact_email": "not-an-address",
            "next_review_on": "31/02/2026",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert typed in html
    assert 'value="not-an-address"' in html
    assert 'class="govuk-error-summary"' in html
    assert 'href="#id_contact_email"' in html
    assert 'href="#id_next_review_on"' in html
    system.refresh_from_db()
    assert system.owner_role_en != typed


def test_same_section_saved_twice_from_the_same_start_gives_a_conflict(
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
    mine = "Editor's scope, typed carefully"
    response = client.post(
        _base(system) + "sections/about/",
        {
            "revision": start,
            "name_en": system.name_en,
            "summary_en": system.summary_en,
            "scope_en": mine,
            "phase": "production",
            "application_area": "service_delivery",
            "techniques": ["chatbot"],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this while you were editing" in html
    assert escape("Approver's scope") in html
    assert escape(mine) in html  # nothing typed is lost
    system.refresh_from_db()
    assert system.scope_en == "Approver's scope"
    # Saving again from the page (which now carries the current revision) succeeds.
    new_revision = re.search(r'name="revision" value="(\d+)"', html).group(1)
    client.post(
        _base(system) + "sections/about/",
        {
            "revision": new_revision,
            "name_en": system.name_en,
            "summary_en": system.summary_en,
            "scope_en": mine,
            "phase": "production",
            "application_area": "service_delivery",
            "techniques": ["chatbot"],
        },
    )
    system.refresh_from_db()
    assert system.scope_en == mine


def test_saving_another_section_meanwhile_is_not_a_conflict(editor, approver, agency):
    system = complete_system(agency, editor)
    start = system.revision
    records.system_update(
        system=system,
        actor=approver,
        data={"contact_phone": "+7 7172 000"},
        expected_revision=start,
    )
    records.system_update(
        system=system, actor=editor, data={"scope_en": "Narrower"}, expected_revision=start
    )
    system.refresh_from_db()
    assert (system.contact_phone, system.scope_en) == ("+7 7172 000", "Narrower")


def test_repeatable_items_are_added_changed_and_removed_without_javascript(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    base = _base(system)
    client.post(
        base + "items/risks/new/?language=kk",
        {
            "language": "kk",
            "name_kk": "Қате шешім",
            "mitigation_kk": "Маман тексереді",
            "likelihood": "low",
            "severity": "high",
        },
    )
    risk = system.risks.get(name_kk="Қате шешім")
    page = client.get(f"{base}items/risks/{risk.pk}/?language=kk").content.decode()
    version = re.search(r'name="version" value="([^"]+)"', page).group(1)
    client.post(
        f"{base}items/risks/{risk.pk}/",
        {
            "language": "kk",
            "name_kk": "Қате шешім",
            "mitigation_kk": "Екі маман тексереді",
            "likelihood": "low",
            "severity": "high",
            "version": version,
        },
    )
    risk.refresh_from_db()
    assert risk.mitigation_kk == "Екі маман тексереді"
    assert client.get(f"{base}items/risks/{risk.pk}/remove/").status_code == 200
    client.post(f"{base}items/risks/{risk.pk}/remove/")
    assert not system.risks.filter(pk=risk.pk).exists()


def test_submit_return_publish_through_the_pages_with_notifications(
    client, editor, approver, agency, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"  # e-mails are written in the site's default language
    system = complete_system(agency, editor)

    def post(user, path, data=None):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(_base(system) + path, data or {})

    assert post(editor, "submit/").status_code == 302

    def workflow_mails():
        # Compliance digests may arrive too; these are the workflow's own messages.
        return [m for m in mail.outbox if m.subject.startswith("AI Register: ")]

    assert [m.to for m in workflow_mails()] == [[approver.email]]
    assert system.public_id in workflow_mails()[0].subject
    link = f"{settings.SITE_URL}/en/workspace/systems/{system.public_id}/"
    assert link in workflow_mails()[0].body

    response = post(approver, "return/", {"comment": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    post(approver, "return/", {"comment": "Name the supplier."})
    system.refresh_from_db()
    assert system.status == Status.RETURNED
    assert workflow_mails()[-1].to == [editor.email]
    assert "Name the supplier." in workflow_mails()[-1].body

    client.force_login(editor)
    assert "Name the supplier." in client.get(_base(system)).content.decode()
    post(editor, "submit/")
    assert post(approver, "publish/").status_code == 400
    post(approver, "publish/", {"confirm_open_findings": "on"})
    system.refresh_from_db()
    assert system.status == Status.PUBLISHED
    assert system.published_version.number == 1
    assert workflow_mails()[-1].to == [editor.email]
    assert "is published" in workflow_mails()[-1].subject
    assert len(workflow_mails()) == 4
    history = client.get(_base(system) + "history/").content.decode()
    for label in ("Created", "Submitted for review", "Returned with comments", "Published"):
        assert label in history
    assert system.published_version.sha256 in history


def test_notifications_are_sent_only_after_commit(
    editor, approver, agency, django_capture_on_commit_callbacks
):
    from register.services import publication

    system = complete_system(agency, editor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publication.system_submit(system=system, actor=editor)
        assert mail.outbox == []
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_history_shows_field_level_changes(client, editor, agency):
    system = complete_system(agency, editor)
    records.system_update(
        system=system,
        actor=editor,
        data={"scope_en": "Only eGov"},
        expected_revision=system.revision,
    )
    client.force_login(editor)
    html = client.get(_base(system) + "history/").content.decode()
    assert "Section edited" in html
    assert "scope: what it is and is not for (English)" in html and "Only eGov" in html


def test_preview_is_the_public_card(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    html = client.get(_base(system) + "preview/").content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert system.name_en in html
    assert "Write to the ministry [en]" in html


def test_translation_section_lists_gaps_with_links(client, editor, agency):
    system = complete_system(agency, editor, scope_kk="")
    client.force_login(editor)
    html = client.get(_base(system) + "sections/translations/").content.decode()
    assert "translations/#id_system-scope_kk" in html


@pytest.mark.parametrize("count", [3, 15])
def test_dashboard_query_count_does_not_grow(
    client, editor, agency, count, django_assert_max_num_queries
):
    for _ in range(count):
        complete_system(agency, editor)
    client.force_login(editor)
    # Twelve, and one for the number of open citizen reports.
    with django_assert_max_num_queries(13):
        response = client.get("/en/workspace/")
    assert response.content.decode().count("/en/workspace/systems/KZ-AI-") >= count


@pytest.mark.parametrize("parts", [1, 10])
def test_task_list_query_count_does_not_grow(
    client, editor, agency, parts, django_assert_max_num_queries
):
    from tests.factories import DataSourceFactory

    system = complete_system(agency, editor)
    DataSourceFactory.create_batch(parts, system=system)
    client.force_login(editor)
    # Sixteen, and one for the number of citizens' reports about the record (its portal panel).
    with django_assert_max_num_queries(17):
        assert client.get(_base(system)).status_code == 200


def test_dashboard_sorts_names_in_the_readers_language(client, editor, agency):
    complete_system(agency, editor, name_ru="Бета", name_en="Alpha")
    complete_system(agency, editor, name_ru="Альфа", name_en="Beta")
    client.force_login(editor)
    html = client.get("/ru/workspace/?sort=name").content.decode()
    assert html.index("Альфа") < html.index("Бета")
    html = client.get("/en/workspace/?sort=name").content.decode()
    assert html.index(">Alpha<") < html.index(">Beta<")


def test_dashboard_pages_through_many_systems(client, editor, agency):
    from tests.factories import AISystemFactory

    AISystemFactory.create_batch(55, organisation=agency)
    client.force_login(editor)
    first = client.get("/en/workspace/?sort=id").content.decode()
    second = client.get("/en/workspace/?sort=id&page=2").content.decode()
    assert "55 systems" in first
    assert first.count("/en/workspace/systems/KZ-AI-") >= 50
    assert 'rel="next"' in first and "sort=id&amp;page=2" in first
    assert second.count('class="govuk-table__row"') == 5 + 1  # five rows and the header
