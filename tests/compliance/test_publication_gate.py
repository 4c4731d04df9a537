"""A high-risk system missing its FRIA cannot be published until the FRIA is added."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from register.models import Status
from register.services import publication, records
from tests.factories import _translated, complete_system

# The gate checks on today's date: the Annex III duties at the AI Act's original date.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("annex_iii_in_force")]

HIGH_RISK = {
    "is_ai_system": True,
    "role": "deployer",
    "public_authority": True,
    "annex_iii": ["5a"],
    "profiling": True,
}


@pytest.fixture
def high_risk(agency, editor):
    return complete_system(agency, editor, answers=HIGH_RISK)


def _fria():
    parts = _translated(
        summary="Assessment",
        fria_processes="Benefit decisions",
        fria_period="Daily",
        fria_affected="Families",
        fria_risks="Wrong refusal",
        fria_oversight="A specialist decides",
        fria_measures="Complaints within 30 days",
    )
    return {"kind": "fria", "state": "completed", "completed_on": dt.date(2026, 10, 1), **parts}


def test_missing_fria_blocks_publication_until_added(high_risk, editor, approver):
    assert high_risk.risk_class == "high" and high_risk.fria_required
    publication.system_submit(system=high_risk, actor=editor)
    with pytest.raises(ValidationError) as excinfo:
        publication.system_publish(system=high_risk, actor=approver)
    assert excinfo.value.code == "blocked"
    assert "AIA-27-01" in excinfo.value.messages[0]
    high_risk.refresh_from_db()
    assert high_risk.status == Status.IN_REVIEW
    assert high_risk.published_version is None

    publication.system_return(system=high_risk, actor=approver, comment="Add the FRIA.")
    high_risk.refresh_from_db()
    records.part_save(system=high_risk, actor=editor, part="impact_assessments", data=_fria())
    publication.system_submit(system=high_risk, actor=editor)
    version = publication.system_publish(system=high_risk, actor=approver)
    assert version.number == 1
    assert version.snapshot["impact_assessments"][0]["kind"] == "fria"


def test_publish_page_names_the_blocking_finding_and_links_to_its_section(
    client, high_risk, editor, approver
):
    publication.system_submit(system=high_risk, actor=editor)
    client.force_login(approver)
    response = client.post(f"/en/workspace/systems/{high_risk.public_id}/publish/")
    html = response.content.decode()
    assert response.status_code == 400
    assert "AIA-27-01" in html
    page = client.get(f"/en/workspace/systems/{high_risk.public_id}/publish/").content.decode()
    assert "These findings stop the publication" in page
    assert f"/en/workspace/systems/{high_risk.public_id}/sections/assessments/" in page


def test_findings_pages_by_role(
    client, high_risk, editor, approver, other_agency_editor, regulator
):
    from compliance.checks import check_systems

    check_systems([high_risk.pk], trigger="command")
    url = f"/en/workspace/systems/{high_risk.public_id}/findings/"
    for user, status in (
        (editor, 200),
        (approver, 200),
        (regulator, 200),
        (other_agency_editor, 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status
    client.force_login(approver)
    page = client.get(url).content.decode()
    assert "AIA-27-01" in page and "Art 27(1)" in page
    assert "Waive this finding" in page
    client.force_login(editor)
    assert "Waive this finding" not in client.get(url).content.decode()
    client.force_login(editor)
    assert client.get("/en/workspace/findings/").status_code == 200


def test_approver_waives_a_finding_with_a_reason_and_an_end_date(
    client, high_risk, approver, editor, regulator
):
    from compliance.checks import check_systems
    from compliance.models import Finding

    check_systems([high_risk.pk], trigger="command")
    finding = Finding.objects.filter(system=high_risk, status="open", severity="major").first()
    url = f"/en/workspace/systems/{high_risk.public_id}/findings/{finding.pk}/waive/"
    client.force_login(editor)
    assert client.post(url, {"reason": "x", "expires_on": "2027-01-01"}).status_code == 403
    client.force_login(approver)
    bad = client.post(url, {"reason": "", "expires_on": "2020-01-01"})
    assert bad.status_code == 200
    assert "govuk-error-summary" in bad.content.decode()
    expires = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    done = client.post(
        url, {"reason": "Contract signed, registration in January.", "expires_on": expires}
    )
    assert done.status_code == 302
    finding.refresh_from_db()
    assert finding.status == "waived" and finding.waived_by == approver
    client.force_login(regulator)
    page = client.get(f"/en/workspace/systems/{high_risk.public_id}/findings/").content.decode()
    assert "Contract signed, registration in January." in page
