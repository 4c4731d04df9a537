"""The pages of regulators' requests on a record, under the workspace's record paths: the
regulator asks and closes, the agency's editors and approvers answer. Everyone who may read
the record sees its requests."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from oversight import services
from oversight.forms import AnswerForm, RequestForm
from oversight.models import RegulatorRequest
from register.access import posted, system_for
from register.forms import add_refusal


def _answer_form(item: RegulatorRequest, data: Any = None) -> AnswerForm:
    """One form per request on the page, each with ids of its own."""
    return AnswerForm(data, prefix=f"request-{item.pk}")


def _page(request: HttpRequest, system: Any, **context: Any) -> HttpResponse:
    may_ask = services.may_ask(request.user)
    may_answer = services.may_answer(request.user, system)
    answering = context.pop("answering", None)
    items = [
        (item, answering[1] if answering and answering[0] == item.pk else _answer_form(item))
        for item in system.regulator_requests.select_related("author", "answered_by")
    ]
    return render(
        request,
        "oversight/requests.html",
        {
            "system": system,
            "items": items,
            "may_ask": may_ask,
            "may_answer": may_answer,
            "form": context.get("form") or (RequestForm() if may_ask else None),
        },
        status=context.get("status", 200),
    )


@login_required
@require_http_methods(["GET", "POST"])
def requests_page(request: HttpRequest, public_id: str) -> HttpResponse:
    system = system_for(request, public_id)
    if request.method == "GET":
        return _page(request, system)
    if not services.may_ask(request.user):
        raise PermissionDenied
    form = RequestForm(posted(request))
    if form.is_valid():
        try:
            services.request_create(system=system, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The request is sent. The agency sees it on the record."))
            return redirect("oversight:requests", public_id=public_id)
    return _page(request, system, form=form, status=400)


@login_required
@require_POST
def answer(request: HttpRequest, public_id: str, pk: int) -> HttpResponse:
    system = system_for(request, public_id)
    item = get_object_or_404(RegulatorRequest, pk=pk, system=system)
    if not services.may_answer(request.user, system):
        raise PermissionDenied
    form = _answer_form(item, posted(request))
    if form.is_valid():
        try:
            services.request_answer(request=item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Your answer is sent to the regulator."))
            return redirect("oversight:requests", public_id=public_id)
    return _page(request, system, answering=(item.pk, form), status=400)


@login_required
@require_POST
def close(request: HttpRequest, public_id: str, pk: int) -> HttpResponse:
    system = system_for(request, public_id)
    item = get_object_or_404(RegulatorRequest, pk=pk, system=system)
    services.request_close(request=item, actor=request.user)
    messages.success(request, _("The request is closed."))
    return redirect("oversight:requests", public_id=public_id)
