"""The data dictionary (JSON and page) and the downloads page: the dictionary lists exactly
the columns of the files, derived from the field schema, in every language."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from api import columns
from api.bulk.writers import BOM
from register import schema
from register.cards import CARD_SCHEMA, CORE
from register.i18n import CONTENT_LANGUAGES

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content) if response.streaming else response.content


def _header(client, path: str) -> list[str]:  # type: ignore[no-untyped-def]
    text = _body(client.get(path)).decode()
    return next(csv.reader(io.StringIO(text.removeprefix(BOM))))


def test_the_dictionary_lists_exactly_the_columns_of_every_file(client, published_system):
    dictionary = client.get(reverse("api:dictionary")).json()
    assert dictionary["card_schema"] == CARD_SCHEMA
    files = {item["name"]: item for item in dictionary["files"]}
    assert set(files) == {
        "register.csv",
        "register.xlsx",
        "register.json",
        "history.csv",
        *(f"{name}.csv" for name in schema.REPEATABLE),
    }
    for item in files.values():
        url = "/api/v1/" + item["url"].split("/api/v1/", 1)[1]
        if item["format"] == "csv":
            (sheet,) = item["sheets"]
            assert [c["name"] for c in sheet["columns"]] == _header(client, url)
        elif item["format"] == "xlsx":
            workbook = openpyxl.load_workbook(io.BytesIO(_body(client.get(url))), read_only=True)
            assert [s["name"] for s in item["sheets"]] == workbook.sheetnames
            for sheet in item["sheets"]:
                header = next(workbook[sheet["name"]].iter_rows(max_row=1, values_only=True))
                assert [c["name"] for c in sheet["columns"]] == list(header)
        else:
            assert item["sheets"] == []
            assert client.get(url).status_code == 200


def test_the_files_hold_every_column_of_the_field_schema_and_no_other():
    wanted = {
        (
            c.target,
            c.name
            if c.target == schema.SYSTEM or schema.part(c.target).many
            else f"{c.target}.{c.name}",
        )
        for c in schema.columns()
    }
    systems = columns.record_columns()
    parts = [col for name in schema.REPEATABLE for col in columns.part_columns(name)]
    assert {(c.target, c.name) for c in (*systems, *parts)} == wanted
    metadata = [c.name for c in columns.metadata_columns()]
    assert metadata[0] == "public_id"
    assert tuple(metadata[1:]) == columns.EXPORT_ONLY


def test_every_column_says_where_the_card_shows_it():
    for column in columns.record_columns():
        if column.target == schema.SYSTEM:
            assert column.shown == (columns.ALWAYS if column.field in CORE else columns.FULL_CARD)
        else:
            assert column.shown == columns.FULL_CARD
        assert column.card_path is not None
    assert columns.record_columns()[0].card_address == "name.kk"
    (can_stop,) = [c for c in columns.record_columns() if c.name == "oversight.can_stop"]
    assert can_stop.card_address == "oversight.can_stop" and can_stop.type == columns.BOOLEAN
    (title,) = [c for c in columns.part_columns("legal_bases") if c.name == "title_en"]
    assert title.card_address == "legal.bases[].title.en"


def test_dictionary_texts_and_values_are_given_in_every_language(client, db):
    dictionary = client.get(reverse("api:dictionary")).json()
    techniques = None
    for item in dictionary["files"]:
        for sheet in item["sheets"]:
            for column in sheet["columns"]:
                assert set(column["title"]) == set(CONTENT_LANGUAGES)
                assert all(column["title"].values())
                assert column["type"] in dictionary["types"]
                assert column["shown"] in dictionary["shown"]
                for value in column["values"]:
                    assert all(value["label"].values())
                if column["name"] == "techniques":
                    techniques = column
    assert techniques is not None and techniques["type"] == "choices"
    chatbot = next(v for v in techniques["values"] if v["code"] == "chatbot")
    assert chatbot["label"]["en"] == "Chatbot or virtual assistant"
    assert chatbot["label"]["ru"] != chatbot["label"]["en"]


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_the_dictionary_page_has_a_table_per_file(client, db, language):
    response = client.get(f"/{language}/data/dictionary/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1\b", html)) == 1
    assert html.count("<table") == 2 + len(schema.REPEATABLE)  # register, parts, history
    assert "<code>oversight.can_stop</code>" in html
    assert reverse("api:dictionary") in html


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_the_downloads_page_lists_every_file_and_links_the_documentation(
    client, published_system, language, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = client.get(f"/{language}/data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1\b", html)) == 1
    for name in ("csv", "xlsx", "json"):
        assert f'href="/api/v1/downloads/register.{name}"' in html
    for name in schema.REPEATABLE:
        assert f'href="/api/v1/downloads/{name}.csv"' in html
    assert 'href="/api/v1/downloads/history.csv"' in html
    assert f'href="/{language}/data/dictionary/"' in html
    assert "/api/v1/docs" in html


def test_the_portal_footer_links_the_downloads(client, db):
    html = client.get("/en/").content.decode()
    assert 'href="/en/data/"' in html
