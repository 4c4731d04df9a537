"""The translation view: every text of a record and of its parts in kk | ru | en, saved with
one submit, with optimistic locking on the record and on each part."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils.html import escape

from register.models import Status
from register.services import records
from tests.factories import complete_system
from tests.register.pages import disabled_inputs, text_inputs

pytestmark = pytest.mark.django_db


def _url(system) -> str:
    return f"/en/workspace/systems/{system.public_id}/translations/"


def _events(model: str, **filters) -> int:
    return apps.get_model("register", f"{model}Event").objects.filter(**filters).count()


@pytest.fixture
def system(agency, editor):
    system = complete_system(agency, editor)
    for part, data in [
        ("suppliers", {"name": "QazTech", "role_en": "Builds the model"}),
        ("legal_bases", {"title_ru": "Закон об информатизации"}),
        ("impact_assessments", {"kind": "dpia", "summary_en": "Data is minimised"}),
    ]:
        records.part_save(system=system, actor=editor, part=part, data=data)
    system.refresh_from_db()
    return system


def test_the_page_lists_every_translated_text_of_the_record_and_its_parts(client, editor, system):
    from register import schema

    client.force_login(editor)
    inputs = text_inputs(client.get(_url(system)).content.decode())
    risk, source = system.risks.get(), system.data_sources.get()
    expected = {
        f"system-{c.name}"
        for c in schema.columns(translated_only=True)
        if c.target == schema.SYSTEM and c.name not in schema.reserved_fields("editor")
    }
    assert expected <= set(inputs)
    assert {f"risks-{risk.pk}-mitigation_{code}" for code in ("kk", "ru", "en")} <= set(inputs)
    assert f"data_sources-{source.pk}-bias_examination_kk" in inputs
    assert f"oversight-{system.oversight.pk}-responsible_role_ru" in inputs
    for part in ("suppliers", "legal_bases", "impact_assessments"):
        row = getattr(system, part).get()
        assert any(name.startswith(f"{part}-{row.pk}-") for name in inputs)
    # Only texts: no choice, date or number of the record is on this page.
    assert "system-phase" not in inputs and "system-contact_email" not in inputs


def test_editor_saves_all_three_languages_of_the_record_and_its_parts(client, editor, system):
    client.force_login(editor)
    data = text_inputs(client.get(_url(system)).content.decode())
    risk, supplier = system.risks.get(), system.suppliers.get()
    legal, oversight = system.legal_bases.get(), system.oversight
    data.update(
        {
            "system-scope_kk": "Тек сұрақтар",
            "system-scope_ru": "Только вопросы",
            "system-scope_en": "Questions only",
            f"risks-{risk.pk}-mitigation_kk": "Ережелерге сілтеме береді",
            f"suppliers-{supplier.pk}-role_ru": "Строит модель",
            f"legal_bases-{legal.pk}-title_kk": "Ақпараттандыру туралы заң",
            f"oversight-{oversight.pk}-responsible_role_en": "Senior specialist",
        }
    )
    before = {name: _events(name) for name in ("AISystem", "Risk", "Supplier", "DataSource")}
    response = client.post(_url(system), data)
    assert response.status_code == 302
    assert response["Location"] == _url(system)
    system.refresh_from_db()
    assert (system.scope_kk, system.scope_ru, system.scope_en) == (
        "Тек сұрақтар",
        "Только вопросы",
        "Questions only",
    )
    risk.refresh_from_db()
    supplier.refresh_from_db()
    legal.refresh_from_db()
    oversight.refresh_from_db()
    assert risk.mitigation_kk == "Ережелерге сілтеме береді"
    assert supplier.role_ru == "Строит модель"
    assert legal.title_kk == "Ақпараттандыру туралы заң"
    assert oversight.responsible_role_en == "Senior specialist"
    # The audit trail: each changed object once, the untouched data source not at all.
    assert _events("AISystem") == before["AISystem"] + 1
    assert _events("Risk") == before["Risk"] + 1
    assert _events("Supplier") == before["Supplier"] + 1
    assert _events("DataSource") == before["DataSource"]
    event = apps.get_model("register", "RiskEvent").objects.order_by("-pgh_id").first()
    assert event.pgh_context.metadata["action"] == "system.update"
    assert event.pgh_context.metadata["user"] == editor.pk
    assert "Translations saved." in client.get(_url(system)).content.decode()


def test_saving_an_unchanged_page_writes_nothing(client, editor, system):
    client.force_login(editor)
    data = text_inputs(client.get(_url(system)).content.decode())
    revision = system.revision
    assert client.post(_url(system), data).status_code == 302
    system.refresh_from_db()
    assert system.revision == revision


def test_a_stale_revision_gives_a_conflict_and_keeps_the_typed_text(
    client, editor, approver, system
):
    client.force_login(editor)
    data = text_inputs(client.get(_url(system)).content.decode())
    records.system_update(
        system=system,
        actor=approver,
        data={"scope_en": "The approver's scope"},
        expected_revision=system.revision,
    )
    mine = "The editor's scope, typed with care"
    data["system-scope_en"] = mine
    response = client.post(_url(system), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this while you were editing" in html
    assert escape("The approver's scope") in html
    assert escape(mine) in html
    system.refresh_from_db()
    assert system.scope_en == "The approver's scope"
    # Saving again from the page (which now starts from the current revision) wins.
    again = text_inputs(html)
    assert again["system-scope_en"] == mine
    assert client.post(_url(system), again).status_code == 302
    system.refresh_from_db()
    assert system.scope_en == mine


def test_a_stale_part_gives_a_conflict_and_nothing_is_written(client, editor, approver, system):
    client.force_login(editor)
    data = text_inputs(client.get(_url(system)).content.decode())
    risk = system.risks.get()
    records.part_save(
        system=system,
        actor=approver,
        part="risks",
        data={"mitigation_ru": "Проверяет специалист"},
        instance=risk,
        expected_version=risk.updated_at.isoformat(),
    )
    data[f"risks-{risk.pk}-mitigation_ru"] = "Проверяют два специалиста"
    data["system-scope_kk"] = "Тек сұрақтар"
    response = client.post(_url(system), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this while you were editing" in html
    assert "Проверяет специалист" in html and "Проверяют два специалиста" in html
    risk.refresh_from_db()
    system.refresh_from_db()
    assert risk.mitigation_ru == "Проверяет специалист"
    assert system.scope_kk != "Тек сұрақтар"  # nothing is written when any object conflicts


def test_another_persons_change_to_a_text_left_alone_is_kept(client, editor, approver, system):
    client.force_login(editor)
    data = text_inputs(client.get(_url(system)).content.decode())
    records.system_update(
        system=system,
        actor=approver,
        data={"scope_en": "The approver's scope"},
        expected_revision=system.revision,
    )
    data["system-name_kk"] = "Жәрдемақы көмекшісі"
    assert client.post(_url(system), data).status_code == 302
    system.refresh_from_db()
    assert (system.name_kk, system.scope_en) == ("Жәрдемақы көмекшісі", "The approver's scope")


def test_a_text_too_long_is_refused_with_its_error_and_nothing_is_lost(client, editor, system):
    client.force_login(editor)
    data = text_inputs(client.get(_url(system)).content.decode())
    data["system-name_ru"] = "Я" * 151
    data["system-scope_ru"] = "Только вопросы"
    response = client.post(_url(system), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in html
    assert 'href="#id_system-name_ru"' in html
    assert "Только вопросы" in html and "Я" * 151 in html
    system.refresh_from_db()
    assert system.scope_ru != "Только вопросы"


def test_missing_required_texts_are_marked_in_words_and_described(client, editor, agency):
    system = complete_system(agency, editor, scope_kk="", appeal_route_en="")
    client.force_login(editor)
    html = client.get(_url(system)).content.decode()
    assert "2 required texts are missing" in html
    assert 'aria-describedby="id_system-scope_kk_helptext"' in html
    hint = html[html.index('id="id_system-scope_kk_helptext"') :][:200]
    assert "Missing" in hint and "Needed before you submit." in hint
    hint = html[html.index('id="id_system-appeal_route_en_helptext"') :][:200]
    assert "Missing" in hint and "Recommended." in hint
    assert 'id="id_system-scope_ru_helptext"' not in html


# (role, GET status, may write)
ROLES = [
    ("editor", 200, True),
    ("approver", 200, True),
    ("regulator", 200, False),
    ("other_agency_editor", 404, False),
    ("other_agency_approver", 404, False),
]


@pytest.mark.parametrize("role, status, writes", ROLES, ids=[r for r, _, _ in ROLES])
def test_access_by_role(client, request, editor, system, role, status, writes):
    """Who may change the texts is the workflow table's "edit", as on every section form."""
    client.force_login(editor)
    data = text_inputs(client.get(_url(system)).content.decode())
    data["system-scope_en"] = f"Written by {role}"
    client.force_login(request.getfixturevalue(role))
    response = client.get(_url(system))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert ("Save all translations" in html) is writes
        assert ("system-scope_en" in disabled_inputs(html)) is not writes
    response = client.post(_url(system), data)
    assert response.status_code == {True: 302, False: 403 if status == 200 else 404}[writes]
    system.refresh_from_db()
    assert (system.scope_en == f"Written by {role}") is writes


def test_anonymous_visitor_is_sent_to_sign_in(client, system):
    response = client.get(_url(system))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_submitted_record_is_read_only_and_refuses_a_save(client, editor, agency):
    from register.services.publication import system_submit

    system = complete_system(agency, editor)
    system_submit(system=system, actor=editor)
    system.refresh_from_db()
    assert system.status == Status.IN_REVIEW
    client.force_login(editor)
    html = client.get(_url(system)).content.decode()
    assert "You can read these texts but not change them." in html
    assert "Save all translations" not in html
    data = {"system-start": str(system.revision), "system-scope_en": "Changed"}
    response = client.post(_url(system), data)
    system.refresh_from_db()
    assert system.scope_en != "Changed"
    assert response.status_code == 200
    assert "cannot be changed" in response.content.decode()


def test_the_withholding_reason_is_an_approvers_text(client, editor, approver, system):
    client.force_login(editor)
    assert "system-withholding_reason_en" in disabled_inputs(
        client.get(_url(system)).content.decode()
    )
    client.force_login(approver)
    assert "system-withholding_reason_en" in text_inputs(client.get(_url(system)).content.decode())


@pytest.mark.parametrize("parts", [1, 10])
def test_query_budget_does_not_grow_with_the_parts(
    client, editor, agency, parts, django_assert_max_num_queries
):
    from tests.factories import DataSourceFactory, RiskFactory

    system = complete_system(agency, editor)
    DataSourceFactory.create_batch(parts, system=system)
    RiskFactory.create_batch(parts, system=system)
    client.force_login(editor)
    with django_assert_max_num_queries(13):
        response = client.get(_url(system))
    assert response.status_code == 200
    assert response.content.decode().count('app-translation__item" id="risks-') == parts + 1


def test_translations_page_links_to_the_exact_item_and_field(client, editor, agency):
    system = complete_system(agency, editor, scope_kk="")
    risk = system.risks.get()
    records.part_save(
        system=system,
        actor=editor,
        part="risks",
        data={"mitigation_ru": ""},
        instance=risk,
        expected_version=risk.updated_at.isoformat(),
    )
    client.force_login(editor)
    html = client.get(f"/en/workspace/systems/{system.public_id}/sections/translations/").content
    html = html.decode()
    assert f'href="{_url(system)}#id_system-scope_kk"' in html
    link = f'href="{_url(system)}#id_risks-{risk.pk}-mitigation_ru"'
    assert link in html
    assert "Risks: Wrong answer [en] — Mitigation" in html[html.index(link) :][:200]
    page = client.get(_url(system)).content.decode()
    assert 'id="id_system-scope_kk"' in page
    assert f'id="id_risks-{risk.pk}-mitigation_ru"' in page


def test_an_item_added_meanwhile_is_shown_and_left_as_it_is(client, editor, approver, system):
    client.force_login(editor)
    data = text_inputs(client.get(_url(system)).content.decode())
    added = records.part_save(
        system=system,
        actor=approver,
        part="risks",
        data={"name_en": "Slow answers", "mitigation_en": "A fallback to staff"},
    )
    data["system-name_kk"] = "Жәрдемақы көмекшісі"
    assert client.post(_url(system), data).status_code == 302
    added.refresh_from_db()
    system.refresh_from_db()
    assert (added.name_en, system.name_kk) == ("Slow answers", "Жәрдемақы көмекшісі")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_page_reads_in_kazakh_and_russian(client, editor, system, language):
    client.force_login(editor)
    response = client.get(f"/{language}/workspace/systems/{system.public_id}/translations/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    for code, name in (("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")):
        assert f'lang="{code}">{name}</label>' in html
        assert f'lang="{code}" id="id_system-scope_{code}"' in html


# --- The service -----------------------------------------------------------------------------


def test_the_service_accepts_only_texts_of_the_schema(editor, system):
    from register.services.translations import TextEdit, translations_save

    with pytest.raises(ValueError, match="phase"):
        translations_save(
            system=system,
            actor=editor,
            edits=[TextEdit("system", None, {"phase": "pilot"}, system.revision)],
        )


def test_the_service_leaves_the_withholding_reason_to_an_approver(editor, approver, system):
    from django.core.exceptions import ValidationError

    from register.services.translations import TextEdit, translations_save

    edit = TextEdit("system", None, {"withholding_reason_en": "Security"}, system.revision)
    with pytest.raises(ValidationError) as refused:
        translations_save(system=system, actor=editor, edits=[edit])
    assert refused.value.code == "withholding_needs_approver"
    translations_save(system=system, actor=approver, edits=[edit])
    system.refresh_from_db()
    assert system.withholding_reason_en == "Security"


@pytest.mark.parametrize("start", ["²", "9" * 5000, "-1", ""])
def test_a_starting_revision_no_form_would_send_is_a_conflict_not_an_error(
    client, editor, system, start
):
    client.force_login(editor)
    data = text_inputs(client.get(_url(system)).content.decode())
    data.update({"system-start": start, "system-scope_en": "Changed"})
    response = client.post(_url(system), data)
    assert response.status_code == 200
    system.refresh_from_db()
    assert system.scope_en != "Changed"


def test_the_side_by_side_tab_on_an_empty_new_record_form_is_a_form_error(client, editor):
    client.force_login(editor)
    response = client.post("/en/workspace/systems/new/", {"switch_language": "all"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_a_fria_part_written_in_one_language_is_marked_missing_in_the_others(
    client, editor, system
):
    records.part_save(
        system=system,
        actor=editor,
        part="impact_assessments",
        data={"kind": "fria", "fria_period_en": "Every working day"},
    )
    client.force_login(editor)
    html = client.get(_url(system)).content.decode()
    assert "Every working day" in html
    assert "fria_period_kk_helptext" in html and "fria_period_ru_helptext" in html
    assert "fria_period_en_helptext" not in html
