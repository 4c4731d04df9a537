"""How people and programs find the register's pages: Atom feeds, the sitemap and
``robots.txt``. Every answer is cached like the public pages (``cache.public_page``)."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from portal import feeds
from portal.addresses import absolute
from portal.cache import public_page
from portal.sitemaps import SITEMAPS

register_feed = require_safe(public_page(feeds.RegisterFeed()))
organisation_feed = require_safe(public_page(feeds.OrganisationFeed()))
class_feed = require_safe(public_page(feeds.RiskClassFeed()))

# What robots should not crawl: every language's workspace, admin and accounts pages.
ROBOTS_DISALLOW = ("/*/workspace/", "/*/admin/", "/*/accounts/")


@require_safe
@public_page
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The index of every page of every section, on ``SITE_URL``; one count query a section
    (Django's own index reads every card to find the latest change)."""
    entries = []
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = absolute(reverse("sitemap_section", kwargs={"section": name}))
        lastmod = sitemap.get_latest_lastmod()
        entries += [
            sitemap_views.SitemapIndexItem(url if page == 1 else f"{url}?p={page}", lastmod)
            for page in sitemap.paginator.page_range
        ]
    response = TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@public_page
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """One page (``?p=``) of one section; an unknown section or page is not found."""
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@require_safe
@public_page
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in ROBOTS_DISALLOW),
        "",
        f"Sitemap: {absolute(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
