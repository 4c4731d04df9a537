"""The comparison of two published cards (portal.diff): a pure function of two card dicts."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.utils import translation

from portal.diff import ADDED, CHANGED, REMOVED, diff_cards, word_segments
from register.cards import CARD_SCHEMA, CARD_SCHEMA_V1, CARD_SCHEMA_V3, build_card
from register.models import Withholding
from tests.register.test_versions import hidden_fields, sentinel_record


def text(en: str, ru: str = "", kk: str = "") -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def card(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "schema": CARD_SCHEMA,
        "public_id": "KZ-AI-000001",
        "slug": "assistant",
        "organisation": {"id": 1, "code": "mlsp", "name": text("Ministry"), "jurisdiction": "KZ"},
        "name": text("Benefit assistant", "Помощник"),
        "summary": text("Answers questions"),
        "phase": "production",
        "techniques": ["chatbot", "document_analysis"],
        "withholding": "none",
        "risk": {"class": "minimal", "annex_iii": [], "kz": {"risk_degree": "minimal"}},
        "oversight": {"id": 3, "mode": "human_decides", "responsible_role": text("Specialist")},
        "data_sources": [
            {"id": 10, "name": text("Register"), "description": text("Applicants")},
            {"id": 11, "name": text("Rules"), "description": text("Legal texts")},
        ],
        "risks": [{"id": 20, "name": text("Wrong answer"), "likelihood": "low"}],
        "suppliers": [],
    }
    base.update(changes)
    return base


def by_path(diff) -> dict[tuple[str, ...], Any]:  # type: ignore[no-untyped-def]
    return {change.path: change for change in diff}


def test_the_same_card_has_no_change():
    assert not diff_cards(card(), card())
    assert len(diff_cards(card(), copy.deepcopy(card()))) == 0


def test_a_changed_text_is_changed_in_the_language_that_changed():
    diff = diff_cards(card(), card(name=text("Benefit helper", "Помощник")))
    (change,) = diff
    assert change.path == ("name",) and change.kind == CHANGED
    assert [(t.language, t.before, t.after) for t in change.texts] == [
        ("en", "Benefit assistant", "Benefit helper")
    ]
    assert change.texts[0].segments == ()  # a short text is shown whole
    with translation.override("en"):
        assert change.label == "Name"
        assert diff.summary == {"changed": ["Name"], "added": [], "removed": []}


def test_a_field_filled_in_is_added_and_a_field_emptied_is_removed():
    diff = by_path(diff_cards(card(), card(scope=text("Only questions"), summary=text(""))))
    assert diff[("scope",)].kind == ADDED
    assert diff[("summary",)].kind == REMOVED


def test_missing_keys_and_empty_values_are_the_same():
    before = card()
    after = card(benefits=None, alternatives=text(""), channels=[], legal={"bases": []})
    assert not diff_cards(before, after)


def test_words_changed_inside_a_long_text_are_segments():
    old = "The system answers questions about benefits using the published rules of the ministry."
    new = "The system answers questions about pensions using the published rules of the ministry."
    diff = diff_cards(card(scope=text(old)), card(scope=text(new)))
    (change,) = diff
    segments = change.texts[0].segments
    assert [(s.op, s.text) for s in segments if s.op != "equal"] == [
        ("delete", "benefits"),
        ("insert", "pensions"),
    ]
    assert "".join(s.text for s in segments if s.op != "insert") == old
    assert "".join(s.text for s in segments if s.op != "delete") == new


def test_word_segments_keep_markup_as_text():
    segments = word_segments("a <b>", "a <script>x</script>")
    assert ("insert", "<script>x</script>") in [(s.op, s.text) for s in segments]


def test_parts_are_matched_by_id_and_a_reordered_list_is_no_change():
    before = card()
    after = card(data_sources=list(reversed(before["data_sources"])))
    assert not diff_cards(before, after)
    after = card(techniques=["document_analysis", "chatbot"])
    assert not diff_cards(before, after)


def test_an_added_removed_and_changed_part_item():
    before = card()
    after = card(
        data_sources=[
            {"id": 11, "name": text("Rules"), "description": text("Laws and orders")},
            {"id": 12, "name": text("Tax data"), "description": text("Incomes")},
        ]
    )
    diff = diff_cards(before, after)
    changes = by_path(diff)
    assert changes[("data_sources", "#12")].kind == ADDED
    assert changes[("data_sources", "#10")].kind == REMOVED
    described = changes[("data_sources", "#11", "description")]
    assert described.kind == CHANGED and described.item == text("Rules")
    with translation.override("en"):
        assert changes[("data_sources", "#12")].item_name == "Tax data"
        assert diff.summary["changed"] == ["Data sources"]
        assert diff.summary["added"] == ["Data sources (1)"]
        assert diff.summary["removed"] == ["Data sources (1)"]


def test_a_renamed_part_with_the_same_id_is_changed_not_replaced():
    before = card()
    after = copy.deepcopy(before)
    after["risks"][0]["name"] = text("Outdated answer")
    (change,) = diff_cards(before, after)
    assert change.path == ("risks", "#20", "name") and change.kind == CHANGED


def test_coded_values_are_shown_with_their_labels():
    diff = by_path(
        diff_cards(card(), card(phase="retired", techniques=["chatbot", "computer_vision"]))
    )
    with translation.override("en"):
        assert diff[("phase",)].before_text == "In use"
        assert diff[("phase",)].after_text == "Retired"
        assert diff[("techniques",)].added_values == ["Computer vision"]
        assert diff[("techniques",)].removed_values == ["Document analysis"]


def test_the_oversight_and_nested_blocks_are_compared_field_by_field():
    after = card(
        oversight={"id": 3, "mode": "human_reviews", "responsible_role": text("Specialist")},
        contact={"email": "ai@example.kz"},
    )
    changes = by_path(diff_cards(card(), after))
    assert changes[("oversight", "mode")].kind == CHANGED
    assert changes[("contact", "email")].kind == ADDED
    with translation.override("en"):
        assert diff_cards(card(), after).summary["changed"] == ["Human oversight"]


def test_format_one_parts_without_ids_are_matched_by_name():
    def v1(sources):  # type: ignore[no-untyped-def]
        return card(schema=CARD_SCHEMA_V1, data_sources=sources)

    register = {"name": text("Register"), "description": text("Applicants")}
    rules = {"name": text("Rules"), "description": text("Legal texts")}
    assert not diff_cards(v1([register, rules]), v1([rules, register]))
    (change,) = diff_cards(v1([register]), v1([{**register, "description": text("All")}]))
    assert change.kind == CHANGED and change.path[-1] == "description"


def test_cards_of_format_three_and_four_compare_what_both_have():
    old = card(schema=CARD_SCHEMA_V3, rights={"explanation": text("Call us")})
    new = card(rights={"explanation": text("Call us"), "interaction_mandatory": None})
    assert not diff_cards(old, new)  # a new key without a value, a new format: no change
    new["rights"]["interaction_mandatory"] = True
    (change,) = diff_cards(old, new)
    assert change.path == ("rights", "interaction_mandatory") and change.kind == ADDED
    with translation.override("en"):
        assert change.after_text == "Yes"


def test_compliance_findings_are_matched_by_rule():
    def findings(*items):  # type: ignore[no-untyped-def]
        return card(
            compliance={"checked_at": "2025-01-01", "counts": {"major": 1}, "findings": list(items)}
        )

    a = {"rule_id": "AIA-26-01", "severity": "major", "title": text("Oversight"), "status": "open"}
    b = {"rule_id": "KZ-16-01", "severity": "minor", "title": text("Appeal"), "status": "open"}
    assert not diff_cards(findings(a, b), findings(b, a))
    changes = by_path(diff_cards(findings(a), findings(b)))
    assert changes[("compliance", "findings", "#KZ-16-01")].kind == ADDED
    assert changes[("compliance", "findings", "#AIA-26-01")].kind == REMOVED


@pytest.mark.parametrize("withholding", [Withholding.RESTRICTED, Withholding.WITHHELD])
def test_a_withheld_version_against_a_public_one_shows_nothing_the_reduced_card_hides(withholding):
    public = build_card(sentinel_record(Withholding.NONE))
    reduced = build_card(sentinel_record(withholding))
    for before, after in ((public, reduced), (reduced, public)):
        diff = diff_cards(before, after)
        assert diff.reduced and diff.withholding_changed
        shown = repr([(c.path, c.before, c.after, c.item, c.texts) for c in diff])
        for name in hidden_fields():
            assert f"SENTINEL {name}" not in shown, name
        assert {c.path for c in diff} == {("withholding",)}


def test_the_diff_does_not_change_the_cards_it_compares():
    public = build_card(sentinel_record(Withholding.NONE))
    reduced = build_card(sentinel_record(Withholding.RESTRICTED))
    kept = copy.deepcopy((public, reduced))
    diff_cards(public, reduced)
    diff_cards(reduced, public)
    assert (public, reduced) == kept
