"""The workspace's import pages: the upload form, the template, and a job's dry run with its
Apply button and, once applied, the records it wrote. Only editors and approvers of the
organisation import into it; everyone else is refused (403), another organisation's job is not
found (404)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from api.imports import services, template
from api.imports.forms import TemplateForm, UploadForm
from api.imports.models import ImportJob
from register.access import current_organisation
from register.models import Organisation
from register.selectors import user_organisations


def _organisations(request: HttpRequest) -> list[Organisation]:
    """The organisations the user may import into (editors and approvers), else 403."""
    organisations = user_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    return organisations


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    organisations = _organisations(request)
    form = UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        organisations=organisations,
        initial={"organisation": getattr(current_organisation(request, organisations), "pk", None)},
    )
    if request.method == "POST" and form.is_valid():
        job = services.import_start(
            organisation=form.chosen,
            user=request.user,
            file_name=form.cleaned_data["file"].name,
            data=form.cleaned_data["file"].read(),
        )
        return redirect("data:import_job", pk=job.pk)
    jobs = ImportJob.objects.filter(organisation__in=organisations).select_related("organisation")[
        :10
    ]
    return render(
        request,
        "api/imports/upload.html",
        {"form": form, "jobs": jobs, "formats": template.FORMATS},
        status=400 if form.errors else 200,
    )


@login_required
def template_download(request: HttpRequest, format: str) -> HttpResponse:
    if format not in template.FORMATS:
        raise Http404
    organisations = _organisations(request)
    form = TemplateForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The address is not valid."))
    organisation = (
        current_organisation(request, organisations) if form.cleaned_data["filled"] else None
    )
    name = f"{organisation.short_code}-systems" if organisation else "import-template"
    response = HttpResponse(template.build(format, organisation), template.CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{format}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def job(request: HttpRequest, pk: int) -> HttpResponse:
    organisations = _organisations(request)
    found = get_object_or_404(
        ImportJob.objects.select_related("organisation", "user").defer("data"),
        pk=pk,
        organisation__in=organisations,
    )
    if request.method == "POST":
        services.import_request_apply(job=found)
        return redirect("data:import_job", pk=found.pk)
    total = found.progress_total
    return render(
        request,
        "api/imports/job.html",
        {
            "job": found,
            "report": found.report or {},
            "progress": min(found.rows_done, total),
            "total": total,
            # A page that reloads itself must let the reader stop it (WCAG 2.2.1).
            "auto_refresh": request.GET.get("refresh") != "off",
        },
    )
