from __future__ import annotations

from django import template
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()

# Each language's name in that language, as a language switcher shows it. Django's own
# name_local for Kazakh is the adjective "Қазақ"; people look for "Қазақша".
_SELF_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


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
    if language_code in _SELF_NAMES:
        return _SELF_NAMES[language_code]
    try:
        return get_language_info(language_code)["name_local"]
    except KeyError:
        return language_code
