"""The workspace's start page: the records of the organisation being worked for, and the switch
between organisations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from register import forms
from register.access import SESSION_ORGANISATION
from register.access import current_organisation as _current_organisation
from register.permissions import can_read_everything
from register.selectors import dashboard_page, user_organisations


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    organisations = user_organisations(request.user)
    organisation = _current_organisation(request, organisations)
    reads_all = can_read_everything(request.user)
    if organisation is None and not reads_all:
        return render(request, "register/workspace/no_organisation.html", status=403)
    filter_form = forms.DashboardFilterForm(request.GET or None)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    page = dashboard_page(
        request.user,
        None if reads_all and organisation is None else organisation,
        filters,
        request.GET.get("page"),
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
            "page": page,
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
