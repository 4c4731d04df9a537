"""The workflow pages (submit, return, publish, withdraw, delete), one view over the workflow
table: access check, confirmation form, the action's service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from register import forms, workflow
from register.access import posted as _posted
from register.access import system_for as _system


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
