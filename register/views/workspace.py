"""The agency workspace: dashboard, task list, section forms, repeatable items, preview,
history and the workflow actions. Views are thin: access check → form → one service call."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from register import forms, schema, workflow
from register.access import SESSION_ORGANISATION
from register.access import capabilities as _capabilities
from register.access import current_organisation as _current_organisation
from register.access import posted as _posted
from register.access import system_for as _system
from register.cards import build_card
from register.extensions import record_panels
from register.i18n import CONTENT_LANGUAGES, column, content_language
from register.models import AISystem, HumanOversight
from register.rules import can_read_everything, role_in
from register.sections import SECTIONS_BY_SLUG, SUBMISSION_LANGUAGES, submission_gaps, task_list
from register.selectors import (
    dashboard_systems,
    full_record,
    published_versions,
    system_history,
    user_organisations,
)
from register.services import records
from register.snapshots import freeze_record


def _language(request: HttpRequest) -> str:
    language = request.GET.get("language") or request.POST.get("language")
    if language in CONTENT_LANGUAGES:
        return language
    return content_language(request.LANGUAGE_CODE)


def _without(data: dict[str, Any], *names: str) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in names}


def _conflict_rows(conflict: records.EditConflict) -> list[tuple[Any, Any, Any]]:
    meta = conflict.current._meta
    return [
        (meta.get_field(name).verbose_name, before, now)
        for name, (before, now) in conflict.changes.items()
    ]


DASHBOARD_PAGE_SIZE = 50


# --- Dashboard --------------------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    organisations = user_organisations(request.user)
    organisation = _current_organisation(request, organisations)
    reads_all = can_read_everything(request.user)
    if organisation is None and not reads_all:
        return render(request, "register/workspace/no_organisation.html", status=403)
    filter_form = forms.DashboardFilterForm(request.GET or None)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    systems = dashboard_systems(
        request.user, None if reads_all and organisation is None else organisation, filters
    )
    return render(
        request,
        "register/workspace/dashboard.html",
        {
            "organisations": organisations,
            "organisation": organisation,
            "reads_all": reads_all and organisation is None,
            "can_create": organisation is not None,
            "filter_form": filter_form,
            "page": Paginator(systems, DASHBOARD_PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


@login_required
@require_POST
def switch_organisation(request: HttpRequest) -> HttpResponse:
    form = forms.OrganisationSwitchForm(request.POST)
    if form.is_valid() and any(
        o.pk == form.cleaned_data["organisation"] for o in user_organisations(request.user)
    ):
        request.session[SESSION_ORGANISATION] = form.cleaned_data["organisation"]
    return redirect("register:dashboard")


# --- Creating and reading a record ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def system_create(request: HttpRequest) -> HttpResponse:
    organisation = _current_organisation(request, user_organisations(request.user))
    if organisation is None or not rules.has_perm(
        "register.add_aisystem", request.user, organisation
    ):
        raise PermissionDenied
    language = _language(request)
    section = SECTIONS_BY_SLUG["about"]
    form_class = forms.section_form_class(section, language)
    form_class.base_fields["revision"].required = False
    form = form_class(_posted(request))
    name_field = column("name", language)
    form.fields[name_field].required = True
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
        try:
            system = records.system_create(organisation=organisation, actor=request.user, data=data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The record is created as a draft. Carry on with the other sections.")
            )
            return redirect("register:system", public_id=system.public_id)
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
            "card": build_card(freeze_record(system)),
            "card_meta": {"is_preview": True},
        },
    )


@login_required
def history(request: HttpRequest, public_id: str) -> HttpResponse:
    system = _system(request, public_id)
    return render(
        request,
        "register/workspace/history.html",
        {
            "system": system,
            "entries": system_history(system),
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


# --- Sections ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, public_id: str, section: str) -> HttpResponse:
    if section not in SECTIONS_BY_SLUG:
        raise Http404
    spec = SECTIONS_BY_SLUG[section]
    system = _system(request, public_id, with_parts=True)
    can = _capabilities(request.user, system)
    language = _language(request)
    context: dict[str, Any] = {"system": system, "section": spec, "language": language, "can": can}

    if spec.slug == "translations":
        gaps, others = schema.translation_gaps(system), schema.untranslated(system)
        context["gaps"] = [(code, gaps[code], others[code]) for code in CONTENT_LANGUAGES]
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
        valid = form.is_valid() & (oversight_form is None or oversight_form.is_valid())
        if valid:
            data = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
            try:
                records.system_update(
                    system=system,
                    actor=request.user,
                    data=data,
                    expected_revision=form.cleaned_data["revision"],
                    oversight=_without(oversight_form.cleaned_data, "version")
                    if oversight_form
                    else None,
                    expected_oversight_version=oversight_form.cleaned_data["version"]
                    if oversight_form
                    else None,
                )
            except records.EditConflict as conflict:
                context.update(conflict=conflict, conflict_rows=_conflict_rows(conflict))
                # Keep what the user typed; the next save starts from the current revision.
                system.refresh_from_db()
                form.data = form.data.copy()
                form.data["revision"] = system.revision
                oversight_now = HumanOversight.objects.filter(system=system).first()
                if oversight_form is not None and oversight_now is not None:
                    oversight_form.data = oversight_form.data.copy()
                    oversight_form.data["oversight-version"] = oversight_now.updated_at.isoformat()
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Section saved."))
                return redirect("register:system", public_id=system.public_id)
    context.update({"form": form, "oversight_form": oversight_form})
    return render(request, "register/workspace/section_form.html", context)


# --- Repeatable items -------------------------------------------------------------------------


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
    language = _language(request)
    form = forms.part_form_class(part, language)(_posted(request), instance=instance)
    context: dict[str, Any] = {
        "system": system,
        "part": part,
        "instance": instance,
        "language": language,
        "section": SECTIONS_BY_SLUG[_section_of(part)],
    }
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            records.part_save(
                system=system,
                actor=request.user,
                part=part,
                data=data,
                instance=instance,
                expected_version=form.cleaned_data["version"],
            )
        except records.EditConflict as conflict:
            context.update(conflict=conflict, conflict_rows=_conflict_rows(conflict))
            form.data = form.data.copy()
            form.data["version"] = conflict.current.updated_at.isoformat()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(
                "register:section", public_id=system.public_id, section=_section_of(part)
            )
    context["form"] = form
    return render(request, "register/workspace/part_form.html", context)


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


# --- Workflow ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def workflow_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    spec = workflow.ACTIONS.get(action)
    if spec is None or not spec.has_page:
        raise Http404
    system = _system(request, public_id, with_parts=True)
    workflow.require_role(action, request.user, system)
    form_class = forms.ReturnForm if spec.comment else forms.ConfirmForm
    form = form_class(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            result = spec.perform(system=system, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, spec.done % {"number": getattr(result, "number", "")})
            if action == "delete":
                return redirect("register:dashboard")
            return redirect("register:system", public_id=system.public_id)
    return render(
        request,
        "register/workspace/workflow.html",
        {
            "system": system,
            "action": action,
            "spec": spec,
            "form": form,
            "problems": workflow.problems(action, system, request.user)
            if spec.state_allows(system)
            else [],
        },
        status=400 if form.errors else 200,
    )
