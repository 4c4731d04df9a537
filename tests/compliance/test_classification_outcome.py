"""The classification is stored once, as its language-neutral outcome; the record's columns are
derived from it and cannot disagree with it."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from compliance.classification import classify, language_neutral
from compliance.services import classification_apply
from register.models import AISystem
from tests.compliance.factories import HIGH_RISK_ANSWERS, HighRiskSystemFactory, reclassify
from tests.factories import AISystemFactory, complete_system

pytestmark = pytest.mark.django_db

ANSWERS = {
    "role": "deployer",
    "annex_iii": ["5a", "1a"],
    "profiling": True,
    "art6_3_conditions": ["a"],
    "art6_3_justification": "Only sorts files.",
    "interacts_with_people": True,
}


def assert_columns_follow_the_outcome(system: AISystem) -> None:
    outcome = system.classification
    assert system.risk_class == outcome["risk_class"]
    assert system.annex_iii == outcome["annex_iii"]
    assert system.transparency_obligations == outcome["transparency_obligations"]
    assert system.fria_required is outcome["fria_required"]
    assert system.classification_version == outcome["version"]
    assert system.art6_3_conditions == system.classification_answers["art6_3_conditions"]
    assert system.profiling is system.classification_answers["profiling"]


def test_the_service_stores_the_language_neutral_outcome(editor, agency):
    system = complete_system(agency, editor)
    returned = classification_apply(system=system, actor=editor, answers=ANSWERS)
    system.refresh_from_db()
    # The decision role and the human correction come from the record, not the answers.
    facts = {**ANSWERS, "decision_role": system.decision_role, "human_can_correct": False}
    assert system.classification == language_neutral(classify(facts))
    assert system.classification == language_neutral(returned)
    assert system.classification["kz"]["autonomy"] == "low"
    assert system.classification["annex_iii"] == ["1a", "5a"]
    assert "rationale" not in system.classification
    assert_columns_follow_the_outcome(system)


def test_clearing_the_classification_clears_every_column():
    system = HighRiskSystemFactory()
    system.apply_classification(None, None)
    assert system.classification == {} and system.classification_answers == {}
    assert system.risk_class == "" and system.annex_iii == []
    assert system.fria_required is None and system.profiling is None
    assert system.classification_version == "" and system.transparency_obligations == []


def test_factories_derive_the_columns_from_the_answers():
    system = HighRiskSystemFactory()
    assert system.risk_class == "high"
    assert system.classification == language_neutral(classify(HIGH_RISK_ANSWERS))
    assert_columns_follow_the_outcome(system)
    assert_columns_follow_the_outcome(reclassify(system, ANSWERS))


@pytest.mark.parametrize("field", ["risk_class", "annex_iii", "fria_required", "classification"])
def test_factories_refuse_a_class_given_without_answers(field):
    with pytest.raises(TypeError, match="follow from the answers"):
        AISystemFactory(**{field: AISystem._meta.get_field(field).get_default()})


def test_the_migration_fills_the_outcome_of_records_classified_before_it():
    migration = importlib.import_module("compliance.migrations.0002_classification_outcome")
    system = HighRiskSystemFactory()
    never_classified = AISystemFactory()
    AISystem.objects.filter(pk=system.pk).update(classification={}, classified_at=timezone.now())
    migration.fill_outcomes(apps, None)
    system.refresh_from_db()
    never_classified.refresh_from_db()
    assert system.classification == language_neutral(classify(HIGH_RISK_ANSWERS))
    assert_columns_follow_the_outcome(system)
    assert never_classified.classification == {} and never_classified.risk_class == ""


def test_a_record_whose_columns_disagree_with_its_outcome_is_invalid():
    system = HighRiskSystemFactory()
    system.full_clean()
    system.risk_class = "minimal"
    with pytest.raises(ValidationError) as excinfo:
        system.full_clean()
    assert excinfo.value.error_dict["__all__"][0].code == "classification_mismatch"
