"""The task list's sections: one form per section, saved with optimistic locking."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from register import extensions, forms, schema, translations, workflow
from register.access import capabilities as _capabilities
from register.access import posted as _posted
from register.access import system_for as _system
from register.i18n import CONTENT_LANGUAGES
from register.models import AISystem, HumanOversight
from register.permissions import role_in
from register.sections import SECTIONS_BY_SLUG, SUBMISSION_LANGUAGES
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


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, public_id: str, section: str) -> HttpResponse:
    if section not in SECTIONS_BY_SLUG:
        raise Http404
    spec = SECTIONS_BY_SLUG[section]
    system = _system(request, public_id, with_parts=True)
    can = _capabilities(request.user, system)
    language = editing_language(request)
    context: dict[str, Any] = {"system": system, "section": spec, "language": language, "can": can}

    if spec.slug == "translations":
        gaps = translations.gaps(system)
        context["gaps"] = [(code, *gaps[code]) for code in CONTENT_LANGUAGES]
        context["required_languages"] = SUBMISSION_LANGUAGES
        return render(request, "register/workspace/translations.html", context)
    if spec.slug == "classification":
        return redirect("compliance:classification", public_id=system.public_id)
    if not spec.has_form:
        context["parts"] = [(name, list(getattr(system, name).all())) for name in spec.parts]
        return render(request, "register/workspace/parts.html", context)

    if request.method == "POST":
        # A role that may never edit is refused here; a state that does not allow editing
        # is refused by the service, with the same message as on every other surface.
        workflow.require_role("edit", request.user, system)
    form = forms.section_form_class(spec, language)(
        _posted(request),
        instance=system,
        reserved=schema.reserved_fields(role_in(request.user, system.organisation_id)),
        hints=extensions.field_hints(system, language),
    )
    oversight_form = None
    if spec.oversight_fields:
        oversight_form = forms.oversight_form_class(spec, language)(
            _posted(request), instance=getattr(system, "oversight", None), prefix="oversight"
        )
    if spec.parts:
        context["parts"] = [(name, list(getattr(system, name).all())) for name in spec.parts]
    if not can.edit:
        # Readers see the answers, not inputs they cannot use.
        for field in [
            *form.fields.values(),
            *(oversight_form.fields.values() if oversight_form else []),
        ]:
            # The hidden revision stays as posted, so a save is refused for what it is.
            field.disabled = not field.widget.is_hidden

    if request.method == "POST":
        switch = switch_requested(request)
        valid = form.is_valid() & (oversight_form is None or oversight_form.is_valid())
        if switch and not typed(form, oversight_form):
            return switched(
                request,
                switch,
                "register:section",
                saved=False,
                public_id=system.public_id,
                section=section,
            )
        # A language tab saves the fields that are valid even when others are not.
        partial = (
            switch
            and "revision" in form.cleaned_data
            and typed(form, oversight_form, valid_only=True)
        )
        if valid or partial:
            try:
                saved = records.system_update(
                    system=system,
                    actor=request.user,
                    data=valid_data(form, "revision"),
                    expected_revision=form.cleaned_data["revision"],
                    oversight=valid_data(oversight_form, "version") if oversight_form else None,
                    expected_oversight_version=oversight_form.cleaned_data.get("version")
                    if oversight_form
                    else None,
                )
            except records.EditConflict as conflict:
                context.update(conflict=conflict, conflict_rows=conflict_rows(conflict))
                # Keep what the user typed; the next save starts from the current revision.
                _start_from_now(system, form, oversight_form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if valid and switch:
                    return switched(
                        request,
                        switch,
                        "register:section",
                        public_id=system.public_id,
                        section=section,
                    )
                if valid:
                    messages.success(request, _("Section saved."))
                    return redirect("register:system", public_id=system.public_id)
                switch_held_back(request, saved=True)
                _start_from_now(saved, form, oversight_form)
        elif switch:
            switch_held_back(request, saved=False)
    context.update({"form": form, "oversight_form": oversight_form})
    return render(request, "register/workspace/section_form.html", context)


def _start_from_now(system: AISystem, form: Any, oversight_form: Any) -> None:
    """Keep what the user typed in the bound forms, with the revision (and the oversight's
    version) of the record as it is now, so that the next save starts from it."""
    system.refresh_from_db()
    form.data = form.data.copy()
    form.data["revision"] = system.revision
    oversight_now = HumanOversight.objects.filter(system=system).first()
    if oversight_form is not None and oversight_now is not None:
        oversight_form.data = oversight_form.data.copy()
        oversight_form.data["oversight-version"] = oversight_now.updated_at.isoformat()
