"""Repeatable items of a record (data sources, risks, assessments…): add, change, remove."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from register import forms, schema
from register.access import capabilities as _capabilities
from register.access import posted as _posted
from register.access import system_for as _system
from register.models import AISystem
from register.sections import SECTIONS_BY_SLUG
from register.services import records
from register.views.editing import (
    conflict_rows,
    editing_language,
    switch_held_back,
    switch_requested,
    switched,
    typed,
    valid_data,
)


def _part_or_404(system: AISystem, part: str, pk: int | None) -> Any:
    if part not in records.PART_MODELS:
        raise Http404
    if pk is None:
        return None
    return get_object_or_404(records.PART_MODELS[part], pk=pk, system=system)


def _section_of(part: str) -> str:
    return schema.part(part).section


@login_required
@require_http_methods(["GET", "POST"])
def part_edit(
    request: HttpRequest, public_id: str, part: str, pk: int | None = None
) -> HttpResponse:
    system = _system(request, public_id, perm="register.change_aisystem")
    instance = _part_or_404(system, part, pk)
    if not _capabilities(request.user, system).edit:
        raise PermissionDenied
    language = editing_language(request)
    form = forms.part_form_class(part, language)(_posted(request), instance=instance)
    context: dict[str, Any] = {
        "system": system,
        "part": part,
        "instance": instance,
        "language": language,
        "section": SECTIONS_BY_SLUG[_section_of(part)],
    }
    switch = switch_requested(request)
    valid = request.method == "POST" and form.is_valid()
    if switch and not typed(form):
        return _switched_to(request, switch, system, part, instance, saved=False)
    # A language tab saves a changed item's valid fields even when others are not; a new item
    # is added only once everything in it is valid.
    partial = switch and not valid and instance is not None and typed(form, valid_only=True)
    if valid or partial:
        try:
            row = records.part_save(
                system=system,
                actor=request.user,
                part=part,
                data=valid_data(form, "version"),
                instance=instance,
                expected_version=form.cleaned_data.get("version"),
            )
        except records.EditConflict as conflict:
            context.update(conflict=conflict, conflict_rows=conflict_rows(conflict))
            form.data = form.data.copy()
            form.data["version"] = conflict.current.updated_at.isoformat()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if valid and switch:
                return _switched_to(request, switch, system, part, row)
            if valid:
                messages.success(request, _("Saved."))
                return redirect(
                    "register:section", public_id=system.public_id, section=_section_of(part)
                )
            switch_held_back(request, saved=True)
            form.data = form.data.copy()
            form.data["version"] = row.updated_at.isoformat()
    elif switch:
        switch_held_back(request, saved=False)
    context["form"] = form
    return render(request, "register/workspace/part_form.html", context)


def _switched_to(
    request: HttpRequest, language: str, system: AISystem, part: str, row: Any
) -> HttpResponse:
    if row is None:
        return switched(
            request, language, "register:part_add", public_id=system.public_id, part=part
        )
    return switched(
        request, language, "register:part_edit", public_id=system.public_id, part=part, pk=row.pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def part_delete(request: HttpRequest, public_id: str, part: str, pk: int) -> HttpResponse:
    system = _system(request, public_id, perm="register.change_aisystem")
    instance = _part_or_404(system, part, pk)
    if not _capabilities(request.user, system).edit:
        raise PermissionDenied
    if request.method == "POST":
        try:
            records.part_delete(system=system, actor=request.user, part=part, pk=instance.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Removed."))
        return redirect("register:section", public_id=system.public_id, section=_section_of(part))
    return render(
        request,
        "register/workspace/confirm.html",
        {
            "system": system,
            "title": _("Remove this item?"),
            "item": instance,
            "button": _("Remove"),
            "cancel": reverse(
                "register:section",
                kwargs={"public_id": system.public_id, "section": _section_of(part)},
            ),
        },
    )
