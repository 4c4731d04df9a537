"""The Atom feeds of public events: valid Atom, newest first, stable ids, per organisation and
per risk class, escaped text, withdrawn records, and nothing a reduced card hides."""

from __future__ import annotations

import datetime as dt
import html
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from portal import feeds
from register import workflow
from register.services import publication, records
from tests.factories import complete_system
from tests.portal.feeds_helpers import HIDDEN_MARKERS, restricted_system

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response) -> ET.Element:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 — the register's own answer
    assert root.tag == f"{ATOM}feed"
    return root


def entries(root: ET.Element) -> list[dict[str, object]]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "id": entry.findtext(f"{ATOM}id"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
            "categories": [c.get("term") for c in entry.findall(f"{ATOM}category")],
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def change(system, approver, publish, **data):  # type: ignore[no-untyped-def]
    from tests.conftest import system_editor

    records.system_update(
        system=system,
        actor=system_editor(system),
        data=data,
        expected_revision=system.revision,
    )
    system.refresh_from_db()
    return publish(system)


def test_the_register_feed_is_atom_with_an_entry_per_publication(client, published_system):
    root = parse(client.get("/en/feed/"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.findtext(f"{ATOM}id")
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/en/feed/")
    [entry] = entries(root)
    public_id = published_system.public_id
    assert entry["title"] == "Benefit assistant [en]: published"
    assert entry["link"].endswith(f"/en/systems/{public_id}/versions/1/")
    assert entry["id"].startswith("tag:") and entry["id"].endswith(f"{public_id}/versions/1")
    assert entry["summary"] == "<p>Answers questions [en]</p>"
    assert entry["author"] == published_system.organisation.name_en
    assert entry["categories"] == ["Minimal risk"]


def test_entries_are_in_the_language_of_the_address_and_ids_do_not_change(client, published_system):
    [kk] = entries(parse(client.get("/kk/feed/")))
    [en] = entries(parse(client.get("/en/feed/")))
    assert "Benefit assistant [kk]" in kk["title"]
    assert kk["id"] == en["id"]
    assert "/kk/systems/" in kk["link"]


def test_a_change_and_a_withdrawal_are_new_entries_newest_first(
    client, published_system, approver, publish
):
    system = change(published_system, approver, publish, name_en="Benefit assistant two")
    publication.system_withdraw(system=system, actor=approver)
    got = entries(parse(client.get("/en/feed/")))
    assert [e["title"] for e in got] == [
        "Benefit assistant two: withdrawn",
        "Benefit assistant two: changed (version 2)",
        "Benefit assistant [en]: published",
    ]
    assert got[0]["link"].endswith(f"/en/systems/{system.public_id}/")
    assert got[1]["link"].endswith("/versions/2/")
    updated = [dt.datetime.fromisoformat(e["updated"]) for e in got]
    assert updated == sorted(updated, reverse=True)
    assert len({e["id"] for e in got}) == 3


def test_the_organisation_feed_has_only_its_records(
    client, agency, editor, publish, other_agency, other_agency_editor, other_agency_approver
):
    mine = publish(complete_system(agency, editor, name_en="Mine"))
    theirs = complete_system(other_agency, other_agency_editor, name_en="Theirs")
    publication.system_submit(system=theirs, actor=other_agency_editor)
    publication.system_publish(
        system=theirs,
        actor=other_agency_approver,
        confirmed=workflow.confirmation_names("publish"),
    )
    got = entries(parse(client.get(f"/en/organisations/{agency.short_code}/feed/")))
    assert [e["title"] for e in got] == ["Mine: published"]
    assert mine.public_id in got[0]["link"]
    assert client.get("/en/organisations/no-such-body/feed/").status_code == 404


def test_the_class_feed_has_only_records_of_the_class(client, published_system):
    assert len(entries(parse(client.get("/en/feed/class/minimal/")))) == 1
    assert entries(parse(client.get("/en/feed/class/high/"))) == []
    assert client.get("/en/feed/class/unknown/").status_code == 404
    assert client.get("/en/feed/class/" + "x" * 5000 + "/").status_code == 404


def test_every_class_but_unclassified_has_a_feed(client):
    for risk_class in feeds.feed_risk_classes():
        assert client.get(f"/en/feed/class/{risk_class}/").status_code == 200
    assert "" not in feeds.feed_risk_classes()


def test_text_is_escaped_and_characters_xml_cannot_carry_are_dropped(
    client, agency, editor, publish
):
    publish(
        complete_system(
            agency,
            editor,
            name_en="<script>alert(1)</script> & co\x0b",
            summary_en="Line <b>one</b> & \x01two",
        )
    )
    response = client.get("/en/feed/")
    assert b"<script>" not in response.content
    assert b"\x0b" not in response.content and b"\x01" not in response.content
    [entry] = entries(parse(response))
    assert entry["title"] == "<script>alert(1)</script> & co: published"
    # The summary is declared HTML: a reader shows the card's text, never runs its markup.
    assert entry["summary"] == f"<p>{html.escape('Line <b>one</b> & two')}</p>"


def test_a_feed_holds_at_most_its_length_and_reads_a_fixed_number_of_queries(
    client, agency, editor, publish, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(feeds, "FEED_LENGTH", 3)
    for n in range(4):
        publish(complete_system(agency, editor, name_en=f"System {n}"))
    with django_assert_max_num_queries(2):
        got = entries(parse(client.get("/en/feed/")))
    assert len(got) == 3
    assert got[0]["title"] == "System 3: published"
    with django_assert_max_num_queries(3):
        parse(client.get(f"/en/organisations/{agency.short_code}/feed/"))


def test_a_draft_never_appears(client, agency, editor):
    complete_system(agency, editor, name_en="Secret draft")
    assert entries(parse(client.get("/en/feed/"))) == []


def test_a_restricted_record_shows_in_feeds_only_what_its_card_shows(
    client, agency, editor, approver, publish
):
    system = restricted_system(agency, editor, approver, publish)
    assert system.published_version.snapshot["withholding"] == "restricted"
    for url in (
        "/en/feed/",
        "/en/feed/class/minimal/",
        f"/en/organisations/{agency.short_code}/feed/",
    ):
        text = client.get(url).content.decode()
        assert "Benefit assistant [en]" in text
        for marker in (*HIDDEN_MARKERS.values(), "Applicants' data", "Wrong answer"):
            assert marker not in text, (url, marker)


def test_the_feed_is_cached_until_something_is_published(
    client, published_system, agency, editor, publish, django_capture_on_commit_callbacks
):
    assert len(entries(parse(client.get("/en/feed/")))) == 1
    assert len(entries(parse(client.get("/en/feed/")))) == 1
    with django_capture_on_commit_callbacks(execute=True):
        publish(complete_system(agency, editor, name_en="Another"))
    assert len(entries(parse(client.get("/en/feed/")))) == 2


def test_xml_text_keeps_tabs_and_newlines():
    assert feeds.xml_text("a\tb\nc\rd\x00e\x1f\ufffe") == "a\tb\nc\rde"


def test_a_withdrawal_uses_the_withdrawal_time(client, published_system, approver):
    before = timezone.now()
    publication.system_withdraw(system=published_system, actor=approver)
    first = entries(parse(client.get("/en/feed/")))[0]
    assert first["title"].endswith(": withdrawn")
    assert dt.datetime.fromisoformat(first["updated"]) >= before


def test_a_feed_answers_only_reads(client):
    assert client.post("/en/feed/").status_code == 405
    assert client.head("/en/feed/").status_code == 200
