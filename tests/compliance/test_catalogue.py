"""The rule catalogue as data: the shipped files load, and every kind of mistake in a file is
reported with the file and the rule it is in."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from compliance.rules import (
    CATALOGUE_DIR,
    SECTIONS,
    catalogue_version,
    check_rule_catalogue,
    get_catalogue,
    load_catalogue,
    registered_predicates,
)
from compliance.rules import loader as rules_module
from demo.bulk import seed_bulk
from register.selectors import systems_with_parts
from tests.compliance.factories import (
    TODAY,
    compliant_high_risk_system,
    compliant_minimal_system,
)

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
FAMILIES = {
    "prohibited",
    "record",
    "oversight",
    "fria",
    "data",
    "transparency",
    "registration",
    "kz_ai_law",
    "plain_language",
}

GOOD_RULE = {
    "id": "TST-01-01",
    "title": {"kk": "Сынақ ережесі", "ru": "Тестовое правило", "en": "A test rule"},
    "hint": {"kk": "Түзетіңіз", "ru": "Исправьте", "en": "Fix it"},
    "reference": {"instrument": "register_standard", "article": "1"},
    "severity": "minor",
    "applies_to": {
        "risk_classes": "any",
        "roles": "any",
        "public_authority": "any",
        "jurisdictions": {"KZ": "binding"},
    },
    "effective_from": "2025-01-01",
    "predicate": "risk_class_determined",
    "section": "about",
}


def write(directory: Path, name: str, *rules: dict) -> Path:
    path = directory / name
    path.write_text(yaml.safe_dump({"rules": list(rules)}, allow_unicode=True), encoding="utf-8")
    return path


def rule(**changes) -> dict:
    data = json.loads(json.dumps(GOOD_RULE))
    for key, value in changes.items():
        if value is ...:
            data.pop(key)
        else:
            data[key] = value
    return data


def load_error(directory: Path) -> str:
    with pytest.raises(ImproperlyConfigured) as excinfo:
        load_catalogue(directory)
    return str(excinfo.value)


# --- The shipped catalogue ----------------------------------------------------------------------


def test_the_shipped_catalogue_loads_with_at_least_thirty_rules():
    catalogue = load_catalogue()
    assert len(catalogue) >= 30
    assert {r.family for r in catalogue} == FAMILIES


def test_every_family_has_its_own_test_module():
    here = Path(__file__).parent
    for family in FAMILIES:
        assert (here / f"test_rules_{family}.py").exists(), family


def test_rule_ids_are_unique_and_well_formed():
    ids = [r.id for r in get_catalogue()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"(AIA|KZAI|GDPR|KZ)-[A-Z0-9]+-\d\d", rule_id) for rule_id in ids)


def test_every_rule_speaks_kazakh_russian_and_english():
    for r in get_catalogue():
        for name in ("title", "hint"):
            kk, ru, en = (r.text(name, code) for code in ("kk", "ru", "en"))
            assert len({kk, ru, en}) == 3, (r.id, name)
            assert re.search("[А-Яа-яЁё]", ru), (r.id, name)
            assert not re.search("[А-Яа-яЁё]", en), (r.id, name)
        kazakh = r.text("title", "kk") + r.text("hint", "kk")
        assert KAZAKH_LETTERS & set(kazakh), r.id


def test_texts_follow_the_active_language():
    r = get_catalogue().get("AIA-26-06")
    with translation.override("ru"):
        assert r.title_text == "Журналы работы системы хранятся не менее 183 дней"
    with translation.override("en"):
        assert r.title_text == "Logs are kept for at least 183 days"


def test_blockers_are_the_prohibited_practices_and_capabilities_and_the_fria():
    blockers = {r.id for r in get_catalogue() if r.severity == "blocker"}
    capabilities = {f"KZAI-17-1{n}" for n in range(1, 8)}
    assert blockers == {"AIA-05-01", "AIA-27-01", *capabilities}


def test_sections_and_references_are_filled_in():
    for r in get_catalogue():
        assert r.section in SECTIONS
        assert r.reference.instrument and r.reference.article
    with translation.override("en"):
        assert str(get_catalogue().get("AIA-14-02").reference) == "EU AI Act, Art 14(4)(d)"


def test_catalogue_version_is_the_sha256_of_the_data():
    version = catalogue_version()
    assert re.fullmatch(r"[0-9a-f]{64}", version)
    assert load_catalogue().version == version


def test_version_ignores_layout_but_not_content(tmp_path):
    for path in CATALOGUE_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "rules" not in data:
            continue  # instruments.yaml and timeline.yaml
        data["rules"].reverse()
        (tmp_path / path.name).write_text(
            yaml.safe_dump(data, allow_unicode=True, width=60), encoding="utf-8"
        )
    assert load_catalogue(tmp_path).version == catalogue_version()

    path = tmp_path / "oversight.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("183", "184"), encoding="utf-8")
    assert load_catalogue(tmp_path).version != catalogue_version()


def test_system_check_passes_for_the_shipped_catalogue():
    assert check_rule_catalogue() == []


def test_system_check_reports_an_unknown_jurisdiction(settings):
    settings.COMPLIANCE_JURISDICTIONS = ["EU", "UK"]
    (error,) = check_rule_catalogue()
    assert error.id == "compliance.E002"
    assert "UK" in error.msg


def test_system_check_is_registered_once_the_module_is_imported():
    from django.core.checks import registry

    assert check_rule_catalogue in registry.registry.get_checks()


def test_system_check_reports_a_broken_catalogue(tmp_path, monkeypatch):
    write(tmp_path, "broken.yaml", rule(severity="fatal"))
    monkeypatch.setattr(rules_module, "CATALOGUE_DIR", tmp_path)
    (error,) = check_rule_catalogue()
    assert error.id == "compliance.E001"
    assert "broken.yaml: rule TST-01-01: unknown severity 'fatal'" in error.hint


# --- One test per kind of error ---------------------------------------------------------------


def test_a_good_rule_file_loads(tmp_path):
    write(tmp_path, "test.yaml", rule())
    (loaded,) = load_catalogue(tmp_path)
    assert loaded.family == "test"
    assert loaded.applies_to.risk_classes is None


def test_unknown_predicate_is_named(tmp_path):
    write(tmp_path, "test.yaml", rule(predicate="no_such_check"))
    assert "test.yaml: rule TST-01-01: unknown predicate 'no_such_check'" in load_error(tmp_path)


def test_duplicate_id_across_files_is_named(tmp_path):
    write(tmp_path, "a.yaml", rule())
    write(tmp_path, "b.yaml", rule())
    assert "b.yaml: rule TST-01-01: duplicate id (also in a.yaml)" in load_error(tmp_path)


def test_unknown_severity_is_named(tmp_path):
    write(tmp_path, "test.yaml", rule(severity="critical"))
    assert "test.yaml: rule TST-01-01: unknown severity 'critical'" in load_error(tmp_path)


@pytest.mark.parametrize("value", ["2025-02-30", "soon", "02/02/2025"])
def test_bad_date_is_named(tmp_path, value):
    write(tmp_path, "test.yaml", rule(effective_from=value))
    message = load_error(tmp_path)
    assert f"test.yaml: rule TST-01-01: effective_from '{value}' is not an ISO date" in message


def test_missing_language_is_named(tmp_path):
    write(tmp_path, "test.yaml", rule(hint={"ru": "Исправьте", "en": "Fix it"}))
    assert "test.yaml: rule TST-01-01: hint is missing its 'kk' text" in load_error(tmp_path)


def test_blank_text_counts_as_missing(tmp_path):
    write(tmp_path, "test.yaml", rule(title={"kk": " ", "ru": "Правило", "en": "Rule"}))
    assert "title is missing its 'kk' text" in load_error(tmp_path)


def test_unknown_risk_class_is_named(tmp_path):
    applies = {**GOOD_RULE["applies_to"], "risk_classes": ["high", "extreme"]}
    write(tmp_path, "test.yaml", rule(applies_to=applies))
    assert "rule TST-01-01: applies_to.risk_classes: unknown 'extreme'" in load_error(tmp_path)


def test_unknown_role_is_named(tmp_path):
    applies = {**GOOD_RULE["applies_to"], "roles": ["manufacturer"]}
    write(tmp_path, "test.yaml", rule(applies_to=applies))
    assert "rule TST-01-01: applies_to.roles: unknown 'manufacturer'" in load_error(tmp_path)


def test_unknown_jurisdiction_is_named(tmp_path):
    applies = {**GOOD_RULE["applies_to"], "jurisdictions": {"US": "binding"}}
    write(tmp_path, "test.yaml", rule(applies_to=applies))
    assert "applies_to.jurisdictions: unknown 'US'" in load_error(tmp_path)


def test_unknown_section_is_named(tmp_path):
    write(tmp_path, "test.yaml", rule(section="settings"))
    assert "test.yaml: rule TST-01-01: unknown section 'settings'" in load_error(tmp_path)


def test_missing_key_is_named(tmp_path):
    write(tmp_path, "test.yaml", rule(reference=...))
    assert "test.yaml: rule TST-01-01: missing keys: reference" in load_error(tmp_path)


def test_unknown_key_is_named(tmp_path):
    write(tmp_path, "test.yaml", rule(severty="minor"))
    assert "test.yaml: rule TST-01-01: unknown keys: severty" in load_error(tmp_path)


def test_params_are_checked_against_the_predicate(tmp_path):
    write(
        tmp_path,
        "test.yaml",
        rule(id="TST-01-02", predicate="logs_retained", params={"min_day": 183}),
        rule(id="TST-01-03", predicate="logs_retained", params={"min_days": "six months"}),
    )
    message = load_error(tmp_path)
    assert "rule TST-01-02: predicate 'logs_retained' takes no param 'min_day'" in message
    assert "rule TST-01-02: predicate 'logs_retained' needs param 'min_days'" in message
    assert "rule TST-01-03: param 'min_days' must be a whole number" in message


def test_text_placeholders_must_be_params(tmp_path):
    title = {"kk": "{days} күн", "ru": "{days} дней", "en": "{days} days"}
    write(tmp_path, "test.yaml", rule(title=title))
    assert "title (kk) uses ['days'] that params do not give" in load_error(tmp_path)


def test_bad_id_is_named_by_position(tmp_path):
    write(tmp_path, "test.yaml", rule(id="aia 14"))
    assert "test.yaml: rule #1: needs an id like 'AIA-14-01'" in load_error(tmp_path)


def test_file_must_hold_a_rules_list(tmp_path):
    (tmp_path / "test.yaml").write_text("- id: TST-01-01\n", encoding="utf-8")
    assert "test.yaml: must be a mapping with one key, 'rules'" in load_error(tmp_path)


def test_yaml_syntax_error_is_named(tmp_path):
    (tmp_path / "test.yaml").write_text("rules: [\n", encoding="utf-8")
    assert "test.yaml: cannot be read as YAML" in load_error(tmp_path)


def test_every_problem_is_reported_at_once(tmp_path):
    write(tmp_path, "a.yaml", rule(severity="critical"))
    write(tmp_path, "b.yaml", rule(id="TST-02-01", section="nowhere"))
    message = load_error(tmp_path)
    assert "a.yaml: rule TST-01-01" in message
    assert "b.yaml: rule TST-02-01" in message


def test_an_empty_directory_is_an_error(tmp_path):
    assert "no *.yaml rule files found" in load_error(tmp_path)


def test_the_shipped_files_are_what_the_loader_reads(tmp_path):
    shutil.copytree(CATALOGUE_DIR, tmp_path / "catalogue")
    assert load_catalogue(tmp_path / "catalogue").version == catalogue_version()


# --- Predicates ---------------------------------------------------------------------------------


def test_every_registered_predicate_is_used_by_a_rule():
    used = {r.predicate for r in get_catalogue()}
    assert used == set(registered_predicates())


@pytest.mark.django_db
def test_complete_records_fail_no_rule():
    for system in (compliant_high_risk_system(), compliant_minimal_system()):
        loaded = systems_with_parts().get(pk=system.pk)
        failures = {
            r.id: dict(v.detail)
            for r in get_catalogue()
            if (v := r.evaluate(loaded, today=TODAY)).failed
        }
        assert failures == {}, system.risk_class


@pytest.mark.django_db
def test_predicates_run_no_query_and_give_language_neutral_json(django_assert_num_queries):
    seed_bulk(60)
    compliant_high_risk_system()
    compliant_minimal_system()
    systems = list(systems_with_parts())
    assert len(systems) >= 62
    catalogue = list(get_catalogue())
    with django_assert_num_queries(0):
        with translation.override("kk"):
            in_kazakh = [r.evaluate(s, today=TODAY) for s in systems for r in catalogue]
        with translation.override("en"):
            in_english = [r.evaluate(s, today=TODAY) for s in systems for r in catalogue]
    assert in_kazakh == in_english
    assert any(v.failed for v in in_kazakh)
    json.dumps([dict(v.detail) for v in in_kazakh])


def test_error_messages_read_well():
    problems = rules_module._Problems()
    problems.add("x.yaml: rule TST-01-01", "unknown severity 'fatal'")
    problems.add("y.yaml", "no rules")
    with pytest.raises(ImproperlyConfigured) as excinfo:
        problems.raise_if_any()
    assert str(excinfo.value) == (
        "The compliance rule catalogue is invalid:\n"
        "  - x.yaml: rule TST-01-01: unknown severity 'fatal'\n"
        "  - y.yaml: no rules"
    )


def test_a_waivable_blocker_is_refused(tmp_path):
    import yaml

    from compliance.rules import get_catalogue, load_catalogue

    rule = next(r for r in get_catalogue() if r.id == "AIA-27-01")
    source = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "compliance" / "catalogue" / "fria.yaml").read_text()
    )
    entry = next(r for r in source["rules"] if r["id"] == rule.id)
    entry["waivable"] = True
    (tmp_path / "fria.yaml").write_text(yaml.safe_dump({"rules": [entry]}, allow_unicode=True))
    with pytest.raises(ImproperlyConfigured, match="a blocker must say waivable: false"):
        load_catalogue(tmp_path)


# --- Instruments, jurisdictions, effective dates (law engine v2) ------------------------------

EU_ONLY_PROCEDURES = {"AIA-49-01", "AIA-26-08", "AIA-49-03", "AIA-49-04"}


def test_the_readme_lists_every_rule_as_the_catalogue_has_it():
    from compliance.rules.docs import catalogue_table

    readme = (CATALOGUE_DIR / "README.md").read_text(encoding="utf-8")
    assert catalogue_table(get_catalogue()) in readme, "run manage.py catalogue_table"


def test_every_rule_names_a_known_instrument_that_binds_only_at_home():
    for r in get_catalogue():
        instrument = r.reference.instrument
        assert instrument.key in get_catalogue().instruments
        assert r.reference.confidence in ("H", "M", "L")
        for jurisdiction, force in r.applies_to.jurisdictions.items():
            assert force == "principle" or jurisdiction == instrument.jurisdiction, r.id


def test_eu_procedures_apply_in_the_eu_only():
    for rule_id in EU_ONLY_PROCEDURES:
        assert dict(get_catalogue().get(rule_id).applies_to.jurisdictions) == {"EU": "binding"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("kk", "Жасанды интеллект туралы заң, 17-бап (3)"),
        ("ru", "Закон об искусственном интеллекте, ст. 17(3)"),
        ("en", "Kazakhstan's AI Law, Art 17(3)"),
    ],
)
def test_references_read_in_each_language(language, text):
    reference = get_catalogue().get("KZAI-17-11").reference
    assert reference.text(language) == text
    assert reference.citation == "Art 17(3)"
    assert not reference.confirmed
    with translation.override(language):
        assert str(reference) == text


def test_the_ai_law_has_its_full_name():
    law = get_catalogue().instruments["kz_ai_law"]
    assert law.name_text("ru") == (
        "Закон Республики Казахстан от 17 ноября 2025 года № 230-VIII «Об искусственном интеллекте»"
    )
    assert law.name_text("kk").startswith("«Жасанды интеллект туралы» 2025 жылғы 17 қарашадағы")


def test_milestones_of_the_digital_omnibus_keep_the_original_date():
    milestones = get_catalogue().milestones
    annex_iii = milestones["ai_act.high_risk.annex_iii"]
    assert (annex_iii.date.isoformat(), annex_iii.original.isoformat()) == (
        "2027-12-02",
        "2026-08-02",
    )
    assert annex_iii.source.instrument.key == "digital_omnibus"
    assert milestones["ai_act.high_risk.annex_i"].date.isoformat() == "2028-08-02"
    assert milestones["kz_ai_law"].date.isoformat() == "2026-01-18"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("routes", "expected"),
    [
        ([], "2027-12-02"),
        (["annex_iii"], "2027-12-02"),
        (["annex_i"], "2028-08-02"),
        (["annex_i", "annex_iii"], "2027-12-02"),
    ],
)
def test_effective_dates_follow_the_high_risk_route(routes, expected):
    from tests.compliance.factories import store_outcome

    system = store_outcome(compliant_high_risk_system(), high_risk_routes=routes)
    assert get_catalogue().get("AIA-27-01").effective_on(system).isoformat() == expected


def test_a_deployment_overrides_a_milestone_and_the_version_changes(settings):
    settings.COMPLIANCE_EFFECTIVE_DATES = {"ai_act.high_risk.annex_iii": "2026-08-02"}
    catalogue = load_catalogue()
    assert catalogue.get("AIA-27-01").effective_from.isoformat() == "2026-08-02"
    assert catalogue.milestones["ai_act.high_risk.annex_iii"].overridden
    assert catalogue.version != catalogue_version()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ai_act.unknown": "2026-01-01"}, "unknown milestone 'ai_act.unknown'"),
        ({"kz_ai_law": "18.01.2026"}, "'18.01.2026' is not an ISO date"),
    ],
)
def test_a_bad_override_stops_start_up(settings, overrides, message):
    settings.COMPLIANCE_EFFECTIVE_DATES = overrides
    (error,) = check_rule_catalogue()
    assert error.id == "compliance.E001"
    assert message in error.hint


def test_an_instrument_cannot_bind_abroad(tmp_path):
    write(
        tmp_path,
        "test.yaml",
        rule(
            applies_to={**GOOD_RULE["applies_to"], "jurisdictions": {"EU": "binding"}},
            reference={"instrument": "kz_ai_law", "article": "16"},
        ),
    )
    assert "kz_ai_law cannot bind in EU; it binds only in KZ" in load_error(tmp_path)


def test_an_unknown_instrument_or_force_is_named(tmp_path):
    write(tmp_path, "test.yaml", rule(reference={"instrument": "nowhere", "article": "1"}))
    assert "unknown instrument 'nowhere'" in load_error(tmp_path)
    write(
        tmp_path,
        "test.yaml",
        rule(applies_to={**GOOD_RULE["applies_to"], "jurisdictions": {"KZ": "advice"}}),
    )
    assert "unknown force 'advice'" in load_error(tmp_path)


@pytest.mark.django_db
def test_the_same_record_under_kazakhstan_and_the_eu(django_assert_num_queries):
    """The jurisdiction matrix: a Kazakh body is held to the AI Act's safeguards as principles
    and gets no EU procedure; an EU body is bound by them and gets no Kazakh rule."""
    from tests.compliance.factories import eu_organisation, update

    kz = compliant_high_risk_system(eu_database_ref="", eu_database_url="")
    eu = compliant_high_risk_system(
        organisation=eu_organisation(), eu_database_ref="", eu_database_url=""
    )
    forces = {}
    for name, system in (("KZ", kz), ("EU", eu)):
        failing = update(
            system, performance_en="", appeal_route_kk="", appeal_route_ru="", appeal_route_en=""
        )
        verdicts = {r.id: r.evaluate(failing, today=TODAY) for r in get_catalogue()}
        forces[name] = {
            rule_id: get_catalogue().get(rule_id).force(failing)
            for rule_id, v in verdicts.items()
            if v.failed
        }
        assert all(
            v.detail == {"reason": "not_in_jurisdiction"}
            for rule_id, v in verdicts.items()
            if get_catalogue().get(rule_id).force(failing) is None
        )
    assert forces["KZ"]["AIA-15-01"] == "principle"
    assert forces["EU"]["AIA-15-01"] == "binding"
    assert "AIA-49-01" in forces["EU"] and "AIA-49-01" not in forces["KZ"]
    assert not EU_ONLY_PROCEDURES & set(forces["KZ"])
    assert forces["KZ"]["KZ-ADM-01"] == "binding" and "KZ-ADM-01" not in forces["EU"]
    assert set(forces["KZ"].values()) == {"binding", "principle"}
    assert set(forces["EU"].values()) == {"binding"}
