"""The shared vocabulary: every table covers what it describes, and the card uses only its words."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from django.utils import translation

from compliance import classification_texts
from compliance.classification import ANNEX_III_POINTS, TRANSPARENCY_PARAGRAPHS
from register import vocabulary
from register.i18n import CONTENT_LANGUAGES
from register.models import DecisionRole, ImpactAssessment, RiskClass
from register.templatetags.card_tags import annex_iii_use, plain

ROOT = Path(__file__).resolve().parents[2]
CARD = (ROOT / "templates" / "register" / "card.html").read_text()


def test_plain_sentences_cover_every_stored_value_and_nothing_else():
    assert set(vocabulary.PLAIN["decision_role"]) == set(DecisionRole.values)
    assert set(vocabulary.PLAIN["risk_class"]) == set(RiskClass.values)
    assert set(vocabulary.PLAIN["transparency"]) == set(TRANSPARENCY_PARAGRAPHS)
    with translation.override("en"):
        assert plain(DecisionRole.AUTOMATIC, "decision_role").startswith("Yes. It makes")
        assert plain("", "risk_class").startswith("The organisation has not yet assessed")


def test_a_fallback_marker_for_every_content_language():
    assert tuple(vocabulary.FALLBACK_MARKERS) == CONTENT_LANGUAGES
    with translation.override("en"):
        assert str(vocabulary.FALLBACK_MARKERS["ru"]) == "(not yet translated; shown in Russian)"


def test_the_fria_parts_are_the_models():
    assert [key for key, _heading in vocabulary.FRIA_PARTS] == list(ImpactAssessment.FRIA_PARTS)


def test_every_label_choice_and_sentence_the_card_names_is_in_the_vocabulary():
    labels = set(re.findall(r'field_label "([a-z_]+)"', CARD))
    choices = set(re.findall(r'choice_labels?:"([a-z_]+)"', CARD))
    sentences = set(re.findall(r'plain:"([a-z_]+)"', CARD))
    assert labels and choices and sentences
    assert labels <= set(vocabulary.FIELD_LABELS)
    assert choices <= set(vocabulary.CHOICES)
    assert sentences <= set(vocabulary.PLAIN)


def test_annex_iii_labels_are_one_table_for_the_card_and_the_classification():
    assert classification_texts.ANNEX_III_USES is vocabulary.ANNEX_III_USES
    assert set(vocabulary.ANNEX_III_USES) == set(ANNEX_III_POINTS)
    for point, texts in vocabulary.ANNEX_III_USES.items():
        assert tuple(texts) == CONTENT_LANGUAGES, point
    with translation.override("ru"):
        assert annex_iii_use("1c") == "распознавание эмоций"
        assert annex_iii_use("9z") == "9z"


def test_the_classification_imports_without_django_and_the_vocabulary_without_models():
    code = (
        "import sys, compliance.classification as c; "
        "print(c.classify({'is_ai_system': True, 'role': 'deployer'})['risk_class'], "
        "'register.models' in sys.modules, 'django.conf' in sys.modules and "
        "sys.modules['django.conf'].settings.configured)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["minimal", "False", "False"]


def test_the_card_helpers_import_nothing_of_the_rule_engine():
    source = (ROOT / "register" / "templatetags" / "card_tags.py").read_text()
    vocabulary_source = (ROOT / "register" / "vocabulary.py").read_text()
    assert not re.search(r"^\s*(from|import) compliance", source, re.MULTILINE)
    assert not re.search(r"^\s*(from|import) compliance", vocabulary_source, re.MULTILINE)


def test_choice_labels_outside_templates_for_reports_and_exports():
    with translation.override("ru"):
        assert vocabulary.choice_label("risk_class", "high") == str(RiskClass.HIGH.label)
        assert vocabulary.choice_label("risk_class", "high") != "High risk"
    with translation.override("en"):
        assert vocabulary.choice_label("risk_class", "high") == "High risk"
        assert vocabulary.choice_label("phase", "retired-in-2019") == "retired-in-2019"
        assert vocabulary.choice_label("phase", None) == ""
        assert vocabulary.plain_sentence("risk_class", "no-such-class") == ""
        assert vocabulary.field_label("team") == "Responsible team"
