"""Forms that tell the truth: labels from the field schema, hints for their own field, empty
items refused, errors that name their field, blockers shown before they surprise anyone, and
yes/no facts that were never answered shown as not stated."""

from __future__ import annotations

import re

import jsonschema
import pytest
from django.utils import translation

from register import forms, schema
from register.cards import build_card, card_json_schema
from register.i18n import CONTENT_LANGUAGES
from register.models import AISystem, DataSource, HumanOversight, ImpactAssessment
from register.sections import SectionStatus, section_status, submission_gaps
from register.selectors import systems_with_parts
from register.services import publication, records
from register.snapshots import freeze_record
from tests.factories import complete_system

pytestmark = pytest.mark.django_db

OPTIONAL = "(optional)"
RECORD_NAME_HINT = forms.HELP_TEXTS["name"]


def _base(system):
    return f"/en/workspace/systems/{system.public_id}/"


def _forms_of_the_schema(language):
    """Every section and part form in ``language``, with the base names it must ask for."""
    for section in schema.SECTIONS:
        if section.fields:
            yield (
                section.slug,
                forms.section_form_class(section, language)(),
                schema.SYSTEM_TRANSLATED,
                set(section.required),
            )
    for part in schema.PARTS:
        yield (
            part.name,
            forms.part_form_class(part.name, language)(),
            part.translated,
            set(part.required),
        )


def _base_name(column, translated):
    stem, _sep, code = column.rpartition("_")
    return stem if code in CONTENT_LANGUAGES and stem in translated else column


# --- Required labels come from the field schema -----------------------------------------------


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_a_label_says_optional_exactly_when_the_schema_does_not_require_the_field(language):
    checked = 0
    with translation.override("en"):
        for target, form, translated, required in _forms_of_the_schema(language):
            for bound in form.visible_fields():
                base = _base_name(bound.name, translated)
                html = str(bound.as_field_group())
                assert (OPTIONAL in html) is (base not in required), (target, bound.name)
                checked += 1
            # Every required field of the schema is on its form.
            on_form = {_base_name(name, translated) for name in form.fields}
            assert required <= on_form, target
    assert checked > 50


def test_a_draft_still_saves_with_required_fields_blank(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    response = client.post(
        _base(system) + "sections/about/",
        {"revision": system.revision, "phase": "production", "name_en": "Renamed"},
    )
    assert response.status_code == 302
    system.refresh_from_db()
    assert system.name_en == "Renamed"
    assert system.summary_en == ""


def test_the_section_page_shows_no_optional_label_on_a_required_field(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    html = client.get(_base(system) + "sections/oversight/?language=en").content.decode()
    label = re.search(r'<label[^>]*for="id_appeal_route_en"[^>]*>(.*?)</label>', html, re.S)
    assert label is not None and OPTIONAL not in label.group(1)
    label = re.search(r'<label[^>]*for="id_appeal_url"[^>]*>(.*?)</label>', html, re.S)
    assert label is not None and OPTIONAL in label.group(1)


# --- A FRIA the classification requires -------------------------------------------------------


def test_a_required_fria_is_shown_on_the_task_list_without_stopping_submission(
    client, editor, agency
):
    system = complete_system(agency, editor)
    AISystem.objects.filter(pk=system.pk).update(fria_required=True)
    loaded = systems_with_parts().get(pk=system.pk)
    assessments = schema.section("assessments")
    assert section_status(loaded, assessments) is SectionStatus.REQUIRED
    assert assessments not in submission_gaps(loaded)

    client.force_login(editor)
    with translation.override("en"):
        reason = str(schema.part("impact_assessments").required_item.reason)
    task_list = client.get(_base(system)).content.decode()
    assert 'id="section-assessments-status"' in task_list
    status = task_list[task_list.index('id="section-assessments-status"') :][:200]
    assert "Required" in status
    assert reason in task_list
    assert reason in client.get(_base(system) + "sections/assessments/").content.decode()

    records.part_save(
        system=system,
        actor=editor,
        part="impact_assessments",
        data={"kind": ImpactAssessment.Kind.FRIA, "summary_en": "Assessed"},
    )
    loaded = systems_with_parts().get(pk=system.pk)
    assert section_status(loaded, assessments) is SectionStatus.COMPLETED


# --- Every hint is written for its field ------------------------------------------------------


def test_no_part_field_borrows_the_record_name_hint():
    with translation.override("en"):
        for target, form, _translated, _required in _forms_of_the_schema("en"):
            for name, field in form.fields.items():
                if (target, name) != ("about", "name_en"):
                    assert str(field.help_text) != str(RECORD_NAME_HINT), (target, name)


def test_no_hint_is_shared_by_fields_of_different_models():
    owners: dict[str, set[str]] = {}
    with translation.override("en"):
        for target, form, _translated, _required in _forms_of_the_schema("en"):
            model = "system" if target in schema.SECTIONS_BY_SLUG else target
            for field in form.fields.values():
                if field.help_text:
                    owners.setdefault(str(field.help_text), set()).add(model)
    shared = {hint: models for hint, models in owners.items() if len(models) > 1}
    assert shared == {}


# --- An empty item is refused ------------------------------------------------------------------


@pytest.mark.parametrize("part", schema.REPEATABLE)
def test_an_empty_add_form_is_refused_with_an_error(client, editor, agency, part):
    system = complete_system(agency, editor)
    client.force_login(editor)
    url = _base(system) + f"items/{part}/new/?language=en"
    opened = forms.part_form_class(part, "en")()
    # The form sent as it was opened: its defaults, nothing typed.
    data = {"language": "en", "version": ""}
    for name, field in opened.fields.items():
        value = opened[name].value()
        if value not in (None, "") and not field.widget.is_hidden:
            data[name] = value
    model = schema.part(part).model
    before = model.objects.filter(system=system).count()
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert model.objects.filter(system=system).count() == before


def test_the_service_refuses_a_new_item_with_nothing_written(editor, agency):
    system = complete_system(agency, editor)
    with pytest.raises(records.ValidationError) as refused:
        records.part_save(system=system, actor=editor, part="data_sources", data={"url": ""})
    assert refused.value.code == "empty_part"
    assert DataSource.objects.filter(system=system).count() == 1


def test_a_data_source_with_a_name_is_added(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    response = client.post(
        _base(system) + "items/data_sources/new/?language=en",
        {"language": "en", "version": "", "name_en": "Tax records", "personal_data": "none"},
    )
    assert response.status_code == 302
    assert DataSource.objects.filter(system=system, name_en="Tax records").exists()


# --- Errors in the summary name their field ---------------------------------------------------


def test_each_error_in_the_summary_names_its_field(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    response = client.post(
        _base(system) + "items/suppliers/new/?language=en",
        {"language": "en", "version": "", "name": "", "identifier": "1" * 40, "role_en": "x" * 300},
    )
    html = response.content.decode()
    assert response.status_code == 200
    summary = html[html.index('class="govuk-error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    with translation.override("en"):
        form = forms.part_form_class("suppliers", "en")()
        labels = [str(form[name].label) for name in ("name", "identifier", "role_en")]
    items = re.findall(r"<li>(.*?)</li>", summary, re.S)
    assert len(items) == 3
    for label, item in zip(labels, items, strict=True):
        assert f"{label}: " in item


# --- The submit and publish pages say what stops the publication -----------------------------

PROHIBITED = {
    "is_ai_system": True,
    "role": "deployer",
    "public_authority": True,
    "annex_iii": ["5a"],
    "profiling": True,
    "prohibited_practices": ["c"],
}


def test_the_submit_page_lists_what_will_stop_the_publication(client, editor, agency):
    system = complete_system(agency, editor, answers=PROHIBITED, phase="development")
    client.force_login(editor)
    html = client.get(_base(system) + "submit/").content.decode()
    assert "What will stop the publication" in html
    assert "These findings stop the publication" in html
    assert "AIA-05-01" in html
    # Submission itself is open: its button is not disabled.
    button = re.search(r'<button type="submit" class="govuk-button[^>]*>', html).group(0)
    assert "disabled" not in button


def test_the_submit_page_lists_missing_public_information_of_a_system_in_use(
    client, editor, agency
):
    system = complete_system(agency, editor, phase="pilot", explanation_route_ru="")
    client.force_login(editor)
    html = client.get(_base(system) + "submit/").content.decode()
    assert "A system in use is published once its public information is complete" in html
    assert "sections/oversight/" in html


def test_the_publish_button_is_disabled_with_the_reason_while_a_blocker_stops_it(
    client, editor, approver, agency
):
    system = complete_system(agency, editor, answers=PROHIBITED, phase="development")
    publication.system_submit(system=system, actor=editor)
    client.force_login(approver)
    html = client.get(_base(system) + "publish/").content.decode()
    button = re.search(r'<button type="submit" class="govuk-button[^>]*>', html).group(0)
    assert "disabled" in button
    assert 'aria-describedby="action-blocked"' in button
    reason = re.search(r'<p class="govuk-body" id="action-blocked">(.*?)</p>', html, re.S)
    assert reason is not None and "not possible yet" in reason.group(1)


def test_the_publish_button_is_enabled_when_nothing_stops_it(client, editor, approver, agency):
    system = complete_system(agency, editor)
    publication.system_submit(system=system, actor=editor)
    client.force_login(approver)
    html = client.get(_base(system) + "publish/").content.decode()
    button = re.search(r'<button type="submit" class="govuk-button[^>]*>', html).group(0)
    assert "disabled" not in button
    assert 'id="action-blocked"' not in html


def test_delete_draft_comes_after_the_main_action_and_is_not_a_warning_button(
    client, editor, agency
):
    system = complete_system(agency, editor, summary_kk="", summary_ru="", summary_en="")
    client.force_login(editor)
    html = client.get(_base(system)).content.decode()
    delete = re.search(r'<a class="([^"]*)"[^>]*href="[^"]*/delete/"', html)
    assert delete is not None
    assert "govuk-button--warning" not in delete.group(1)
    assert html.index("Before you can submit for review, complete:") < delete.start()


# --- Yes/no facts never answered are not stated -----------------------------------------------


def _card_html(system, client):
    client.force_login(system.created_by)
    return client.get(_base(system) + "preview/").content.decode()


def _oversight_row(html, label):
    start = html.index(f">{label}</dt>")
    return html[start : html.index("</dd>", start)]


def test_an_unanswered_yes_no_fact_is_not_stated_on_the_card(client, editor, agency):
    system = complete_system(agency, editor)
    HumanOversight.objects.filter(system=system).update(can_stop=None, can_override=False)
    card = build_card(freeze_record(systems_with_parts().get(pk=system.pk)))
    assert card["oversight"]["can_stop"] is None
    assert card["oversight"]["can_override"] is False
    assert card["rights"]["interaction_mandatory"] is None
    jsonschema.Draft202012Validator(card_json_schema()).validate(card)

    html = _card_html(system, client)
    assert "Not stated" in _oversight_row(html, "Can stop the system")
    assert ">No<" in _oversight_row(html, "Can override or reverse an output")
    assert "has not yet said whether a law makes using this system mandatory" in html
    assert "You can refuse to use the system." not in html


def test_the_oversight_form_asks_yes_or_no_and_keeps_a_blank_as_not_stated(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    page = client.get(_base(system) + "sections/oversight/?language=en").content.decode()
    assert 'type="radio" name="oversight-can_stop" value="True"' in page
    assert 'type="radio" name="oversight-can_stop" value="False"' in page
    oversight = HumanOversight.objects.get(system=system)
    response = client.post(
        _base(system) + "sections/oversight/?language=en",
        {
            "language": "en",
            "revision": system.revision,
            "oversight-version": oversight.updated_at.isoformat(),
            "oversight-mode": oversight.mode,
            "oversight-responsible_role_en": "Specialist",
            "oversight-can_override": "False",
        },
    )
    assert response.status_code == 302
    oversight.refresh_from_db()
    assert oversight.can_override is False
    assert oversight.can_stop is None
