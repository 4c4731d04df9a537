"""The workspace's import pages for every role, the template downloads, the Celery path and its
idempotent claims, the command, and the round trip export → import → export."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from api.imports import services, template
from api.imports.models import ImportJob
from register.models import AISystem
from tests.api.import_helpers import MINIMAL, csv_bytes, sheet_rows
from tests.factories import OrganisationFactory, complete_system

pytestmark = pytest.mark.django_db

UPLOAD = "/en/workspace/import/"


def _upload(client, data: bytes, name: str = "systems.csv", **extra):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data), **extra})


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_an_editor_or_approver_uploads_checks_and_applies_a_file(
    client, request, agency, role, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(UPLOAD).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, csv_bytes([{**MINIMAL, "external_id": "Q-1"}]))
    job = ImportJob.objects.get()
    assert response.url == f"/en/workspace/import/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert job.status == "planned" or ImportJob.objects.get().status == "planned"
    assert "Queue forecaster" in page
    assert "Apply the import" in page
    assert not AISystem.objects.exists()  # a dry run writes nothing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    job.refresh_from_db()
    assert job.status == "applied"
    system = AISystem.objects.get(external_id="Q-1")
    assert system.organisation == agency
    assert system.created_by == user
    page = client.get(response.url).content.decode()
    assert f"/en/workspace/systems/{system.public_id}/" in page


def test_a_file_with_errors_has_no_apply_button_and_cannot_be_applied(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, csv_bytes([{**MINIMAL, "phase": "<b>someday</b>"}]))
    page = client.get(response.url).content.decode()
    assert "Apply the import" not in page
    assert "Sheet systems, row 2, column phase" in page
    assert "<b>someday" not in page  # the user's text is escaped
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    assert ImportJob.objects.get().status == "planned"
    assert not AISystem.objects.exists()


def test_an_unreadable_file_fails_the_job_with_its_reason(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, b"PK\x03\x04nonsense", name="x.xlsx")
    assert ImportJob.objects.get().status == "failed"
    assert "not a valid XLSX" in client.get(response.url).content.decode()


@pytest.mark.parametrize("role", ["regulator", "site_admin"])
def test_people_without_a_role_in_an_organisation_are_refused(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(UPLOAD).status_code == 403
    assert client.get("/en/workspace/import/template.xlsx").status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(citizen):
    response = citizen.get(UPLOAD)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_another_organisations_job_is_not_found(
    client, editor, other_agency_editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, csv_bytes([MINIMAL]))
    client.force_login(other_agency_editor)
    assert client.get(response.url).status_code == 404
    assert client.post(response.url).status_code == 404


def test_a_file_over_the_size_limit_is_refused_by_the_form(client, editor, settings):
    settings.API_IMPORT_MAX_BYTES = 1024
    client.force_login(editor)
    response = _upload(client, b"x" * 2048)
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_member_of_two_organisations_chooses_which_and_cannot_pick_another(
    client, editor, other_agency, django_capture_on_commit_callbacks
):
    from tests.factories import MembershipFactory

    MembershipFactory(user=editor, organisation=other_agency, role="editor")
    stranger = OrganisationFactory(short_code="stranger")
    client.force_login(editor)
    assert 'name="organisation"' in client.get(UPLOAD).content.decode()
    response = _upload(client, csv_bytes([MINIMAL]), organisation=stranger.pk)
    assert response.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, csv_bytes([MINIMAL]), organisation=other_agency.pk)
    assert ImportJob.objects.get().organisation == other_agency


@pytest.mark.parametrize("fmt", template.FORMATS)
def test_the_template_has_the_schemas_columns(client, editor, fmt):
    client.force_login(editor)
    response = client.get(f"/en/workspace/import/template.{fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    from api.imports.readers import read

    _fmt, book = read(f"t.{fmt}", response.content)
    assert book["systems"].headers[:3] == ["public_id", "external_id", "name_kk"]
    assert "oversight.can_stop" in book["systems"].headers
    assert book["systems"].rows == []  # the explanation row is not a record
    if fmt != "csv":
        assert book["risks"].headers[:2] == ["public_id", "external_id"]


def test_an_unknown_template_format_or_parameter_is_refused(client, editor):
    client.force_login(editor)
    assert client.get("/en/workspace/import/template.pdf").status_code == 404
    assert client.get("/en/workspace/import/template.csv?filled=%00").status_code in (200, 400)


def test_the_filled_template_holds_only_the_organisations_records(
    client, agency, other_agency, editor, other_agency_editor, django_assert_max_num_queries
):
    mine = [complete_system(agency, editor) for _ in range(3)]
    complete_system(other_agency, other_agency_editor)
    client.force_login(editor)
    with django_assert_max_num_queries(20):
        response = client.get("/en/workspace/import/template.xlsx?filled=1")
    rows = sheet_rows(response.content)
    assert sorted(r["public_id"] for r in rows) == sorted(s.public_id for s in mine)
    assert len(sheet_rows(response.content, "risks")) == 3


def test_the_plan_task_claims_its_job_once(agency, editor):
    job = ImportJob.objects.create(
        organisation=agency,
        user=editor,
        file_name="s.csv",
        data=csv_bytes([MINIMAL]),
        language="en",
    )
    assert services.import_plan(job_id=job.pk) is not None
    assert services.import_plan(job_id=job.pk) is None  # a redelivered task does nothing
    job.refresh_from_db()
    assert (job.status, job.created_count) == ("planned", 1)
    assert services.import_apply(job_id=job.pk) is None  # not queued: nothing applied
    assert services.import_request_apply(job=job)
    assert not services.import_request_apply(job=job)
    from api.tasks import apply_import

    apply_import(job.pk)
    apply_import(job.pk)
    assert AISystem.objects.filter(organisation=agency).count() == 1


def test_the_command_checks_by_default_and_writes_with_apply(tmp_path, agency, editor):
    path = tmp_path / "systems.csv"
    path.write_bytes(csv_bytes([{**MINIMAL, "external_id": "C-1"}]))
    out = io.StringIO()
    call_command("import_systems", str(path), organisation="agency-a", stdout=out)
    assert "row 2: create C-1 Queue forecaster" in out.getvalue()
    assert not AISystem.objects.exists()
    call_command(
        "import_systems", str(path), organisation="agency-a", apply=True, stdout=io.StringIO()
    )
    assert AISystem.objects.get().external_id == "C-1"
    out = io.StringIO()
    call_command("import_systems", str(path), organisation="agency-a", stdout=out)
    assert "row 2: unchanged" in out.getvalue()


def test_the_command_fails_on_errors_and_names_them(tmp_path, agency):
    path = tmp_path / "systems.csv"
    path.write_bytes(csv_bytes([{**MINIMAL, "phase": "sometimes"}]))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_systems",
            str(path),
            organisation="agency-a",
            apply=True,
            stderr=err,
            stdout=io.StringIO(),
        )
    assert "systems row 2, column phase" in err.getvalue()
    assert not AISystem.objects.exists()
    with pytest.raises(CommandError):
        call_command("import_systems", str(path), organisation="nobody")


def test_export_import_into_an_empty_organisation_and_export_again_gives_the_same_data(
    agency, editor
):
    complete_system(agency, editor, external_id="R-1", team_en="=cmd|' /C calc'!A0")
    complete_system(agency, editor, external_id="R-2", interaction_mandatory=False)
    empty = OrganisationFactory(short_code="empty")
    exported = template.build("xlsx", agency)
    # Into another organisation the records are new: the register gives their public ids.
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(exported))
    for worksheet in workbook.worksheets:
        if worksheet.title != "fields":
            for row in worksheet.iter_rows(min_row=2):
                row[0].value = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    services.run_import("mine.xlsx", buffer.getvalue(), organisation=empty, actor=None)
    again = template.build("xlsx", empty)

    def data(content: bytes, sheet: str) -> list[dict]:
        rows = [
            {k: v for k, v in r.items() if k != "public_id"} for r in sheet_rows(content, sheet)
        ]
        return sorted(rows, key=lambda r: (r["external_id"], sorted(r.items())))

    for sheet in ("systems", "risks", "data_sources"):
        assert data(again, sheet) == data(exported, sheet)
        assert data(again, sheet)
