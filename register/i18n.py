"""Content in the register's three languages, as explicit per-language columns.

A translated attribute ``name`` is three real columns ``name_kk``, ``name_ru`` and ``name_en``
(declared with :func:`translated_fields`) plus a :class:`Translated` descriptor that reads the
current language with a visible fallback. Real columns keep every language in the audit trail,
in full-text search and in exports.

The languages themselves are declared in ``register.languages``. :func:`column` names a
per-language column and :func:`pick` is the register's one fallback, for model attributes and for
``{kk, ru, en}`` dicts (card JSON, classification and rule texts) alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.text import format_lazy

from register.languages import CONTENT_LANGUAGES, LANGUAGE_NAMES

__all__ = [
    "CONTENT_LANGUAGES",
    "Translatable",
    "Translated",
    "TranslatedText",
    "column",
    "columns",
    "content_language",
    "fallback_order",
    "missing_by_language",
    "pick",
    "translated_fields",
]


def column(name: str, language: str) -> str:
    """The column holding attribute ``name`` in ``language``: ``column("name", "kk")`` →
    ``"name_kk"``."""
    return f"{name}_{language}"


def columns(name: str) -> tuple[str, ...]:
    """The columns of ``name`` in every content language, in order."""
    return tuple(column(name, code) for code in CONTENT_LANGUAGES)


def _suffix(verbose_name: Any, language: str) -> Any:
    return format_lazy("{} ({})", verbose_name, LANGUAGE_NAMES[language])


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
    fields = tuple(
        field_class(verbose_name=_suffix(verbose_name, language), **kwargs)
        for language in CONTENT_LANGUAGES
    )
    for field in fields:
        # The name without the language, for pages that show the languages side by side.
        field.base_verbose_name = verbose_name  # type: ignore[attr-defined]
    return fields


class TranslatedText(str):
    """A string that remembers which language it is in and whether it is a fallback."""

    language: str
    is_fallback: bool

    def __new__(cls, value: str, language: str, is_fallback: bool) -> TranslatedText:
        instance = super().__new__(cls, value)
        instance.language = language
        instance.is_fallback = is_fallback
        return instance


def content_language(language: str | None = None) -> str:
    """``language`` (the active language by default) as a content-language code: ``"ru-RU"``
    → ``"ru"``; a language the register does not hold → the site default."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in CONTENT_LANGUAGES else settings.LANGUAGE_CODE


def fallback_order(language: str | None = None) -> list[str]:
    """The requested language first, then the site default, then the others."""
    order = [content_language(language), settings.LANGUAGE_CODE, *CONTENT_LANGUAGES]
    return [
        code for i, code in enumerate(order) if code in CONTENT_LANGUAGES and code not in order[:i]
    ]


def pick(values: Mapping[str, Any] | None, language: str | None = None) -> TranslatedText:
    """The text of ``values`` (a ``{kk, ru, en}`` dict) in ``language`` (the active language by
    default), else the first non-blank one in :func:`fallback_order`, marked as a fallback.

    The register's only fallback: model attributes, card JSON, classification and rule texts
    all read through it. Blank means empty or whitespace only; when every language is blank the
    result is empty text in the first language of the order, not marked as a fallback.
    """
    order = fallback_order(language)
    for code in order:
        text = values.get(code) if values else None
        if isinstance(text, str) and text.strip():
            return TranslatedText(text, code, is_fallback=code != order[0])
    return TranslatedText("", order[0], is_fallback=False)


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

    def translations(self, name: str) -> dict[str, str]:
        """``{kk, ru, en}`` of the attribute ``name``, as stored."""
        return {code: getattr(self, column(name, code)) for code in CONTENT_LANGUAGES}

    def get_translation(self, name: str, language: str | None = None) -> TranslatedText:
        return pick(self.translations(name), language)

    def missing_required(self) -> list[str]:
        """Names of required attributes that are blank in every language."""
        return [
            name
            for name in self.required_translations()
            if not any(
                str(getattr(self, column(name, code)) or "").strip() for code in CONTENT_LANGUAGES
            )
        ]

    def missing_translations(self, language: str) -> list[str]:
        """Names of required attributes that are blank in ``language``."""
        return [
            name
            for name in self.required_translations()
            if not str(getattr(self, column(name, language)) or "").strip()
        ]


def missing_by_language(objects: Iterable[Translatable]) -> dict[str, list[str]]:
    """For each content language, ``model.attribute`` labels that are blank in it."""
    missing: dict[str, list[str]] = {code: [] for code in CONTENT_LANGUAGES}
    for obj in objects:
        label = type(obj).__name__
        for code in CONTENT_LANGUAGES:
            missing[code].extend(f"{label}.{name}" for name in obj.missing_translations(code))
    return missing
