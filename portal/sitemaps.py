"""``sitemap.xml``: an index of sections, each in pages, listing every public page in every
language with its ``hreflang`` alternates (``x-default`` is the address without a language,
which sends a reader to their own).

A section page is sliced in the database (``LanguagePaginator``), so a page reads one slice
of the register whatever its size, and every address is on ``SITE_URL``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.urls import reverse

from portal.addresses import site_netloc, site_scheme
from register.i18n import CONTENT_LANGUAGES
from register.models import Organisation, PublicRecord


class LanguagePaginator(Paginator):
    """Pages of ``(item, language)`` pairs, ``per_page`` pairs at most, from a queryset sliced
    in the database (Django's own builds every pair of the whole register for each page)."""

    def __init__(self, object_list: Any, per_page: int, languages: tuple[str, ...]) -> None:
        self.languages = languages
        super().__init__(object_list, max(1, per_page // len(languages)))

    def _get_page(self, object_list: Any, number: int, paginator: Paginator) -> Page:
        pairs = [(item, code) for item in object_list for code in self.languages]
        return super()._get_page(pairs, number, paginator)


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = list(CONTENT_LANGUAGES)
    # Addresses per page of a section (the protocol allows 50,000; smaller pages stay small
    # in the cache: a card with its four alternates is about 700 bytes).
    limit = 6000

    def get_protocol(self, protocol: str | None = None) -> str:
        return site_scheme()

    def get_domain(self, site: Any = None) -> str:
        return site_netloc()

    @property
    def paginator(self) -> Paginator:
        return LanguagePaginator(self.items(), self.limit, tuple(self.languages))


class PagesSitemap(PortalSitemap):
    """The portal's own pages."""

    names = (
        "home",
        "portal:search",
        "portal:organisations",
        "portal:statistics",
        "portal:accessibility",
    )

    def items(self) -> list[str]:
        return list(self.names)

    def location(self, item: str) -> str:
        return reverse(item)

    def get_latest_lastmod(self) -> None:
        return None


class OrganisationsSitemap(PortalSitemap):
    """Every organisation's page, last changed when one of its cards last did."""

    def items(self) -> QuerySet[Organisation]:
        latest = (
            PublicRecord.objects.filter(organisation=OuterRef("pk"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return (
            Organisation.objects.annotate(lastmod=Subquery(latest))
            .only("short_code")
            .order_by("short_code", "pk")
        )

    def location(self, item: Organisation) -> str:
        return reverse("portal:organisation", kwargs={"code": item.short_code})

    def lastmod(self, item: Organisation) -> dt.datetime | None:
        return item.lastmod  # type: ignore[attr-defined]

    def get_latest_lastmod(self) -> dt.datetime | None:
        return PublicRecord.objects.aggregate(latest=Max("updated_at"))["latest"]


class CardsSitemap(PortalSitemap):
    """Every public card, last changed when a version was published or it was withdrawn."""

    def items(self) -> QuerySet[PublicRecord]:
        return (
            PublicRecord.objects.select_related("system")
            .only("updated_at", "system__public_id")
            .order_by("system_id")
        )

    def location(self, item: PublicRecord) -> str:
        return reverse("portal:card", kwargs={"public_id": item.system.public_id})

    def lastmod(self, item: PublicRecord) -> dt.datetime:
        return item.updated_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        return PublicRecord.objects.aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS: dict[str, type[PortalSitemap]] = {
    "pages": PagesSitemap,
    "organisations": OrganisationsSitemap,
    "cards": CardsSitemap,
}
