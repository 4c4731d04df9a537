"""Behaviour that a review of the workspace asked for: withdrawal while a new draft is being
edited, re-classifying a published record, conflicts without false alarms, mass assignment in
the services, query budgets of the remaining pages."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from compliance.services import classification_apply
from register import workflow
from register.models import Status
from register.services import publication, records
from tests.factories import complete_system

CONFIRMED = workflow.confirmation_names("publish")

pytestmark = pytest.mark.django_db


def _publish(system, editor, approver):
    publication.system_submit(system=system, actor=editor)
    return publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)


def test_a_public_record_can_be_withdrawn_while_its_next_draft_is_edited(agency, editor, approver):
    system = complete_system(agency, editor)
    _publish(system, editor, approver)
    system.refresh_from_db()
    records.system_update(
        system=system,
        actor=editor,
        data={"scope_en": "Next version"},
        expected_revision=system.revision,
    )
    withdrawn = publication.system_withdraw(system=system, actor=approver)
    assert withdrawn.status == Status.WITHDRAWN
    with pytest.raises(ValidationError):
        publication.system_withdraw(system=withdrawn, actor=approver)


def test_a_never_published_record_cannot_be_withdrawn(agency, editor, approver):
    with pytest.raises(ValidationError):
        publication.system_withdraw(system=complete_system(agency, editor), actor=approver)


def test_reclassifying_a_published_record_starts_a_working_draft(agency, editor, approver):
    system = complete_system(agency, editor)
    version = _publish(system, editor, approver)
    classification_apply(
        system=system,
        actor=editor,
        answers={
            "is_ai_system": True,
            "role": "deployer",
            "annex_iii": ["5a"],
            "profiling": True,
        },
    )
    system.refresh_from_db()
    assert system.risk_class == "high"
    assert system.status == Status.DRAFT
    assert system.published_version == version
    assert version.snapshot["risk"]["class"] == "minimal"


def test_classifying_a_record_in_review_is_refused(agency, editor):
    system = complete_system(agency, editor)
    publication.system_submit(system=system, actor=editor)
    with pytest.raises(ValidationError):
        classification_apply(system=system, actor=editor, answers={"is_ai_system": False})


def test_saving_oversight_after_another_section_is_not_a_conflict(client, agency, editor, approver):
    system = complete_system(agency, editor)
    client.force_login(editor)
    url = f"/en/workspace/systems/{system.public_id}/sections/oversight/"
    page = client.get(url).content.decode()
    revision = re.search(r'name="revision" value="(\d+)"', page).group(1)
    version = re.search(r'name="oversight-version" value="([^"]+)"', page).group(1)
    records.system_update(
        system=system,
        actor=approver,
        data={"contact_phone": "+7 700"},
        expected_revision=system.revision,
    )
    response = client.post(
        url,
        {
            "revision": revision,
            "decision_role": "informs",
            "affected_groups_en": "Applicants",
            "appeal_route_en": "Write to us",
            "oversight-version": version,
            "oversight-mode": "human_decides",
            "oversight-responsible_role_en": "Specialist",
        },
    )
    assert response.status_code == 302
    system.refresh_from_db()
    assert system.oversight.responsible_role_en == "Specialist"


def test_oversight_saved_by_someone_else_is_a_conflict(client, agency, editor, approver):
    system = complete_system(agency, editor)
    client.force_login(editor)
    url = f"/en/workspace/systems/{system.public_id}/sections/oversight/"
    page = client.get(url).content.decode()
    revision = re.search(r'name="revision" value="(\d+)"', page).group(1)
    version = re.search(r'name="oversight-version" value="([^"]+)"', page).group(1)
    records.system_update(
        system=system,
        actor=approver,
        data={},
        expected_revision=system.revision,
        oversight={"log_retention_days": 200},
        expected_oversight_version=system.oversight.updated_at.isoformat(),
    )
    response = client.post(
        url,
        {
            "revision": revision,
            "decision_role": "informs",
            "affected_groups_en": "Applicants",
            "appeal_route_en": "Write to us",
            "oversight-version": version,
            "oversight-mode": "human_decides",
            "oversight-responsible_role_en": "Mine",
            "oversight-log_retention_days": "365",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this while you were editing" in html
    assert "200" in html  # what they changed
    assert "Mine" in html  # what I typed


def test_a_repeatable_item_conflict_shows_before_and_now(client, agency, editor, approver):
    system = complete_system(agency, editor)
    risk = system.risks.get()
    client.force_login(editor)
    url = f"/en/workspace/systems/{system.public_id}/items/risks/{risk.pk}/"
    version = re.search(r'name="version" value="([^"]+)"', client.get(url).content.decode())
    records.part_save(
        system=system,
        actor=approver,
        part="risks",
        instance=risk,
        data={"mitigation_en": "Theirs"},
        expected_version=risk.updated_at.isoformat(),
    )
    response = client.post(
        url,
        {
            "name_en": risk.name_en,
            "mitigation_en": "Mine",
            "likelihood": "low",
            "severity": "low",
            "version": version.group(1),
        },
    )
    html = response.content.decode()
    rows = re.findall(
        r"<tr class=\"govuk-table__row\"><th scope=\"row\"[^>]*>(.*?)</th>"
        r"<td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>",
        html,
    )
    assert ("mitigation (English)", "Links to the rules [en]", "Theirs") in rows
    assert "Mine" in html


@pytest.mark.parametrize("data", [{"system_id": 1}, {"system": None}, {"id": 5}])
def test_parts_cannot_be_moved_to_another_record(agency, editor, other_agency, data):
    system = complete_system(agency, editor)
    with pytest.raises(ValueError):
        records.part_save(
            system=system,
            actor=editor,
            part="risks",
            data={"name_en": "x", "mitigation_en": "y", **data},
        )
    with pytest.raises(ValueError):
        records.system_create(
            organisation=agency,
            actor=editor,
            data={"name_en": "x"},
            parts={"risks": [{"name_en": "x", **data}]},
        )


def test_the_history_leaves_out_compliance_findings(client, agency, editor):
    from compliance.checks import check_systems

    system = complete_system(agency, editor)
    check_systems([system.pk], trigger="command")
    client.force_login(editor)
    html = client.get(f"/en/workspace/systems/{system.public_id}/history/").content.decode()
    assert "compliance.check" not in html
    assert "finding" not in html.lower()


@pytest.mark.parametrize(
    "path, budget",
    [
        ("findings/", 12),
        ("history/", 12),
        ("sections/data/", 14),
        ("sections/ownership/", 14),
        ("preview/", 14),
        ("classification/", 12),
    ],
)
def test_record_pages_have_a_fixed_query_budget(
    client, agency, editor, path, budget, django_assert_max_num_queries
):
    from compliance.checks import check_systems
    from tests.factories import DataSourceFactory, RiskFactory

    system = complete_system(agency, editor, performance_en="", contact_email="")
    DataSourceFactory.create_batch(8, system=system)
    RiskFactory.create_batch(8, system=system)
    check_systems([system.pk], trigger="command")
    client.force_login(editor)
    with django_assert_max_num_queries(budget):
        assert client.get(f"/en/workspace/systems/{system.public_id}/{path}").status_code == 200


def test_regulator_sees_every_organisations_findings_with_a_filter(
    client, agency, editor, regulator, other_agency
):
    from compliance.checks import check_systems

    system = complete_system(agency, editor, contact_email="")
    other = complete_system(other_agency, None, contact_email="")
    check_systems([system.pk, other.pk], trigger="command")
    client.force_login(regulator)
    everything = client.get("/en/workspace/findings/").content.decode()
    assert system.public_id in everything and other.public_id in everything
    only_b = client.get("/en/workspace/findings/?organisation=agency-b").content.decode()
    assert other.public_id in only_b and system.public_id not in only_b


def test_editing_a_draft_sends_no_findings_digest(
    agency, editor, approver, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        records.system_create(organisation=agency, actor=editor, data={"name_en": "Only a name"})
    assert not [m for m in mailoutbox if "compliance finding" in m.subject]
