"""The round trip of the register's own files: export the register (the bulk CSV downloads, or
the bulk JSON), import them into an empty database, publish, export again: the same data.

The "empty database" is the test's own, with the records, their versions and the identifier
counter rolled back after the first export; only the organisation stays, as an operator moving
the register would create it first. The import keeps the records' public identifiers
(``keep_public_ids``, ``import_systems --keep-public-ids``): they are cited in letters and
appeals, so moving the register must not change them.

What must differ, and is left out of the comparison:

- ``published_at`` and ``updated_at`` of a record, the compliance block's ``checked_at`` and
  a finding's ``first_seen_on``: when the records were published and checked in the new
  database; the register never backdates a publication or a check.
- ``id`` of an item of the card (the oversight, a risk, a data source): the key of its row,
  which each database numbers itself (PostgreSQL sequences are never reused, not even after a
  rollback).

Everything else is compared cell by cell: the public identifiers and card addresses, texts in
the three languages (a formula-like text too), choices, lists, yes/no, dates, the oversight,
every repeatable item in its order, the risk class (the questionnaire answered again: no file
carries its answers) and the version numbers. The CSV files go into a ZIP named after the
import's sheets (``systems.csv`` for the register's ``register.csv``).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.db import transaction

from api.imports import services
from api.imports.plan import ERROR
from compliance.services import classification_apply
from register import schema
from register.models import AISystem
from register.services.records import system_create
from tests.api.import_helpers import MINIMAL, csv_bytes
from tests.factories import MINIMAL_ANSWERS, OrganisationFactory, complete_system

pytestmark = pytest.mark.django_db

# What the database that holds the record gives it (see the docstring).
_OWN = {"published_at", "updated_at", "checked_at", "first_seen_on", "id"}


def _get(client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, path
    return b"".join(response.streaming_content) if response.streaming else response.content


def _csv_files(client) -> dict[str, bytes]:
    files = {"systems.csv": _get(client, "/api/v1/downloads/register.csv")}
    for part in schema.REPEATABLE:
        files[f"{part}.csv"] = _get(client, f"/api/v1/downloads/{part}.csv")
    return files


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _rows(content: bytes) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    return [{k: v for k, v in row.items() if k not in _OWN} for row in rows]


def _without_own(value):
    if isinstance(value, dict):
        return {k: _without_own(v) for k, v in value.items() if k not in _OWN}
    if isinstance(value, list):
        return [_without_own(v) for v in value]
    return value


def _records(agency, editor, publish) -> None:
    systems = [
        complete_system(agency, editor, team_en="=cmd|' /C calc'!A0"),
        complete_system(agency, editor, interaction_mandatory=False, name_ru="Помощник"),
    ]
    for system in systems:
        publish(system)


def _import_and_publish(agency, editor, publish, name: str, data: bytes) -> None:
    plan, applied = services.run_import(
        name, data, organisation=agency, actor=None, keep_public_ids=True
    )
    assert plan.file_problems == []
    assert [a.action for a in applied] == ["create", "create"]
    for system in AISystem.objects.filter(organisation=agency).order_by("public_id"):
        # The risk classification is the questionnaire's, which no file carries: the agency
        # answers it again, as it did the first time.
        classification_apply(system=system, actor=editor, answers=MINIMAL_ANSWERS)
        publish(AISystem.objects.get(pk=system.pk))


def _exported_then_emptied(client, agency, editor, publish, export):
    with transaction.atomic():
        _records(agency, editor, publish)
        exported = export(client)
        public_ids = sorted(AISystem.objects.values_list("public_id", flat=True))
        transaction.set_rollback(True)
    assert not AISystem.objects.exists()
    return exported, public_ids


def test_the_csv_downloads_imported_into_an_empty_database_export_the_same_data(
    client, agency, editor, approver, publish
):
    exported, public_ids = _exported_then_emptied(client, agency, editor, publish, _csv_files)
    _import_and_publish(agency, editor, publish, "register.zip", _zip(exported))
    again = _csv_files(client)
    assert sorted(AISystem.objects.values_list("public_id", flat=True)) == public_ids
    for name, content in exported.items():
        assert _rows(again[name]) == _rows(content), name
    assert len(_rows(exported["systems.csv"])) == 2
    assert len(_rows(exported["risks.csv"])) == 2


def test_the_json_download_imported_into_an_empty_database_exports_the_same_data(
    client, agency, editor, approver, publish
):
    def export(client) -> bytes:
        return _get(client, "/api/v1/downloads/register.json")

    exported, public_ids = _exported_then_emptied(client, agency, editor, publish, export)
    _import_and_publish(agency, editor, publish, "register.json", exported)
    again = json.loads(export(client))
    assert sorted(AISystem.objects.values_list("public_id", flat=True)) == public_ids
    assert list(_differences(_without_own(again), _without_own(json.loads(exported)))) == []
    assert len(again) == 2


def test_only_an_operator_keeping_identifiers_creates_records_with_unknown_ones(
    agency, editor, tmp_path
):
    data = csv_bytes([{**MINIMAL, "public_id": "KZ-AI-000042"}])
    path = tmp_path / "systems.csv"
    path.write_bytes(data)
    _fmt, plan = services.dry_run("s.csv", data, organisation=agency, actor=editor)
    assert [(e.action, e.problems[0].column) for e in plan.entries] == [(ERROR, "public_id")]
    out = io.StringIO()
    call_command(
        "import_systems",
        "--organisation=agency-a",
        "--keep-public-ids",
        "--apply",
        str(path),
        stdout=out,
    )
    assert "created KZ-AI-000042" in out.getvalue()
    later = system_create(organisation=agency, actor=editor, data={"name_en": "Next"})
    assert later.public_id == "KZ-AI-000043"  # the counter moved past the kept identifier


@pytest.mark.parametrize("public_id", ["KZ-AI-42", "XX-000042", "KZ-AI-000001"])
def test_a_kept_identifier_must_be_in_the_registers_format_and_free(agency, editor, public_id):
    complete_system(OrganisationFactory(), None)  # holds KZ-AI-000001
    data = csv_bytes([{**MINIMAL, "public_id": public_id}])
    _fmt, plan = services.dry_run(
        "s.csv", data, organisation=agency, actor=None, keep_public_ids=True
    )
    assert [(e.action, e.problems[0].column) for e in plan.entries] == [(ERROR, "public_id")]


def _differences(a, b, path=""):
    """Where two JSON values differ, as ``path: a != b`` (a readable failure)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            yield from _differences(a.get(key), b.get(key), f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _differences(x, y, f"{path}[{index}]")
    elif a != b:
        yield f"{path}: {a!r} != {b!r}"
