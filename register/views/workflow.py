"""The workflow pages (submit, return, publish, withdraw, delete), one view over the workflow
table: access check, confirmation form (with a tick for each of the action's confirmations that
has something to confirm), the action's service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from register import forms, workflow
from register.access import posted as _posted
from register.access import system_for as _system


def _form(
    request: HttpRequest, spec: workflow.Action, to_confirm: list[tuple[workflow.Confirmation, Any]]
) -> Form:
    if spec.comment:
        return forms.ReturnForm(_posted(request))
    return forms.ConfirmForm(
        _posted(request), confirmations=[confirmation for confirmation, _items in to_confirm]
    )


@login_required
@require_http_methods(["GET", "POST"])
def workflow_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    spec = workflow.ACTIONS.get(action)
    if spec is None or not spec.has_page:
        raise Http404
    system = _system(request, public_id, with_parts=True)
    workflow.require_role(action, request.user, system)
    allowed = spec.state_allows(system)
    if allowed and request.method == "GET":
        # What the page lists for confirmation is what the service will find.
        workflow.prepare(action, system)
        if spec.then:
            workflow.prepare(spec.then, system)
    to_confirm = workflow.to_confirm(action, system, request.user) if allowed else []
    form = _form(request, spec, to_confirm)
    if request.method == "POST" and form.is_valid():
        try:
            result = spec.perform(system=system, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            # The service re-checks the record first: what there is to confirm may have grown.
            to_confirm = workflow.to_confirm(action, system, request.user)
            form = _form(request, spec, to_confirm)
            form.is_valid()
            if not (form.errors and getattr(error, "code", None) == "unconfirmed"):
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
            "problems": workflow.problems(action, system, request.user) if allowed else [],
            "ahead": workflow.problems_ahead(action, system) if allowed else [],
            "to_confirm": to_confirm,
        },
        status=400 if form.errors else 200,
    )
