"""The questionnaire's steps and its check-answers page: each page says which step it is, and
the last one reads every answer back with a link to change it before the class is saved."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from compliance.questionnaire import STEPS
from tests.compliance.test_questionnaire import ANSWERS_BY_STEP
from tests.factories import complete_system

pytestmark = pytest.mark.django_db


def _base(system) -> str:
    return f"/en/workspace/systems/{system.public_id}/classification/"


def _answer_everything(client, system) -> None:
    for step, data in ANSWERS_BY_STEP:
        assert client.post(f"{_base(system)}{step}/", data).status_code == 302


def test_each_page_is_a_step_of_the_questionnaire_headed_by_its_title(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    total = len(STEPS) + 1
    for number, step in enumerate(STEPS, start=1):
        with translation.override("en"):
            html = client.get(f"{_base(system)}{step.slug}/").content.decode()
            title = str(step.title)
        assert f"Risk classification, step {number} of {total}" in html, step.slug
        assert "question " not in html.split("<main", 1)[1].split("</h1>")[0], step.slug
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()
        assert heading == title.replace("'", "&#x27;"), step.slug


def test_the_check_answers_page_reads_back_every_answer_with_a_change_link(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    _answer_everything(client, system)
    html = client.get(_base(system)).content.decode()
    assert f"Risk classification, step {len(STEPS) + 1} of {len(STEPS) + 1}" in html
    assert "Your answers" in html
    assert "Check your answers before you save the class." in html
    # Answers are shown in the words the editor chose, not as codes.
    assert "We use a system that someone else built (deployer)" in html
    assert "Benefit payments would stop for a region." in html
    assert "Head of the IT department" in html
    assert "(a) It performs a narrow procedural task" in html
    assert "It only checks documents." in html
    assert "None of these" in html  # no banned capability chosen
    # One change link per question, each to its own step, which then returns here.
    for step in STEPS:
        questions = len(step.form_class.base_fields)
        assert html.count(f'href="{_base(system)}{step.slug}/?change=1"') == questions, step.slug
    assert html.count("govuk-summary-list__actions") == sum(
        len(step.form_class.base_fields) for step in STEPS
    )
    # Nothing is stored until the editor saves.
    system.refresh_from_db()
    assert system.risk_class == "minimal"


def test_a_change_returns_to_the_check_answers_page_with_the_new_answer(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    _answer_everything(client, system)
    page = client.get(f"{_base(system)}role/?change=1").content.decode()
    assert f'href="{_base(system)}"' in page.split("</header>", 1)[1].split("<main", 1)[0]
    assert "Save and return to your answers" in page
    response = client.post(
        f"{_base(system)}role/?change=1",
        {"role": "provider", "public_authority": "yes", "public_service_provider": "no"},
    )
    assert response.status_code == 302
    assert response["Location"] == _base(system)
    html = client.get(_base(system)).content.decode()
    assert "We built it, or had it built, and others use it (provider)" in html
    assert "We use a system that someone else built (deployer)" not in html
    client.post(_base(system))
    system.refresh_from_db()
    assert system.act_role == "provider"


def test_questions_not_yet_answered_say_so(client, editor, agency):
    system = complete_system(agency, editor, answers={})
    client.force_login(editor)
    client.post(f"{_base(system)}ai-system/", {"is_ai_system": "yes"})
    html = client.get(_base(system)).content.decode().split("Your answers", 1)[1]
    rows = re.findall(r'<dd class="govuk-summary-list__value">(.*?)</dd>', html, re.S)
    assert "Yes" in rows[0]
    assert any("Not answered" in row for row in rows)


def test_a_regulator_reads_the_answers_without_change_links(client, regulator, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(regulator)
    html = client.get(_base(system)).content.decode()
    assert "Your answers" in html
    assert "?change=1" not in html
    assert "Check your answers before you save the class." not in html
