from __future__ import annotations

import pytest
from django.utils import translation

from register import schema
from register.i18n import (
    CONTENT_LANGUAGES,
    column,
    columns,
    content_language,
    fallback_order,
    missing_by_language,
    pick,
)
from register.models import AISystem
from tests.factories import AISystemFactory, RiskFactory

TEXTS = {"kk": "Чат-бот (kk)", "ru": "Чат-бот", "en": "Chatbot"}


def test_fallback_order_starts_with_the_requested_language(settings):
    settings.LANGUAGE_CODE = "kk"
    assert fallback_order("en") == ["en", "kk", "ru"]
    assert fallback_order("kk") == ["kk", "ru", "en"]
    assert fallback_order("ru-RU") == ["ru", "kk", "en"]


@pytest.mark.django_db
def test_translated_attribute_reads_the_active_language_and_marks_fallbacks(settings):
    settings.LANGUAGE_CODE = "kk"
    system = AISystemFactory(name_en="Chatbot", name_ru="Чат-бот", name_kk="")
    with translation.override("ru"):
        assert system.name == "Чат-бот"
        assert not system.name.is_fallback
    with translation.override("kk"):
        # No Kazakh text: the reader sees Russian (the next language), marked as a fallback.
        assert system.name == "Чат-бот"
        assert system.name.is_fallback
        assert system.name.language == "ru"


@pytest.mark.django_db
def test_missing_translations_are_listed_per_language():
    system = AISystemFactory(scope_en="Only questions", scope_ru="", scope_kk="")
    risk = RiskFactory(
        system=system,
        name_kk="Қате",
        name_ru="Ошибка",
        mitigation_kk="",
        mitigation_ru="",
        mitigation_en="Review",
    )
    missing = missing_by_language([system, risk])
    assert "AISystem.scope" in missing["kk"]
    assert "AISystem.scope" not in missing["en"]
    assert "Risk.mitigation" in missing["ru"]
    assert "Risk.name" not in missing["kk"]


@pytest.mark.django_db
def test_a_record_knows_which_languages_are_complete_over_all_its_parts(
    django_assert_num_queries,
):
    from register.selectors import systems_with_parts
    from tests.factories import HumanOversightFactory

    texts = {
        f"{name}_{code}": "text"
        for name in ("scope", "affected_groups", "owner_role", "appeal_route")
        for code in CONTENT_LANGUAGES
    }
    system = AISystemFactory(**texts)
    HumanOversightFactory(
        system=system,
        responsible_role_kk="Бөлім басшысы",
        responsible_role_ru="Начальник отдела",
        responsible_role_en="Head of department",
    )
    RiskFactory(
        system=system,
        name_kk="Қате",
        name_ru="Ошибка",
        name_en="Error",
        mitigation_kk="Тексеру",
        mitigation_ru="Проверка",
        mitigation_en="",
    )
    loaded = systems_with_parts().get(pk=system.pk)
    with django_assert_num_queries(0):
        assert schema.complete_languages(loaded) == ["kk", "ru"]
        assert schema.translation_gaps(loaded)["en"] == ["Risk.mitigation"]


def test_pick_gives_the_requested_language_unmarked(settings):
    settings.LANGUAGE_CODE = "kk"
    text = pick(TEXTS, "en")
    assert (text, text.language, text.is_fallback) == ("Chatbot", "en", False)


def test_pick_reads_the_active_language_by_default(settings):
    settings.LANGUAGE_CODE = "kk"
    with translation.override("ru-ru"):
        text = pick(TEXTS)
    assert (text, text.language, text.is_fallback) == ("Чат-бот", "ru", False)


def test_pick_falls_back_to_the_site_default_before_the_others(settings):
    settings.LANGUAGE_CODE = "ru"
    text = pick({"kk": "Қазақша мәтін", "ru": "Русский текст", "en": ""}, "en")
    assert (text, text.language, text.is_fallback) == ("Русский текст", "ru", True)


def test_pick_falls_back_to_the_other_languages_in_order(settings):
    settings.LANGUAGE_CODE = "kk"
    text = pick({"kk": "", "ru": "  ", "en": "English only"}, "ru")
    assert (text, text.language, text.is_fallback) == ("English only", "en", True)


@pytest.mark.parametrize(
    "values", [{"kk": "", "ru": " \n", "en": ""}, {}, None, {"kk": None, "de": "Deutsch"}]
)
def test_pick_of_all_blank_texts_is_empty_and_not_a_fallback(settings, values):
    settings.LANGUAGE_CODE = "kk"
    text = pick(values, "ru")
    assert (text, text.language, text.is_fallback) == ("", "ru", False)


def test_pick_of_a_language_the_register_does_not_hold_starts_at_the_site_default(settings):
    settings.LANGUAGE_CODE = "ru"
    text = pick(TEXTS, "de")
    assert (text, text.language, text.is_fallback) == ("Чат-бот", "ru", False)


def test_content_language_normalises_the_active_language(settings):
    settings.LANGUAGE_CODE = "kk"
    assert content_language("ru-RU") == "ru"
    assert content_language("de") == "kk"
    with translation.override("en"):
        assert content_language() == "en"


def test_column_names_the_per_language_field_of_every_translated_attribute():
    assert column("name", "kk") == "name_kk"
    assert columns("summary") == ("summary_kk", "summary_ru", "summary_en")
    for attribute in AISystem.translated_attributes():
        for code in CONTENT_LANGUAGES:
            field = AISystem._meta.get_field(column(attribute.name, code))
            assert field.name.endswith(f"_{code}")


@pytest.mark.django_db
def test_the_model_descriptor_and_pick_agree(settings):
    settings.LANGUAGE_CODE = "kk"
    system = AISystemFactory(name_kk=" ", name_ru="", name_en="Chatbot")
    for language in CONTENT_LANGUAGES:
        via_model = system.get_translation("name", language)
        via_pick = pick(system.translations("name"), language)
        assert (via_model, via_model.language, via_model.is_fallback) == (
            via_pick,
            via_pick.language,
            via_pick.is_fallback,
        )
    # Whitespace is blank for the model as for the card.
    assert system.get_translation("name", "kk").language == "en"
