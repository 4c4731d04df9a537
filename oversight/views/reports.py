"""The regulators' tools: a system's audit report (PDF) and the page that verifies one."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from oversight.forms import CollectionReportForm, ReportLanguageForm, VerifyReportForm
from oversight.models import CollectionReport, ReportStatus, reports_storage
from oversight.permissions import VIEW_REPORT
from oversight.reports.document import stored_system_report
from oversight.reports.services import collection_report_request, may_request
from oversight.reports.verify import (
    UNKNOWN_RECORD,
    UNKNOWN_RECORD_MESSAGE,
    UNKNOWN_SCOPE,
    Change,
    ReportUnreadable,
    Verification,
    verify,
)
from register.access import posted, system_for
from register.forms import add_refusal
from register.i18n import content_language
from register.models import Organisation
from register.permissions import can_read_everything
from register.selectors import user_organisations


@login_required
def report_pdf(request: HttpRequest, public_id: str) -> HttpResponse:
    """The audit report of one system in ``?lang=`` (the interface's language by default):
    for regulators any system, for its organisation's members their own (403 for anyone else
    who can see it, 404 for a record they cannot see or that was never published). Made once
    and then served from the reports storage while the document would come out the same."""
    system = system_for(request, public_id, perm=VIEW_REPORT)
    form = ReportLanguageForm(request.GET, default=content_language())
    if not form.is_valid():
        raise BadRequest("Unknown report language.")
    report = stored_system_report(system, language=form.cleaned_data["lang"])
    response = HttpResponse(report.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _may_verify(user: object) -> bool:
    return bool(can_read_everything(user) or user_organisations(user))


def _visible(request: HttpRequest, result: Verification) -> Verification:
    """The result as the user may see it: a report of a record (or of an organisation, or of
    the register) they cannot read is answered as one of a record the register does not hold,
    so that verifying tells nothing about it."""
    if result.is_collection:
        if UNKNOWN_SCOPE in result.codes or may_request(request.user, result.organisation):
            return result
    elif result.system is None or rules.has_perm(VIEW_REPORT, request.user, result.system):
        return result
    return Verification(
        result.stamp,
        None,
        [Change(UNKNOWN_RECORD, UNKNOWN_RECORD_MESSAGE)],
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify_page(request: HttpRequest) -> HttpResponse:
    """Upload a report and read whether it still matches the register, and if not, what
    changed since it was made."""
    if not _may_verify(request.user):
        raise PermissionDenied
    form = VerifyReportForm(posted(request), request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = _visible(request, verify(form.cleaned_data["report"]))
        except ReportUnreadable as error:
            form.add_error("report", ValidationError(error.message, code=error.code))
    return render(
        request,
        "oversight/verify.html",
        {"form": form, "result": result},
    )


# --- Reports of several systems ------------------------------------------------------------

RECENT_REPORTS = 20


def _report_scopes(user: Any) -> tuple[list[Organisation], bool]:
    """The organisations whose report the user may ask for, and whether the whole register's."""
    if can_read_everything(user):
        return list(Organisation.objects.order_by("short_code")), True
    return user_organisations(user), False


@login_required
@require_http_methods(["GET", "POST"])
def collection_reports(request: HttpRequest) -> HttpResponse:
    """Ask for the report of an organisation's systems or of the whole register, and list the
    reports asked for lately that the user may download."""
    organisations, whole = _report_scopes(request.user)
    if not organisations and not whole:
        raise PermissionDenied
    form = CollectionReportForm(
        posted(request) or {"lang": content_language()}, organisations=organisations, whole=whole
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = collection_report_request(
                actor=request.user,
                organisation=form.organisation(),
                language=form.cleaned_data["lang"],
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            return redirect("oversight:collection_report", pk=report.pk)
    reports = CollectionReport.objects.select_related("organisation").order_by("-created_at")
    if not whole:
        reports = reports.filter(organisation__in=organisations)
    return render(
        request,
        "oversight/reports.html",
        {"form": form, "reports": reports[:RECENT_REPORTS]},
    )


def _collection_report_for(request: HttpRequest, pk: int) -> CollectionReport:
    """The report ``pk`` if the user may read it: 404 for one they may not (or none)."""
    report = CollectionReport.objects.select_related("organisation").filter(pk=pk).first()
    if report is None or not may_request(request.user, report.organisation):
        raise Http404
    return report


@require_safe
@login_required
def collection_report(request: HttpRequest, pk: int) -> HttpResponse:
    """One report: its progress while it is being made (the page refreshes itself, unless
    asked not to), then its download, or why it was not made."""
    report = _collection_report_for(request, pk)
    return render(
        request,
        "oversight/collection_report.html",
        {"report": report, "auto_refresh": request.GET.get("refresh") != "off"},
    )


@require_safe
@login_required
def collection_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _collection_report_for(request, pk)
    if report.status != ReportStatus.READY or not report.file:
        raise Http404
    try:
        handle = reports_storage().open(report.file, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    scope = report.organisation.short_code if report.organisation else "register"
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=True,
        filename=f"audit-report-{scope}-{report.created_at:%Y-%m-%d}-{report.language}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
