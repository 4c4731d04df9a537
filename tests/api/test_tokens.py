"""Personal API tokens: stored hashed, shown once, expiring, revocable, their last use
recorded, and the workspace's token pages for every role."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from knox.crypto import hash_token
from pghistory.models import Events

from api.tokens.models import ApiToken, TokenScope
from api.tokens.services import token_create, token_revoke

pytestmark = pytest.mark.django_db

TOKENS = "/en/workspace/tokens/"


def _create(user, organisation, **fields):
    return token_create(
        user=user,
        organisation=organisation,
        **{"name": "Sync", "scope": TokenScope.READ, "days": 30, **fields},
    )


# --- The service -----------------------------------------------------------------------------


def test_only_a_digest_of_the_secret_is_stored(editor, agency):
    token, secret = _create(editor, agency)
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("kzai_") and len(secret) > 60
    assert stored.digest == hash_token(secret) and secret not in stored.digest
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())


def test_a_token_expires_when_its_owner_chose(editor, agency, settings, api_client):
    token, secret = _create(editor, agency, days=7)
    assert abs(token.expiry - (timezone.now() + datetime.timedelta(days=7))) < datetime.timedelta(
        minutes=1
    )
    ApiToken.objects.filter(pk=token.pk).update(
        expiry=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = api_client(secret).get(reverse("api:drafts"))
    assert response.status_code == 401
    # An expired token stays listed (knox itself would delete it).
    assert ApiToken.objects.filter(pk=token.pk).exists()


@pytest.mark.parametrize("days", [0, -1, 366])
def test_the_expiry_is_bounded(editor, agency, days):
    with pytest.raises(ValidationError) as error:
        _create(editor, agency, days=days)
    assert error.value.message_dict["days"]
    assert not ApiToken.objects.exists()


def test_a_person_has_a_bounded_number_of_live_tokens(editor, agency, settings):
    settings.API_TOKENS_PER_USER = 2
    _create(editor, agency)
    second, _secret = _create(editor, agency)
    with pytest.raises(ValidationError):
        _create(editor, agency)
    token_revoke(token=second, actor=editor)
    _create(editor, agency)


def test_only_an_editor_or_approver_of_the_organisation_gets_a_token(
    editor, approver, agency, other_agency, regulator, site_admin
):
    _create(editor, agency)
    _create(approver, agency)
    for user, organisation in [(editor, other_agency), (regulator, agency), (site_admin, agency)]:
        with pytest.raises(PermissionDenied):
            _create(user, organisation)


def test_a_revoked_token_no_longer_works(editor, agency, api_client):
    token, secret = _create(editor, agency)
    client = api_client(secret)
    assert client.get(reverse("api:drafts")).status_code == 200
    token_revoke(token=token, actor=editor)
    assert client.get(reverse("api:drafts")).status_code == 401


def test_only_its_owner_revokes_a_token(editor, approver, agency):
    token, _secret = _create(editor, agency)
    with pytest.raises(PermissionDenied):
        token_revoke(token=token, actor=approver)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_last_use_is_recorded_at_most_once_a_minute(editor, agency, api_client, settings):
    token, secret = _create(editor, agency)
    assert token.last_used_at is None
    api_client(secret).get(reverse("api:drafts"))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    api_client(secret).get(reverse("api:drafts"))
    token.refresh_from_db()
    assert token.last_used_at == first
    settings.API_TOKEN_LAST_USE_INTERVAL = 0
    api_client(secret).get(reverse("api:drafts"))
    token.refresh_from_db()
    assert token.last_used_at > first


def test_creation_and_revocation_are_in_the_audit_trail_but_uses_are_not(
    editor, agency, api_client
):
    token, secret = _create(editor, agency)
    api_client(secret).get(reverse("api:drafts"))
    token_revoke(token=token, actor=editor)
    events = Events.objects.references(token).order_by("pgh_created_at")
    assert [(e.pgh_label, e.pgh_context["action"], e.pgh_context["user"]) for e in events] == [
        ("insert", "api_token.create", editor.pk),
        ("update", "api_token.revoke", editor.pk),
    ]
    assert all("digest" not in e.pgh_data for e in events)


def test_a_deactivated_person_s_token_stops_working(editor, agency, api_client):
    _token, secret = _create(editor, agency)
    editor.is_active = False
    editor.save()
    assert api_client(secret).get(reverse("api:drafts")).status_code == 401


@pytest.mark.parametrize(
    "header", ["Bearer " + "f" * 500, "Bearer kzai_\u00e9\u00e9", "Bearer kzai_\x7f"]
)
def test_a_malformed_token_is_401_not_an_error(api_client, header, db):
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get(reverse("api:drafts")).status_code == 401


# --- The workspace pages ---------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_sign_in(citizen):
    response = citizen.get(TOKENS)
    assert response.status_code == 302 and "/accounts/login/" in response.headers["Location"]


@pytest.mark.parametrize("role", ["regulator", "site_admin"])
def test_people_without_an_editor_or_approver_role_are_refused(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(TOKENS).status_code == 403
    assert client.post(TOKENS, {"name": "x"}).status_code == 403


@pytest.mark.parametrize(
    "role", ["editor", "approver", "other_agency_editor", "other_agency_approver"]
)
def test_members_see_the_page(client, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(TOKENS)
    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


def test_the_secret_is_shown_once_after_creation(client, editor, agency, api_client):
    client.force_login(editor)
    response = client.post(
        TOKENS, {"name": "Sync <script>", "organisation": agency.pk, "scope": "write", "days": "30"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    secret = re.search(r'value="(kzai_[0-9a-f]+)"', page).group(1)
    assert "Sync &lt;script&gt;" in page and "<script>" not in page
    token = ApiToken.objects.get()
    assert token.user == editor and token.organisation == agency and token.scope == "write"
    assert api_client(secret).get(reverse("api:drafts")).status_code == 200
    # Never again: the list shows the first characters only.
    again = client.get(TOKENS).content.decode()
    assert secret not in again and token.token_key in again


def test_a_token_for_an_organisation_one_is_not_member_of_cannot_be_chosen(
    client, editor, other_agency
):
    client.force_login(editor)
    response = client.post(
        TOKENS, {"name": "Sync", "organisation": other_agency.pk, "scope": "read", "days": "30"}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_an_expiry_not_offered_is_refused(client, editor, agency):
    client.force_login(editor)
    response = client.post(
        TOKENS, {"name": "Sync", "organisation": agency.pk, "scope": "read", "days": "9999"}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_revokes(client, editor, agency):
    token, _secret = _create(editor, agency)
    client.force_login(editor)
    url = f"/en/workspace/tokens/{token.pk}/revoke/"
    assert client.get(url).status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is None
    response = client.post(url)
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Revoked" in client.get(TOKENS).content.decode()


def test_another_persons_token_cannot_be_revoked(client, editor, approver, agency):
    token, _secret = _create(editor, agency)
    client.force_login(approver)
    assert client.post(f"/en/workspace/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_dashboard_links_to_the_tokens(client, editor):
    client.force_login(editor)
    assert reverse("data:tokens") in client.get("/en/workspace/").content.decode()
