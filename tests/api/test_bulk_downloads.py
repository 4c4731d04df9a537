"""Bulk downloads: every format's content against the projection, identifiers in every row,
what a reduced card hides never exported, drafts never, formula injection neutralised, the
history, conditional requests and a query count that does not grow with the register."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api import columns
from api.bulk.writers import BOM
from demo.bulk import seed_bulk
from register import schema
from register.cards import CORE
from register.i18n import CONTENT_LANGUAGES
from register.models import Membership, PublicRecord, PublishedVersion, Withholding
from register.services import publication
from register.services.projection import new_public_generation
from register.services.records import system_update
from tests.factories import MembershipFactory, complete_system

pytestmark = pytest.mark.django_db

MARK = "zqxhidden"
INJECTIONS = ['=HYPERLINK("https://evil.example","x")', "+1", "-1", "@SUM(A1:A2)", "\tcmd", "\rcmd"]


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content) if response.streaming else response.content


def _csv(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    text = _body(response).decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM) :])))


def _get(client, name, **kwargs):  # type: ignore[no-untyped-def]
    return client.get(reverse(name, kwargs=kwargs))


@pytest.fixture
def register_with_everything(agency, editor, approver, publish):  # type: ignore[no-untyped-def]
    """A full published record (twice), a restricted one with a marker in every hidden field,
    a withdrawn one and a draft."""
    full = publish(complete_system(agency, editor, name_en="Benefit assistant"))
    full = publish(
        system_update(
            system=full,
            actor=editor,
            data={"summary_en": "Answers questions, now in three languages"},
            expected_revision=full.revision,
        )
    )
    deciding = MembershipFactory(organisation=agency, role=Membership.Role.APPROVER).user
    hidden = complete_system(
        agency, deciding, name_en="Border camera", withholding=Withholding.RESTRICTED
    )
    for name in schema.SYSTEM_TRANSLATED - CORE - {"withholding_reason"}:
        for code in CONTENT_LANGUAGES:
            setattr(hidden, f"{name}_{code}", f"{MARK}{name}{code}")
    hidden.save()
    for part in schema.PARTS:
        for row in part.model.objects.filter(system=hidden):
            for name in part.translated:
                for code in CONTENT_LANGUAGES:
                    setattr(row, f"{name}_{code}", f"{MARK}{part.name}{name}{code}")
            row.save()
    hidden = publish(hidden)
    gone = publish(complete_system(agency, editor, name_en="Old forecaster"))
    publication.system_withdraw(system=gone, actor=approver)
    draft = complete_system(agency, editor, name_en="Secret draft", summary_en=f"{MARK}draft")
    return {"full": full, "hidden": hidden, "gone": gone, "draft": draft}


def _public_ids() -> set[str]:
    return set(PublicRecord.objects.values_list("system__public_id", flat=True))


def test_csv_has_one_row_per_public_record_with_its_identifiers(
    client, register_with_everything, settings
):
    agency = register_with_everything["full"].organisation
    agency.bin = "000740001307"
    agency.save()
    response = _get(client, "api:download", format="csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="kz-ai-register-register-' in response["Content-Disposition"]
    rows = _csv(response)
    assert [list(rows[0])] == [[c.name for c in columns.system_export_columns()]]
    assert {row["public_id"] for row in rows} == _public_ids()
    records = {
        r.system.public_id: r for r in PublicRecord.objects.select_related("system", "version")
    }
    for row in rows:
        record = records[row["public_id"]]
        assert row["url"] == f"{settings.SITE_URL}/systems/{row['public_id']}/"
        assert row["organisation"] == "agency-a"
        assert row["organisation_bin"] == "000740001307"
        assert row["version"] == str(record.version.number)
        assert row["published_at"] == columns.utc_text(record.published_at)
        assert row["updated_at"] == columns.utc_text(record.updated_at)
        assert row["risk_class"] == record.risk_class
        card = record.version.snapshot
        for code in CONTENT_LANGUAGES:
            assert row[f"name_{code}"] == card["name"][code]
    full = next(r for r in rows if r["public_id"] == register_with_everything["full"].public_id)
    assert full["version"] == "2"
    assert full["summary_en"] == "Answers questions, now in three languages"
    assert full["techniques"] == "chatbot"
    assert full["oversight.mode"] == "human_decides"
    assert full["oversight.log_retention_days"] == "365"
    assert full["oversight.can_stop"] == ""  # not stated
    assert full["withdrawn_at"] == ""
    gone = next(r for r in rows if r["public_id"] == register_with_everything["gone"].public_id)
    assert gone["withdrawn_at"].endswith("Z")


def test_no_draft_and_nothing_a_reduced_card_hides_is_in_any_download(
    client, register_with_everything
):
    draft = register_with_everything["draft"]
    responses = [_get(client, "api:download", format=fmt) for fmt in ("csv", "json", "xlsx")] + [
        _get(client, "api:download_part", part=name) for name in schema.REPEATABLE
    ]
    responses.append(_get(client, "api:history"))
    for response in responses:
        assert response.status_code == 200
        body = _body(response)
        if response["Content-Type"].startswith("application/vnd"):
            workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
            body = "\n".join(
                str(cell)
                for ws in workbook
                for row in ws.iter_rows(values_only=True)
                for cell in row
            ).encode()
        assert MARK.encode() not in body
        assert draft.public_id.encode() not in body
        assert b"Secret draft" not in body
    hidden = next(
        row
        for row in _csv(_get(client, "api:download", format="csv"))
        if row["public_id"] == register_with_everything["hidden"].public_id
    )
    assert hidden["name_en"] == "Border camera"  # what the reduced card shows
    assert hidden["scope_en"] == "" and hidden["oversight.mode"] == ""


def test_part_csv_lists_the_items_of_each_full_card(client, register_with_everything):
    rows = _csv(_get(client, "api:download_part", part="risks"))
    assert list(rows[0]) == ["public_id", *(c.name for c in columns.part_columns("risks"))]
    hidden = register_with_everything["hidden"].public_id
    assert hidden not in {row["public_id"] for row in rows}
    full = register_with_everything["full"].public_id
    (risk,) = [row for row in rows if row["public_id"] == full]
    assert risk["name_en"] == "Wrong answer [en]"
    assert risk["likelihood"] == "medium"


def test_json_nests_each_card_as_published(client, register_with_everything):
    response = _get(client, "api:download", format="json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(_body(response))
    assert {item["public_id"] for item in data} == _public_ids()
    cards = dict(PublicRecord.objects.values_list("system__public_id", "version__snapshot"))
    for item in data:
        assert item["card"] == cards[item["public_id"]]
        assert item["url"].endswith(f"/systems/{item['public_id']}/")
        assert item["organisation"] == "agency-a"
        assert isinstance(item["version"], int)
    full = next(i for i in data if i["public_id"] == register_with_everything["full"].public_id)
    assert full["card"]["risks"][0]["name"]["en"] == "Wrong answer [en]"


def test_xlsx_has_the_systems_sheet_and_a_sheet_per_part(client, register_with_everything):
    response = _get(client, "api:download", format="xlsx")
    assert response.status_code == 200
    assert 'filename="kz-ai-register-register-' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(_body(response)))
    assert workbook.sheetnames == ["systems", *schema.REPEATABLE]
    systems = list(workbook["systems"].iter_rows(values_only=True))
    assert list(systems[0]) == [c.name for c in columns.system_export_columns()]
    assert {row[0] for row in systems[1:]} == _public_ids()
    risks = list(workbook["risks"].iter_rows(values_only=True))
    assert risks[0][0] == "public_id"
    assert {row[0] for row in risks[1:]} == {
        register_with_everything["full"].public_id,
        register_with_everything["gone"].public_id,
    }


@pytest.fixture
def hostile(agency, editor, publish):  # type: ignore[no-untyped-def]
    """A published record whose texts would be formulas in a spreadsheet."""
    texts = {
        "summary_en": INJECTIONS[0],
        "summary_ru": INJECTIONS[1],
        "summary_kk": INJECTIONS[2],
        "scope_en": INJECTIONS[3],
        "scope_ru": INJECTIONS[4],
        "scope_kk": INJECTIONS[5],
    }
    return publish(complete_system(agency, editor, name_en="=1+1", **texts))


def test_csv_neutralises_formulas(client, hostile):
    (row,) = _csv(_get(client, "api:download", format="csv"))
    cells = [row[f"{n}_{c}"] for n in ("summary", "scope") for c in ("en", "ru", "kk")]
    assert cells == ["'" + text for text in INJECTIONS]
    assert row["name_en"] == "'=1+1"
    for value in row.values():
        assert not value.startswith(columns.FORMULA_STARTS)


def test_xlsx_has_no_formula_cell(client, hostile):
    workbook = openpyxl.load_workbook(
        io.BytesIO(_body(_get(client, "api:download", format="xlsx")))
    )
    sheet = workbook["systems"]
    header = [cell.value for cell in sheet[1]]
    row = sheet[2]
    by_name = dict(zip(header, row, strict=True))
    assert by_name["summary_en"].value == "'" + INJECTIONS[0]
    assert by_name["name_en"].value == "'=1+1"
    for ws in workbook:
        for cells in ws.iter_rows():
            for cell in cells:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"


def test_a_cell_openpyxl_would_take_for_a_formula_is_written_as_text():
    from openpyxl import Workbook

    from api.bulk.writers import _xlsx_cell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    cell = _xlsx_cell(sheet, "=SUM(1)")
    assert cell.data_type == "s"
    assert _xlsx_cell(sheet, "a\x01b") == "ab"


def test_history_has_a_row_per_version_of_every_public_record(client, register_with_everything):
    rows = _csv(_get(client, "api:history"))
    assert list(rows[0]) == [c.name for c in columns.history_columns()]
    versions = PublishedVersion.objects.filter(system__public_record__isnull=False)
    assert [(r["public_id"], r["version"]) for r in rows] == [
        (v.system.public_id, str(v.number)) for v in versions.order_by("system_id", "number")
    ]
    by_key = {(r["public_id"], r["version"]): r for r in rows}
    for version in versions.select_related("system"):
        row = by_key[(version.system.public_id, str(version.number))]
        assert row["sha256"] == version.sha256
        assert row["published_at"] == columns.utc_text(version.published_at)
        assert row["name_en"] == version.snapshot["name"]["en"]
        assert row["url"].endswith(
            f"/systems/{version.system.public_id}/versions/{version.number}/"
        )
    full = register_with_everything["full"].public_id
    assert by_key[(full, "1")]["superseded_at"] == by_key[(full, "2")]["published_at"]
    assert by_key[(full, "2")]["superseded_at"] == ""
    gone = register_with_everything["gone"].public_id
    assert by_key[(gone, "1")]["withdrawn_at"].endswith("Z")
    assert by_key[(full, "2")]["withdrawn_at"] == ""


def test_unknown_format_or_part_is_a_json_404(client, db):
    for url in ("/api/v1/downloads/register.pdf", "/api/v1/downloads/nothing.csv"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
        assert response.status_code == 404
        body = response.json()
        assert body["code"] == "not_found"
        assert body["message"] == "Страница не найдена."  # in the language asked for
    assert client.get("/api/v1/downloads/register.csv%00").status_code == 404


def test_downloads_are_read_only(client, db):
    assert client.post(reverse("api:download", kwargs={"format": "csv"})).status_code == 405


def test_download_is_cached_briefly_shared_with_any_site_and_conditional(client, published_system):
    url = reverse("api:download", kwargs={"format": "csv"})
    response = client.get(url, HTTP_ORIGIN="https://reuser.example")
    _body(response)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    head = client.head(url)
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == etag


def test_a_publication_changes_the_etag(
    client, published_system, agency, editor, publish, django_capture_on_commit_callbacks
):
    url = reverse("api:download", kwargs={"format": "json"})
    first = client.head(url)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        publish(complete_system(agency, editor))
    assert client.head(url)["ETag"] != first
    assert client.get(url, HTTP_IF_NONE_MATCH=first).status_code == 200


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("api:download", {"format": "csv"}),
        ("api:download", {"format": "json"}),
        ("api:download", {"format": "xlsx"}),
        ("api:download_part", {"part": "data_sources"}),
        ("api:history", {}),
    ],
)
def test_a_download_runs_the_same_queries_whatever_the_size(
    client, django_assert_num_queries, name, kwargs
):
    url = reverse(name, kwargs=kwargs)
    counts = []
    for size in (5, 50):
        seed_bulk(size, published_share=1.0)
        new_public_generation()  # as the seeding's commit would

        with CaptureQueriesContext(connection) as queries:
            body = _body(client.get(url))
        counts.append(len(queries))
        assert body
    assert counts[0] == counts[1] == 2  # when the register last changed, and the rows
    new_public_generation()
    with django_assert_num_queries(2):
        _body(client.get(url))
