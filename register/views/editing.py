"""What the workspace's editing pages share: the language being edited, switching it without
losing what was typed, and the rows of an edit conflict."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from register.i18n import CONTENT_LANGUAGES, content_language
from register.languages import SELF_NAMES
from register.services import records

# The name of the language tabs' submit buttons on a form (``includes/language_tabs.html``),
# and the value of the one that opens the translation view (every language side by side).
SWITCH_LANGUAGE = "switch_language"
ALL_LANGUAGES = "all"


def editing_language(request: HttpRequest) -> str:
    language = request.GET.get("language") or request.POST.get("language")
    if language in CONTENT_LANGUAGES:
        return language
    return content_language(request.LANGUAGE_CODE)


def switch_requested(request: HttpRequest) -> str | None:
    """The language a tab of the form asked for: the form is saved first, then the same page
    opens in that language."""
    language = request.POST.get(SWITCH_LANGUAGE) if request.method == "POST" else None
    return language if language in (*CONTENT_LANGUAGES, ALL_LANGUAGES) else None


def switched(
    request: HttpRequest, language: str, view: str, *, saved: bool = True, **kwargs: Any
) -> HttpResponse:
    """After a language tab (and the save it made): the same page, in ``language``, or the
    record's translation view."""
    if language == ALL_LANGUAGES:
        if saved:
            messages.success(request, _("Saved."))
        return redirect("register:translate", public_id=kwargs["public_id"])
    names = {"language": SELF_NAMES[language]}
    if saved:
        messages.success(request, _("Saved. You are now writing in: %(language)s") % names)
    return redirect(f"{reverse(view, kwargs=kwargs)}?language={language}")


# Hidden fields of a form that say where the user started from, not what they typed.
BOOKKEEPING = frozenset({"revision", "version"})


def typed(*forms: Any, valid_only: bool = False) -> bool:
    """Whether any of the posted ``forms`` (``None`` skipped) differs from what is stored now,
    counting only the fields that passed validation with ``valid_only``."""
    return any(
        name not in BOOKKEEPING and (not valid_only or name in getattr(form, "cleaned_data", {}))
        for form in forms
        if form is not None
        for name in form.changed_data
    )


def switch_held_back(request: HttpRequest, *, saved: bool) -> None:
    """A tab was chosen but some fields are not valid: the page stays, with what was typed."""
    if saved:
        text = _(
            "The other fields are saved. Correct the fields marked below, then choose the "
            "language again. Nothing you typed is lost."
        )
    else:
        text = _(
            "Correct the fields marked below, then choose the language again. Nothing you "
            "typed is lost."
        )
    messages.warning(request, text)


def valid_data(form: Any, *exclude: str) -> dict[str, Any]:
    """The cleaned values of the fields that passed validation (all of them on a valid form;
    Django leaves the invalid ones out), without ``exclude`` and without read-only fields."""
    cleaned = getattr(form, "cleaned_data", {})
    return {
        name: value
        for name, value in cleaned.items()
        if name not in exclude and name in form.fields and not form.fields[name].disabled
    }


def without(data: dict[str, Any], *names: str) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in names}


def conflict_rows(conflict: records.EditConflict) -> list[tuple[Any, Any, Any]]:
    meta = conflict.current._meta
    return [
        (meta.get_field(name).verbose_name, before, now)
        for name, (before, now) in conflict.changes.items()
    ]
