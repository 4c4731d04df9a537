from __future__ import annotations

import pytest
from django.utils import translation

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
