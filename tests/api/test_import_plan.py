"""The dry run and the application of an import: readers, matching, errors with their row and
column, atomicity and idempotence."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from api.imports import template
from api.imports.apply import ApplyFailed
from api.imports.readers import ReadError, read
from api.imports.services import dry_run, run_import
from register.models import AISystem
from tests.api.import_helpers import MINIMAL, csv_bytes, xlsx_bytes
from tests.factories import complete_system

pytestmark = pytest.mark.django_db


def _events() -> int:
    from django.apps import apps

    return sum(
        apps.get_model("register", name).objects.count()
        for name in ("AISystemEvent", "HumanOversightEvent", "RiskEvent", "DataSourceEvent")
    )


def _errors(plan) -> list[tuple[int, str, str]]:
    return [(p.row, p.sheet, p.column) for p in plan.problems]


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(",", False), (";", False), (";", True), (",", True)]
)
def test_a_csv_is_read_with_either_separator_and_with_or_without_a_bom(
    agency, editor, delimiter, bom
):
    data = csv_bytes([{**MINIMAL, "techniques": "chatbot; speech"}], delimiter=delimiter, bom=bom)
    fmt, plan = dry_run("systems.csv", data, organisation=agency, actor=editor)
    assert fmt == "csv"
    assert [e.action for e in plan.entries] == ["create"]
    assert plan.entries[0].data["techniques"] == ["chatbot", "speech"]
    assert plan.entries[0].data["name_en"] == "Queue forecaster"


def test_an_xlsx_with_a_part_sheet_creates_the_record_with_its_items(agency, editor):
    data = xlsx_bytes(
        {
            "systems": [{**MINIMAL, "external_id": "INV-7", "oversight.can_stop": "yes"}],
            "risks": [
                {"external_id": "INV-7", "name_en": "Wrong forecast", "likelihood": "high"},
                {"external_id": "INV-7", "name_en": "Outage", "likelihood": "low"},
            ],
        }
    )
    _plan, applied = run_import("inventory.xlsx", data, organisation=agency, actor=editor)
    assert [a.action for a in applied] == ["create"]
    system = AISystem.objects.get(public_id=applied[0].public_id)
    assert system.external_id == "INV-7"
    assert system.status == "draft"
    assert system.oversight.can_stop is True
    assert [r.name_en for r in system.risks.order_by("pk")] == ["Wrong forecast", "Outage"]


def test_the_registers_json_of_cards_and_of_flat_columns_is_read(agency, editor):
    card = {
        "public_id": "",
        "card": {
            "name": {"kk": "Кезек", "ru": "Очередь", "en": "Queue"},
            "summary": {"kk": "", "ru": "", "en": "Forecasts"},
            "scope": {"kk": "", "ru": "", "en": "Queues"},
            "phase": "pilot",
            "techniques": ["chatbot"],
            "technical": {"model_type": "gradient boosting"},
            "rights": {"interaction_mandatory": None},
            "risks": [{"id": 9, "name": {"kk": "", "ru": "", "en": "Bias"}, "severity": "high"}],
        },
    }
    flat = {**MINIMAL, "external_id": "F-1", "techniques": ["speech"], "affected_per_year": 12}
    data = json.dumps({"records": [card, flat]}).encode()
    fmt, plan = dry_run("register.json", data, organisation=agency, actor=editor)
    assert fmt == "json"
    first, second = plan.entries
    assert not plan.problems
    assert first.data["name_kk"] == "Кезек"
    assert first.data["model_type"] == "gradient boosting"
    assert first.parts["risks"][0]["severity"] == "high"
    assert second.data["affected_per_year"] == 12
    assert second.data["techniques"] == ["speech"]
    assert "risks" not in second.parts  # a record without items leaves them alone


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"phase": "sometimes"}, "phase"),
        ({"first_used_on": "31.03.2025"}, "first_used_on"),
        ({"interaction_mandatory": "maybe"}, "interaction_mandatory"),
        ({"affected_per_year": "about 10"}, "affected_per_year"),
        ({"techniques": "chatbot; telepathy"}, "techniques"),
        ({"name_en": "x" * 151}, "name_en"),
        ({"contact_email": "not an address"}, "contact_email"),
        ({"oversight.mode": "nobody"}, "oversight.mode"),
    ],
)
def test_every_error_names_its_row_and_column(agency, editor, cells, column):
    data = csv_bytes([MINIMAL, {**MINIMAL, **cells}])
    _fmt, plan = dry_run("systems.csv", data, organisation=agency, actor=editor)
    assert [e.action for e in plan.entries] == ["create", "error"]
    assert (3, "systems", column) in _errors(plan)
    assert all(p.message for p in plan.problems)


def test_an_unknown_column_is_an_error_of_the_header_row(agency, editor):
    data = csv_bytes([{**MINIMAL, "colour": "blue", "url": "ignored", "version": "3"}])
    _fmt, plan = dry_run("systems.csv", data, organisation=agency, actor=editor)
    assert _errors(plan) == [(1, "systems", "colour")]


@pytest.mark.parametrize(("language", "expected"), [("ru", "Убедитесь"), ("kk", "таңбадан артық")])
def test_errors_come_in_the_users_language(agency, editor, language, expected):
    data = csv_bytes([{**MINIMAL, "name_en": "x" * 151}])
    with translation.override(language):
        _fmt, plan = dry_run("systems.csv", data, organisation=agency, actor=editor)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "name_en")]
    assert expected in plan.problems[0].message


def test_a_bad_last_row_writes_nothing(agency, editor):
    rows = [{**MINIMAL, "external_id": f"A-{i}"} for i in range(3)]
    rows.append({**MINIMAL, "external_id": "A-3", "phase": "sometimes"})
    before = AISystem.objects.count(), _events()
    with pytest.raises(ApplyFailed) as caught:
        run_import("systems.csv", csv_bytes(rows), organisation=agency, actor=editor)
    assert [(p.row, p.column) for p in caught.value.problems] == [(5, "phase")]
    assert (AISystem.objects.count(), _events()) == before


def test_a_filled_template_imported_again_changes_nothing(agency, editor):
    system = complete_system(agency, editor, external_id="INV-1")
    revision, events = system.revision, _events()
    for fmt in template.FORMATS:
        plan, applied = run_import(
            f"mine.{fmt}", template.build(fmt, agency), organisation=agency, actor=editor
        )
        assert [e.action for e in plan.entries] == ["unchanged"], fmt
        assert applied == []
    system.refresh_from_db()
    assert (system.revision, _events()) == (revision, events)


def test_rows_match_records_by_public_id_or_external_id_and_say_what_changes(agency, editor):
    by_id = complete_system(agency, editor)
    by_reference = complete_system(agency, editor, external_id="INV-2")
    rows = [
        {"public_id": by_id.public_id, "name_en": "Renamed", "phase": "production"},
        {"external_id": "INV-2", "name_en": "Benefit assistant [en]", "phase": "retired"},
    ]
    plan, applied = run_import("s.csv", csv_bytes(rows), organisation=agency, actor=editor)
    assert [(e.action, e.changes) for e in plan.entries] == [
        ("update", ["name_en"]),
        ("update", ["phase"]),
    ]
    assert [a.public_id for a in applied] == [by_id.public_id, by_reference.public_id]
    by_id.refresh_from_db()
    assert by_id.name_en == "Renamed"
    assert by_id.revision > 1


def test_another_organisations_public_id_is_refused(
    agency, other_agency, editor, other_agency_editor
):
    theirs = complete_system(other_agency, other_agency_editor)
    data = csv_bytes([{"public_id": theirs.public_id, "name_en": "Mine now"}])
    _fmt, plan = dry_run("s.csv", data, organisation=agency, actor=editor)
    assert _errors(plan) == [(2, "systems", "public_id")]
    with pytest.raises(ApplyFailed):
        run_import("s.csv", data, organisation=agency, actor=editor)
    theirs.refresh_from_db()
    assert theirs.name_en != "Mine now"


def test_the_formula_escape_is_taken_off_on_import_and_put_back_on_export(agency, editor):
    data = csv_bytes([{**MINIMAL, "name_en": "'=SUM(A1)", "team_en": "'plain"}])
    _plan, applied = run_import("s.csv", data, organisation=agency, actor=editor)
    system = AISystem.objects.get(public_id=applied[0].public_id)
    assert (system.name_en, system.team_en) == ("=SUM(A1)", "'plain")
    exported = template.build("csv", agency).decode("utf-8-sig")
    assert "'=SUM(A1)" in exported


def test_surrounding_spaces_and_decomposed_letters_do_not_make_a_change(agency, editor):
    system = complete_system(agency, editor, external_id="INV-3")
    decomposed = "Benefit assistant".replace("e", "e\u0301")
    system.name_en = "Benefit assistant"
    rows = [{"external_id": "INV-3", "name_en": "  Benefit assistant [en]  "}]
    _fmt, plan = dry_run("s.csv", csv_bytes(rows), organisation=agency, actor=editor)
    assert plan.entries[0].action == "unchanged"
    rows = [{**MINIMAL, "name_en": decomposed}]
    _fmt, plan = dry_run("s.csv", csv_bytes(rows), organisation=agency, actor=editor)
    assert plan.entries[0].data["name_en"] == "Bénéfit assistant".replace("é", "\u00e9")


def test_items_of_a_part_sheet_replace_the_records_items(agency, editor):
    system = complete_system(agency, editor, external_id="INV-4")
    first_risk = system.risks.get()
    data = xlsx_bytes(
        {
            "systems": [{"external_id": "INV-4"}],
            "risks": [
                {"external_id": "INV-4", "name_en": "Wrong answer", "mitigation_en": "Changed"},
                {"external_id": "INV-4", "name_en": "Second", "mitigation_en": "New"},
            ],
            "data_sources": [],
        }
    )
    plan, _applied = run_import("s.xlsx", data, organisation=agency, actor=editor)
    assert plan.entries[0].changes == ["data_sources", "risks"]
    risks = list(system.risks.order_by("pk"))
    assert [r.pk == first_risk.pk for r in risks] == [True, False]
    assert [r.mitigation_en for r in risks] == ["Changed", "New"]
    assert not system.data_sources.exists()


def test_an_editor_cannot_set_what_the_public_may_see_but_an_approver_can(agency, editor, approver):
    data = csv_bytes([{**MINIMAL, "withholding": "restricted"}])
    _fmt, plan = dry_run("s.csv", data, organisation=agency, actor=editor)
    assert plan.entries[0].action == "error"
    _fmt, plan = dry_run("s.csv", data, organisation=agency, actor=approver)
    assert plan.entries[0].action == "create"


def test_a_record_in_review_cannot_be_changed_by_an_import(agency, editor):
    from register.services.publication import system_submit

    system = complete_system(agency, editor, external_id="INV-5")
    system_submit(system=system, actor=editor)
    data = csv_bytes([{"external_id": "INV-5", "name_en": "Changed in review"}])
    _fmt, plan = dry_run("s.csv", data, organisation=agency, actor=editor)
    assert plan.entries[0].action == "error"


def test_the_same_identifier_twice_is_an_error_of_the_second_row(agency, editor):
    data = csv_bytes([{**MINIMAL, "external_id": "D"}, {**MINIMAL, "external_id": "D"}])
    _fmt, plan = dry_run("s.csv", data, organisation=agency, actor=editor)
    assert _errors(plan) == [(3, "systems", "external_id")]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n",
        b"\x00\x01",
        b"PK\x03\x04broken",
        b"[1, 2]",
        b'{"records": 3}',
        b"name_en\nA\x00",
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_message(data):
    with pytest.raises(ReadError) as caught:
        read("f", data)
    assert caught.value.messages[0]


def test_an_import_takes_at_most_the_rows_of_its_setting(settings, agency, editor):
    settings.API_IMPORT_MAX_ROWS = 2
    with pytest.raises(ReadError) as caught:
        read("s.csv", csv_bytes([MINIMAL] * 3))
    assert caught.value.code == "too_many_rows"


def test_a_file_larger_than_the_setting_is_refused(settings):
    settings.API_IMPORT_MAX_BYTES = 1024
    with pytest.raises(ReadError) as caught:
        read("s.csv", csv_bytes([{**MINIMAL, "scope_en": "x" * 2000}]))
    assert caught.value.code == "file_too_large"
