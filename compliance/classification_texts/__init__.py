"""Plain-language texts of the classification, in Kazakh, Russian and English: the EU AI Act's
in `eu`, Kazakhstan's Law on AI's in `kz`. Every entry maps a language code to its text.

Changing a text that alters what a classification *says* is a change of the classification logic:
bump `compliance.classification.CLASSIFICATION_VERSION` with it.
"""

from __future__ import annotations

from typing import Final

from compliance.classification_texts.eu import (
    ART6_3_CONDITIONS,
    OBLIGATION_TITLES,
    PRACTICES,
    RATIONALE,
)
from compliance.classification_texts.kz import (
    KZ_AUTONOMY_TEXTS,
    KZ_CAPABILITIES,
    KZ_OBLIGATION_TITLES,
    KZ_RATIONALE,
    KZ_RISK_DEGREE_TEXTS,
)
from register.languages import CONTENT_LANGUAGES
from register.vocabulary import ANNEX_III_USES, Translations

LANGUAGES: Final = CONTENT_LANGUAGES

__all__ = [
    "ANNEX_III_USES",
    "ART6_3_CONDITIONS",
    "KZ_AUTONOMY_TEXTS",
    "KZ_CAPABILITIES",
    "KZ_OBLIGATION_TITLES",
    "KZ_RATIONALE",
    "KZ_RISK_DEGREE_TEXTS",
    "LANGUAGES",
    "OBLIGATION_TITLES",
    "PRACTICES",
    "RATIONALE",
    "Translations",
]
