"""The regulators' tools: a system's audit report (PDF) and the page that verifies one."""

from __future__ import annotations

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from oversight.forms import ReportLanguageForm, VerifyReportForm
from oversight.permissions import VIEW_REPORT
from oversight.reports.document import system_report
from oversight.reports.verify import (
    UNKNOWN_RECORD,
    UNKNOWN_RECORD_MESSAGE,
    Change,
    ReportUnreadable,
    Verification,
    verify,
)
from register.access import posted, system_for
from register.i18n import content_language
from register.permissions import can_read_everything
from register.selectors import user_organisations


@login_required
def report_pdf(request: HttpRequest, public_id: str) -> HttpResponse:
    """The audit report of one system in ``?lang=`` (the interface's language by default):
    for regulators any system, for its organisation's members their own (403 for anyone else
    who can see it, 404 for a record they cannot see or that was never published)."""
    system = system_for(request, public_id, perm=VIEW_REPORT)
    form = ReportLanguageForm(request.GET, default=content_language())
    if not form.is_valid():
        raise BadRequest("Unknown report language.")
    report = system_report(system, language=form.cleaned_data["lang"])
    response = HttpResponse(report.pdf.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _may_verify(user: object) -> bool:
    return bool(can_read_everything(user) or user_organisations(user))


def _visible(request: HttpRequest, result: Verification) -> Verification:
    """The result as the user may see it: a report of a record they cannot read is answered
    as one of a record the register does not hold, so that verifying tells nothing about it."""
    if result.system is None or rules.has_perm(VIEW_REPORT, request.user, result.system):
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
