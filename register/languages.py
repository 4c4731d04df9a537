"""The register's languages, declared once.

The interface and every translated text of a record come in the same three languages. Settings
(``LANGUAGES`` and the ``DEFAULT_LANGUAGE`` choices), the per-language columns, forms, the
language switcher, the classification and the rule catalogue all derive from ``TABLE``; nothing
else lists language codes. This module imports nothing of the project, so that settings can
use it: it sits in the lowest layer, below everything that reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    # The language's name in the reader's language ("Kazakh", "казахский").
    name: Any
    # The language's name in itself, as a language switcher shows it. Django's own name_local
    # for Kazakh is the adjective "Қазақ"; people look for "Қазақша".
    self_name: str
    # The state language and the official language: a record is submitted only when it is
    # complete in these.
    required_for_submission: bool
    # Whether whole numbers group their thousands with a no-break space (Django has no Kazakh
    # number format, so the register groups them itself).
    groups_with_space: bool
    # PostgreSQL's text-search configuration for texts in this language (stemming and stop
    # words; ``simple`` where PostgreSQL has none, as for Kazakh).
    search_config: str


TABLE: Final[tuple[Language, ...]] = (
    Language(
        "kk",
        _("Kazakh"),
        "Қазақша",
        required_for_submission=True,
        groups_with_space=True,
        search_config="simple",
    ),
    Language(
        "ru",
        _("Russian"),
        "Русский",
        required_for_submission=True,
        groups_with_space=True,
        search_config="russian",
    ),
    Language(
        "en",
        _("English"),
        "English",
        required_for_submission=False,
        groups_with_space=False,
        search_config="english",
    ),
)

BY_CODE: Final[dict[str, Language]] = {language.code: language for language in TABLE}

# The codes, in the order forms, tabs and exports show them.
CONTENT_LANGUAGES: Final[tuple[str, ...]] = tuple(BY_CODE)
SUBMISSION_LANGUAGES: Final[tuple[str, ...]] = tuple(
    language.code for language in TABLE if language.required_for_submission
)
SPACE_GROUPING_LANGUAGES: Final[frozenset[str]] = frozenset(
    language.code for language in TABLE if language.groups_with_space
)
LANGUAGE_NAMES: Final[dict[str, Any]] = {language.code: language.name for language in TABLE}
SELF_NAMES: Final[dict[str, str]] = {language.code: language.self_name for language in TABLE}
SEARCH_CONFIGS: Final[dict[str, str]] = {
    language.code: language.search_config for language in TABLE
}

# ``settings.LANGUAGES``.
LANGUAGES: Final[list[tuple[str, Any]]] = [(language.code, language.name) for language in TABLE]
