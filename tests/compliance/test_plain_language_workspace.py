"""The plain-language assistant in the workspace: hints next to the fields after a save, minor
findings that the approver sees and that never stop publication, and the jargon list that site
administrators keep in the admin."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from compliance.models import Finding, FindingStatus, JargonPhrase, PlainLanguageReview
from compliance.plain_language.services import review_refresh
from register.models import AISystem, Status
from register.services import publication, records
from tests.compliance.test_plain_language_texts import JARGON, LONG
from tests.factories import complete_system

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("annex_iii_in_force")]


def _base(system):
    return f"/en/workspace/systems/{system.public_id}/"


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post as ``user`` and run what the commit schedules (the review and the check)."""

    def post(user, path, data):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data)

    return post


def _save_about(post, editor, system, **texts):
    response = post(
        editor,
        _base(system) + "sections/about/?language=en",
        {
            "revision": system.revision,
            "name_en": system.name_en,
            "phase": system.phase,
            "application_area": system.application_area,
            "techniques": system.techniques,
            **texts,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_hints_appear_next_to_the_field_after_a_save(client, post, agency, editor):
    system = complete_system(agency, editor)
    _save_about(post, editor, system, summary_en=LONG["en"])

    page = client.get(_base(system) + "sections/about/?language=en").content.decode()
    assert 'id="id_summary_en_plain"' in page
    assert "Plain-language suggestions" in page
    assert escape("words (aim for 25 at most)") in page
    # Hints on the English text are not shown on the Russian form.
    in_russian = client.get(_base(system) + "sections/about/?language=ru").content.decode()
    assert 'id="id_summary_ru_plain"' not in in_russian


def test_a_text_in_plain_language_gets_no_hint(client, post, agency, editor):
    system = complete_system(agency, editor)
    _save_about(post, editor, system, summary_en="The bot answers questions. A person decides.")
    page = client.get(_base(system) + "sections/about/?language=en").content.decode()
    assert "Plain-language suggestions" not in page
    assert PlainLanguageReview.objects.get(system=system).hints == []


@pytest.fixture
def update(django_capture_on_commit_callbacks):
    """Save through the service, as every surface does, and run what the commit schedules."""

    def update(system, actor, **data):
        with django_capture_on_commit_callbacks(execute=True):
            records.system_update(
                system=system, actor=actor, data=data, expected_revision=system.revision
            )

    return update


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_jargon_is_flagged_on_the_form_of_its_language(client, update, agency, editor, language):
    system = complete_system(agency, editor)
    sentence, phrase = JARGON[language]
    update(system, editor, **{f"appeal_route_{language}": sentence})
    client.force_login(editor)
    html = client.get(_base(system) + f"sections/oversight/?language={language}").content.decode()
    assert f'id="id_appeal_route_{language}_plain"' in html
    assert escape(phrase) in html
    others = [code for code in ("kk", "ru", "en") if code != language]
    assert not any(f'id="id_appeal_route_{code}_plain"' in html for code in others)


def test_a_malformed_phone_number_is_flagged_on_the_ownership_form(client, update, agency, editor):
    system = complete_system(agency, editor)
    update(system, editor, contact_phone="+7 12")
    client.force_login(editor)
    page = client.get(_base(system) + "sections/ownership/?language=en").content.decode()
    assert 'id="id_contact_phone_plain"' in page
    assert "does not look like a phone number" in page
    finding = Finding.objects.get(system=system, rule_id="KZ-PLN-04")
    assert finding.severity == "minor"
    assert finding.detail == {"hints": 1, "fields": ["contact_phone"], "codes": ["phone"]}


@pytest.mark.parametrize("phase", ["design", "production"])
def test_the_approver_sees_the_minor_finding_and_publishes_anyway(
    client, post, agency, editor, approver, phase
):
    system = complete_system(agency, editor, phase=phase)
    _save_about(post, editor, system, summary_en=LONG["en"])
    finding = Finding.objects.get(system=system, rule_id="KZ-PLN-01")
    assert (finding.status, finding.severity) == (FindingStatus.OPEN, "minor")

    publication.system_submit(system=AISystem.objects.get(pk=system.pk), actor=editor)
    client.force_login(approver)
    page = client.get(_base(system) + "publish/").content.decode()
    assert "KZ-PLN-01" in page
    assert "The summary is in plain language and its links and contacts work" in page
    assert "These findings stop the publication" not in page

    done = post(approver, _base(system) + "publish/", {"confirm_open_findings": "on"})
    assert done.status_code == 302
    system.refresh_from_db()
    assert system.status == Status.PUBLISHED
    frozen = {f["rule_id"]: f for f in system.published_version.snapshot["compliance"]["findings"]}
    assert frozen["KZ-PLN-01"]["severity"] == "minor"


def test_every_plain_language_rule_is_minor():
    from compliance.rules import get_catalogue

    rules = [rule for rule in get_catalogue() if rule.family == "plain_language"]
    assert rules and {rule.severity for rule in rules} == {"minor"}


# --- The jargon list in the admin -----------------------------------------------------------


def test_site_admin_adds_a_phrase_and_the_next_review_flags_it(client, site_admin, agency, editor):
    from pghistory.models import Events

    client.force_login(site_admin)
    response = client.post(
        "/en/admin/compliance/jargonphrase/add/",
        {
            "language": "en",
            "phrase": "  going   forward ",
            "suggestion": "from now on",
            "active": "on",
        },
    )
    assert response.status_code == 302
    phrase = JargonPhrase.objects.get(language="en", phrase="going forward")
    event = Events.objects.tracks(phrase).get()
    assert event.pgh_context["action"] == "plain_language.jargon_save"
    assert event.pgh_context["user"] == site_admin.pk

    system = complete_system(agency, editor, summary_en="Going forward, the bot answers.")
    review_refresh(system_id=system.pk)
    codes = [(h["field"], h["code"], h.get("phrase")) for h in _hints(system)]
    assert ("summary", "jargon", "going forward") in codes


def test_site_admin_switches_off_and_deletes_phrases(client, site_admin, agency, editor):
    phrase = JargonPhrase.objects.get(language="ru", phrase="осуществляется")
    client.force_login(site_admin)
    changed = client.post(
        f"/en/admin/compliance/jargonphrase/{phrase.pk}/change/",
        {"language": "ru", "phrase": phrase.phrase, "suggestion": phrase.suggestion},
    )
    assert changed.status_code == 302
    phrase.refresh_from_db()
    assert phrase.active is False

    system = complete_system(agency, editor, summary_ru=JARGON["ru"][0])
    review_refresh(system_id=system.pk)
    assert "осуществляется" not in [h.get("phrase") for h in _hints(system)]

    listing = "/en/admin/compliance/jargonphrase/"
    client.post(
        listing,
        {"action": "delete_selected_phrases", "_selected_action": [phrase.pk], "index": 0},
    )
    assert not JargonPhrase.objects.filter(pk=phrase.pk).exists()
    assert client.get(listing, {"q": "в целях"}).status_code == 200


def test_the_seeded_list_holds_fifteen_phrases_per_language():
    counts = {
        code: JargonPhrase.objects.filter(language=code).count() for code in ("kk", "ru", "en")
    }
    assert counts == {"kk": 15, "ru": 15, "en": 15}


def test_link_checks_are_read_only_in_the_admin(client, site_admin):
    client.force_login(site_admin)
    assert client.get("/en/admin/compliance/linkcheck/").status_code == 200
    assert client.get("/en/admin/compliance/linkcheck/add/").status_code == 403


def _hints(system):
    return PlainLanguageReview.objects.get(system=system).hints
