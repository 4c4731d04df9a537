"""An editor and an approver take a record from nothing to published, in a real browser,
with JavaScript off: every page must work without it."""

from __future__ import annotations

import pytest

from register.models import AISystem, Membership, Status
from tests.factories import TEST_PASSWORD, MembershipFactory, OrganisationFactory

# The system is piloted, so open findings do not keep it off the register: the approver sees
# them, the FRIA duty among them (checked from the AI Act's original Annex III date), and must
# confirm them to publish.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.e2e,
    pytest.mark.usefixtures("annex_iii_in_force"),
]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/workspace/")


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def answer_no(page, *names):
    """Answer "No" to each yes/no question of the page that these names give."""
    for name in names:
        radio = page.locator(f"input[name={name}][value=no]")
        if radio.count():
            radio.check()


def test_editor_registers_and_approver_publishes(browser, live_server):
    organisation = OrganisationFactory(short_code="mz", name_en="Ministry of Health")
    MembershipFactory(
        organisation=organisation, role=Membership.Role.EDITOR, user__username="editor"
    )
    MembershipFactory(
        organisation=organisation, role=Membership.Role.APPROVER, user__username="approver"
    )
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)

    sign_in(page, live_server, "editor")
    page.get_by_role("button", name="Register an AI system").click()
    page.get_by_label("name (English)").fill("Emergency triage support")
    page.get_by_label("plain-language summary (English)").fill(
        "Suggests how urgent a patient's case is; a nurse decides."
    )
    page.get_by_label("lifecycle phase").select_option("pilot")
    page.get_by_label("application area").select_option("social")
    page.get_by_label("Predictive model").check()
    page.get_by_role("button", name="Create the draft").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Emergency triage support"
    system = AISystem.objects.get(name_en="Emergency triage support")

    # A section with an error keeps what was typed.
    page.get_by_role("link", name="2. Ownership and suppliers").first.click()
    page.get_by_label("senior responsible owner (role) (English)").fill("Head of emergency care")
    page.get_by_label("public contact e-mail").fill("not an address")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert (
        page.get_by_label("senior responsible owner (role) (English)").input_value()
        == "Head of emergency care"
    )
    page.get_by_label("public contact e-mail").fill("triage@mz.example.gov.kz")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Section saved.").is_visible()

    def open_section(title):
        page.goto(f"{live_server.url}/en/workspace/systems/{system.public_id}/")
        page.get_by_role("link", name=title).first.click()

    open_section("1. About the system")
    page.get_by_label("scope: what it is and is not for (English)").fill(
        "Emergency departments only; it never refuses care."
    )
    page.get_by_role("button", name="Save").click()

    open_section("3. Decisions and human oversight")
    page.get_by_label("role in decisions").select_option("recommends")
    page.get_by_label("who is affected (English)").fill("Patients arriving at emergency care")
    page.get_by_label("how to ask for an explanation, a human review or an appeal (English)").fill(
        "Ask the doctor on duty, or write to the hospital's patient office."
    )
    page.get_by_label("how to get an explanation of a result (English)").fill(
        "Ask the doctor on duty to explain the suggested priority."
    )
    page.get_by_label("oversight mode").select_option("human_decides")
    page.get_by_label("role of the person overseeing (English)").fill("Triage nurse")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Section saved.").is_visible()

    open_section("4. Data")
    page.get_by_role("link", name="Add a data source").click()
    page.get_by_label("name (English)").fill("Vital signs at arrival")
    page.get_by_label("description (English)").fill("Pulse, blood pressure, temperature.")
    page.get_by_role("button", name="Save").click()

    open_section("5. Risks and mitigations")
    page.get_by_role("link", name="Add a risk").click()
    page.get_by_label("risk (English)").fill("Under-triage")
    page.get_by_label("mitigation (English)").fill("A nurse checks every suggestion.")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Saved.").is_visible()

    # The Kazakh and Russian texts come from the agency's translators.
    def translate(queryset, *names):
        for row in queryset:
            type(row).objects.filter(pk=row.pk).update(
                **{
                    f"{name}_{code}": f"{getattr(row, name + '_en')} [{code}]"
                    for name in names
                    for code in ("kk", "ru")
                }
            )

    translate(
        AISystem.objects.filter(pk=system.pk),
        "name",
        "summary",
        "scope",
        "owner_role",
        "affected_groups",
        "appeal_route",
        "explanation_route",
    )
    translate(type(system.oversight).objects.filter(system=system), "responsible_role")
    translate(system.data_sources.all(), "name", "description")
    translate(system.risks.all(), "name", "mitigation")
    open_section("7. Translations")
    assert page.locator("main").inner_text().count("Complete.") == 3

    # The questionnaire, one question per page.
    page.goto(f"{live_server.url}/en/workspace/systems/{system.public_id}/")
    page.get_by_role("link", name="8. Risk classification").first.click()
    page.get_by_role("link", name="Start the questions").click()
    page.get_by_label("Yes").first.check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("We use a system that someone else built (deployer)").check()
    page.locator("input[name=public_authority][value=yes]").check()
    answer_no(page, "public_service_provider")
    page.get_by_role("button", name="Continue").click()
    # Kazakhstan's AI Law: the degree the hospital assigns from the consequences of failure.
    page.locator("input[name=kz_risk_degree][value=medium]").check()
    page.locator("textarea[name=kz_failure_consequences]").fill(
        "Triage would fall back to nurses alone: slower, but no patient goes unseen."
    )
    answer_no(page, "critical_ict_object", "state_information_resources", "synthetic_results")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()  # no banned capability
    page.get_by_role("button", name="Continue").click()  # no banned practice
    answer_no(
        page, "annex_i_safety_component", "annex_i_section_b", "law_enforcement_migration_use"
    )
    page.locator("input[name=annex_iii][value='5d']").check()
    page.get_by_role("button", name="Continue").click()
    page.locator("input[name=profiling][value=no]").check()
    page.get_by_role("button", name="Continue").click()
    answer_no(
        page,
        "interacts_with_people",
        "generates_synthetic_content",
        "emotion_or_biometric_categorisation",
        "deep_fake_or_public_interest_text",
        "crime_detection_authorised",
        "open_source",
        "gpai",
        "gpai_system",
        "gpai_systemic_risk",
    )
    page.get_by_role("button", name="Continue").click()
    assert "high" in page.locator("main").inner_text()
    page.get_by_role("button", name="Save this class").click()

    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Submit for review").click()
    assert page.get_by_text("Submitted for review.").is_visible()
    sign_out(page)

    # The approver tries to publish: the missing FRIA is listed, and nothing goes out unconfirmed.
    sign_in(page, live_server, "approver")
    page.get_by_role("link", name="Emergency triage support", exact=True).click()
    page.get_by_role("link", name="Publish").click()
    assert "AIA-27-01" in page.locator("main").inner_text()
    page.get_by_role("button", name="Publish").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    page.goto(f"{live_server.url}/en/workspace/systems/{system.public_id}/")
    page.get_by_role("link", name="Return with comments").click()
    page.get_by_label("What needs to change").fill("Add the fundamental-rights assessment.")
    page.get_by_role("button", name="Return with comments").click()
    sign_out(page)

    sign_in(page, live_server, "editor")
    page.get_by_role("link", name="Emergency triage support", exact=True).click()
    assert page.get_by_text("Add the fundamental-rights assessment.").is_visible()
    page.get_by_role("link", name="6. Impact assessments").first.click()
    page.get_by_role("link", name="Add an impact assessment").click()
    page.get_by_label("kind").select_option("fria")
    page.get_by_label("status").select_option("completed")
    page.get_by_label("completed on").fill("2026-11-01")
    fria_texts = {
        "summary of findings (English)": "Nurses decide; no patient is refused care.",
        "(a) processes in which the system is used (English)": "Emergency admissions",
        "(b) period and frequency of use (English)": "Around the clock",
        "(c) people and groups likely to be affected (English)": "Emergency patients",
        "(d) specific risks of harm (English)": "Under-triage of rare conditions",
        "(e) how human oversight is implemented (English)": "A nurse checks every case",
        "(f) measures if risks materialise, governance and complaints (English)": (
            "Incident review and the hospital complaints office"
        ),
    }
    for label, text in fria_texts.items():
        page.get_by_label(label).fill(text)
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Saved.").is_visible()
    # The hospital's translators add the Kazakh and Russian texts.
    fria = system.impact_assessments.get(kind="fria")
    type(fria).objects.filter(pk=fria.pk).update(
        **{
            f"{name}_{code}": f"{getattr(fria, name + '_en')} [{code}]"
            for name in ("summary", *fria.FRIA_PARTS)
            for code in ("kk", "ru")
        }
    )
    page.goto(f"{live_server.url}/en/workspace/systems/{system.public_id}/")
    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Submit for review").click()
    assert page.get_by_text("Submitted for review.").is_visible()
    sign_out(page)

    sign_in(page, live_server, "approver")
    page.get_by_role("link", name="Emergency triage support", exact=True).click()
    page.get_by_role("link", name="Publish").click()
    # The findings still open are listed, and the approver publishes them knowingly.
    page.locator("input[name=confirm_open_findings]").check()
    page.get_by_role("button", name="Publish").click()
    assert page.get_by_text("Published as version 1.").is_visible()
    page.get_by_role("link", name="History of this record").click()
    history = page.locator("main").inner_text()
    for event in ("Created", "Submitted for review", "Returned with comments", "Published"):
        assert event in history

    system.refresh_from_db()
    assert system.status == Status.PUBLISHED
    assert system.published_version.verify()
    context.close()
