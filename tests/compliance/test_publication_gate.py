"""The publication gate: a system not yet in use is held back by its blockers; a system in use
is published once its public information is complete, with its open findings confirmed by the
approver, frozen into the version, shown on the card and reported to the regulator."""

from __future__ import annotations

import copy
import datetime as dt
from unittest.mock import patch

import jsonschema
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from register import workflow
from register.cards import FindingSeverity, FindingState, build_card, card_json_schema
from register.languages import SUBMISSION_LANGUAGES
from register.models import Phase, Profile, PublishedVersion, Status
from register.services import publication, records
from tests.factories import _translated, complete_system

CONFIRMED = workflow.confirmation_names("publish")
VALIDATOR = jsonschema.Draft202012Validator(card_json_schema())


def _card_html(card, **meta):
    with translation.override("en"):
        return render_to_string("register/card.html", {"card": card, "card_meta": meta})


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


PROHIBITED = {**HIGH_RISK, "prohibited_practices": ["c"]}


def _submitted(system, editor):
    publication.system_submit(system=system, actor=editor)
    system.refresh_from_db()
    return system


def _publish_url(system):
    return f"/en/workspace/systems/{system.public_id}/publish/"


# --- Not in use: blockers gate as before ------------------------------------------------------


@pytest.mark.parametrize("phase", ["idea", "design", "development"])
def test_a_system_not_in_use_with_a_blocker_is_refused(agency, editor, approver, phase):
    system = _submitted(complete_system(agency, editor, answers=PROHIBITED, phase=phase), editor)
    with pytest.raises(ValidationError) as excinfo:
        publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    assert excinfo.value.code == "blocked"
    assert "AIA-05-01" in excinfo.value.messages[0]
    system.refresh_from_db()
    assert system.status == Status.IN_REVIEW
    assert system.published_version is None


def test_a_planned_system_publishes_once_its_blocker_is_fixed(agency, editor, approver):
    system = complete_system(agency, editor, answers=HIGH_RISK, phase="development")
    system = records.system_update(
        system=system, actor=editor, data={"phase": "pilot"}, expected_revision=system.revision
    )
    assert system.fria_required
    system = _submitted(system, editor)
    version = publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    assert "AIA-27-01" in [f["rule_id"] for f in version.record["compliance"]["findings"]]


def test_publish_page_names_the_blocking_finding_and_links_to_its_section(
    client, agency, editor, approver
):
    system = complete_system(agency, editor, answers=PROHIBITED, phase="development")
    _submitted(system, editor)
    client.force_login(approver)
    response = client.post(_publish_url(system), {"confirm_open_findings": "on"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "AIA-05-01" in html
    page = client.get(_publish_url(system)).content.decode()
    assert "These findings stop the publication" in page
    assert f"/en/workspace/systems/{system.public_id}/sections/about/" in page


# --- In use: published with its findings ------------------------------------------------------


@pytest.mark.parametrize("phase", ["pilot", "production"])
def test_a_system_in_use_with_a_blocker_is_published_with_its_findings_frozen(
    agency, editor, approver, phase
):
    system = _submitted(complete_system(agency, editor, answers=HIGH_RISK, phase=phase), editor)
    version = publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    assert version.number == 1 and version.verify()
    block = version.record["compliance"]
    fria = next(f for f in block["findings"] if f["rule_id"] == "AIA-27-01")
    assert fria["severity"] == "blocker" and fria["status"] == "open"
    assert fria["citation"] == {"kk": "27(1)-бап", "ru": "ст. 27(1)", "en": "Art 27(1)"}
    assert fria["reference"]["en"].endswith(", Art 27(1)")
    assert fria["reference"]["kk"] == "ЕО-ның ЖИ туралы регламенті, 27(1)-бап"
    assert fria["reference"]["ru"] == "Регламент ЕС об ИИ, ст. 27(1)"
    assert fria["first_seen_on"] == timezone.localdate().isoformat()
    assert set(fria["title"]) == {"kk", "ru", "en"} and all(fria["title"].values())
    assert block["counts"]["blocker"] >= 1
    assert all("detail" not in f for f in block["findings"])
    assert version.snapshot["compliance"] == block
    VALIDATOR.validate(version.snapshot)

    page = _card_html(version.snapshot)
    assert "Compliance when it was published" in page
    assert "AIA-27-01" in page and "Open since" in page
    assert "requirement that must be met before a system is used was not met" in page


def test_a_prohibited_system_in_use_is_on_the_register_with_its_blocker(agency, editor, approver):
    system = _submitted(complete_system(agency, editor, answers=PROHIBITED), editor)
    version = publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    system.refresh_from_db()
    assert system.status == Status.PUBLISHED
    assert {"rule_id": "AIA-05-01", "severity": "blocker", "status": "open"}.items() <= next(
        f for f in version.snapshot["compliance"]["findings"] if f["rule_id"] == "AIA-05-01"
    ).items()


def test_a_retired_system_is_published_like_one_in_use(agency, editor, approver):
    system = complete_system(
        agency, editor, answers=PROHIBITED, phase="retired", first_used_on=dt.date(2024, 1, 1)
    )
    system = _submitted(system, editor)
    version = publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    assert "AIA-05-01" in [f["rule_id"] for f in version.record["compliance"]["findings"]]


@pytest.mark.parametrize(
    "blank, missing",
    [
        ({"explanation_route_kk": ""}, "How to get an explanation of a result (Kazakh)"),
        ({"explanation_route_ru": ""}, "How to get an explanation of a result (Russian)"),
        ({"contact_email": ""}, "A public contact"),
    ],
)
def test_a_system_in_use_with_incomplete_public_information_is_refused(
    client, agency, editor, approver, blank, missing
):
    system = _submitted(complete_system(agency, editor, answers=HIGH_RISK, **blank), editor)
    with pytest.raises(ValidationError) as excinfo:
        publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    assert excinfo.value.code == "public_information_incomplete"
    assert missing in excinfo.value.messages[0]
    system.refresh_from_db()
    assert system.status == Status.IN_REVIEW
    client.force_login(approver)
    page = client.get(_publish_url(system)).content.decode()
    assert "its public information is complete" in page and missing in page


def test_public_information_is_the_summary_contact_explanation_and_appeal_in_each_official_language(
    agency,
    editor,
):
    system = complete_system(agency, editor)
    assert workflow.public_information_gaps(system) == []
    for name in workflow.PUBLIC_TEXTS:
        for code in SUBMISSION_LANGUAGES:
            setattr(system, f"{name}_{code}", " ")
            assert len(workflow.public_information_gaps(system)) == 1
            setattr(system, f"{name}_{code}", "Text")
    system.explanation_route_en = ""
    assert workflow.public_information_gaps(system) == []


def test_the_phases_split_between_the_two_gates():
    gate = next(p for p in workflow.preconditions("publish") if p.name == "compliance_blockers")
    public = next(p for p in workflow.preconditions("publish") if p.name == "public_information")
    assert gate.phases == workflow.NOT_IN_USE_PHASES
    assert public.phases == workflow.IN_USE_PHASES
    assert gate.phases | public.phases == set(Phase.values)
    assert not gate.phases & public.phases


# --- The approver's confirmation --------------------------------------------------------------


def test_the_service_refuses_open_findings_that_are_not_confirmed(agency, editor, approver):
    system = _submitted(complete_system(agency, editor, answers=HIGH_RISK), editor)
    with pytest.raises(ValidationError) as excinfo:
        publication.system_publish(system=system, actor=approver)
    assert excinfo.value.code == "unconfirmed"
    system.refresh_from_db()
    assert system.status == Status.IN_REVIEW and system.published_version is None


def test_the_publish_page_lists_the_open_findings_and_needs_the_tick(
    client, agency, editor, approver, django_assert_max_num_queries
):
    from compliance.checks import check_systems

    system = _submitted(complete_system(agency, editor, answers=HIGH_RISK), editor)
    check_systems([system.pk], trigger="command")
    client.force_login(approver)
    with django_assert_max_num_queries(40):
        page = client.get(_publish_url(system)).content.decode()
    assert "The record has open compliance findings" in page
    assert "AIA-27-01" in page and "Blocker" in page and "Open since" in page
    assert 'name="confirm_open_findings"' in page

    refused = client.post(_publish_url(system))
    assert refused.status_code == 400
    assert "Confirm that you have read the open findings" in refused.content.decode()
    system.refresh_from_db()
    assert system.status == Status.IN_REVIEW

    done = client.post(_publish_url(system), {"confirm_open_findings": "on"})
    assert done.status_code == 302
    system.refresh_from_db()
    assert system.status == Status.PUBLISHED


def test_a_record_without_open_findings_needs_no_tick(client, agency, editor, approver):
    from compliance.models import Finding

    system = _submitted(complete_system(agency, editor), editor)
    with patch("compliance.checks.check_systems"):
        Finding.objects.filter(system=system).delete()
        client.force_login(approver)
        page = client.get(_publish_url(system)).content.decode()
        assert 'name="confirm_open_findings"' not in page
        assert client.post(_publish_url(system)).status_code == 302
    version = PublishedVersion.objects.get(system=system)
    assert version.snapshot["compliance"]["findings"] == []
    assert version.snapshot["compliance"]["counts"] == {
        "blocker": 0,
        "major": 0,
        "minor": 0,
        "waived": 0,
    }


# --- The frozen block -------------------------------------------------------------------------


def test_a_withheld_card_shows_only_the_counts_of_its_findings(agency, editor, approver):
    system = _submitted(complete_system(agency, editor, answers=HIGH_RISK), editor)
    version = publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    record = copy.deepcopy(version.record)
    record["fields"]["withholding"] = "restricted"
    card = build_card(record)
    assert set(card["compliance"]) == {"checked_at", "counts"}
    assert card["compliance"]["counts"] == version.record["compliance"]["counts"]
    VALIDATOR.validate(card)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate({**card, "compliance": version.snapshot["compliance"]})
    html = _card_html(card)
    assert "AIA-27-01" not in html
    assert "Which rules they concern is not public" in html


def test_a_waived_finding_is_frozen_as_waived(agency, editor, approver):
    from compliance.checks import check_systems
    from compliance.models import Finding
    from compliance.services import finding_waive

    system = complete_system(agency, editor, answers=HIGH_RISK)
    check_systems([system.pk], trigger="command")
    finding = Finding.objects.filter(system=system, severity="major", status="open").first()
    until = timezone.localdate() + dt.timedelta(days=30)
    finding_waive(finding=finding, actor=approver, reason="Contract signed", expires_on=until)
    system = _submitted(system, editor)
    version = publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    frozen = next(
        f for f in version.record["compliance"]["findings"] if f["rule_id"] == finding.rule_id
    )
    assert frozen["status"] == "waived" and frozen["waived_until"] == until.isoformat()
    assert "Contract signed" not in str(version.snapshot)
    assert version.record["compliance"]["counts"]["waived"] == 1


def test_each_version_freezes_its_own_findings_and_a_withdrawn_card_keeps_them(
    agency, editor, approver
):
    system = _submitted(complete_system(agency, editor, answers=HIGH_RISK), editor)
    first = publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    system.refresh_from_db()
    records.part_save(system=system, actor=editor, part="impact_assessments", data=_fria())
    system = _submitted(system, editor)
    second = publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    rules_of = lambda version: {f["rule_id"] for f in version.snapshot["compliance"]["findings"]}  # noqa: E731
    assert "AIA-27-01" in rules_of(first) and "AIA-27-01" not in rules_of(second)
    first.refresh_from_db()
    assert first.verify() and second.verify()

    system.refresh_from_db()
    withdrawn = publication.system_withdraw(system=system, actor=approver)
    second.refresh_from_db()
    assert second.verify() and withdrawn.published_version_id == second.pk
    page = _card_html(second.snapshot, withdrawn_at=withdrawn.withdrawn_at)
    assert "This record was withdrawn" in page and "Compliance when it was published" in page


def test_the_card_and_the_engine_agree_on_severities_and_references():
    from compliance.integration import frozen_reference
    from compliance.models import FindingStatus, Severity
    from compliance.rules import get_catalogue

    assert set(FindingSeverity.values) == set(Severity.values)
    assert set(FindingState.values) <= set(FindingStatus.values)
    schema = card_json_schema()["$defs"]["finding"]["properties"]
    assert set(schema["severity"]["enum"]) == set(FindingSeverity.values)
    assert set(schema["status"]["enum"]) == set(FindingState.values)
    rule = get_catalogue().get("AIA-27-01")
    frozen = frozen_reference(rule)
    assert frozen["citation"] == {"kk": "27(1)-бап", "ru": "ст. 27(1)", "en": "Art 27(1)"}
    assert frozen["reference"] == {code: rule.reference.text(code) for code in ("kk", "ru", "en")}


# --- The regulator is told --------------------------------------------------------------------


@pytest.fixture
def regulators(regulator):
    """Active regulators reading Russian, English and the default language, and one who left."""
    from django.contrib.auth.models import Group

    from register.permissions import REGULATOR_GROUP
    from tests.factories import UserFactory

    group = Group.objects.get(name=REGULATOR_GROUP)
    english = UserFactory(username="regulator-en")
    default = UserFactory(username="regulator-default")
    left = UserFactory(username="regulator-left", is_active=False)
    for user in (english, default, left):
        user.groups.add(group)
    Profile.objects.create(user=regulator, language="ru")
    Profile.objects.create(user=english, language="en")
    return [regulator, english, default, left]


def _mails_to(users):
    from register.models import OutgoingEmail

    addresses = {user.email for user in users}
    return list(OutgoingEmail.objects.filter(to_address__in=addresses).order_by("to_address"))


def test_the_regulators_are_told_of_a_publication_with_open_blockers(
    agency, editor, approver, regulators
):
    system = _submitted(complete_system(agency, editor, answers=HIGH_RISK), editor)
    publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    mails = _mails_to(regulators)
    assert sorted(m.to_address for m in mails) == sorted(u.email for u in regulators[:3])
    by_address = {m.to_address: m for m in mails}
    assert by_address[regulators[0].email].language == "ru"
    assert by_address[regulators[2].email].language == settings.LANGUAGE_CODE
    english = by_address[regulators[1].email]
    assert english.language == "en"
    assert english.subject == f"AI Register: {system.public_id} was published with open blockers"
    assert "AIA-27-01" in english.body and "open since" in english.body
    russian = by_address[regulators[0].email]
    assert "AIA-27-01" in russian.body and "(ст. 27(1))" in russian.body
    assert "Art 27" not in russian.body


def test_a_kazakh_regulator_is_told_in_kazakh_with_kazakh_references(
    agency, editor, approver, regulator
):
    from tests.register.test_no_english import english_on

    Profile.objects.create(user=regulator, language="kk")
    system = _submitted(complete_system(agency, editor, answers=HIGH_RISK), editor)
    publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    (mail,) = _mails_to([regulator])
    assert mail.language == "kk"
    assert "(27(1)-бап)" in mail.body
    assert "Art 27" not in mail.body
    assert english_on(f"<p>{mail.subject}</p><p>{mail.body}</p>", "kk") == []


@pytest.mark.parametrize(
    "language, citation", [("kk", "27(1)-бап"), ("ru", "ст. 27(1)"), ("en", "Art 27(1)")]
)
def test_the_cards_findings_cite_the_law_in_the_page_language(
    client, agency, editor, approver, language, citation
):
    system = _submitted(complete_system(agency, editor, answers=HIGH_RISK), editor)
    publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    client.force_login(editor)
    page = client.get(f"/{language}/workspace/systems/{system.public_id}/preview/")
    html = page.content.decode()
    assert f"AIA-27-01, {citation})" in html
    if language != "en":
        assert "Art 27" not in html


def test_the_regulators_are_told_less_urgently_of_other_open_findings(
    agency, editor, approver, regulators
):
    system = _submitted(complete_system(agency, editor), editor)
    version = publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    assert version.record["compliance"]["counts"]["blocker"] == 0
    mails = _mails_to(regulators)
    assert len(mails) == 3
    english = next(m for m in mails if m.language == "en")
    assert english.subject.endswith("was published with open findings")
    assert "open blockers" not in english.subject


def test_the_regulators_are_not_told_of_a_publication_without_open_findings(
    agency, editor, approver, regulators
):
    from compliance.models import Finding

    system = _submitted(complete_system(agency, editor), editor)
    with patch("compliance.checks.check_systems"):
        Finding.objects.filter(system=system).delete()
        publication.system_publish(system=system, actor=approver)
    assert _mails_to(regulators) == []


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


def test_a_finding_of_a_withdrawn_rule_is_frozen_in_the_cards_shape():
    import jsonschema
    from django.utils import timezone

    from compliance.integration import _frozen_finding
    from compliance.models import Finding
    from register.cards import card_json_schema

    now = timezone.now()
    finding = Finding(
        rule_id="XX-99-99", status="open", severity="minor", first_seen_at=now, last_seen_at=now
    )
    entry = _frozen_finding(finding)
    assert entry["title"] is None
    assert entry["reference"] == {"kk": "", "ru": "", "en": ""}
    schema = card_json_schema()
    jsonschema.validate(entry, {**schema["$defs"]["finding"], "$defs": schema["$defs"]})
