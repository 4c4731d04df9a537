"""One record: creating it, its task list, the preview of its public card, its history and
the full record frozen in each version."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from register import forms
from register.access import capabilities as _capabilities
from register.access import current_organisation as _current_organisation
from register.access import posted as _posted
from register.access import system_for as _system
from register.cards import build_card
from register.extensions import frozen_blocks, record_panels
from register.i18n import column
from register.sections import SECTIONS_BY_SLUG, submission_gaps, task_list
from register.selectors import (
    full_record,
    published_versions,
    system_history,
    user_organisations,
)
from register.services import records
from register.snapshots import freeze_record
from register.views.editing import (
    ALL_LANGUAGES,
    editing_language,
    switch_held_back,
    switch_requested,
    switched,
    typed,
)


@login_required
@require_http_methods(["GET", "POST"])
def system_create(request: HttpRequest) -> HttpResponse:
    organisation = _current_organisation(request, user_organisations(request.user))
    if organisation is None or not rules.has_perm(
        "register.add_aisystem", request.user, organisation
    ):
        raise PermissionDenied
    language = editing_language(request)
    section = SECTIONS_BY_SLUG["about"]
    form = forms.section_form_class(section, language)(_posted(request))
    # A new record has no revision yet. The form's own copy of its fields, never the class's:
    # ``base_fields`` are shared by every section form of the process.
    form.fields["revision"].required = False
    form.fields[column("name", language)].required = True
    switch = switch_requested(request)
    if switch == ALL_LANGUAGES and not typed(form):
        # The side-by-side view is a record's: with nothing typed there is none yet.
        switch = None
    if switch and not typed(form):
        return switched(request, switch, "register:system_create", saved=False)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
        try:
            system = records.system_create(organisation=organisation, actor=request.user, data=data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if switch:
                # A language tab: the new draft's first section, in the language chosen.
                return switched(
                    request, switch, "register:section", public_id=system.public_id, section="about"
                )
            messages.success(
                request, _("The record is created as a draft. Carry on with the other sections.")
            )
            return redirect("register:system", public_id=system.public_id)
    elif switch:
        switch_held_back(request, saved=False)
    return render(
        request,
        "register/workspace/section_form.html",
        {
            "form": form,
            "section": section,
            "language": language,
            "organisation": organisation,
            "creating": True,
        },
    )


@login_required
def system_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    system = _system(request, public_id, with_parts=True)
    tasks = task_list(system)
    return render(
        request,
        "register/workspace/task_list.html",
        {
            "system": system,
            "tasks": tasks,
            "gaps": submission_gaps(system),
            "can": _capabilities(request.user, system),
            "panels": record_panels(system, request.user),
        },
    )


@login_required
def preview(request: HttpRequest, public_id: str) -> HttpResponse:
    system = _system(request, public_id, with_parts=True)
    return render(
        request,
        "register/workspace/preview.html",
        {
            "system": system,
            "card": build_card(freeze_record(system, blocks=frozen_blocks(system))),
            "card_meta": {"is_preview": True},
        },
    )


@login_required
def history(request: HttpRequest, public_id: str) -> HttpResponse:
    system = _system(request, public_id)
    history = system_history(system, page=request.GET.get("page"))
    return render(
        request,
        "register/workspace/history.html",
        {
            "system": system,
            "entries": history.entries,
            "page": history.page,
            "versions": published_versions(system),
        },
    )


@login_required
def version_record(request: HttpRequest, public_id: str, number: int) -> HttpResponse:
    """The full record frozen in one version, as JSON."""
    system = _system(request, public_id)
    version = get_object_or_404(system.versions, number=number)
    record = full_record(request.user, version)
    if record is None:
        raise Http404
    response = JsonResponse(record, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = (
        f'inline; filename="{system.public_id}-v{version.number}-record.json"'
    )
    return response
