"""The links in every page's ``<head>``: its canonical address and its address in each
language (``hreflang``), on ``SITE_URL``."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest

from portal.addresses import absolute, without_language
from register.i18n import CONTENT_LANGUAGES
from register.templatetags.register_tags import translated_url

register = template.Library()


@register.simple_tag
def page_links(request: HttpRequest | None) -> dict[str, Any]:
    """``{"canonical": url, "alternates": [(hreflang, url), …]}`` for the current page: the
    page in each content language and, as ``x-default``, without a language (the address
    that sends a reader to their own). No links without a request."""
    if request is None or not hasattr(request, "get_full_path"):
        return {"canonical": "", "alternates": []}
    path = request.get_full_path()
    alternates = [(code, absolute(translated_url(request, code))) for code in CONTENT_LANGUAGES]
    alternates.append(("x-default", absolute(without_language(path))))
    return {"canonical": absolute(path), "alternates": alternates}
