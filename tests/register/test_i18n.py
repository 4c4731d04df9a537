from __future__ import annotations

import pytest
from django.utils import translation

from register import schema
from register.i18n import fallback_order, missing_by_language
from tests.factories import AISystemFactory, RiskFactory


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
        for code in ("kk", "ru", "en")
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
