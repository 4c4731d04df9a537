"""Public pages are cached for visitors without a session, under a key that changes when
anything is published or withdrawn; signed-in users' pages are never cached for others."""

from __future__ import annotations

import pytest

from register.services.projection import public_generation
from tests.factories import complete_system

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_is_served_the_cached_page_until_something_is_published(
    client, agency, editor, publish
):
    first = publish(complete_system(agency, editor, name_en="Queue forecast"))
    response = client.get("/en/systems/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert "Queue forecast" in response.content.decode()

    generation = public_generation()
    second = publish(complete_system(agency, editor, name_en="Benefit chatbot"))
    assert public_generation() != generation
    page = client.get("/en/systems/").content.decode()
    assert "Benefit chatbot" in page and "Queue forecast" in page
    assert first.public_id != second.public_id


def test_a_cached_page_is_not_served_after_the_generation_changes_without_a_publication(
    client, published_system
):
    from django.core.cache import cache

    from register.services.projection import GENERATION_KEY

    client.get("/en/systems/")
    published_system.name_en = "Renamed in the working copy"
    published_system.save(update_fields=["name_en"])
    # The working copy is not public: the cached and the fresh page both show the version.
    cache.delete(GENERATION_KEY)
    assert "Renamed in the working copy" not in client.get("/en/systems/").content.decode()


def test_a_signed_in_users_page_is_private_and_never_stored(client, editor, published_system):
    client.force_login(editor)
    response = client.get("/en/systems/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "Sign out" in response.content.decode()
    client.logout()
    anonymous = client.get("/en/systems/")
    assert "Sign out" not in anonymous.content.decode()
    assert "public" in anonymous["Cache-Control"]


def test_pages_live_in_their_own_cache_and_never_evict_the_rate_limits(client, published_system):
    from django.core.cache import caches
    from django.test import RequestFactory
    from django.utils import translation

    from portal.cache import page_key

    client.get("/en/systems/?anything=1")
    with translation.override("en"):
        key = page_key(RequestFactory().get("/en/systems/?anything=1"))
    assert caches["pages"].get(key) is not None
    assert caches["default"].get(key) is None


def test_counts_are_made_once_per_generation_and_afresh_after_a_publication(
    agency, editor, publish
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal import statistics
    from portal.search import search_public_records

    publish(complete_system(agency, editor, name_en="Queue forecast"))
    first = search_public_records(page=1)
    headline = statistics.headline()
    with CaptureQueriesContext(connection) as again:
        second = search_public_records(page=2)
        assert statistics.headline() == headline
    assert second.total == first.total == headline.current == 1
    # Only the organisations and the page's rows: the counts and the headline were kept.
    assert len(again) == 2
    assert not any("count(" in q["sql"].lower() for q in again.captured_queries)
    publish(complete_system(agency, editor, name_en="Benefit chatbot"))
    assert statistics.headline().current == search_public_records().total == 2
