"""The translation view: every text of a record and of its parts in Kazakh, Russian and
English side by side, saved with one submit."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from register import schema, translations, workflow
from register.access import capabilities as _capabilities
from register.access import posted as _posted
from register.access import system_for as _system
from register.i18n import CONTENT_LANGUAGES
from register.permissions import role_in
from register.sections import SECTIONS_BY_SLUG, SUBMISSION_LANGUAGES
from register.services.translations import TextEdit, TranslationConflict, translations_save
from register.views.editing import conflict_rows


@login_required
@require_http_methods(["GET", "POST"])
def translate(request: HttpRequest, public_id: str) -> HttpResponse:
    system = _system(request, public_id, with_parts=True)
    can = _capabilities(request.user, system)
    if request.method == "POST":
        # A role that may never edit is refused; a state that does not allow it, by the service.
        workflow.require_role("edit", request.user, system)
    reserved = schema.reserved_fields(role_in(request.user, system.organisation_id))
    items = translations.items(system, _posted(request), read_only=not can.edit, reserved=reserved)
    context: dict[str, Any] = {
        "system": system,
        "can": can,
        "items": items,
        "section": SECTIONS_BY_SLUG["translations"],
        "languages": CONTENT_LANGUAGES,
        "required_languages": SUBMISSION_LANGUAGES,
        "missing": sum(item.missing for item in items),
    }
    posted = [item for item in items if item.form.is_bound]
    if request.method == "POST" and all(item.form.is_valid() for item in posted):
        edits = [
            TextEdit(
                target=item.target,
                pk=None if item.target == schema.SYSTEM else item.row.pk,
                texts={
                    name: value
                    for name, value in item.form.cleaned_data.items()
                    if name != translations.START and not item.form.fields[name].disabled
                },
                start=_start(item),
            )
            for item in posted
        ]
        try:
            changed = translations_save(system=system, actor=request.user, edits=edits)
        except TranslationConflict as conflict:
            context.update(
                conflict=conflict.conflicts[0],
                conflict_rows=[
                    (f"{edit.current} · {label}", before, now)
                    for edit in conflict.conflicts
                    for label, before, now in conflict_rows(edit)
                ],
            )
            _start_from_now(items)
        except ValidationError as error:
            context["service_errors"] = error.messages
        else:
            if changed:
                messages.success(request, _("Translations saved."))
            else:
                messages.info(request, _("Nothing had changed, so nothing was saved."))
            return redirect("register:translate", public_id=system.public_id)
    context["field_errors"] = [
        (item, item.form[name], error)
        for item in items
        for name, errors in item.form.errors.items()
        if name in item.form.fields
        for error in errors
    ]
    # Errors of a whole object (its model's clean()), not of one of its texts.
    context["service_errors"] = [
        *context.get("service_errors", []),
        *(error for item in items for error in item.form.non_field_errors()),
    ]
    return render(request, "register/workspace/translate.html", context)


def _start(item: translations.Item) -> int | str:
    value = item.form.cleaned_data.get(translations.START) or ""
    if item.target == schema.SYSTEM:
        # Any other posted value (a superscript digit, 5,000 digits) starts from nowhere.
        return int(value) if re.fullmatch(r"[0-9]{1,18}", str(value)) else -1
    return value


def _start_from_now(items: list[translations.Item]) -> None:
    """Keep what the user typed, starting from the objects as they are now, so that saving
    again writes their texts over the other person's."""
    for item in items:
        if not item.form.is_bound:
            continue
        item.row.refresh_from_db()
        item.form.data = item.form.data.copy()
        item.form.data[item.form.add_prefix(translations.START)] = translations.start_of(item.row)
