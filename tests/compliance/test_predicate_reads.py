"""Every predicate says which record fields it reads, and those are fields the record has.

A later check that every rule's section offers the fields its predicate reads builds on this.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldDoesNotExist

from compliance.predicates._common import PART_MODELS
from compliance.rules import get_catalogue, registered_predicates
from register.i18n import CONTENT_LANGUAGES
from register.models import AISystem, Organisation

MODELS = {**PART_MODELS, "organisation": Organisation}
RULES = list(get_catalogue())


def _is_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        # A translated text is named without its language suffix.
        return all(_has_column(model, f"{name}_{code}") for code in CONTENT_LANGUAGES)
    return True


def _has_column(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def resolves(name: str) -> bool:
    if name == "classification":
        return _has_column(AISystem, "classification")
    part, _, field = name.partition(".")
    if part not in MODELS or not field:
        return False
    if field.endswith(tuple(f"_{code}" for code in CONTENT_LANGUAGES)):
        return False  # base names only: "system.summary", not "system.summary_kk"
    return _is_field(MODELS[part], field)


def test_every_registered_predicate_declares_its_reads():
    for name, predicate in registered_predicates().items():
        assert predicate.reads, name


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_reads_fields_the_record_has(rule):
    fields = rule.fields_read()
    assert fields, rule.id
    unknown = sorted(name for name in fields if not resolves(name))
    assert not unknown, (rule.id, unknown)


def test_reads_follow_the_rules_params():
    by_id = {rule.id: rule for rule in RULES}
    text_rules = [rule for rule in RULES if rule.predicate == "text_present"]
    assert text_rules
    for rule in text_rules:
        assert rule.fields_read() == {f"system.{rule.params['field']}"}
    assert "classification" in by_id["AIA-27-01"].fields_read()
    assert "oversight.log_retention_days" in by_id["AIA-26-06"].fields_read()


@pytest.mark.parametrize(
    "name",
    ["system.summary_kk", "system.no_such_field", "nowhere.summary", "system", "classifications"],
)
def test_the_name_check_refuses_what_is_not_a_field(name):
    assert not resolves(name)
