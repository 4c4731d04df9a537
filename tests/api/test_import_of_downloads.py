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
