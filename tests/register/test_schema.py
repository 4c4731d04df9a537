"""The field schema: every surface that lists a record's fields agrees with register.schema."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from register import forms, schema, workflow
from register.i18n import CONTENT_LANGUAGES
from register.models import AISystem, Withholding
from register.sections import section_status
from register.selectors import systems_with_parts
from register.services import publication, records
from tests.factories import (
    DataSourceFactory,
    ImpactAssessmentFactory,
    RiskFactory,
    complete_system,
)

CONFIRMED = workflow.confirmation_names("publish")

# Written only by the workflow, the compliance engine or the register's bookkeeping.
NEVER_WRITABLE = ("status", "organisation", "public_id", "risk_class", "published_version")
NEVER_WRITABLE_PART = ("system", "id")
TARGETS = (schema.SYSTEM, *(p.name for p in schema.PARTS))


def _base_name(model: type[models.Model], column: str) -> str:
    translated = {a.name for a in model.translated_attributes()}
    base = column.rsplit("_", 1)[0]
    return (
        base
        if column[-3:] in {f"_{c}" for c in CONTENT_LANGUAGES} and base in translated
        else column
    )


def _declared(model: type[models.Model]) -> set[str]:
    if model is AISystem:
        return {name for s in schema.SECTIONS for name in s.fields}
    return {name for p in schema.PARTS if p.model is model for name in p.fields}


def _models() -> list[type[models.Model]]:
    return [AISystem, *(p.model for p in schema.PARTS)]


# --- The schema against the models -----------------------------------------------------------


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_declared_field_exists_on_its_model(model):
    translated = {a.name for a in model.translated_attributes()}
    for name in _declared(model):
        columns = [f"{name}_{c}" for c in CONTENT_LANGUAGES] if name in translated else [name]
        for column in columns:
            assert model._meta.get_field(column).concrete, (model.__name__, column)


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_model_field_is_in_the_schema_or_not_editable_with_a_reason(model):
    declared = _declared(model)
    not_editable = schema.NOT_EDITABLE[model]
    for field in model._meta.concrete_fields:
        base = _base_name(model, field.name)
        assert (base in declared) != (base in not_editable), (model.__name__, field.name)
    assert all(reason.strip() for reason in not_editable.values())
    # No stale entries: every reason names a field that exists.
    names = {_base_name(model, f.name) for f in model._meta.concrete_fields}
    assert set(not_editable) <= names


def test_no_field_is_declared_twice():
    system_fields = [name for s in schema.SECTIONS for name in s.fields]
    assert len(system_fields) == len(set(system_fields))
    for part in schema.PARTS:
        assert len(part.fields) == len(set(part.fields)), part.name


def test_required_fields_are_fields_and_agree_with_the_models_required_texts():
    for section in schema.SECTIONS:
        assert set(section.required) <= set(section.fields), section.slug
    required_texts = {n for s in schema.SECTIONS for n in s.required} & schema.SYSTEM_TRANSLATED
    assert required_texts == set(AISystem.required_translations())
    for part in schema.PARTS:
        assert set(part.required) <= set(part.fields), part.name
        assert set(part.required) & part.translated == set(part.model.required_translations())


def test_every_part_belongs_to_a_section_that_shows_it():
    for part in schema.PARTS:
        section = schema.section(part.section)
        if part.many:
            assert part.add_label, part.name
            assert part.name in section.parts
        else:
            assert section.inline_part is part
            assert section.has_form
    assert {p.name: p.model for p in schema.PARTS if p.many} == records.PART_MODELS


# --- Forms ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_forms_expose_exactly_the_schema_fields(language):
    for section in schema.SECTIONS:
        if not section.fields:
            continue
        form_class = forms.section_form_class(section, language)
        assert list(form_class.base_fields) == [*section.form_fields(language), "revision"]
    for part in schema.PARTS:
        form_class = forms.part_form_class(part.name, language)
        assert list(form_class.base_fields) == [*part.form_fields(language), "version"]
    oversight = forms.oversight_form_class(schema.section("oversight"), language)
    assert list(oversight.base_fields) == [
        *schema.part("oversight").form_fields(language),
        "version",
    ]


def test_form_fields_are_in_the_editing_language_only():
    fields = schema.section("about").form_fields("ru")
    assert "name_ru" in fields and "name_kk" not in fields and "phase" in fields


# --- The allowlist ----------------------------------------------------------------------------


@pytest.mark.parametrize("target", TARGETS)
def test_the_allowlist_leaves_out_workflow_and_bookkeeping_fields(target):
    writable = schema.writable_fields(target)
    for name in (*NEVER_WRITABLE, *NEVER_WRITABLE_PART):
        assert name not in writable and f"{name}_id" not in writable
        with pytest.raises(ValueError, match=name):
            schema.refuse_unwritable(target, {name: "x"})


def test_the_classification_is_not_writable_by_input():
    writable = schema.writable_fields(schema.SYSTEM)
    classification = {
        name
        for name, reason in schema.NOT_EDITABLE[AISystem].items()
        if "classification_apply" in reason
    }
    assert {"risk_class", "annex_iii", "fria_required", "classified_at"} <= classification
    assert not writable & classification


@pytest.mark.parametrize("name", [*NEVER_WRITABLE, "classified_at", "revision", "slug_kk"])
def test_system_services_refuse_fields_outside_the_allowlist(agency, editor, name):
    with pytest.raises(ValueError, match=name):
        records.system_create(organisation=agency, actor=editor, data={name: "x"})
    system = complete_system(agency, editor)
    with pytest.raises(ValueError, match=name):
        records.system_update(
            system=system, actor=editor, data={name: "x"}, expected_revision=system.revision
        )


@pytest.mark.parametrize("name", [*NEVER_WRITABLE, *NEVER_WRITABLE_PART, "created_at"])
def test_part_services_refuse_fields_outside_the_allowlist(agency, editor, name):
    system = complete_system(agency, editor)
    for part in records.PART_MODELS:
        with pytest.raises(ValueError, match=name):
            records.part_save(system=system, actor=editor, part=part, data={name: "x"})
    with pytest.raises(ValueError, match=name):
        records.system_update(
            system=system,
            actor=editor,
            data={},
            expected_revision=system.revision,
            oversight={name: "x"},
        )
    with pytest.raises(ValueError, match=name):
        records.system_create(
            organisation=agency, actor=editor, data={"name_en": "x"}, oversight={name: "x"}
        )


def test_an_unknown_part_is_refused(agency, editor):
    system = complete_system(agency, editor)
    with pytest.raises(ValueError, match="unknown part"):
        records.part_save(system=system, actor=editor, part="oversight", data={})


def test_the_compliance_engine_still_writes_the_classification(agency, editor):
    system = complete_system(agency, editor, answers={"is_ai_system": False})
    assert system.risk_class == "out_of_scope"
    assert system.classified_at is not None


def test_columns_list_every_writable_column_once():
    listed = list(schema.columns())
    assert len(listed) == len(set(listed))
    for target in TARGETS:
        names = {c.name for c in listed if c.target == target}
        assert names == schema.writable_fields(target), target
    texts = list(schema.columns(translated_only=True))
    assert texts and all(c.language in CONTENT_LANGUAGES for c in texts)
    assert ("system", "summary", "kk", "summary_kk") in texts
    assert not any(c.field == "phase" for c in texts)


# --- Reads derived from the schema -------------------------------------------------------------


def test_a_record_with_parts_loads_every_part_in_a_fixed_number_of_queries(
    agency, editor, django_assert_num_queries
):
    system = complete_system(agency, editor)
    DataSourceFactory.create_batch(3, system=system)
    RiskFactory.create_batch(3, system=system)
    ImpactAssessmentFactory(system=system)
    one_to_one, repeatable = schema.prefetch_names()
    with django_assert_num_queries(1 + len(repeatable)):
        loaded = systems_with_parts().get(pk=system.pk)
    with django_assert_num_queries(0):
        rows = schema.part_rows(loaded)
        schema.translation_gaps(loaded)
        for section in schema.SECTIONS:
            section_status(loaded, section)
    assert {type(row) for row in rows} >= {p.model for p in schema.PARTS} - {
        schema.part("suppliers").model,
        schema.part("legal_bases").model,
    }
    assert one_to_one == ["oversight"]


def test_each_missing_text_links_to_the_section_that_edits_it():
    assert schema.section_for("AISystem.appeal_route").slug == "oversight"
    assert schema.section_for("AISystem.withholding_reason").slug == "ownership"
    assert schema.section_for("HumanOversight.responsible_role").slug == "oversight"
    assert schema.section_for("Risk.mitigation").slug == "risks"
    assert schema.section_for("ImpactAssessment.fria_risks").slug == "assessments"
    for column in schema.columns(translated_only=True):
        model = AISystem if column.target == schema.SYSTEM else schema.part(column.target).model
        section = schema.section_for(f"{model.__name__}.{column.field}")
        assert section.has_form or section.parts, column


# --- Withholding: an approver's decision ---------------------------------------------------------


def _ownership_post(system, **changes):
    return {
        "revision": system.revision,
        "act_role": system.act_role,
        "owner_role_en": system.owner_role_en,
        "legal_position": system.legal_position,
        "contact_email": system.contact_email,
        "withholding": system.withholding,
        "withholding_reason_en": system.withholding_reason_en,
        **changes,
    }


def _url(system):
    return f"/en/workspace/systems/{system.public_id}/sections/ownership/"


def test_the_ownership_section_offers_the_withholding_in_a_publication_fieldset(
    client, agency, approver
):
    system = complete_system(agency, approver)
    client.force_login(approver)
    html = client.get(_url(system)).content.decode()
    legend = '<h2 class="govuk-fieldset__heading">Publication</h2>'
    assert legend in html
    publication_fieldset = html[html.index(legend) :]
    assert 'name="withholding"' in publication_fieldset
    assert "What the public may see" in publication_fieldset
    assert 'name="withholding_reason_en"' in publication_fieldset
    assert not re.search(r'name="withholding"[^>]*disabled', html)


def test_an_editor_sees_the_withholding_read_only(client, agency, editor):
    system = complete_system(agency, editor)
    client.force_login(editor)
    html = client.get(_url(system)).content.decode()
    assert re.search(r'name="withholding"[^>]*disabled', html)
    assert re.search(r'name="withholding_reason_en"[^>]*disabled', html)
    assert not re.search(r'name="owner_role_en"[^>]*disabled', html)


def test_an_editors_posted_withholding_is_ignored_and_the_rest_saved(client, agency, editor):
    system = complete_system(agency, editor)
    client.force_login(editor)
    response = client.post(
        _url(system),
        _ownership_post(
            system,
            owner_role_en="Head of the digital department",
            withholding=Withholding.WITHHELD,
            withholding_reason_en="Because I say so",
        ),
    )
    assert response.status_code == 302
    system.refresh_from_db()
    assert system.owner_role_en == "Head of the digital department"
    assert system.withholding == Withholding.NONE
    assert system.withholding_reason_en == ""


def test_an_approver_sets_the_withholding_through_the_section(client, agency, editor, approver):
    system = complete_system(agency, editor)
    client.force_login(approver)
    response = client.post(
        _url(system),
        _ownership_post(
            system,
            withholding=Withholding.WITHHELD,
            withholding_reason_en="Publishing the thresholds would help tax evasion.",
        ),
    )
    assert response.status_code == 302
    system.refresh_from_db()
    assert system.withholding == Withholding.WITHHELD
    assert system.withholding_reason_en.startswith("Publishing the thresholds")


def test_a_withheld_record_needs_a_reason_in_the_form(client, agency, approver):
    system = complete_system(agency, approver)
    client.force_login(approver)
    response = client.post(_url(system), _ownership_post(system, withholding="withheld"))
    assert response.status_code == 200
    assert "Give the reason why the record is withheld." in response.content.decode()
    system.refresh_from_db()
    assert system.withholding == Withholding.NONE


def test_the_service_refuses_an_editors_withholding_with_a_translated_error(agency, editor):
    system = complete_system(agency, editor)
    for data in ({"withholding": "restricted"}, {"withholding_reason_ru": "Причина"}):
        with pytest.raises(ValidationError) as excinfo:
            records.system_update(
                system=system, actor=editor, data=data, expected_revision=system.revision
            )
        assert excinfo.value.code == "withholding_needs_approver"
    with pytest.raises(ValidationError) as excinfo:
        records.system_create(
            organisation=agency, actor=editor, data={"name_en": "x", "withholding": "restricted"}
        )
    assert excinfo.value.code == "withholding_needs_approver"
    # Sending the stored value back is not a change.
    records.system_update(
        system=system,
        actor=editor,
        data={"withholding": "none", "team_en": "Digital team"},
        expected_revision=system.revision,
    )
    system.refresh_from_db()
    assert system.team_en == "Digital team"


def test_the_withholding_error_is_marked_for_translation(agency, editor):
    from django.utils.functional import Promise

    system = complete_system(agency, editor)
    with pytest.raises(ValidationError) as excinfo:
        records.system_update(
            system=system,
            actor=editor,
            data={"withholding": "restricted"},
            expected_revision=system.revision,
        )
    assert isinstance(excinfo.value.message, Promise)


def test_an_approver_who_only_decided_the_withholding_may_publish_the_editors_work(
    agency, editor, approver
):
    system = complete_system(agency, editor)
    records.system_update(
        system=system,
        actor=approver,
        data={"withholding": Withholding.RESTRICTED},
        expected_revision=system.revision,
    )
    publication.system_submit(system=system, actor=editor)
    version = publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    assert version.number == 1
    assert version.four_eyes_waived is False


def test_the_section_status_counts_the_withholding_as_optional(agency, editor):
    system = systems_with_parts().get(pk=complete_system(agency, editor).pk)
    assert section_status(system, schema.section("ownership")).done


# --- The translations page -----------------------------------------------------------------------


def test_the_translations_page_lists_optional_texts_written_in_only_some_languages(
    client, agency, editor, django_assert_max_num_queries
):
    system = complete_system(agency, editor, benefits_ru="Быстрее", scope_kk="")
    risk = RiskFactory(system=system, description_en="Only in English")
    loaded = systems_with_parts().get(pk=system.pk)
    others = schema.untranslated(loaded)
    assert "AISystem.benefits" in others["kk"] and "AISystem.benefits" in others["en"]
    assert "AISystem.benefits" not in others["ru"]
    assert "Risk.description" in others["kk"]
    # A required text missing in a language is a gap, not listed twice.
    assert "AISystem.scope" in schema.translation_gaps(loaded)["kk"]
    assert "AISystem.scope" not in others["kk"]
    client.force_login(editor)
    with django_assert_max_num_queries(14):
        html = client.get(
            f"/en/workspace/systems/{system.public_id}/sections/translations/"
        ).content.decode()
    # Each text links to its item and field on the translation view.
    view = f"/en/workspace/systems/{system.public_id}/translations/"
    assert f'href="{view}#id_system-scope_kk"' in html
    assert f'href="{view}#id_system-benefits_kk">Benefits<' in html
    assert f'href="{view}#id_risks-{risk.pk}-description_kk"' in html


def test_help_texts_and_choice_lists_are_keyed_by_schema_fields():
    fields = {n for s in schema.SECTIONS for n in s.fields} | {
        n for p in schema.PARTS for n in p.fields
    }
    assert set(forms.HELP_TEXTS) <= fields
    assert set(forms.CHOICE_LISTS) <= fields
    assert set(forms.RADIOS) <= fields
    assert set(forms.LABELS) <= fields


# --- Every rule's section offers the fields its predicate reads ---------------------------------


def _offers(section: schema.Section) -> set[str]:
    """What a section's pages let an editor change, as ``target.field`` names."""
    if section.slug == "translations":  # the page links to every text of the record
        return {f"{c.target}.{c.field}" for c in schema.columns(translated_only=True)}
    offered = {f"system.{name}" for name in section.fields}
    parts = [*section.parts, *([section.inline_part.name] if section.inline_part else [])]
    for name in parts:
        offered |= {f"{name}.{field}" for field in schema.part(name).fields}
    return offered


# What no section of the record offers: the organisation's own details (kept by a site
# administrator) and the classification with its recorded disagreement, which the questionnaire
# writes.
OUTSIDE_THE_RECORD = ("organisation.", "classification", "system.classification_")


@pytest.mark.django_db
def test_every_rules_section_offers_the_fields_its_predicate_reads():
    from compliance.rules import get_catalogue

    for rule in get_catalogue().rules:
        reads = {name for name in rule.fields_read() if not name.startswith(OUTSIDE_THE_RECORD)}
        if not reads:  # reads only the classification: fixed in the questionnaire
            assert rule.section == "classification", rule.id
            continue
        # Some fields only decide whether the rule applies (personal data for the DPIA rule):
        # the section must offer at least one field the predicate reads.
        assert reads & _offers(schema.section(rule.section)), (rule.id, rule.section, reads)


def test_the_withholding_rule_sends_editors_to_the_withholding_field():
    from compliance.rules import get_catalogue

    rule = get_catalogue().get("AIA-49-04")
    assert "system.withholding" in rule.fields_read()
    assert "withholding" in schema.section(rule.section).fields
