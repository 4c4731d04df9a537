"""What the workspace's editing pages share: the language being edited and the rows of an
edit conflict."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from register.i18n import CONTENT_LANGUAGES, content_language
from register.services import records


def editing_language(request: HttpRequest) -> str:
    language = request.GET.get("language") or request.POST.get("language")
    if language in CONTENT_LANGUAGES:
        return language
    return content_language(request.LANGUAGE_CODE)


def without(data: dict[str, Any], *names: str) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in names}


def conflict_rows(conflict: records.EditConflict) -> list[tuple[Any, Any, Any]]:
    meta = conflict.current._meta
    return [
        (meta.get_field(name).verbose_name, before, now)
        for name, (before, now) in conflict.changes.items()
    ]
