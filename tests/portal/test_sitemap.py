"""The sitemap index, its paginated sections with hreflang alternates, and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from portal import sitemaps

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def xml(response) -> ET.Element:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 — the register's own answer


def locations(root: ET.Element) -> list[str]:
    return [element.text for element in root.iter(f"{SM}loc")]


def test_the_index_lists_every_section_on_the_site_address(client, settings):
    settings.SITE_URL = "https://register.example.gov.kz"
    root = xml(client.get("/sitemap.xml"))
    assert root.tag == f"{SM}sitemapindex"
    assert locations(root) == [
        f"https://register.example.gov.kz/sitemap-{name}.xml" for name in sitemaps.SITEMAPS
    ]


def test_cards_are_listed_in_every_language_with_alternates(client, published_system, settings):
    settings.SITE_URL = "https://register.example.gov.kz"
    root = xml(client.get("/sitemap-cards.xml"))
    public_id = published_system.public_id
    base = "https://register.example.gov.kz"
    assert locations(root) == [f"{base}/{code}/systems/{public_id}/" for code in ("kk", "ru", "en")]
    first = root.find(f"{SM}url")
    alternates = {link.get("hreflang"): link.get("href") for link in first.findall(f"{XHTML}link")}
    assert alternates == {
        "kk": f"{base}/kk/systems/{public_id}/",
        "ru": f"{base}/ru/systems/{public_id}/",
        "en": f"{base}/en/systems/{public_id}/",
        "x-default": f"{base}/systems/{public_id}/",
    }
    assert (
        first.findtext(f"{SM}lastmod")
        == timezone.localdate(published_system.public_record.updated_at).isoformat()
    )


def test_the_address_without_a_language_leads_to_one(client, published_system):
    response = client.get(f"/systems/{published_system.public_id}/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/systems/{published_system.public_id}/")


def test_pages_and_organisations_are_listed(client, published_system):
    pages = locations(xml(client.get("/sitemap-pages.xml")))
    for path in ("/kk/", "/ru/systems/", "/en/organisations/", "/kk/statistics/"):
        assert any(url.endswith(path) for url in pages), path
    organisations = locations(xml(client.get("/sitemap-organisations.xml")))
    code = published_system.organisation.short_code
    assert any(url.endswith(f"/en/organisations/{code}/") for url in organisations)


def test_a_big_register_is_split_into_pages_read_in_slices(
    client, agency, editor, publish, monkeypatch, django_assert_max_num_queries
):
    from tests.factories import complete_system

    for n in range(3):
        publish(complete_system(agency, editor, name_en=f"System {n}"))
    # Two cards (six addresses) a page.
    monkeypatch.setattr(sitemaps.PortalSitemap, "limit", 6)
    index = locations(xml(client.get("/sitemap.xml")))
    cards = [url for url in index if "sitemap-cards" in url]
    assert [url.rsplit("/", 1)[1] for url in cards] == [
        "sitemap-cards.xml",
        "sitemap-cards.xml?p=2",
    ]
    with django_assert_max_num_queries(2):
        first = locations(xml(client.get("/sitemap-cards.xml")))
    second = locations(xml(client.get("/sitemap-cards.xml?p=2")))
    assert len(first) == 6 and len(second) == 3
    assert not set(first) & set(second)
    assert client.get("/sitemap-cards.xml?p=3").status_code == 404
    assert client.get("/sitemap-cards.xml?p=x%00").status_code == 404
    assert client.get("/sitemap-cards.xml?p=" + "9" * 400).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_draft_is_not_in_the_sitemap(client, agency, editor):
    from tests.factories import complete_system

    draft = complete_system(agency, editor)
    assert draft.public_id not in client.get("/sitemap-cards.xml").content.decode()


def test_robots_points_to_the_sitemap_and_keeps_out_of_the_workspace(client, settings):
    settings.SITE_URL = "https://register.example.gov.kz"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://register.example.gov.kz/sitemap.xml" in lines
    for path in ("/*/workspace/", "/*/admin/", "/*/accounts/"):
        assert f"Disallow: {path}" in lines
