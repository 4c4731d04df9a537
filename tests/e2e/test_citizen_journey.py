"""A citizen who has never heard of the register finds the eGov assistant by typing a word in
their language (misspelt in English), reads how to appeal, sees what changed since the last
version and reports an error; the agency answers in its workspace and publishes the answer on
the card; the citizen reads it on their status page. In a real browser, with JavaScript off,
in each of the three languages."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from register import workflow
from register.models import Membership
from register.services import publication
from tests.factories import TEST_PASSWORD, MembershipFactory, OrganisationFactory, complete_system

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

NAMES = {
    "kk": "eGov виртуалды көмекшісі",
    "ru": "Виртуальный ассистент eGov",
    "en": "eGov virtual assistant",
}
# What a citizen types: a Kazakh word as written, an inflected Russian word (stemming), an
# English word with a typo (similar words).
QUERIES = {"kk": "көмекшісі", "ru": "ассистента", "en": "asistant"}
REPORT = "The opening hours in the answer are wrong."


def _t(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def _published_assistant():  # type: ignore[no-untyped-def]
    organisation = OrganisationFactory(short_code="mdai", name_en="Ministry of Digital Development")
    editor = MembershipFactory(
        organisation=organisation, role=Membership.Role.EDITOR, user__username="mdai-editor"
    ).user
    approver = MembershipFactory(
        organisation=organisation, role=Membership.Role.APPROVER, user__username="mdai-approver"
    ).user
    system = complete_system(
        organisation,
        editor,
        **{f"name_{code}": name for code, name in NAMES.items()},
        summary_kk="Көмекші мемлекеттік қызметтер туралы сұрақтарға жауап береді.",
        summary_ru="Ассистент отвечает на вопросы о государственных услугах.",
        summary_en="The assistant answers questions about public services.",
        appeal_route_en="Write to the ministry through eGov; a civil servant reviews the answer.",
    )
    confirmed = workflow.confirmation_names("publish")
    for summary in (None, "The assistant answers questions about public services, day and night."):
        if summary:
            system.summary_en = summary
            system.save()
        publication.system_submit(system=system, actor=editor)
        publication.system_publish(system=system, actor=approver, confirmed=confirmed)
    return system


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_citizen_finds_the_assistant_reports_an_error_and_reads_the_answer(
    browser, live_server, language
):
    system = _published_assistant()
    citizen = browser.new_context(java_script_enabled=False, locale=language)
    page = citizen.new_page()
    page.set_default_timeout(15_000)

    # Home page → search in their own words.
    page.goto(f"{live_server.url}/{language}/")
    page.locator("input[name=q]").first.fill(QUERIES[language])
    page.locator("input[name=q]").first.press("Enter")
    page.wait_for_url(re.compile(r"/systems/\?"))
    page.get_by_role("link", name=NAMES[language]).first.click()

    # The card: what it is, and how to appeal, before the details.
    assert page.get_by_role("heading", level=1).inner_text() == NAMES[language]
    appeal = page.get_by_role(
        "heading", name=_t(language, "How to ask for an explanation, a human review or an appeal")
    )
    assert appeal.is_visible()
    assert page.content().index('id="card-appeal"') < page.content().index('id="card-details"')

    # What changed since the last version.
    page.get_by_role("link", name=_t(language, "See all versions and what changed")).click()
    page.get_by_role("button", name=_t(language, "Compare")).click()
    assert page.get_by_role("heading", name=_t(language, "Field by field")).is_visible()
    assert "day and night" in page.locator("main").inner_text()

    # Report an error, without giving a name or an address.
    page.goto(f"{live_server.url}/{language}/systems/{system.public_id}/")
    page.get_by_role("link", name=_t(language, "Report an error in this record")).click()
    page.get_by_label(_t(language, "Your message")).fill(REPORT)
    page.get_by_role("button", name=_t(language, "Send"), exact=True).click()
    assert page.get_by_role("heading", name=_t(language, "Your message was sent")).is_visible()
    reference = page.locator(".govuk-panel__body strong").inner_text()
    status_url = page.locator("main a[href*='/feedback/R-']").first.get_attribute("href")

    # The organisation answers in its workspace (in English) and publishes the answer.
    agency = browser.new_context(java_script_enabled=False, locale="en-GB")
    desk = agency.new_page()
    desk.set_default_timeout(15_000)
    desk.goto(f"{live_server.url}/en/accounts/login/")
    desk.get_by_label("Username").fill("mdai-approver")
    desk.get_by_label("Password").fill(TEST_PASSWORD)
    desk.get_by_role("button", name="Sign in").click()
    desk.goto(f"{live_server.url}/en/workspace/feedback/")
    desk.get_by_role("link", name=reference).click()
    assert desk.get_by_text(REPORT).is_visible()
    desk.get_by_label("Reply", exact=True).fill("Thank you: the hours are corrected.")
    desk.get_by_role("button", name="Send the reply").click()
    desk.get_by_label("Summary of the question for the public").fill(
        "Someone told us the opening hours were wrong."
    )
    desk.get_by_role("button", name="Publish the reply on the card").click()
    agency.close()

    # The citizen reads the answer on their status page and on the card; their words are not
    # on the card.
    page.goto(status_url if status_url.startswith("http") else live_server.url + status_url)
    assert page.get_by_text("Thank you: the hours are corrected.").is_visible()
    page.goto(f"{live_server.url}/{language}/systems/{system.public_id}/")
    assert page.get_by_text("Someone told us the opening hours were wrong.").is_visible()
    assert REPORT not in page.content()
    citizen.close()
