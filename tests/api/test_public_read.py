"""The public read endpoints of /api/v1/: what they answer, to whom, how they filter and page,
what they never show, and what they refuse."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from register.models import PublicRecord, Withholding
from register.services import publication, records
from tests.factories import complete_system
from tests.portal.feeds_helpers import HIDDEN_MARKERS, restricted_system

pytestmark = pytest.mark.django_db

API = "/api/v1/"


def get(client, path: str, language: str = "en", **headers):  # type: ignore[no-untyped-def]
    return client.get(API + path, HTTP_ACCEPT_LANGUAGE=language, **headers)


def edit(system, actor, **data):  # type: ignore[no-untyped-def]
    system.refresh_from_db()
    return records.system_update(
        system=system, actor=actor, data=data, expected_revision=system.revision
    )


@pytest.fixture
def two_versions(published_system, editor, publish):  # type: ignore[no-untyped-def]
    edit(published_system, editor, summary_en="Answers questions about pensions")
    return publish(published_system)


# --- The index and the list ---------------------------------------------------------------------


def test_the_index_links_to_every_list(client):
    links = get(client, "").json()["links"]
    assert {"systems", "organisations", "statistics", "rules", "card_schema", "schema"} <= set(
        links
    )
    assert links["systems"].endswith("/api/v1/systems")


def test_the_list_gives_identifiers_dates_and_the_summary(client, published_system):
    body = get(client, "systems").json()
    assert body["next"] is None
    (item,) = body["results"]
    assert item["public_id"] == published_system.public_id
    assert item["url"].endswith(f"/en/systems/{published_system.public_id}/")
    assert item["organisation"]["code"] == published_system.organisation.short_code
    assert "bin" in item["organisation"]
    assert item["version"] == 1
    assert item["withdrawn"] is False
    assert item["name"]["en"]
    assert {"published_at", "updated_at", "summary", "risk_class"} <= set(item)


def test_drafts_and_records_in_review_are_never_listed(client, agency, editor, published_system):
    complete_system(agency, editor, name_en="A draft")
    submitted = complete_system(agency, editor, name_en="Submitted")
    publication.system_submit(system=submitted, actor=editor)
    ids = [item["public_id"] for item in get(client, "systems").json()["results"]]
    assert ids == [published_system.public_id]
    assert get(client, f"systems/{submitted.public_id}").status_code == 404


def test_the_list_filters_like_the_portal(client, agency, other_agency, editor, publish):
    from register.models import Membership
    from tests.factories import MembershipFactory

    mine = publish(complete_system(agency, editor))
    other_editor = MembershipFactory(organisation=other_agency, role=Membership.Role.EDITOR).user
    theirs = complete_system(other_agency, other_editor)
    from tests.conftest import system_editor  # noqa: F401

    publication.system_submit(system=theirs, actor=other_editor)
    approver = MembershipFactory(organisation=other_agency, role=Membership.Role.APPROVER).user
    from register import workflow

    publication.system_publish(
        system=theirs, actor=approver, confirmed=workflow.confirmation_names("publish")
    )
    code = agency.short_code
    ids = [i["public_id"] for i in get(client, f"systems?organisation={code}").json()["results"]]
    assert ids == [mine.public_id]
    expected = set(
        PublicRecord.objects.filter(risk_class=mine.public_record.risk_class).values_list(
            "system__public_id", flat=True
        )
    )
    risk = mine.public_record.risk_class or "none"
    found = {i["public_id"] for i in get(client, f"systems?risk={risk}").json()["results"]}
    assert found == expected


def test_q_searches_the_texts(client, agency, editor, publish):
    found = publish(complete_system(agency, editor, name_en="Pension calculator"))
    publish(complete_system(agency, editor, name_en="Road cameras"))
    ids = [i["public_id"] for i in get(client, "systems?q=pension").json()["results"]]
    assert ids == [found.public_id]


def test_updated_since_gives_what_changed_withdrawals_included(
    client, agency, editor, approver, publish
):
    old = publish(complete_system(agency, editor, name_en="Old"))
    PublicRecord.objects.filter(pk=old.pk).update(updated_at=timezone.now() - dt.timedelta(days=3))
    gone = publish(complete_system(agency, editor, name_en="Gone"))
    publication.system_withdraw(system=gone, actor=approver)
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    response = client.get(API + "systems", {"updated_since": since})
    items = response.json()["results"]
    assert [i["public_id"] for i in items] == [gone.public_id]
    assert items[0]["withdrawn"] is True


def test_ordering_and_cursor_pages_give_every_record_once(client, agency, editor, publish):
    made = [publish(complete_system(agency, editor, name_en=f"System {n}")) for n in range(5)]
    seen: list[str] = []
    url = API + "systems?ordering=updated_at&page_size=2"
    while url:
        body = client.get(url).json()
        assert len(body["results"]) <= 2
        seen += [item["public_id"] for item in body["results"]]
        url = body["next"]
    assert seen == [system.public_id for system in made]
    names = [i["name"]["en"] for i in get(client, "systems?ordering=name").json()["results"]]
    assert names == sorted(names, key=str.lower)


@pytest.mark.parametrize(
    "query",
    [
        "page_size=101",
        "page_size=0",
        "q=%00",
        "risk=catastrophic",
        "updated_since=yesterday",
        "ordering=colour",
        "cursor=bm9wZQ",
        "organisation=%2F%2F",
        "q=" + "x" * 201,
    ],
)
def test_bad_parameters_are_a_400_in_the_error_shape(client, query):
    response = client.get(API + "systems?" + query)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"]
    assert len(body["fields"]) == 1


@pytest.mark.parametrize(
    "since",
    [
        "0034-03-11T23:08:26-21:26",  # an offset ISO 8601 allows and PostgreSQL refuses
        "2026-01-01T00:00:00+23:59",
    ],
)
def test_a_time_with_any_offset_is_compared_in_utc(client, agency, editor, publish, since):
    system = publish(complete_system(agency, editor))
    response = client.get(API + "systems", {"updated_since": since})
    assert response.status_code == 200
    assert [i["public_id"] for i in response.json()["results"]] == [system.public_id]


def test_a_time_that_leaves_the_calendar_in_utc_is_a_400(client):
    response = client.get(API + "systems", {"updated_since": "0001-01-01T00:00:00+05:00"})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"updated_since"}


def test_a_cursor_with_an_offset_postgresql_refuses_is_read_in_utc(client, agency, editor, publish):
    import base64
    import json

    for _ in range(3):
        publish(complete_system(agency, editor))
    key = json.dumps(["-updated_at", "2999-03-11T23:08:26-21:26", 0]).encode()
    cursor = base64.urlsafe_b64encode(key).decode().rstrip("=")
    response = client.get(API + f"systems?ordering=-updated_at&cursor={cursor}")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


def test_errors_are_in_the_callers_language(client):
    ru = get(client, "systems?page_size=500", "ru").json()
    kk = get(client, "systems?page_size=500", "kk").json()
    en = get(client, "systems?page_size=500", "en").json()
    assert ru["fields"]["page_size"] != en["fields"]["page_size"]
    assert kk["fields"]["page_size"] != en["fields"]["page_size"]
    assert "100" in ru["fields"]["page_size"][0]


def test_a_cursor_of_another_order_is_refused(client, agency, editor, publish):
    for n in range(3):
        publish(complete_system(agency, editor, name_en=f"S{n}"))
    next_url = client.get(API + "systems?page_size=1").json()["next"]
    cursor = next_url.split("cursor=")[1]
    response = client.get(API + f"systems?ordering=name&cursor={cursor}")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"cursor"}


@pytest.mark.parametrize("count", [10, 100])
def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    from demo.bulk import seed_bulk

    seed_bulk(count, published_share=1.0)
    assert PublicRecord.objects.count() >= count
    for query in ("", "?page_size=100", "?q=system&ordering=relevance", "?ordering=name"):
        with django_assert_max_num_queries(2):
            assert client.get(API + "systems" + query).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(API + "organisations?page_size=100").status_code == 200


# --- A record, its versions and the comparison --------------------------------------------------


def test_the_detail_is_the_current_card(client, two_versions):
    body = get(client, f"systems/{two_versions.public_id}").json()
    assert body["version"] == 2
    assert body["card"]["summary"]["en"] == "Answers questions about pensions"
    assert body["card"] == two_versions.public_record.version.snapshot


def test_versions_version_and_diff(client, two_versions):
    public_id = two_versions.public_id
    versions = get(client, f"systems/{public_id}/versions").json()["results"]
    assert [(v["number"], v["current"]) for v in versions] == [(1, False), (2, True)]
    first = get(client, f"systems/{public_id}/versions/1").json()
    assert first["card"]["summary"]["en"] != "Answers questions about pensions"
    assert get(client, f"systems/{public_id}/versions/3").status_code == 404
    diff = get(client, f"systems/{public_id}/diff?from=1&to=2").json()
    (change,) = [c for c in diff["changes"] if c["path"] == ["summary"]]
    assert change["kind"] == "changed"
    assert change["after"]["en"] == "Answers questions about pensions"
    assert get(client, f"systems/{public_id}/diff?from=1&to=9").status_code == 400
    assert get(client, f"systems/{public_id}/diff?from=%00").status_code == 400


def test_a_restricted_record_shows_only_its_card(client, agency, editor, approver, publish):
    system = restricted_system(agency, editor, approver, publish)
    edit(system, editor, summary_en="Changed summary")
    publish(system)
    texts = [
        get(client, f"systems/{system.public_id}").content.decode(),
        get(client, "systems").content.decode(),
        get(client, f"systems/{system.public_id}/versions/1").content.decode(),
        get(client, f"systems/{system.public_id}/diff?from=1&to=2").content.decode(),
        get(client, "systems?q=MARKER").content.decode(),
    ]
    for text in texts:
        for marker in HIDDEN_MARKERS.values():
            assert marker not in text
    card = get(client, f"systems/{system.public_id}").json()["card"]
    assert card["withholding"] == Withholding.RESTRICTED
    assert "scope" not in card


def test_unknown_records_organisations_and_rules_are_404(client):
    for path in ("systems/KZ-AI-999999", "organisations/nobody", "rules/NOPE-1"):
        response = get(client, path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"


# --- Organisations, statistics, rules, the card schema ------------------------------------------


def test_organisations_have_identifiers_and_coverage(client, published_system):
    organisation = published_system.organisation
    items = get(client, "organisations").json()["results"]
    mine = next(i for i in items if i["code"] == organisation.short_code)
    assert mine["published"] == 1
    assert mine["bin"] == organisation.bin
    detail = get(client, f"organisations/{organisation.short_code}").json()
    assert detail["coverage"]["published"] == 1
    assert detail["coverage"]["withdrawn"] == 0
    assert get(client, "organisations?kind=spaceship").status_code == 400


def test_statistics_count_what_the_public_sees(client, published_system):
    body = get(client, "statistics").json()
    assert body["headline"]["current"] == 1
    assert set(body["facets"]) >= {"risk_class", "phase"}
    assert len(body["months"]) == 24


def test_rules_in_the_request_language(client):
    from compliance.rules import get_catalogue

    rule = get_catalogue().enabled()[0]
    en = get(client, "rules").json()
    assert en["catalogue_version"] == get_catalogue().version
    assert len(en["results"]) == len(get_catalogue().enabled())
    ru = get(client, f"rules/{rule.id}", "ru").json()
    assert ru["title"] == rule.text("title", "ru")
    assert ru["reference"]["confirmed"] == rule.reference.confirmed
    assert ru["reference"]["citation"] == rule.reference.citation


def test_the_card_schema_is_the_json_schema_file(client):
    from register.cards import card_json_schema

    assert get(client, "card-schema").json() == card_json_schema()


# --- Conditional requests, throttling, CORS -----------------------------------------------------


@pytest.mark.parametrize(
    "path", ["", "systems", "organisations", "statistics", "rules", "card-schema"]
)
def test_every_get_answers_304_to_a_current_copy(client, published_system, path):
    first = get(client, path)
    assert first["ETag"] and first["Last-Modified"]
    again = get(client, path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = get(client, path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert get(client, path, "ru", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_record_is_modified_by_a_new_version_and_the_list_by_a_publication(
    client, published_system, editor, publish, django_capture_on_commit_callbacks
):
    path = f"systems/{published_system.public_id}"
    etag, list_etag = get(client, path)["ETag"], get(client, "systems")["ETag"]
    assert get(client, path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    edit(published_system, editor, summary_en="New summary")
    with django_capture_on_commit_callbacks(execute=True):
        publish(published_system)
    assert get(client, path, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert get(client, "systems", HTTP_IF_NONE_MATCH=list_etag).status_code == 200


def test_a_304_of_a_list_costs_no_query(client, published_system, django_assert_num_queries):
    etag = get(client, "systems")["ETag"]
    with django_assert_num_queries(0):
        assert get(client, "systems", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_failed_if_match_is_a_412_in_the_error_shape(client, published_system):
    response = get(client, "systems", HTTP_IF_MATCH='"other"')
    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"


def test_anonymous_requests_are_throttled_with_retry_after(client, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "2/minute")
    assert get(client, "rules").status_code == 200
    assert get(client, "statistics").status_code == 200
    response = get(client, "systems")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"


def test_cors_is_open_on_public_endpoints_only(client):
    origin = {"HTTP_ORIGIN": "https://example.org"}
    assert get(client, "systems", **origin)["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/drafts", **origin)
    assert "Access-Control-Allow-Origin" not in client.get("/en/systems/", **origin)


@pytest.mark.parametrize("role", ["editor", "approver", "other_agency_editor", "regulator"])
def test_signed_in_users_read_the_same_public_answers(client, published_system, role, request):
    user = request.getfixturevalue(role)
    anonymous = get(client, f"systems/{published_system.public_id}").json()
    client.force_login(user)
    assert get(client, f"systems/{published_system.public_id}").json() == anonymous
    draft = complete_system(published_system.organisation, request.getfixturevalue("editor"))
    assert get(client, f"systems/{draft.public_id}").status_code == 404


def test_a_site_admin_sees_no_draft_either(client, site_admin, agency, editor):
    draft = complete_system(agency, editor)
    client.force_login(site_admin)
    assert get(client, f"systems/{draft.public_id}").status_code == 404
    assert get(client, "systems").json()["results"] == []


def test_an_address_no_route_matches_is_a_json_404(client):
    response = client.get("/api/v1/organisations/%C2%AD%C3%94")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"
    assert "<html" in client.get("/en/nowhere/").content.decode()


# --- The schema and the documentation page ------------------------------------------------------


def test_the_schema_describes_the_card_by_its_json_schema(client):
    schema = client.get(API + "schema?format=json").json()
    components = schema["components"]["schemas"]
    assert schema["openapi"].startswith("3.1")
    assert components["CardCurrent"]["properties"]["schema"] == {"const": "kz-ai-register/card/4"}
    assert {"Error", "CardText", "Card"} <= set(components)
    operation = schema["paths"]["/api/v1/systems"]["get"]
    assert operation["operationId"] == "systems_list"
    assert {"200", "304", "400", "412", "429"} <= set(operation["responses"])
    assert client.get(API + "schema").content.startswith(b"openapi:")


def test_the_docs_page_is_in_the_readers_language_with_local_assets_only(client):
    response = client.get(API + "docs", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    assert response["Location"] == "/ru/api-docs/"
    page = client.get("/en/api-docs/").content.decode()
    assert page.count("<h1") == 1
    assert "updated_since" in page
    import re

    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
    assert [url for url in external if "127.0.0.1" not in url and "localhost" not in url] == []
