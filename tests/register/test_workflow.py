"""The publication workflow, through the services: every legal and illegal transition."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from register import workflow
from register.models import Membership, Status
from register.services import publication, records
from tests.factories import MembershipFactory, complete_system

CONFIRMED = workflow.confirmation_names("publish")

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(agency, editor):
    return complete_system(agency, editor)


def test_draft_to_review_to_published(draft, editor, approver):
    submitted = publication.system_submit(system=draft, actor=editor)
    assert submitted.status == Status.IN_REVIEW
    assert submitted.submitted_by == editor
    version = publication.system_publish(system=submitted, actor=approver, confirmed=CONFIRMED)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_version == version
    assert version.number == 1
    assert version.published_by == approver
    assert version.verify()
    assert version.snapshot["public_id"] == draft.public_id


def test_return_with_comment_then_resubmit(draft, editor, approver):
    publication.system_submit(system=draft, actor=editor)
    returned = publication.system_return(system=draft, actor=approver, comment="Add a risk.")
    assert returned.status == Status.RETURNED
    assert returned.review_comment == "Add a risk."
    again = publication.system_submit(system=returned, actor=editor)
    assert again.status == Status.IN_REVIEW
    assert again.review_comment == ""


def test_returning_needs_a_comment(draft, editor, approver):
    publication.system_submit(system=draft, actor=editor)
    with pytest.raises(ValidationError) as excinfo:
        publication.system_return(system=draft, actor=approver, comment="   ")
    assert excinfo.value.error_dict["comment"][0].code == "required"


def test_publishing_a_draft_never_submitted_is_refused(draft, approver):
    with pytest.raises(ValidationError) as excinfo:
        publication.system_publish(system=draft, actor=approver, confirmed=CONFIRMED)
    assert excinfo.value.code == "invalid_transition"
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.published_version is None


def test_approver_cannot_publish_own_submission(draft, approver):
    MembershipFactory(organisation=draft.organisation, role=Membership.Role.APPROVER)
    publication.system_submit(system=draft, actor=approver)
    with pytest.raises(ValidationError) as excinfo:
        publication.system_publish(system=draft, actor=approver, confirmed=CONFIRMED)
    assert excinfo.value.code == "four_eyes"


def test_single_approver_may_publish_own_submission_only_when_allowed(draft, approver):
    publication.system_submit(system=draft, actor=approver)
    with pytest.raises(ValidationError):
        publication.system_publish(system=draft, actor=approver, confirmed=CONFIRMED)
    draft.organisation.allow_self_approval = True
    draft.organisation.save()
    version = publication.system_publish(system=draft, actor=approver, confirmed=CONFIRMED)
    assert version.four_eyes_waived is True


def test_self_approval_is_refused_when_a_second_approver_exists(draft, approver):
    draft.organisation.allow_self_approval = True
    draft.organisation.save()
    MembershipFactory(organisation=draft.organisation, role=Membership.Role.APPROVER)
    publication.system_submit(system=draft, actor=approver)
    with pytest.raises(ValidationError):
        publication.system_publish(system=draft, actor=approver, confirmed=CONFIRMED)


def test_incomplete_record_cannot_be_submitted(agency, editor):
    system = records.system_create(organisation=agency, actor=editor, data={"name_en": "Half-done"})
    with pytest.raises(ValidationError) as excinfo:
        publication.system_submit(system=system, actor=editor)
    assert excinfo.value.code == "incomplete"
    assert "Decisions and human oversight" in excinfo.value.messages[0]


def _publish(system, editor, approver):
    publication.system_submit(system=system, actor=editor)
    return publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)


def test_editing_a_published_record_makes_a_working_draft(draft, editor, approver):
    first = _publish(draft, editor, approver)
    draft.refresh_from_db()
    records.system_update(
        system=draft, actor=editor, data={"name_en": "Renamed"}, expected_revision=draft.revision
    )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.published_version == first  # the public still sees version 1
    assert first.snapshot["name"]["en"] == "Benefit assistant [en]"
    second = _publish(draft, editor, approver)
    assert second.number == 2
    assert second.snapshot["name"]["en"] == "Renamed"
    assert second.sha256 != first.sha256


def test_withdrawing_keeps_the_card_and_marks_the_date(draft, editor, approver):
    version = _publish(draft, editor, approver)
    withdrawn = publication.system_withdraw(system=draft, actor=approver)
    assert withdrawn.status == Status.WITHDRAWN
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.published_version == version


def test_a_withdrawn_record_cannot_be_edited(draft, editor, approver):
    _publish(draft, editor, approver)
    publication.system_withdraw(system=draft, actor=approver)
    draft.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        records.system_update(
            system=draft, actor=editor, data={"name_en": "x"}, expected_revision=draft.revision
        )
    assert excinfo.value.code == "not_editable"


def test_a_record_in_review_cannot_be_edited(draft, editor):
    publication.system_submit(system=draft, actor=editor)
    draft.refresh_from_db()
    with pytest.raises(ValidationError):
        records.system_update(
            system=draft, actor=editor, data={"name_en": "x"}, expected_revision=draft.revision
        )


@pytest.mark.parametrize("state", ["in_review", "published"])
def test_only_never_published_drafts_can_be_deleted(draft, editor, approver, state):
    publication.system_submit(system=draft, actor=editor)
    if state == "published":
        publication.system_publish(system=draft, actor=approver, confirmed=CONFIRMED)
    with pytest.raises(ValidationError) as excinfo:
        records.system_delete(system=draft, actor=editor)
    assert excinfo.value.code == "not_deletable"


def test_a_draft_can_be_deleted(draft, editor):
    records.system_delete(system=draft, actor=editor)
    assert not type(draft).objects.filter(pk=draft.pk).exists()


def test_workflow_fields_cannot_be_set_through_data(agency, editor):
    for field in ("status", "organisation", "published_version", "risk_class", "public_id"):
        with pytest.raises(ValueError):
            records.system_create(organisation=agency, actor=editor, data={field: "x"})


def test_an_approver_who_edited_the_content_cannot_publish_it(draft, editor, approver):
    MembershipFactory(organisation=draft.organisation, role=Membership.Role.APPROVER)
    records.system_update(
        system=draft,
        actor=approver,
        data={"scope_en": "Approver's text"},
        expected_revision=draft.revision,
    )
    publication.system_submit(system=draft, actor=editor)
    with pytest.raises(ValidationError) as excinfo:
        publication.system_publish(system=draft, actor=approver, confirmed=CONFIRMED)
    assert excinfo.value.code == "four_eyes"


def test_edits_before_the_last_publication_do_not_count(draft, editor, approver):
    second = MembershipFactory(organisation=draft.organisation, role=Membership.Role.APPROVER).user
    records.system_update(
        system=draft,
        actor=approver,
        data={"scope_en": "Approver's text"},
        expected_revision=draft.revision,
    )
    publication.system_submit(system=draft, actor=editor)
    publication.system_publish(system=draft, actor=second, confirmed=CONFIRMED)
    draft.refresh_from_db()
    records.system_update(
        system=draft,
        actor=editor,
        data={"scope_en": "Editor's text"},
        expected_revision=draft.revision,
    )
    publication.system_submit(system=draft, actor=editor)
    assert publication.system_publish(system=draft, actor=approver, confirmed=CONFIRMED).number == 2
