"""A file the register lets anyone download is a file an agency can import again: the bulk
download of its published records reads as the records it came from, with nothing to change."""

from __future__ import annotations

import pytest

from api.imports.services import dry_run

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_registers_own_download_imports_as_unchanged_records(
    client, published_system, editor, extension
):
    download = client.get(f"/api/v1/downloads/register.{extension}")
    assert download.status_code == 200
    data = b"".join(download.streaming_content) if download.streaming else download.content
    _fmt, plan = dry_run(
        f"register.{extension}", data, organisation=published_system.organisation, actor=editor
    )
    assert plan.file_problems == []
    assert [(entry.action, entry.problems) for entry in plan.entries] == [("unchanged", [])]


def test_the_import_reads_the_columns_the_downloads_declare_and_fills_their_fields():
    from api import columns as flat
    from api.imports import columns
    from register import schema
    from register.models import AISystem

    assert list(columns.sheets()) == [columns.SYSTEMS_SHEET, *schema.REPEATABLE]
    expected = {
        columns.SYSTEMS_SHEET: flat.record_columns(),
        **{part: flat.part_columns(part) for part in schema.REPEATABLE},
    }
    for sheet, declared in expected.items():
        assert columns.headers(sheet) == [*flat.IMPORT_IDENTIFIERS, *(c.name for c in declared)]
        for cell, column in zip(columns.sheets()[sheet], declared, strict=True):
            assert (cell.target, cell.field.name) == (column.target, cell.name)
            assert cell.name.startswith(column.field)
    techniques = AISystem._meta.get_field("techniques")
    assert columns.to_cell(techniques, ["chatbot", "speech"]) == "chatbot; speech"
    assert columns.escape("=1") == flat.neutralise("=1") == "'=1"
