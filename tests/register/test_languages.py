"""One table of languages: settings, the switcher and the content columns all derive from it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils import translation

from register import languages
from register.i18n import CONTENT_LANGUAGES as REGISTER_LANGUAGES
from register.sections import SUBMISSION_LANGUAGES
from register.templatetags.register_tags import language_self_name

ROOT = Path(__file__).resolve().parents[2]


def test_settings_languages_are_the_content_languages():
    assert [code for code, _name in settings.LANGUAGES] == list(languages.CONTENT_LANGUAGES)
    assert settings.LANGUAGE_CODE in languages.CONTENT_LANGUAGES
    assert REGISTER_LANGUAGES is languages.CONTENT_LANGUAGES


def test_every_language_has_a_translated_name_and_its_own_name():
    for language in languages.TABLE:
        with translation.override("en"):
            assert str(language.name)
        assert language_self_name(language.code) == language.self_name
    with translation.override("ru"):
        assert str(languages.LANGUAGE_NAMES["kk"]) == "казахский"
    assert language_self_name("kk") == "Қазақша"


def test_a_record_is_submitted_complete_in_kazakh_and_russian():
    assert SUBMISSION_LANGUAGES == ("kk", "ru")
    assert set(SUBMISSION_LANGUAGES) < set(languages.CONTENT_LANGUAGES)


def test_the_language_table_imports_nothing_of_the_project():
    code = (
        "import sys, register.languages as l; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'config', 'register', 'compliance', 'demo'}), l.CONTENT_LANGUAGES)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['register', 'register.languages'] ('kk', 'ru', 'en')"
