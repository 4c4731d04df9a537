"""The agencies' draft API: access by token and scope, the organisation's records only,
If-Match, the same rules as the web forms, items, submission and the audit trail."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pghistory.models import Events

from api.drafts.serializers import schema_columns
from api.tokens.models import TokenScope
from register.models import AISystem, Risk, Status
from tests.factories import complete_system

pytestmark = pytest.mark.django_db

RISK_COLUMNS = schema_columns("risks")
NEW = {"name_en": "Queue forecaster", "name_ru": "Прогноз очередей", "phase": "pilot"}


@pytest.fixture
def writer(editor, agency, make_token, api_client):
    return api_client(make_token(editor, agency))


@pytest.fixture
def reader(editor, agency, make_token, api_client):
    return api_client(make_token(editor, agency, scope=TokenScope.READ))


@pytest.fixture
def draft(agency, editor):
    return complete_system(agency, editor)


def _url(name, system=None, **kwargs):
    if system is not None:
        kwargs["public_id"] = system.public_id
    return reverse(f"api:{name}", kwargs=kwargs or None)


def _etag(system):
    system.refresh_from_db()
    return f'"{system.revision}"'


# --- Authentication, scopes and the organisation ---------------------------------------------


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer kzai_nope", "Bearer a b", "Token x"])
def test_without_a_valid_token_every_endpoint_is_401(api_client, draft, header):
    client = api_client()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    for method, url in [
        ("get", _url("drafts")),
        ("post", _url("drafts")),
        ("get", _url("draft", draft)),
        ("patch", _url("draft", draft)),
        ("put", _url("draft_items", draft, part="risks")),
        ("post", _url("draft_submit", draft)),
    ]:
        response = getattr(client, method)(url, {}, format="json")
        assert response.status_code == 401, (method, url, header)
        assert response.json()["code"] in {"not_authenticated", "authentication_failed"}
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_a_session_does_not_authenticate_the_draft_api(client, editor, draft):
    client.force_login(editor)
    assert client.get(_url("drafts")).status_code == 401


def test_read_scope_reads_but_cannot_write(reader, draft):
    assert reader.get(_url("drafts")).status_code == 200
    assert reader.get(_url("draft", draft)).status_code == 200
    etag = _etag(draft)
    for response in [
        reader.post(_url("drafts"), NEW, format="json"),
        reader.patch(_url("draft", draft), {"name_en": "X"}, format="json", HTTP_IF_MATCH=etag),
        reader.put(
            _url("draft_items", draft, part="risks"),
            {"items": []},
            format="json",
            HTTP_IF_MATCH=etag,
        ),
        reader.post(_url("draft_submit", draft), HTTP_IF_MATCH=etag),
    ]:
        assert response.status_code == 403
        assert "write scope" in response.json()["message"]
    draft.refresh_from_db()
    assert draft.name_en != "X" and draft.status == Status.DRAFT


def test_write_scope_writes(writer, draft):
    response = writer.patch(
        _url("draft", draft), {"name_en": "Renamed"}, format="json", HTTP_IF_MATCH=_etag(draft)
    )
    assert response.status_code == 200, response.json()
    assert response.json()["record"]["name_en"] == "Renamed"


def test_another_organisations_token_finds_nothing_of_ours(
    other_agency_editor, other_agency, make_token, api_client, draft
):
    client = api_client(make_token(other_agency_editor, other_agency))
    assert client.get(_url("drafts")).json()["count"] == 0
    missing = _url("draft", None, public_id="KZ-AI-999999")
    for response in [
        client.get(_url("draft", draft)),
        client.patch(_url("draft", draft), {"name_en": "X"}, format="json", HTTP_IF_MATCH='"1"'),
        client.put(
            _url("draft_items", draft, part="risks"),
            {"items": []},
            format="json",
            HTTP_IF_MATCH='"1"',
        ),
        client.post(_url("draft_submit", draft), HTTP_IF_MATCH='"1"'),
    ]:
        assert response.status_code == 404
        # The same answer as for a record that does not exist.
        assert response.json() == client.get(missing).json()


def test_a_token_stops_working_when_its_person_leaves_the_organisation(
    editor, agency, make_token, api_client
):
    client = api_client(make_token(editor, agency))
    assert client.get(_url("drafts")).status_code == 200
    editor.memberships.all().delete()
    assert client.get(_url("drafts")).status_code == 401


# --- Reading ---------------------------------------------------------------------------------


def test_the_list_has_state_and_revision_in_a_fixed_number_of_queries(
    writer, agency, editor, django_assert_max_num_queries
):
    for _ in range(3):
        complete_system(agency, editor)
    with django_assert_max_num_queries(6):
        small = writer.get(_url("drafts"))
    for _ in range(4):
        complete_system(agency, editor)
    with django_assert_max_num_queries(6):
        large = writer.get(_url("drafts"))
    assert small.json()["count"] == 3 and large.json()["count"] == 7
    row = large.json()["results"][0]
    assert {"public_id", "status", "revision", "name_en"} <= set(row)


def test_the_list_is_paginated(writer, agency, editor, settings):
    settings.API_DRAFTS_PAGE_SIZE = 2
    for _ in range(3):
        complete_system(agency, editor)
    first = writer.get(_url("drafts")).json()
    assert len(first["results"]) == 2 and first["next"]
    assert len(writer.get(_url("drafts"), {"page": 2}).json()["results"]) == 1
    assert writer.get(_url("drafts"), {"page": "\x00"}).status_code == 404


def test_a_draft_has_its_revision_as_etag_and_every_part(writer, draft):
    response = writer.get(_url("draft", draft))
    assert response.headers["ETag"] == _etag(draft)
    body = response.json()
    assert body["revision"] == draft.revision and body["status"] == "draft"
    assert body["record"]["oversight"]["mode"] == "human_decides"
    assert len(body["record"]["parts"]["risks"]) == 1
    assert "id" in body["record"]["parts"]["risks"][0]


# --- Creating --------------------------------------------------------------------------------


def test_create_a_draft_with_nested_parts(writer, agency, editor):
    body = {
        **NEW,
        "oversight": {"mode": "human_decides"},
        "parts": {"risks": [{"name_en": "Wrong forecast", "likelihood": "low", "severity": "low"}]},
    }
    response = writer.post(_url("drafts"), body, format="json")
    assert response.status_code == 201, response.json()
    system = AISystem.objects.get(public_id=response.json()["public_id"])
    assert system.organisation == agency and system.status == Status.DRAFT
    assert system.created_by == editor
    assert system.risks.get().name_en == "Wrong forecast"
    assert response.headers["ETag"] == f'"{system.revision}"'


@pytest.mark.parametrize(
    "field", ["status", "organisation", "risk_class", "public_id", "revision", "published_version"]
)
def test_fields_the_web_forms_do_not_offer_are_refused(writer, field):
    response = writer.post(_url("drafts"), {**NEW, field: "x"}, format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not AISystem.objects.exists()


def test_an_invalid_choice_is_refused_as_the_web_form_refuses_it(writer, client, editor):
    response = writer.post(_url("drafts"), {**NEW, "phase": "someday"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["phase"]
    # The web form of the same section refuses the same value.
    client.force_login(editor)
    page = client.post(
        reverse("register:system_create"), {"name_en": "X", "phase": "someday", "language": "en"}
    )
    assert page.status_code == 200 and not AISystem.objects.exists()


def test_the_withholding_needs_an_approver_as_in_the_web(writer):
    response = writer.post(_url("drafts"), {**NEW, "withholding": "restricted"}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == (
        "Only an approver of the organisation can change what the public may see."
    )


def test_errors_follow_accept_language(writer):
    body = {**NEW, "withholding": "restricted"}
    english = writer.post(_url("drafts"), body, format="json").json()["message"]
    russian = writer.post(_url("drafts"), body, format="json", HTTP_ACCEPT_LANGUAGE="ru")
    assert russian.status_code == 400
    assert russian.json()["message"] != english
    assert any("а" <= char <= "я" for char in russian.json()["message"])


# --- If-Match --------------------------------------------------------------------------------


def test_a_change_without_if_match_is_428(writer, draft):
    response = writer.patch(_url("draft", draft), {"name_en": "X"}, format="json")
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"


@pytest.mark.parametrize("value", ["*", '"abc"', '"1.5"', '"١"'])
def test_an_if_match_that_is_no_revision_is_400(writer, draft, value):
    response = writer.patch(
        _url("draft", draft), {"name_en": "X"}, format="json", HTTP_IF_MATCH=value
    )
    assert response.status_code == 400


def test_a_stale_revision_is_412_and_changes_nothing(writer, draft):
    stale = _etag(draft)
    writer.patch(_url("draft", draft), {"name_en": "First"}, format="json", HTTP_IF_MATCH=stale)
    response = writer.patch(
        _url("draft", draft), {"summary_en": "Second"}, format="json", HTTP_IF_MATCH=stale
    )
    assert response.status_code == 412
    assert response.headers["ETag"] == _etag(draft)
    draft.refresh_from_db()
    assert draft.name_en == "First" and draft.summary_en != "Second"


def test_patch_changes_the_oversight_too(writer, draft):
    response = writer.patch(
        _url("draft", draft),
        {"oversight": {"people_count": 4}},
        format="json",
        HTTP_IF_MATCH=_etag(draft),
    )
    assert response.status_code == 200, response.json()
    assert response.json()["record"]["oversight"]["people_count"] == 4


# --- Items -----------------------------------------------------------------------------------


def test_put_replaces_every_item_of_a_part(writer, draft):
    items = [
        {"name_en": "Bias", "likelihood": "medium", "severity": "high", "mitigation_en": "Audit"},
        {"name_en": "Outage", "likelihood": "low", "severity": "low"},
    ]
    response = writer.put(
        _url("draft_items", draft, part="risks"),
        {"items": items},
        format="json",
        HTTP_IF_MATCH=_etag(draft),
    )
    assert response.status_code == 200, response.json()
    assert sorted(Risk.objects.filter(system=draft).values_list("name_en", flat=True)) == [
        "Bias",
        "Outage",
    ]
    assert response.headers["ETag"] == _etag(draft)


def test_an_invalid_item_replaces_nothing(writer, draft):
    before = list(Risk.objects.filter(system=draft).values_list("pk", flat=True))
    items = [{"name_en": "Fine", "likelihood": "low", "severity": "low"}, {"likelihood": "never"}]
    response = writer.put(
        _url("draft_items", draft, part="risks"),
        {"items": items},
        format="json",
        HTTP_IF_MATCH=_etag(draft),
    )
    assert response.status_code == 400
    assert "items.1.likelihood" in response.json()["fields"]
    assert list(Risk.objects.filter(system=draft).values_list("pk", flat=True)) == before


def test_an_empty_item_is_refused_as_in_the_web(writer, draft):
    response = writer.put(
        _url("draft_items", draft, part="risks"),
        {"items": [{}]},
        format="json",
        HTTP_IF_MATCH=_etag(draft),
    )
    assert response.status_code == 400
    assert response.json()["fields"]["items.0"] == [
        "An item needs at least one of its required fields filled in."
    ]


def test_an_unknown_part_is_404(writer, draft):
    response = writer.put(
        _url("draft_items", draft, part="oversight"),
        {"items": []},
        format="json",
        HTTP_IF_MATCH=_etag(draft),
    )
    assert response.status_code == 404


# --- Submitting ------------------------------------------------------------------------------


def test_submit_sends_a_complete_draft_for_review(writer, draft, editor):
    response = writer.post(_url("draft_submit", draft), HTTP_IF_MATCH=_etag(draft))
    assert response.status_code == 200, response.json()
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW and draft.submitted_by == editor
    # In review, nothing changes until an approver returns or publishes it (in the web).
    response = writer.patch(
        _url("draft", draft), {"name_en": "X"}, format="json", HTTP_IF_MATCH=_etag(draft)
    )
    assert response.status_code == 400 and response.json()["code"] == "not_editable"


def test_an_incomplete_draft_is_refused_with_the_webs_message(writer, client, editor):
    created = writer.post(_url("drafts"), NEW, format="json").json()
    system = AISystem.objects.get(public_id=created["public_id"])
    response = writer.post(_url("draft_submit", system), HTTP_IF_MATCH=_etag(system))
    assert response.status_code == 400
    assert response.json()["code"] == "incomplete"
    client.force_login(editor)
    page = client.post(reverse("register:workflow", args=[system.public_id, "submit"]))
    assert response.json()["message"] in page.content.decode()
    system.refresh_from_db()
    assert system.status == Status.DRAFT


# --- Audit trail -----------------------------------------------------------------------------


def test_writes_are_in_the_audit_trail_with_the_tokens_person(writer, draft, editor):
    writer.patch(
        _url("draft", draft), {"name_en": "Audited"}, format="json", HTTP_IF_MATCH=_etag(draft)
    )
    writer.put(
        _url("draft_items", draft, part="risks"),
        {"items": [dict(draft.risks.values(*RISK_COLUMNS).get())]},
        format="json",
        HTTP_IF_MATCH=_etag(draft),
    )
    assert writer.post(_url("draft_submit", draft), HTTP_IF_MATCH=_etag(draft)).status_code == 200
    actions = {
        event.pgh_context["action"]
        for event in Events.objects.references(draft).filter(pgh_context__user=editor.pk)
    }
    assert {"system.update", "risks.delete", "risks.save", "system.submit"} <= actions


# --- Limits ----------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_413(writer, settings):
    settings.API_MAX_BODY_BYTES = 2048
    response = writer.post(_url("drafts"), {"name_en": "x" * 5000}, format="json")
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


def test_requests_are_throttled_per_token(writer, settings, editor, agency, make_token, api_client):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "token": "2/minute"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        assert writer.get(_url("drafts")).status_code == 200
        assert writer.get(_url("drafts")).status_code == 200
        throttled = writer.get(_url("drafts"))
        assert throttled.status_code == 429
        assert int(throttled.headers["Retry-After"]) > 0
        assert throttled.json()["code"] == "throttled"
        # Another token of the same person has its own allowance.
        assert api_client(make_token(editor, agency)).get(_url("drafts")).status_code == 200
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original


# --- The OpenAPI schema ----------------------------------------------------------------------


def test_every_draft_operation_is_documented_with_its_errors_and_the_token_scheme():
    from django.utils import translation
    from drf_spectacular.generators import SchemaGenerator

    with translation.override("en"):
        document = SchemaGenerator().get_schema(request=None, public=True)
    assert document["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
    operations = {
        ("/api/v1/drafts", "get"): {"200", "401", "429"},
        ("/api/v1/drafts", "post"): {"201", "400", "401", "403", "413", "429"},
        ("/api/v1/drafts/{public_id}", "get"): {"200", "401", "404"},
        ("/api/v1/drafts/{public_id}", "patch"): {"200", "400", "403", "404", "412", "428"},
        ("/api/v1/drafts/{public_id}/items/{part}", "put"): {"200", "400", "412", "428"},
        ("/api/v1/drafts/{public_id}/submit", "post"): {"200", "400", "412", "428"},
    }
    for (path, method), codes in operations.items():
        operation = document["paths"][path][method]
        assert codes <= set(operation["responses"]), (path, method)
        assert operation["security"] == [{"apiToken": []}]
    assert (
        "four eyes" in document["paths"]["/api/v1/drafts/{public_id}/submit"]["post"]["description"]
    )
