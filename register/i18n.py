"""Content in the register's three languages, as explicit per-language columns.

A translated attribute ``name`` is three real columns ``name_kk``, ``name_ru`` and ``name_en``
(declared with :func:`translated_fields`) plus a :class:`Translated` descriptor that reads the
current language with a visible fallback. Real columns keep every language in the audit trail,
in full-text search and in exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

CONTENT_LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")

_LANGUAGE_NAMES = {"kk": _("Kazakh"), "ru": _("Russian"), "en": _("English")}


def _suffix(verbose_name: Any, language: str) -> Any:
    return format_lazy("{} ({})", verbose_name, _LANGUAGE_NAMES[language])


def translated_fields(field_class: type[models.Field], **kwargs: Any) -> tuple[models.Field, ...]:
    """Three fields, one per content language, in the order of ``CONTENT_LANGUAGES``.

    Usage: ``name_kk, name_ru, name_en = translated_fields(models.CharField, max_length=150,
    verbose_name=_("name"))``. Every language's column is optional at the database level:
    completeness is a property of the record (see ``Translatable.missing_translations``), not a
    constraint, so that a draft can be saved in one language first.
    """
    verbose_name = kwargs.pop("verbose_name")
    kwargs.setdefault("blank", True)
    kwargs.setdefault("default", "")
    return tuple(
        field_class(verbose_name=_suffix(verbose_name, language), **kwargs)
        for language in CONTENT_LANGUAGES
    )


class TranslatedText(str):
    """A string that remembers which language it is in and whether it is a fallback."""

    language: str
    is_fallback: bool

    def __new__(cls, value: str, language: str, is_fallback: bool) -> TranslatedText:
        instance = super().__new__(cls, value)
        instance.language = language
        instance.is_fallback = is_fallback
        return instance


def fallback_order(language: str | None = None) -> list[str]:
    """The requested language first, then the site default, then the others."""
    requested = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    order = [requested, settings.LANGUAGE_CODE, *CONTENT_LANGUAGES]
    return [
        code for i, code in enumerate(order) if code in CONTENT_LANGUAGES and code not in order[:i]
    ]


class Translated:
    """Descriptor reading ``<name>_<language>`` for the active language, with fallback.

    ``required`` marks text that must exist in every language before a record counts as
    complete in that language.
    """

    def __init__(self, *, required: bool = False) -> None:
        self.required = required

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return instance.get_translation(self.name)


class Translatable:
    """Mixin for models with :class:`Translated` attributes."""

    @classmethod
    def translated_attributes(cls) -> list[Translated]:
        return [
            value
            for klass in reversed(cls.__mro__)
            for value in vars(klass).values()
            if isinstance(value, Translated)
        ]

    @classmethod
    def required_translations(cls) -> list[str]:
        return [attr.name for attr in cls.translated_attributes() if attr.required]

    def get_translation(self, name: str, language: str | None = None) -> TranslatedText:
        order = fallback_order(language)
        for code in order:
            value = getattr(self, f"{name}_{code}")
            if value:
                return TranslatedText(value, code, is_fallback=code != order[0])
        return TranslatedText("", order[0], is_fallback=False)

    def missing_required(self) -> list[str]:
        """Names of required attributes that are blank in every language."""
        return [
            name
            for name in self.required_translations()
            if not any(
                str(getattr(self, f"{name}_{code}") or "").strip() for code in CONTENT_LANGUAGES
            )
        ]

    def missing_translations(self, language: str) -> list[str]:
        """Names of required attributes that are blank in ``language``."""
        return [
            name
            for name in self.required_translations()
            if not str(getattr(self, f"{name}_{language}") or "").strip()
        ]


def missing_by_language(objects: Iterable[Translatable]) -> dict[str, list[str]]:
    """For each content language, ``model.attribute`` labels that are blank in it."""
    missing: dict[str, list[str]] = {code: [] for code in CONTENT_LANGUAGES}
    for obj in objects:
        label = type(obj).__name__
        for code in CONTENT_LANGUAGES:
            missing[code].extend(f"{label}.{name}" for name in obj.missing_translations(code))
    return missing
