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


# --- Maximum lengths ---------------------------------------------------------------------------


def _text_fields():
    from django.apps import apps
    from django.db import models

    for app in ("register", "compliance"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.endswith("Event") or model._meta.proxy:
                continue
            for field in model._meta.concrete_fields:
                if isinstance(field, models.CharField | models.TextField):
                    yield model, field


def test_every_text_column_has_a_maximum_length_the_database_and_validators_enforce():
    from django.core.validators import MaxLengthValidator
    from django.db import connection

    fields = list(_text_fields())
    assert len(fields) > 100
    for model, field in fields:
        assert field.max_length, f"{model.__name__}.{field.name} has no maximum length"
        assert any(
            isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length
            for v in field.validators
        ), f"{model.__name__}.{field.name} is not checked by full_clean"
        assert field.db_type(connection).startswith("varchar("), f"{model.__name__}.{field.name}"


def test_every_form_field_of_the_schema_takes_its_maximum_length_from_the_model():
    from register import schema

    checked = 0
    for target in [schema.SYSTEM, *schema.PARTS_BY_NAME]:
        if target == schema.SYSTEM:
            form_classes = [forms.section_form_class(s, "kk") for s in schema.SECTIONS]
            model = schema.AISystem
        else:
            form_classes = [forms.part_form_class(target, "kk")]
            model = schema.part(target).model
        for form_class in form_classes:
            for name, form_field in form_class.base_fields.items():
                if name in ("revision", "version"):
                    continue
                model_field = model._meta.get_field(name)
                if getattr(model_field, "max_length", None) and not model_field.choices:
                    assert form_field.max_length == model_field.max_length, name
                    checked += 1
    assert checked > 40


def test_a_text_over_its_maximum_is_a_form_error_and_nothing_is_saved(client, editor, agency):
    system = complete_system(agency, editor)
    before = system.summary_en
    client.force_login(editor)
    limit = system._meta.get_field("summary_en").max_length
    response = client.post(
        _base(system) + "sections/about/?language=en",
        {"revision": system.revision, "name_en": system.name_en, "summary_en": "s" * (limit + 1)},
    )
    assert response.status_code == 200
    assert f"at most {limit} characters" in response.content.decode()
    system.refresh_from_db()
    assert system.summary_en == before


def test_the_services_refuse_a_text_over_its_maximum(editor, agency):
    from django.core.exceptions import ValidationError

    system = complete_system(agency, editor)
    with pytest.raises(ValidationError) as error:
        records.system_update(
            system=system,
            actor=editor,
            data={"summary_kk": "s" * 2001},
            expected_revision=system.revision,
        )
    assert "summary_kk" in error.value.message_dict
    with pytest.raises(ValidationError):
        records.part_save(
            system=system,
            actor=editor,
            part="risks",
            data={"name_en": "r", "mitigation_en": "m" * 10_001},
        )


def test_the_database_refuses_a_text_over_its_maximum(editor, agency):
    from django.db import DataError, transaction

    from register.models import AISystem

    system = complete_system(agency, editor)
    with pytest.raises(DataError), transaction.atomic():
        AISystem.objects.filter(pk=system.pk).update(summary_ru="s" * 2001)
    with pytest.raises(DataError), transaction.atomic():
        AISystem.objects.filter(pk=system.pk).update(architecture_ru="s" * 10_001)


# --- The history -------------------------------------------------------------------------------


def test_the_history_pages_through_its_events(
    client, editor, agency, django_assert_max_num_queries
):
    from register.selectors import HISTORY_PAGE_SIZE

    system = complete_system(agency, editor)
    for number in range(HISTORY_PAGE_SIZE + 5):
        system = records.system_update(
            system=system,
            actor=editor,
            data={"summary_en": f"Summary number {number}"},
            expected_revision=system.revision,
        )
    client.force_login(editor)
    with django_assert_max_num_queries(25):
        first = client.get(_base(system) + "history/")
    html = first.content.decode()
    assert first.status_code == 200
    assert html.count('class="govuk-summary-card__title"') <= HISTORY_PAGE_SIZE
    assert f"Summary number {HISTORY_PAGE_SIZE + 4}" in html
    assert "Summary number 0<" not in html
    assert 'rel="next"' in html
    last = client.get(_base(system) + "history/?page=9999").content.decode()
    assert "Summary number 0<" in last
    # A page that is not a number is the first page, not an error.
    assert client.get(_base(system) + "history/?page=%00").status_code == 200
