"""Who may download a system's audit report and use the verification page: regulators for
every system, the owning organisation's editors and approvers for their own, nobody else; the
public never."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oversight import forms as oversight_forms
from oversight.permissions import VIEW_REPORT
from tests.factories import UserFactory, complete_system
from tests.oversight.report_support import pdf_reader


def report_url(system, language: str = "en", lang: str | None = None) -> str:
    url = f"/{language}/oversight/systems/{system.public_id}/report.pdf"
    return url + (f"?lang={lang}" if lang else "")


def test_the_report_url_is_under_the_language_prefix(reported_system):
    assert reverse("oversight:system_report", kwargs={"public_id": reported_system.public_id}) == (
        report_url(reported_system)
    )
    assert reverse("oversight:verify") == "/en/oversight/verify/"


def test_a_regulator_downloads_any_systems_report_in_the_language_asked(
    client, regulator, reported_system
):
    client.force_login(regulator)
    response = client.get(report_url(reported_system, "en", lang="ru"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{reported_system.public_id}-v1-ru.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert pdf_reader(response.content).trailer["/Root"]["/Lang"] == "ru"


def test_the_report_defaults_to_the_interface_language(client, approver, reported_system):
    client.force_login(approver)
    response = client.get(report_url(reported_system, "kk"))
    assert response.status_code == 200
    assert pdf_reader(response.content).trailer["/Root"]["/Lang"] == "kk"


def test_an_editor_of_the_owning_organisation_downloads_its_report(client, editor, reported_system):
    client.force_login(editor)
    response = client.get(report_url(reported_system))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    "user_fixture", ["editor", "approver", "regulator", "site_admin", "other_agency_editor"]
)
def test_the_rule_allows_the_organisation_and_those_who_read_everything(
    request, user_fixture, reported_system
):
    user = request.getfixturevalue(user_fixture)
    assert user.has_perm(VIEW_REPORT, reported_system) is (user_fixture != "other_agency_editor")
    assert not AnonymousUser().has_perm(VIEW_REPORT, reported_system)


@pytest.mark.parametrize("user_fixture", ["other_agency_editor", "other_agency_approver"])
def test_another_organisation_does_not_find_the_report(
    client, request, user_fixture, reported_system
):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(report_url(reported_system)).status_code == 404


def test_a_user_without_an_organisation_does_not_find_the_report(client, reported_system):
    client.force_login(UserFactory(username="nobody"))
    assert client.get(report_url(reported_system)).status_code == 404


def test_the_public_is_sent_to_sign_in(client, reported_system):
    response = client.get(report_url(reported_system))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_an_unknown_language_is_a_bad_request(client, regulator, reported_system):
    client.force_login(regulator)
    assert client.get(report_url(reported_system, lang="de")).status_code == 400
    assert client.get(report_url(reported_system, lang="\x00")).status_code == 400


def test_a_record_never_published_has_no_report(client, regulator, agency, editor):
    draft = complete_system(agency, editor)
    client.force_login(regulator)
    assert client.get(report_url(draft)).status_code == 404


def test_the_record_page_links_the_report_for_those_allowed(
    client, editor, regulator, reported_system
):
    page = f"/en/workspace/systems/{reported_system.public_id}/"
    for user in (editor, regulator):
        client.force_login(user)
        html = client.get(page).content.decode()
        assert report_url(reported_system) in html
        assert f"{report_url(reported_system)}?lang=kk" in html


def test_the_record_page_of_a_draft_has_no_report_link(client, editor, agency):
    draft = complete_system(agency, editor)
    client.force_login(editor)
    html = client.get(f"/en/workspace/systems/{draft.public_id}/").content.decode()
    assert "report.pdf" not in html


# --- The verification page ----------------------------------------------------------------------


def upload(content: bytes, name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def report_pdf(client, regulator, reported_system) -> bytes:
    client.force_login(regulator)
    content = client.get(report_url(reported_system)).content
    client.logout()
    return content


def test_a_regulator_verifies_a_fresh_report(client, regulator, report_pdf):
    client.force_login(regulator)
    assert client.get("/en/oversight/verify/").status_code == 200
    response = client.post("/en/oversight/verify/", {"report": upload(report_pdf)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The report matches the register" in html


def test_an_agency_verifies_its_own_report_and_learns_nothing_of_anothers(
    client, approver, other_agency_approver, report_pdf
):
    client.force_login(approver)
    html = client.post("/en/oversight/verify/", {"report": upload(report_pdf)}).content.decode()
    assert "The report matches the register" in html
    client.force_login(other_agency_approver)
    html = client.post("/en/oversight/verify/", {"report": upload(report_pdf)}).content.decode()
    assert "The report matches the register" not in html
    assert "The register holds no record with this number." in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a not a pdf", "The file is not a PDF that can be read."),
        (b"%PDF-1.7\n%%EOF", "The file is not a PDF that can be read."),
    ],
)
def test_garbage_gets_a_clear_error_not_a_500(client, regulator, content, message):
    client.force_login(regulator)
    response = client.post("/en/oversight/verify/", {"report": upload(content)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html


def test_no_file_and_an_empty_file_are_errors(client, regulator):
    client.force_login(regulator)
    html = client.post("/en/oversight/verify/", {}).content.decode()
    assert "Choose the PDF file of an audit report." in html
    html = client.post("/en/oversight/verify/", {"report": upload(b"")}).content.decode()
    assert "The file is empty." in html


def test_a_file_over_the_limit_is_refused(client, regulator, monkeypatch):
    monkeypatch.setattr(oversight_forms, "MAX_REPORT_BYTES", 1024 * 1024)
    client.force_login(regulator)
    html = client.post(
        "/en/oversight/verify/", {"report": upload(b"%PDF-" + b"0" * (1024 * 1024))}
    ).content.decode()
    assert "The file is larger than 1 MB." in html


def test_the_verification_page_needs_a_workspace_role(client, db):
    assert client.get("/en/oversight/verify/").status_code == 302
    client.force_login(UserFactory(username="nobody"))
    assert client.get("/en/oversight/verify/").status_code == 403
