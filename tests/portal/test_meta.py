"""Every page's head: a description, one canonical address and its address in each language."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self.metas: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "link":
            self.links.append(dict(attrs))
        elif tag == "meta":
            self.metas.append(dict(attrs))


def head(html: str) -> _Head:
    parser = _Head()
    parser.feed(html.split("</head>", 1)[0])
    return parser


@pytest.mark.parametrize("path", ["/", "/systems/", "/accessibility/", "/organisations/"])
def test_a_page_has_one_canonical_and_an_alternate_per_language(client, settings, path):
    settings.SITE_URL = "https://register.example.gov.kz"
    parsed = head(client.get(f"/ru{path}?q=a%22b").content.decode())
    canonical = [link for link in parsed.links if link.get("rel") == "canonical"]
    base = "https://register.example.gov.kz"
    assert [link["href"] for link in canonical] == [f"{base}/ru{path}?q=a%22b"]
    alternates = {
        link["hreflang"]: link["href"]
        for link in parsed.links
        if link.get("rel") == "alternate" and link.get("hreflang")
    }
    assert alternates == {
        "kk": f"{base}/kk{path}?q=a%22b",
        "ru": f"{base}/ru{path}?q=a%22b",
        "en": f"{base}/en{path}?q=a%22b",
        "x-default": f"{base}{path}?q=a%22b",
    }


def test_every_page_links_to_the_register_feed_and_has_a_description(client):
    parsed = head(client.get("/en/accessibility/").content.decode())
    feeds = [link for link in parsed.links if link.get("type") == "application/atom+xml"]
    assert [link["href"] for link in feeds] == ["/en/feed/"]
    [description] = [meta for meta in parsed.metas if meta.get("name") == "description"]
    assert "accessible" in description["content"]
    home = head(client.get("/en/").content.decode())
    [default] = [meta for meta in home.metas if meta.get("name") == "description"]
    assert "public bodies in Kazakhstan" in default["content"]


def test_the_accessibility_statement_names_the_contact_and_the_standard(client, settings):
    settings.REGISTER_CONTACT_EMAIL = "access@register.example.gov.kz"
    html = client.get("/en/accessibility/").content.decode()
    assert html.count("<h1") == 1
    assert 'href="mailto:access@register.example.gov.kz"' in html
    assert "WCAG" in html and "2.2" in html
    assert "Enforcement procedure" in html
    assert "prepared on" in html
