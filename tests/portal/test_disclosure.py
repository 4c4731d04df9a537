"""The disclosure kit: the notice and its HTML, the JSON for agencies' sites, the poster with
its QR code, what a withdrawn or restricted record's kit says, and the workspace panel."""

from __future__ import annotations

import html
import json

import pytest
import segno
from django.utils import translation

from portal import disclosure
from register.services import publication
from tests.factories import complete_system
from tests.portal.feeds_helpers import HIDDEN_MARKERS, restricted_system

pytestmark = pytest.mark.django_db

KIT = ("notice/", "notice.json", "poster/")


def kit(client, system, which: str, language: str = "en", query: str = ""):  # type: ignore[no-untyped-def]
    return client.get(f"/{language}/systems/{system.public_id}/{which}{query}")


def test_the_notice_shows_the_card_facts_and_its_html_to_copy(client, published_system, settings):
    settings.SITE_URL = "https://register.example.gov.kz"
    response = kit(client, published_system, "notice/")
    assert response.status_code == 200
    page = response.content.decode()
    card = f"https://register.example.gov.kz/en/systems/{published_system.public_id}/"
    assert page.count("<h1") == 1
    assert "This service uses an AI system" in page
    assert "Answers questions [en]" in page and "Head of department [en]" in page
    assert "Write to the ministry [en]" in page
    assert f'<a class="ai-register-notice__link" href="{card}">' in page
    # The source to copy is the same notice, escaped into the text area, with no script.
    source = page.split('id="notice-source"', 1)[1].split("</textarea>", 1)[0]
    assert html.escape(f'href="{card}"', quote=True) in source
    assert "<script" not in html.unescape(source)
    assert ".ai-register-notice {" in page  # the style sheet to copy
    assert response["Cache-Control"].startswith("public") or "public" in response["Cache-Control"]


def test_the_notice_in_one_or_all_languages(client, published_system):
    one = kit(client, published_system, "notice/", query="?lang=kk").content.decode()
    assert 'lang="kk"' in one and "Answers questions [kk]" in one
    assert "Answers questions [ru]" not in one
    every = kit(client, published_system, "notice/", query="?lang=all").content.decode()
    for code in ("kk", "ru", "en"):
        assert f"Answers questions [{code}]" in every


@pytest.mark.parametrize("query", ["?lang=xx", "?lang=%00", "?lang=" + "k" * 10000])
def test_an_unknown_language_is_a_client_error_with_the_form(client, published_system, query):
    response = kit(client, published_system, "notice/", query=query)
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()


def test_record_text_is_escaped_everywhere(client, agency, editor, publish):
    system = publish(
        complete_system(agency, editor, name_en="<script>x</script>", owner_role_en="A & <b>")
    )
    for which in ("notice/", "poster/?english=on"):
        page = kit(client, system, which).content.decode()
        assert "<script>x</script>" not in page
        assert "&lt;script&gt;x&lt;/script&gt;" in page
        assert "A &amp; &lt;b&gt;" in page
    data = json.loads(kit(client, system, "notice.json").content)
    assert data["name"]["en"] == "<script>x</script>"


def test_the_json_has_the_same_facts_in_every_language_and_may_be_read_by_any_site(
    client, published_system, settings, django_assert_max_num_queries
):
    settings.SITE_URL = "https://register.example.gov.kz"
    with django_assert_max_num_queries(1):
        response = kit(client, published_system, "notice.json", language="kk")
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    public_id = published_system.public_id
    assert data["public_id"] == public_id and data["version"] == 1
    assert data["withdrawn"] is False and data["reduced_card"] is False
    assert data["card_url"] == f"https://register.example.gov.kz/systems/{public_id}/"
    for code in ("kk", "ru", "en"):
        assert data["name"][code] == f"Benefit assistant [{code}]"
        assert data["what_it_does"][code] == f"Answers questions [{code}]"
        assert data["responsible"][code] == f"Head of department [{code}]"
        assert data["human_review"]["how"][code] == f"Write to the ministry [{code}]"
        assert data["card_urls"][code].endswith(f"/{code}/systems/{public_id}/")
        assert data["card_urls"][code] in data["notice"][code]
    assert data["contact"]["email"] == "ai@example.gov.kz"
    assert data["organisation"]["code"] == published_system.organisation.short_code


def test_the_poster_has_kazakh_and_russian_and_the_qr_code_of_the_card(
    client, published_system, settings
):
    settings.SITE_URL = "https://register.example.gov.kz"
    page = kit(client, published_system, "poster/").content.decode()
    assert page.count("<h1") == 1
    assert 'lang="kk"' in page and 'lang="ru"' in page
    assert "Answers questions [kk]" in page and "Answers questions [ru]" in page
    assert "Answers questions [en]" not in page.split("<h1", 1)[1]
    url = f"https://register.example.gov.kz/systems/{published_system.public_id}/"
    expected = segno.make(url, error="m").svg_inline(
        scale=4, omitsize=True, svgclass="app-qr", title="QR code of the card's address"
    )
    assert expected.split("<path", 1)[1] in page  # the same matrix: the card's address
    assert "<svg" in page and "<script" not in page.split("<main", 1)[1].split("</main>")[0]
    assert url in page
    english = kit(client, published_system, "poster/", query="?english=on").content.decode()
    assert "Answers questions [en]" in english


def test_a_withdrawn_systems_kit_says_it_is_no_longer_used(client, published_system, approver):
    publication.system_withdraw(system=published_system, actor=approver)
    notice = kit(client, published_system, "notice/").content.decode()
    assert "This service no longer uses an AI system" in notice
    assert "It was withdrawn on" in notice
    poster = kit(client, published_system, "poster/").content.decode()
    for code in ("kk", "ru"):  # the poster is in the state and the official language
        with translation.override(code):
            assert translation.gettext("This service no longer uses an AI system") in poster
    data = json.loads(kit(client, published_system, "notice.json").content)
    assert data["withdrawn"] is True and data["withdrawn_at"]
    assert "no longer uses" in data["notice"]["en"]


def test_the_kit_follows_the_current_version(client, published_system, approver, publish):
    from register.services import records
    from tests.conftest import system_editor

    records.system_update(
        system=published_system,
        actor=system_editor(published_system),
        data={"summary_en": "Now answers more"},
        expected_revision=published_system.revision,
    )
    # The working copy is not public.
    assert "Now answers more" not in kit(client, published_system, "notice/").content.decode()
    published_system.refresh_from_db()
    publish(published_system)
    data = json.loads(kit(client, published_system, "notice.json").content)
    assert data["version"] == 2 and data["what_it_does"]["en"] == "Now answers more"


def test_a_restricted_systems_kit_shows_only_the_reduced_card(
    client, agency, editor, approver, publish
):
    system = restricted_system(agency, editor, approver, publish)
    for which in ("notice/?lang=all", "notice.json", "poster/?english=on"):
        text = kit(client, system, which).content.decode()
        assert "Benefit assistant [en]" in text, which
        for marker in (*HIDDEN_MARKERS.values(), "Applicants' data", "Wrong answer"):
            assert marker not in text, (which, marker)
    assert json.loads(kit(client, system, "notice.json").content)["reduced_card"] is True


@pytest.mark.parametrize("which", KIT)
def test_a_draft_or_unknown_record_has_no_kit(client, agency, editor, which):
    draft = complete_system(agency, editor)
    assert kit(client, draft, which).status_code == 404
    assert client.get(f"/en/systems/KZ-AI-999999/{which}").status_code == 404


@pytest.mark.parametrize("which", ["notice/", "poster/"])
def test_kit_pages_read_a_fixed_number_of_queries(
    client, published_system, which, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        assert kit(client, published_system, which).status_code == 200


def test_the_task_list_offers_the_kit_only_for_a_record_with_a_public_version(
    client, agency, editor, published_system
):
    client.force_login(editor)
    draft = complete_system(agency, editor)
    page = client.get(f"/en/workspace/systems/{draft.public_id}/").content.decode()
    assert "Tell people that this service uses AI" not in page
    page = client.get(f"/en/workspace/systems/{published_system.public_id}/").content.decode()
    assert "Tell people that this service uses AI" in page
    for which in KIT:
        assert f'href="/en/systems/{published_system.public_id}/{which}"' in page


def test_the_notice_style_sheet_is_the_one_the_portal_serves():
    css = disclosure.notice_css()
    assert css.startswith(f".{disclosure.NOTICE_CLASS} {{")
    selectors = [line for line in css.splitlines() if line.endswith("{")]
    assert all(line.startswith(f".{disclosure.NOTICE_CLASS}") for line in selectors)
