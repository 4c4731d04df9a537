"""Regulators' requests on a record: the regulator asks and closes, the agency answers, each
step in the audit trail; every other role is refused on the server."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from oversight import selectors, services
from oversight.models import RegulatorRequest, RequestStatus
from tests.factories import AISystemFactory

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + dt.timedelta(days=14)


@pytest.fixture
def system(agency):
    return AISystemFactory(organisation=agency)


@pytest.fixture
def asked(system, regulator):
    return services.request_create(
        system=system,
        actor=regulator,
        subject="FRIA not completed",
        body="When will the <b>assessment</b> be completed?",
        due_on=DUE,
    )


def _page(system) -> str:
    return reverse("oversight:requests", kwargs={"public_id": system.public_id})


def _answer_url(item) -> str:
    return reverse(
        "oversight:request_answer", kwargs={"public_id": item.system.public_id, "pk": item.pk}
    )


def _close_url(item) -> str:
    return reverse(
        "oversight:request_close", kwargs={"public_id": item.system.public_id, "pk": item.pk}
    )


def test_a_regulator_asks_the_agency_answers_and_the_regulator_closes(
    client, system, regulator, editor
):
    client.force_login(regulator)
    response = client.post(
        _page(system),
        {"subject": "Overseer", "body": "Who oversees the system?", "due_on": DUE.isoformat()},
    )
    assert response.status_code == 302
    item = RegulatorRequest.objects.get(system=system)
    assert (item.author, item.status, item.due_on) == (regulator, RequestStatus.OPEN, DUE)

    client.force_login(editor)
    task_list = client.get(reverse("register:system", kwargs={"public_id": system.public_id}))
    assert _page(system) in task_list.content.decode()
    assert "1 awaiting an answer" in task_list.content.decode()
    response = client.post(_answer_url(item), {f"request-{item.pk}-answer": "The head of unit."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.answer, item.answered_by) == (
        RequestStatus.ANSWERED,
        "The head of unit.",
        editor,
    )

    client.force_login(regulator)
    assert client.post(_close_url(item)).status_code == 302
    item.refresh_from_db()
    assert item.status == RequestStatus.CLOSED and item.closed_at is not None
    actions = list(item.events.values_list("pgh_label", flat=True))
    assert actions.count("insert") == 1 and actions.count("update") == 2


def test_the_page_escapes_what_the_regulator_wrote(client, asked, editor):
    client.force_login(editor)
    text = client.get(_page(asked.system)).content.decode()
    assert "&lt;b&gt;assessment&lt;/b&gt;" in text
    assert "<b>assessment</b>" not in text


@pytest.mark.parametrize("who", ["editor", "approver"])
def test_agency_people_cannot_ask_or_close(client, request, system, asked, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(_page(system), {"subject": "x", "body": "y", "due_on": DUE.isoformat()})
    assert response.status_code == 403
    assert client.post(_close_url(asked)).status_code == 403
    assert RegulatorRequest.objects.count() == 1
    asked.refresh_from_db()
    assert asked.status == RequestStatus.OPEN


def test_a_regulator_cannot_answer_for_the_agency(client, asked, regulator):
    client.force_login(regulator)
    response = client.post(_answer_url(asked), {f"request-{asked.pk}-answer": "Answered."})
    assert response.status_code == 403
    asked.refresh_from_db()
    assert asked.answer == ""


@pytest.mark.parametrize("who", ["other_agency_editor", "other_agency_approver"])
def test_another_agency_sees_nothing(client, request, asked, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_page(asked.system)).status_code == 404
    response = client.post(_answer_url(asked), {f"request-{asked.pk}-answer": "Mine."})
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, asked):
    for url in (_page(asked.system), _answer_url(asked), _close_url(asked)):
        response = client.post(url) if url != _page(asked.system) else client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_due_date_in_the_past_is_refused_in_the_users_language(client, system, regulator):
    client.force_login(regulator)
    url = _page(system).replace("/en/", "/ru/")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(url, {"subject": "x", "body": "y", "due_on": yesterday.isoformat()})
    assert response.status_code == 400
    assert "Укажите дату не раньше сегодняшней." in response.content.decode()
    assert not RegulatorRequest.objects.exists()


def test_an_empty_answer_is_refused_and_the_request_stays_open(client, asked, editor):
    client.force_login(editor)
    response = client.post(_answer_url(asked), {f"request-{asked.pk}-answer": "   "})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == RequestStatus.OPEN


def test_a_closed_request_cannot_be_answered(asked, regulator, editor):
    services.request_close(request=asked, actor=regulator)
    with pytest.raises(Exception, match="closed"):
        services.request_answer(request=asked, actor=editor, answer="Late.")


def test_an_open_request_past_its_due_date_is_a_concern(asked):
    assert not selectors.systems({}, concern="requests-overdue").exists()
    RegulatorRequest.objects.filter(pk=asked.pk).update(due_on=dt.date(2020, 1, 1))
    assert list(selectors.systems({}, concern="requests-overdue")) == [asked.system]


def test_the_requests_page_runs_a_fixed_number_of_queries(
    client, system, regulator, django_assert_max_num_queries
):
    for n in range(5):
        services.request_create(
            system=system, actor=regulator, subject=f"Q{n}", body="Body", due_on=DUE
        )
    client.force_login(regulator)
    with django_assert_max_num_queries(12):
        assert client.get(_page(system)).status_code == 200


def test_the_agency_is_told_of_a_request_and_the_regulator_of_the_answer_in_their_language(
    system, regulator, editor, approver, other_agency_editor
):
    from register.models import OutgoingEmail, Profile

    Profile.objects.create(user=editor, language="kk")
    Profile.objects.create(user=regulator, language="ru")
    item = services.request_create(
        system=system, actor=regulator, subject="<script>", body="Private text", due_on=DUE
    )
    asked = {mail.to_address: mail for mail in OutgoingEmail.objects.all()}
    assert set(asked) == {editor.email, approver.email}
    assert asked[editor.email].language == "kk"
    assert "реттеуші" in asked[editor.email].body.lower()
    assert f"/workspace/systems/{system.public_id}/requests/" in asked[editor.email].body
    assert (
        "Private text" not in asked[editor.email].body
    )  # read on the page, where access is checked
    services.request_answer(request=item, actor=editor, answer="Done.")
    answered = OutgoingEmail.objects.get(to_address=regulator.email)
    assert answered.language == "ru"
    assert system.public_id in answered.subject
