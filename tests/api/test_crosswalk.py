"""Crosswalk exports to other registers' formats (api/crosswalk/).

Golden files: ``tests/api/golden/<format>.json`` hold the exports of one fixed, complete
frozen record (``crosswalk_support.golden_record``: built in memory, fixed ids and dates). After
a deliberate change of a mapping, regenerate them and review the diff::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/api/test_crosswalk.py -p no:cacheprovider

The mapping tables are also checked against the frozen record (every source path exists), the
public card (the public reads what the card shows, nothing else) and their README
(``api/crosswalk/README.md``, written by ``manage.py crosswalk_tables --write``).
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from api.crosswalk import FORMATS, eu_annex_viii, outputs, us_inventory
from api.crosswalk.audience import WITHHELD, Reader, card_path
from api.crosswalk.mapping import META_KEYS, Field, Unfilled
from api.crosswalk.readme import FILE, tables
from register.cards import CORE
from tests.api.crosswalk_support import ART6_3_ANSWERS, META, golden_record
from tests.factories import complete_system

GOLDEN = Path(__file__).with_name("golden")
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
MARKER = "HIDDEN-MARKER-7731"


def _golden(name: str, data: dict[str, Any]) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"No golden file {path.name}: run with UPDATE_GOLDEN=1"
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text)


def _exports(slug: str, record: dict[str, Any]) -> dict[str, Any]:
    fmt = FORMATS[slug]
    return {
        "full_en": fmt.export(record, language="en", public=False, meta=META),
        "public_ru": fmt.export(record, language="ru", public=True, meta=META),
    }


def _sources(fmt_slug: str) -> list[str]:
    paths = [p for row in FORMATS[fmt_slug].table if isinstance(row, Field) for p in row.sources]
    if fmt_slug == eu_annex_viii.SLUG:
        paths += eu_annex_viii.SECTION_SOURCES
    return paths


# --- Golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", list(FORMATS))
def test_export_matches_its_golden_file(slug):
    _golden(slug, _exports(slug, golden_record()))


def test_annex_viii_section_b_matches_its_golden_file():
    record = golden_record(answers=ART6_3_ANSWERS)
    exports = _exports(eu_annex_viii.SLUG, record)
    assert exports["full_en"]["sections"] == ["section_b"]
    assert exports["full_en"]["record"]["section_b"]["art6_3_conditions"] == [
        "6(3)(a)",
        "6(3)(d)",
    ]
    _golden(f"{eu_annex_viii.SLUG}-section-b", exports)


def test_annex_viii_section_c_of_a_public_authority_deployer():
    export = eu_annex_viii.export(golden_record(), language="en", public=False, meta=META)
    section = export["record"]["section_c"]
    assert export["sections"] == ["section_c"]
    assert section["deployer"]["name"] == "Ministry of Digital Development (en)"
    assert section["fria_summary"] == "Risk of wrongful refusal, mitigated by human decision (en)"
    assert section["dpia_summary"] == "Data minimised to household facts (en)"
    assert section["provider_eu_database_url"] == "https://eu-db.example.eu/entry/555"


def test_a_minimal_risk_record_has_no_annex_viii_section():
    record = golden_record(answers={"is_ai_system": True, "role": "deployer"})
    export = eu_annex_viii.export(record, language="en", public=False)
    assert export["sections"] == [] and export["record"] == {} and export["unfilled"] == []


@pytest.mark.parametrize("slug", list(FORMATS))
def test_unfilled_fields_are_listed_with_their_reason_and_never_filled(slug):
    fmt = FORMATS[slug]
    record = (
        golden_record(answers=ART6_3_ANSWERS) if slug == eu_annex_viii.SLUG else golden_record()
    )
    export = fmt.export(record, language="kk", public=False)
    expected = [row.target for row in fmt.table if isinstance(row, Unfilled)]
    if slug == eu_annex_viii.SLUG:
        expected = [target for target in expected if target.startswith("section_b.")]
    assert [item["field"] for item in export["unfilled"]] == expected
    assert all(item["reason"] for item in export["unfilled"])
    flat = outputs.csv_row(fmt, export)
    for target in expected:
        assert flat[[row.target for row in fmt.table].index(target)] == ""


def test_texts_follow_the_language_of_the_export():
    record = golden_record()
    for language, tag in (("kk", "қаз"), ("ru", "рус"), ("en", "en")):
        export = FORMATS["uk-atrs"].export(record, language=language, public=False)
        assert export["record"]["tier_1"]["name"] == f"Benefit eligibility assistant ({tag})"
        assert export["language"] == language
    with pytest.raises(ValueError, match="Unknown language"):
        FORMATS["uk-atrs"].export(record, language="de", public=False)


def test_a_blank_text_falls_back_to_another_language():
    record = golden_record(team_kk="")
    export = FORMATS["uk-atrs"].export(record, language="kk", public=False)
    assert export["record"]["tier_2"]["team"] == "Benefits analytics team (рус)"


# --- The tables against the frozen record and the card --------------------------------------


def _exists(data: Any, path: list[str]) -> bool:
    for index, key in enumerate(path):
        if key == "*":
            assert isinstance(data, list) and data, "the golden record has an item of each part"
            return all(_exists(item, path[index + 1 :]) for item in data)
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


@pytest.mark.parametrize("slug", list(FORMATS))
def test_every_source_path_exists_in_a_frozen_record(slug):
    record = golden_record(answers=ART6_3_ANSWERS)
    for path in _sources(slug):
        head, _, rest = path.partition(".")
        if head == "meta":
            assert rest in META_KEYS, path
        else:
            assert _exists(record, path.split(".")), path


@pytest.mark.parametrize("slug", list(FORMATS))
def test_the_public_reads_what_the_card_shows_and_nothing_else(slug):
    record = golden_record()
    full = Reader(record, meta=META, public=False)
    public = Reader(record, meta=META, public=True)
    for path in _sources(slug):
        value = public.read(path)
        if path.startswith("meta."):
            assert value == full.read(path)
        elif card_path(path) is None:
            assert value is WITHHELD, path
        else:
            # The card's layout puts this very value where the reader looks for it.
            assert value == full.read(path), path


@pytest.mark.parametrize("withholding", ["restricted", "withheld"])
@pytest.mark.parametrize("slug", list(FORMATS))
def test_a_reduced_card_withholds_every_field_outside_its_core(slug, withholding):
    record = golden_record(withholding=withholding, **{"withholding_reason_en": "By law"})
    full = Reader(record, meta=META, public=False)
    public = Reader(record, meta=META, public=True)
    for path in _sources(slug):
        head, _, rest = path.partition(".")
        value = public.read(path)
        if head == "fields" and rest.split(".")[0] in CORE:
            assert value == full.read(path), path
        elif head in ("parts",) or (head == "fields" and rest.split(".")[0] not in CORE):
            assert value is WITHHELD, path


@pytest.mark.parametrize("slug", list(FORMATS))
def test_a_restricted_record_public_export_lacks_what_the_card_hides(slug):
    record = golden_record(
        withholding="restricted",
        scope_en=MARKER,
        scope_kk=MARKER,
        scope_ru=MARKER,
        processing_register_url=f"https://x.example.kz/{MARKER}",
    )
    record["parts"]["suppliers"][0]["name"] = MARKER
    public = FORMATS[slug].export(record, language="en", public=True, meta=META)
    full = FORMATS[slug].export(record, language="en", public=False, meta=META)
    assert MARKER not in json.dumps(public, ensure_ascii=False)
    assert public["withheld"]
    if slug != eu_annex_viii.SLUG:
        assert MARKER in json.dumps(full, ensure_ascii=False)
        assert full["withheld"] == []


def test_the_annex_viii_export_of_a_restricted_record_is_complete_only_for_full_readers():
    record = golden_record(withholding="restricted")
    full = eu_annex_viii.export(record, language="en", public=False, meta=META)
    public = eu_annex_viii.export(record, language="en", public=True, meta=META)
    assert full["sections"] == ["section_c"] and full["withheld"] == []
    assert full["record"]["section_c"]["fria_summary"]
    assert public["sections"] == [] and public["record"] == {}
    assert public["withheld"] == ["sections"]


def test_the_tables_readme_is_generated_from_the_tables():
    assert FILE.read_text(encoding="utf-8") == tables(), "Run manage.py crosswalk_tables --write"


def test_csv_cells_cannot_run_as_formulas():
    assert outputs.neutralised("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert outputs.neutralised(["+1", "ok"]) == "'+1; ok"
    assert outputs.neutralised("-2") == "'-2"
    assert outputs.neutralised("@SUM") == "'@SUM"
    assert outputs.neutralised(None) == ""
    assert outputs.neutralised("plain") == "plain"


# --- The endpoints --------------------------------------------------------------------------


def _export_url(system, slug="uk-atrs", **query):
    url = reverse("api:system_export", kwargs={"public_id": system.public_id, "format": slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _allow_self_approval(agency):
    agency.allow_self_approval = True
    agency.save(update_fields=["allow_self_approval"])


@pytest.fixture
def restricted_system(agency, editor, approver, publish):
    """A restricted record of the agency, published, with a marker in a field its card hides.
    Only an approver sets the withholding; the agency's single approver may publish it."""
    _allow_self_approval(agency)
    system = complete_system(
        agency, approver, withholding="restricted", scope_en=MARKER, benefits_en=MARKER
    )
    return publish(system)


ROLES_WITH_FULL_RECORD = ["editor", "approver", "regulator", "site_admin"]
ROLES_WITHOUT = ["other_agency_editor", "other_agency_approver"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES_WITH_FULL_RECORD + ROLES_WITHOUT + [None])
def test_full_export_only_for_readers_of_the_full_record(role, request, client, restricted_system):
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(_export_url(restricted_system, language="en"))
    assert response.status_code == 200
    body = response.json()
    full = role in ROLES_WITH_FULL_RECORD
    assert body["audience"] == ("full" if full else "public")
    assert (MARKER in response.content.decode()) is full
    assert "Cookie" in response["Vary"]
    if full:
        assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_regulator_gets_annex_viii_of_a_restricted_record_the_public_does_not(
    client, agency, editor, approver, publish, regulator
):
    _allow_self_approval(agency)
    system = publish(
        complete_system(
            agency,
            approver,
            withholding="restricted",
            answers={"is_ai_system": True, "role": "deployer", "annex_iii": ["5a"]},
        )
    )
    public = client.get(_export_url(system, "eu-annex-viii")).json()
    client.force_login(regulator)
    full = client.get(_export_url(system, "eu-annex-viii", language="en")).json()
    assert public["sections"] == [] and public["record"] == {}
    assert full["sections"] == ["section_c"]
    assert full["record"]["section_c"]["deployer"]["name"] == "Agency A"


@pytest.mark.django_db
def test_export_of_the_current_and_of_an_older_version(client, published_system, publish):
    from register.services.records import system_update

    system_update(
        system=published_system,
        actor=None,
        data={"name_en": "Renamed assistant"},
        expected_revision=published_system.revision,
    )
    publish(published_system)
    current = client.get(_export_url(published_system, language="en")).json()
    older = client.get(_export_url(published_system, version=1, language="en")).json()
    assert current["version"] == 2
    assert current["record"]["tier_1"]["name"] == "Renamed assistant"
    assert older["version"] == 1
    assert older["record"]["tier_1"]["name"] == "Benefit assistant [en]"
    assert older["record"]["tier_1"]["website"].endswith(
        f"/en/systems/{published_system.public_id}/versions/1/"
    )
    missing = client.get(_export_url(published_system, version=9))
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


@pytest.mark.django_db
def test_the_language_follows_the_query_then_accept_language(client, published_system):
    by_query = client.get(_export_url(published_system, language="kk")).json()
    by_header = client.get(_export_url(published_system), HTTP_ACCEPT_LANGUAGE="ru").json()
    assert by_query["language"] == "kk"
    assert by_query["record"]["tier_1"]["name"] == "Benefit assistant [kk]"
    assert by_header["language"] == "ru"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["version=0", "version=abc", "version=%00", "language=de", "language=%00", "output=xml"],
)
def test_invalid_queries_are_400_in_the_error_shape(client, published_system, query):
    response = client.get(_export_url(published_system) + "?" + query)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and set(body["fields"]) <= {"version", "language", "output"}


@pytest.mark.django_db
def test_csv_only_where_the_register_publishes_csv(client, published_system):
    response = client.get(_export_url(published_system, output="csv"))
    assert response.status_code == 400
    assert "output" in response.json()["fields"]


@pytest.mark.django_db
def test_unknown_format_draft_and_unknown_record_are_404(client, agency, editor, published_system):
    draft = complete_system(agency, editor, name_en="Draft only")
    for url in (
        _export_url(published_system, "no-such-format"),
        _export_url(draft),
        reverse("api:system_export", kwargs={"public_id": "KZ-AI-999999", "format": "uk-atrs"}),
        reverse("api:register_export", kwargs={"format": "no-such-format"}),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert set(response.json()) == {"code", "message"}


@pytest.mark.django_db
def test_writes_are_refused(client, published_system):
    response = client.post(_export_url(published_system), {})
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


@pytest.mark.django_db
def test_us_inventory_csv_of_one_record_neutralises_formulas(client, agency, editor, publish):
    system = publish(complete_system(agency, editor, summary_en='=HYPERLINK("x")'))
    response = client.get(_export_url(system, us_inventory.SLUG, output="csv", language="en"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == us_inventory.columns()
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["use_case_id"] == system.public_id
    assert cells["problem_solved"] == '\'=HYPERLINK("x")'


def _streamed(response) -> str:
    return b"".join(response.streaming_content).decode()


@pytest.mark.django_db
def test_register_export_streams_every_public_record_with_fixed_queries(
    client, agency, editor, publish, restricted_system, django_assert_max_num_queries
):
    url = reverse("api:register_export", kwargs={"format": "nl-algoritmeregister"})
    with django_assert_max_num_queries(3):
        small = json.loads(_streamed(client.get(url + "?language=en")))
    for number in range(3):
        publish(complete_system(agency, editor, name_en=f"System {number}"))
    complete_system(agency, editor, name_en="Still a draft")
    with django_assert_max_num_queries(3):
        response = client.get(url + "?language=en")
        body = json.loads(_streamed(response))
    assert len(small["records"]) == 1
    assert len(body["records"]) == 4
    assert "Still a draft" not in json.dumps(body)
    ids = [record["public_id"] for record in body["records"]]
    assert ids == sorted(ids)
    assert body["format"] == "nl-algoritmeregister" and body["language"] == "en"


@pytest.mark.django_db
def test_register_export_is_public_even_for_a_regulator(client, regulator, restricted_system):
    client.force_login(regulator)
    url = reverse("api:register_export", kwargs={"format": "uk-atrs"})
    body = _streamed(client.get(url))
    assert restricted_system.public_id in body
    assert MARKER not in body


@pytest.mark.django_db
def test_register_export_as_csv(client, published_system, restricted_system):
    url = reverse("api:register_export", kwargs={"format": us_inventory.SLUG})
    response = client.get(url + "?output=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(_streamed(response))))
    assert rows[0] == us_inventory.columns()
    assert len(rows) == 3
    restricted = next(row for row in rows[1:] if row[0] == restricted_system.public_id)
    assert outputs.WITHHELD_CELL in restricted
    assert MARKER not in _streamed(client.get(url + "?output=csv"))


@pytest.mark.django_db
def test_register_export_refuses_a_version(client, published_system):
    url = reverse("api:register_export", kwargs={"format": "uk-atrs"})
    response = client.get(url + "?version=1")
    assert response.status_code == 400 and "version" in response.json()["fields"]
