"""The organisation's queue of citizen reports and the case page: who sees what, every action
through a service with its audit event, publication of a reply on the card, the escalation to
the regulators and the card's summary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from pghistory.models import Events

from portal.feedback import selectors, services
from portal.models import Report
from register.models import OutgoingEmail
from tests.factories import MembershipFactory, complete_system

pytestmark = pytest.mark.django_db

SECRET_NAME = "Aigerim Seitkali"
SECRET_EMAIL = "aigerim.private@example.kz"
SECRET_MESSAGE = "My benefit was refused on 3 March, case 778812."


def _report(system, **fields) -> Report:  # type: ignore[no-untyped-def]
    sent = services.report_create(
        system=system,
        kind=fields.pop("kind", "review"),
        message=fields.pop("message", SECRET_MESSAGE),
        language=fields.pop("language", "en"),
        sender_name=fields.pop("sender_name", SECRET_NAME),
        sender_email=fields.pop("sender_email", SECRET_EMAIL),
        wants_reply=fields.pop("wants_reply", True),
    )
    if fields:
        Report.objects.filter(pk=sent.report.pk).update(**fields)
    return Report.objects.get(pk=sent.report.pk)


@pytest.fixture
def report(published_system) -> Report:
    return _report(published_system)


def _case(report: Report) -> str:
    return f"/en/workspace/feedback/{report.reference}/"


QUEUE = "/en/workspace/feedback/"


# --- Access, for every role on every view -------------------------------------------------------


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_members_see_the_queue_and_the_case_with_the_contact(request, client, report, role):
    client.force_login(request.getfixturevalue(role))
    queue = client.get(QUEUE)
    assert queue.status_code == 200
    assert report.reference in queue.content.decode()
    page = client.get(_case(report))
    assert page.status_code == 200
    html = page.content.decode()
    assert SECRET_MESSAGE in html and SECRET_EMAIL in html and SECRET_NAME in html
    assert "Send the reply" in html
    assert "private" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]


def test_another_organisations_members_find_nothing(client, report, other_agency_editor):
    client.force_login(other_agency_editor)
    queue = client.get(QUEUE)
    assert queue.status_code == 200
    assert report.reference not in queue.content.decode()
    assert client.get(_case(report)).status_code == 404
    assert client.post(_case(report), {"action": "reply", "reply-reply": "x"}).status_code == 404
    assert not Report.objects.get(pk=report.pk).reply


def test_the_regulator_reads_every_report_without_acting(client, report, regulator):
    client.force_login(regulator)
    assert report.reference in client.get(QUEUE).content.decode()
    html = client.get(_case(report)).content.decode()
    assert SECRET_MESSAGE in html
    assert SECRET_EMAIL not in html and SECRET_NAME not in html  # not escalated yet
    assert "Send the reply" not in html
    for action, data in [
        ("reply", {"reply-reply": "From the regulator"}),
        ("status", {"status-status": "closed"}),
        ("assign", {"assign-assignee": ""}),
        ("publish", {"publish-public_summary": "x"}),
    ]:
        assert client.post(_case(report), {"action": action, **data}).status_code == 403
    assert Report.objects.get(pk=report.pk).status == Report.Status.NEW


def test_the_regulator_sees_the_contact_of_an_escalated_report(client, report, regulator):
    Report.objects.filter(pk=report.pk).update(escalated_at=timezone.now())
    client.force_login(regulator)
    html = client.get(_case(report)).content.decode()
    assert SECRET_EMAIL in html and SECRET_NAME in html


def test_a_site_administrator_is_not_given_the_correspondence(client, report, site_admin):
    client.force_login(site_admin)
    assert client.get(QUEUE).status_code == 403
    assert client.get(_case(report)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, report):
    for url in (QUEUE, _case(report)):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(_case(report), {"action": "reply", "reply-reply": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "query",
    [{"status": "\x00"}, {"status": "x" * 10_000}, {"page": "9" * 100}, {"page": "-1"}],
)
def test_hostile_queue_parameters_give_a_normal_page(client, report, approver, query):
    client.force_login(approver)
    assert client.get(QUEUE, query).status_code == 200


def test_an_unknown_action_is_a_bad_request(client, report, approver):
    client.force_login(approver)
    assert client.post(_case(report), {"action": "delete"}).status_code == 400
    assert client.post(_case(report), {"action": "\x00" * 50}).status_code == 400


# --- The queue ----------------------------------------------------------------------------------


def test_the_queue_lists_overdue_reports_first_and_filters_by_status(
    client, published_system, approver
):
    today = timezone.localdate()
    soon = _report(published_system, due_on=today + dt.timedelta(days=3))
    late = _report(published_system, due_on=today - dt.timedelta(days=2))
    later = _report(published_system, due_on=today + dt.timedelta(days=20))
    closed = _report(published_system, status="closed")
    client.force_login(approver)
    html = client.get(QUEUE).content.decode()
    positions = [html.index(r.reference) for r in (late, soon, later)]
    assert positions == sorted(positions)
    assert closed.reference not in html
    assert "Overdue" in html
    closed_page = client.get(QUEUE, {"status": "closed"}).content.decode()
    assert closed.reference in closed_page and soon.reference not in closed_page
    assert closed.reference in client.get(QUEUE, {"status": "all"}).content.decode()


def test_the_queue_filters_by_system_and_the_task_list_counts_its_reports(
    client, published_system, agency, editor, publish, approver, regulator
):
    other = publish(complete_system(agency, editor, name_en="Other service"))
    mine = _report(published_system)
    _report(published_system, status="closed")
    theirs = _report(other)
    for user in (approver, regulator):
        client.force_login(user)
        page = client.get(QUEUE, {"status": "all", "system": published_system.public_id.lower()})
        assert mine.reference in page.text and theirs.reference not in page.text
        task_list = client.get(f"/en/workspace/systems/{published_system.public_id}/")
        assert "2 reports from the public about this system, 1 of them open." in task_list.text
        assert (
            f"/en/workspace/feedback/?status=all&amp;system={published_system.public_id}"
            in task_list.text
        )
    silent = publish(complete_system(agency, editor, name_en="Quiet service"))
    task_list = client.get(f"/en/workspace/systems/{silent.public_id}/")
    assert "Nobody from the public has reported anything about this system." in task_list.text


def test_the_regulators_queue_shows_escalated_reports_first(client, published_system, regulator):
    today = timezone.localdate()
    overdue = _report(published_system, due_on=today - dt.timedelta(days=5))
    escalated = _report(
        published_system, due_on=today + dt.timedelta(days=5), escalated_at=timezone.now()
    )
    client.force_login(regulator)
    html = client.get(QUEUE).content.decode()
    assert html.index(escalated.reference) < html.index(overdue.reference)


@pytest.mark.parametrize("count", [3, 40])
def test_the_queue_runs_a_fixed_number_of_queries(
    client, published_system, approver, django_assert_max_num_queries, count
):
    for _ in range(count):
        _report(published_system)
    client.force_login(approver)
    client.get(QUEUE)
    with django_assert_max_num_queries(12):
        assert client.get(QUEUE).status_code == 200


def test_the_dashboard_links_to_the_queue_with_the_open_reports(client, report, editor):
    client.force_login(editor)
    html = client.get("/en/workspace/").content.decode()
    assert 'href="/en/workspace/feedback/"' in html and "1 open report" in html


# --- Actions, through the services, in the audit trail ------------------------------------------


def _events(report: Report, action: str) -> list:
    return [
        event
        for event in Events.objects.references(report).order_by("pgh_created_at")
        if (event.pgh_context or {}).get("action") == action
    ]


def test_assign_status_reply_and_publish_through_the_case_page(
    client, report, approver, editor, django_capture_on_commit_callbacks
):
    client.force_login(approver)
    url = _case(report)
    response = client.post(url, {"action": "assign", "assign-assignee": editor.pk})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.assignee == editor and report.status == Report.Status.IN_PROGRESS
    assert client.post(url, {"action": "status", "status-status": "new"}).status_code == 302
    assert Report.objects.get(pk=report.pk).status == Report.Status.NEW
    client.post(url, {"action": "reply", "reply-reply": "We checked the rule; it is right."})
    report.refresh_from_db()
    assert report.status == Report.Status.ANSWERED and report.replied_by == approver
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "publish", "publish-public_summary": "Why was a benefit refused?"}
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.reply_is_published
    for action in ("feedback.receive", "feedback.assign", "feedback.status", "feedback.reply"):
        events = _events(report, action)
        assert events, action
    (published,) = _events(report, "feedback.publish_reply")
    assert published.pgh_context["user"] == approver.pk
    # The sender's words and contact are not copied into the trail.
    for event in Events.objects.references(report):
        assert SECRET_EMAIL not in str(event.pgh_data)
        assert SECRET_MESSAGE not in str(event.pgh_data)


def test_an_editor_replies_but_only_an_approver_publishes(client, report, editor):
    services.report_reply(report=report, actor=editor, reply="Answer.")
    client.force_login(editor)
    html = client.get(_case(report)).content.decode()
    assert "Publish the reply on the card" not in html
    response = client.post(
        _case(report), {"action": "publish", "publish-public_summary": "A question."}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.report_publish_reply(report=report, actor=editor, public_summary="A question.")


def test_a_reply_and_a_summary_are_required_to_publish(client, report, approver):
    client.force_login(approver)
    response = client.post(_case(report), {"action": "publish", "publish-public_summary": "Q?"})
    assert response.status_code == 200
    assert "Reply to the report before publishing" in response.content.decode()
    services.report_reply(report=report, actor=approver, reply="Answer.")
    response = client.post(_case(report), {"action": "publish", "publish-public_summary": " "})
    assert "Summarise the question for the public." in response.content.decode()
    assert not Report.objects.get(pk=report.pk).reply_is_published


def test_answered_is_set_by_a_reply_not_by_hand(client, report, approver):
    client.force_login(approver)
    response = client.post(_case(report), {"action": "status", "status-status": "answered"})
    assert response.status_code == 200
    assert Report.objects.get(pk=report.pk).status == Report.Status.NEW


def test_only_a_member_can_be_assigned(report, approver, other_agency_editor):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.report_assign(report=report, actor=approver, assignee=other_agency_editor)


def test_the_database_refuses_a_reply_wanted_without_an_address(report):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(sender_email="", wants_reply=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(reply_published_at=timezone.now())


# --- Escalation ---------------------------------------------------------------------------------


def _escalation_emails() -> list[OutgoingEmail]:
    """The escalation e-mails, in whichever language each regulator reads."""
    from django.utils import translation

    from portal.feedback.notifications import SUBJECTS
    from register.i18n import CONTENT_LANGUAGES

    subjects = set()
    for code in CONTENT_LANGUAGES:
        with translation.override(code):
            subject = translation.gettext(SUBJECTS["escalated"])
            subjects.add(subject.format(days=settings.FEEDBACK_ESCALATE_AFTER_DAYS))
    return list(OutgoingEmail.objects.filter(subject__in=subjects).order_by("pk"))


def test_unanswered_reports_are_escalated_once_to_the_regulators(
    published_system, regulator, approver
):
    now = timezone.now()
    old = _report(published_system, created_at=now - dt.timedelta(days=31))
    young = _report(published_system, created_at=now - dt.timedelta(days=29))
    answered = _report(published_system, created_at=now - dt.timedelta(days=40))
    services.report_reply(report=answered, actor=approver, reply="Answered in time.")
    closed = _report(published_system, created_at=now - dt.timedelta(days=40), status="closed")

    escalated = services.reports_escalate()
    assert [r.pk for r in escalated] == [old.pk]
    assert Report.objects.get(pk=old.pk).escalated_at is not None
    for other in (young, answered, closed):
        assert Report.objects.get(pk=other.pk).escalated_at is None
    (email,) = _escalation_emails()
    assert email.to_address == regulator.email
    assert old.reference in email.body and SECRET_EMAIL not in email.body
    # Idempotent: a second run (or a redelivered task) escalates and e-mails nothing more.
    assert services.reports_escalate() == []
    assert len(_escalation_emails()) == 1
    assert _events(Report.objects.get(pk=old.pk), "feedback.escalate")


def test_the_task_and_the_command_run_the_same_escalation(published_system, regulator):
    from django.core.management import call_command

    from portal.tasks import escalate_feedback

    _report(published_system, created_at=timezone.now() - dt.timedelta(days=45))
    _report(published_system, created_at=timezone.now() - dt.timedelta(days=45))
    assert escalate_feedback.apply().get() == 2
    call_command("escalate_feedback")
    assert len(_escalation_emails()) == 1


def test_the_beat_schedule_runs_the_escalation_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["portal-feedback-escalation"]
    assert entry["task"] == "portal.escalate_feedback"


# --- The card's summary -------------------------------------------------------------------------


def test_the_card_summary_counts_and_takes_the_median(
    published_system, approver, django_assert_max_num_queries
):
    now = timezone.now()
    for days in (1, 3, 10):
        report = _report(published_system, created_at=now - dt.timedelta(days=days))
        services.report_reply(report=report, actor=approver, reply=f"Answer after {days}")
    _report(published_system)
    with django_assert_max_num_queries(2):
        summary = selectors.card_feedback(published_system.pk)
    assert summary.received == 4 and summary.answered == 3
    assert summary.median_days == pytest.approx(3.0, abs=0.01)
    assert summary.median_days_up == 3
    assert summary.replies == []


def test_published_replies_on_the_card_never_show_the_sender(client, published_system, approver):
    report = _report(published_system)
    services.report_reply(report=report, actor=approver, reply="The rule is in the decree.")
    services.report_publish_reply(
        report=report, actor=approver, public_summary="Which rule refused a benefit?"
    )
    summary = selectors.card_feedback(published_system.pk)
    (reply,) = summary.replies
    assert reply.summary == "Which rule refused a benefit?"
    from django.template.loader import render_to_string

    html = render_to_string(
        "portal/includes/card_feedback.html",
        {"feedback": summary, "card": {"public_id": published_system.public_id}},
    )
    assert "The rule is in the decree." in html and "Which rule refused a benefit?" in html
    for secret in (SECRET_EMAIL, SECRET_NAME, SECRET_MESSAGE, report.reference):
        assert secret not in html
    assert "1 report received" in html and "1 answered" in html
    services.report_unpublish_reply(report=report, actor=approver)
    assert selectors.card_feedback(published_system.pk).replies == []


def test_the_card_summary_renders_without_feedback(published_system):
    from django.template.loader import render_to_string

    html = render_to_string(
        "portal/includes/card_feedback.html",
        {"feedback": None, "card": {"public_id": published_system.public_id}},
    )
    assert "Questions and reports from the public" in html
    assert "received" not in html


def test_only_the_systems_own_reports_count(published_system, agency, editor, publish):
    other = publish(complete_system(agency, editor, name_en="Another system"))
    _report(other)
    assert selectors.card_feedback(published_system.pk).received == 0


def test_a_member_of_two_organisations_sees_the_reports_of_both(
    client, report, agency, other_agency, other_agency_editor
):
    assert selectors.open_report_count(other_agency_editor) == 0
    MembershipFactory(organisation=agency, user=other_agency_editor)
    assert selectors.open_report_count(other_agency_editor) == 1


def test_an_editors_correction_of_a_published_reply_takes_it_off_the_card(
    published_system, approver, editor
):
    report = _report(published_system)
    services.report_reply(report=report, actor=approver, reply="The rule is in the decree.")
    services.report_publish_reply(report=report, actor=approver, public_summary="Which rule?")
    assert selectors.card_feedback(published_system.pk).replies
    services.report_reply(
        report=Report.objects.get(pk=report.pk), actor=editor, reply="Dear Aigerim, see below."
    )
    assert selectors.card_feedback(published_system.pk).replies == []
    services.report_reply(
        report=Report.objects.get(pk=report.pk), actor=approver, reply="Corrected by approver."
    )
    assert selectors.card_feedback(published_system.pk).replies == []  # publish again to show
