"""Input that no form would send answers a client error, never a server error."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

# A valid value for each other parameter of a workspace route, so only the record id is bad.
SAMPLES = {
    "section": "about",
    "part": "risks",
    "pk": "1",
    "number": "1",
    "finding_id": "1",
    "step": "role",
    "action": "submit",
    "format": "uk-atrs",
}


def _routes(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if isinstance(entry.pattern, LocalePrefixPattern):
                for code, _name in settings.LANGUAGES:
                    yield from _routes(entry.url_patterns, f"{prefix}{code}/")
            else:
                yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def public_id_routes() -> list[str]:
    return sorted({route for route in _routes(get_resolver().url_patterns) if "public_id" in route})


def _path(route: str, public_id: str) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1)
        return public_id if name == "public_id" else SAMPLES[name]

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)


def test_every_workspace_route_with_a_record_id_is_walked():
    routes = public_id_routes()
    # Ten pages of the record, four of compliance, three of the regulator's requests, in each
    # language; the portal's pages of a published record and its audit report beside them.
    assert len([r for r in routes if "/workspace/" in r]) == 17 * len(settings.LANGUAGES)
    assert len([r for r in routes if "/workspace/" not in r]) >= 5 * len(settings.LANGUAGES)


@pytest.mark.parametrize("route", public_id_routes())
@pytest.mark.parametrize("public_id", ["KZ-AI-\x00", "\x00", "KZ-AI-" + "9" * 5000])
def test_a_bad_record_id_is_not_found_on_every_route(client, editor, route, public_id):
    client.force_login(editor)
    path = _path(route, public_id)
    assert client.get(path).status_code == 404
    assert client.post(path, {"revision": "1"}).status_code == 404


def test_a_username_longer_than_the_column_is_a_form_error(client, editor):
    response = client.post(
        "/en/accounts/login/", {"username": "u" * 300, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "at most 150 characters" in response.content.decode()


def test_a_nul_byte_in_the_username_is_a_form_error(client, editor):
    response = client.post("/en/accounts/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
