"""Writing a record in three languages in a real browser, without JavaScript: the language
tabs keep what was typed, Enter in a field saves rather than switches, and the translation
view fits a phone's width."""

from __future__ import annotations

import pytest

from register.models import Membership
from tests.e2e.test_agency_journey import sign_in
from tests.factories import MembershipFactory, OrganisationFactory, complete_system

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


@pytest.fixture
def record():
    organisation = OrganisationFactory(short_code="mz", name_en="Ministry of Health")
    editor = MembershipFactory(
        organisation=organisation, role=Membership.Role.EDITOR, user__username="editor"
    ).user
    return complete_system(organisation, editor, scope_kk="")


def _page(browser, width):
    context = browser.new_context(
        java_script_enabled=False, locale="en-GB", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_a_language_tab_keeps_what_was_typed(browser, live_server, record):
    page = _page(browser, 1200)
    sign_in(page, live_server, "editor")
    base = f"{live_server.url}/en/workspace/systems/{record.public_id}/"
    page.goto(base + "sections/about/?language=en")
    page.get_by_label("scope: what it is and is not for (English)").fill("Typed, then switched")
    page.get_by_role("button", name="Қазақша").click()
    page.wait_for_url("**/sections/about/?language=kk")
    page.get_by_label("scope: what it is and is not for (Kazakh)").fill("Тек сұрақтар")
    # Enter in a one-line field is the form's plain save, not a language tab.
    page.get_by_label("name (Kazakh)").press("Enter")
    page.wait_for_url(base)
    record.refresh_from_db()
    assert (record.scope_en, record.scope_kk) == ("Typed, then switched", "Тек сұрақтар")


@pytest.mark.parametrize("width", [320, 1280])
def test_the_translation_view_fits_the_width_and_saves(browser, live_server, record, width):
    page = _page(browser, width)
    sign_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/en/workspace/systems/{record.public_id}/translations/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    field = page.locator("#id_system-scope_kk")
    box, english = field.bounding_box(), page.locator("#id_system-scope_en").bounding_box()
    # Side by side on a wide screen, one under the other on a phone.
    assert (english["y"] > box["y"]) is (width == 320)
    field.fill("Тек сұрақтар")
    page.get_by_role("button", name="Save all translations").click()
    page.wait_for_url("**/translations/")
    record.refresh_from_db()
    assert record.scope_kk == "Тек сұрақтар"
