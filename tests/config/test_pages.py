from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from register.languages import CONTENT_LANGUAGES

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_default_language(client, settings):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"/{settings.LANGUAGE_CODE}/"


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_home_page_is_served_in_each_language_with_one_h1(client, language):
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'href="#main-content"' in html  # skip link
    for other in set(CONTENT_LANGUAGES) - {language}:
        assert f'hreflang="{other}"' in html


def test_home_page_counts_only_what_the_public_sees(client, django_assert_max_num_queries):
    from tests.factories import AISystemFactory

    AISystemFactory.create_batch(3)
    with django_assert_max_num_queries(4):
        html = client.get("/en/").content.decode()
    # Records never published are not counted (the portal reads the public projection).
    values = re.findall(r'app-stats__value">\s*(\d+)', html)
    assert values == ["0", "0", "0"]


def test_security_headers_are_sent(client):
    response = client.get("/en/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


def test_demo_banner_only_in_demo_mode(client, settings):
    settings.DEMO_MODE = False
    plain = client.get("/en/").content.decode()
    settings.DEMO_MODE = True
    cache.clear()  # the home page is cached for visitors; the mode is fixed while it runs
    demo = client.get("/en/").content.decode()
    assert "fictional" not in plain.lower()
    assert "fictional" in demo.lower()


def test_unknown_page_is_a_404_in_the_site_style(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
