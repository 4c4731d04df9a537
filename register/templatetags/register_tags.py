from __future__ import annotations

from typing import Any

from django import template
from django.core.paginator import Page
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from register import schema
from register.i18n import column
from register.languages import SELF_NAMES
from register.models import AISystem
from register.sections import missing_required_items

register = template.Library()


@register.simple_tag
def translated_url(request: HttpRequest | None, language_code: str) -> str:
    """The current page's URL in ``language_code`` (query string kept).

    Falls back to the unchanged URL where the path does not resolve (a 404 page), and to
    an empty string without a request, which makes a link to the current page.
    """
    if request is None or not hasattr(request, "get_full_path"):
        return ""
    return translate_url(request.get_full_path(), language_code)


@register.simple_tag
def language_self_name(language_code: str) -> str:
    """The language's name in itself: Қазақша, Русский, English."""
    if language_code in SELF_NAMES:
        return SELF_NAMES[language_code]
    try:
        return get_language_info(language_code)["name_local"]
    except KeyError:
        return language_code


# --- Workspace ------------------------------------------------------------------------------

_ACTIONS = {
    "system.create": _("Created"),
    "system.update": _("Section edited"),
    "system.withhold": _("Publication of the record changed"),
    "system.classify": _("Classified"),
    "system.submit": _("Submitted for review"),
    "system.return": _("Returned with comments"),
    "system.publish": _("Published"),
    "system.withdraw": _("Withdrawn"),
    "insert": _("Added"),
    "update": _("Changed"),
    "delete": _("Removed"),
}


@register.simple_tag
def part_title(part: str) -> str:
    return schema.part(part).title


@register.simple_tag
def part_add_label(part: str) -> str:
    return schema.part(part).add_label


@register.simple_tag
def required_items(system: AISystem, section: Any) -> list[Any]:
    """What the classification makes mandatory in ``section`` and the record lacks."""
    return missing_required_items(system, section)


@register.simple_tag
def action_label(action: str) -> str:
    if action in _ACTIONS:
        return _ACTIONS[action]
    if action.endswith(".save"):
        return _("Item saved")
    if action.endswith(".delete"):
        return _("Item removed")
    return action


@register.simple_tag
def missing_text_link(system: AISystem, label: str, language: str) -> str:
    """A link to the form where the missing text ``Model.attribute`` is written."""
    attribute = label.split(".", 1)[1]
    section = schema.section_for(label).slug
    model = schema.field_model(label)
    field_name = column(attribute, language) if attribute else attribute
    try:
        text = model._meta.get_field(field_name).verbose_name
    except Exception:  # noqa: BLE001 — a label is better than an error page
        text = attribute
    url = reverse("register:section", kwargs={"public_id": system.public_id, "section": section})
    return format_html('<a class="govuk-link" href="{}?language={}">{}</a>', url, language, text)


@register.filter
def elided_pages(page: Page) -> list[int | str]:
    """The page numbers a pagination shows for ``page``: the first, the last, two either side
    of the current one, and ``Paginator.ELLIPSIS`` for each gap (a list of thousands of pages
    stays a few links)."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with ``changes`` applied (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()
