"""Citizen feedback: the public form and the sender's pages, and the organisation's queue.

None of these pages is cached for others: the form carries a CSRF token, the sender's pages
carry a secret in their address (``Cache-Control: private, no-store``, not indexed), and the
workspace pages are personal.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from portal.feedback import forms, selectors, services
from portal.feedback.permissions import may, reads_every_report
from portal.models import Report
from register import ratelimit
from register.forms import add_refusal
from register.i18n import content_language
from register.models import Membership

QUEUE_PAGE_SIZE = 25


def private(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Never stored by a browser or a proxy, never indexed."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def _client_allowed(request: HttpRequest) -> bool:
    return ratelimit.hit(
        "feedback-client",
        get_client_ip_address(request) or "",
        limit=settings.FEEDBACK_LIMIT_PER_CLIENT,
        window=settings.FEEDBACK_LIMIT_WINDOW,
    )


@private
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request: HttpRequest, public_id: str) -> HttpResponse:
    """The form on a system with a public version (404 otherwise). A valid form is counted
    against the client's limit (429 past it); a form whose trap was filled is answered as sent
    and stored nowhere."""
    record = selectors.public_record_for_feedback(public_id)
    if record is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = forms.FeedbackForm(request.POST)
        if form.is_valid():
            if not _client_allowed(request):
                form.add_error(
                    None,
                    _(
                        "You have sent several reports in a short time. Wait an hour and send "
                        "this one again; what you wrote is kept below."
                    ),
                )
                status = 429
            elif form.is_trap_filled:
                return _render_sent(request, record=record, reference=services.new_reference())
            else:
                data = form.cleaned_data
                try:
                    sent = services.report_create(
                        system=record.system,
                        kind=data["kind"],
                        message=data["message"],
                        language=content_language(get_language()),
                        sender_name=data["sender_name"],
                        sender_email=data["sender_email"],
                        wants_reply=data["wants_reply"],
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    return redirect(
                        "portal:feedback_sent",
                        reference=sent.report.reference,
                        key=sent.status_key,
                    )
    else:
        initial = forms.KindChoiceForm(request.GET)
        kind = initial.cleaned_data.get("kind") if initial.is_valid() else ""
        form = forms.FeedbackForm(initial={"kind": kind or None})
    return render(
        request,
        "portal/feedback/form.html",
        {
            "record": record,
            "card": record.version.snapshot,
            "form": form,
            "answer_days": settings.FEEDBACK_ANSWER_DAYS,
        },
        status=status,
    )


def _render_sent(
    request: HttpRequest,
    *,
    record: Any,
    reference: str,
    report: Report | None = None,
    key: str = "",
) -> HttpResponse:
    return render(
        request,
        "portal/feedback/sent.html",
        {
            "record": record,
            "card": record.version.snapshot,
            "reference": reference,
            "report": report,
            "key": key,
            "status_url": request.build_absolute_uri(
                reverse("portal:feedback_status", kwargs={"reference": reference, "key": key})
            )
            if report
            else "",
        },
    )


def _report_with_key(reference: str, key: str) -> Report:
    """The report if ``key`` is its status key (compared as hashes, in constant time); 404 for
    a wrong key as for an unknown reference."""
    report = selectors.report_for_sender(reference)
    if report is None:
        services.secret_matches(key, "0" * 64)  # the same work for an unknown reference
        raise Http404
    if not services.secret_matches(key, report.status_key_sha256):
        raise Http404
    return report


@private
@require_http_methods(["GET", "HEAD"])
def sent(request: HttpRequest, reference: str, key: str) -> HttpResponse:
    """Right after sending: the reference and the status page's address, to keep."""
    report = _report_with_key(reference, key)
    record = getattr(report.system, "public_record", None)
    if record is None:
        raise Http404
    return _render_sent(
        request,
        record=record,
        reference=report.reference,
        report=report,
        key=key,
    )


@private
@require_http_methods(["GET", "HEAD"])
def status(request: HttpRequest, reference: str, key: str) -> HttpResponse:
    """The sender's status page: what they sent about, its status, the due date and the
    reply. Nothing of what they wrote is repeated, so a leaked link leaks little."""
    report = _report_with_key(reference, key)
    return render(
        request, "portal/feedback/status.html", {"report": report, "card": _card_of(report)}
    )


@private
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation link: a button (a visit alone confirms nothing), then the address is
    confirmed once. A used, expired or unknown token is not found."""
    if request.method == "POST":
        report = services.report_confirm_email(token=token)
        if report is None:
            raise Http404
        return render(request, "portal/feedback/confirmed.html", {"report": report})
    if not services.confirmation_is_valid(token):
        raise Http404
    return render(request, "portal/feedback/confirm.html", {"form": forms.ConfirmForm()})


# --- The organisation's queue --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def queue(request: HttpRequest) -> HttpResponse:
    """The reports of the user's organisations (every organisation's, read-only, for a
    regulator, the escalated first), open ones by default, overdue first."""
    reads_all = reads_every_report(request.user)
    if not reads_all and not Membership.objects.filter(user=request.user).exists():
        raise PermissionDenied
    filter_form = forms.QueueFilterForm(request.GET or None)
    valid = filter_form.is_valid()
    chosen = filter_form.cleaned_data.get("status", "") if valid else ""
    system = filter_form.cleaned_data.get("system", "") if valid else ""
    reports = selectors.queue_reports(request.user, status=chosen, system=system)
    page = Paginator(reports, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/feedback/queue.html",
        {"page": page, "filter_form": filter_form, "reads_all": reads_all},
    )


def _case_forms(report: Report, bound: Any = None, action: str = "") -> dict[str, Any]:
    members = services.organisation_members(report.organisation_id)
    initial = {
        "assign": {"assignee": report.assignee_id},
        "status": {"status": report.status if report.is_open else "closed"},
        "reply": {"reply": report.reply},
        "publish": {"public_summary": report.public_summary},
        "unpublish": {},
    }
    built = {}
    for name, form_class in forms.CASE_FORMS.items():
        kwargs: dict[str, Any] = {"members": members} if name == "assign" else {}
        data = bound if name == action else None
        built[name] = form_class(data, initial=initial[name], prefix=name, **kwargs)
    return built


SERVICES: dict[str, Callable[..., Report]] = {
    "assign": lambda report, actor, data: services.report_assign(
        report=report, actor=actor, assignee=data["assignee"]
    ),
    "status": lambda report, actor, data: services.report_set_status(
        report=report, actor=actor, status=data["status"]
    ),
    "reply": lambda report, actor, data: services.report_reply(
        report=report, actor=actor, reply=data["reply"]
    ),
    "publish": lambda report, actor, data: services.report_publish_reply(
        report=report, actor=actor, public_summary=data["public_summary"]
    ),
    "unpublish": lambda report, actor, data: services.report_unpublish_reply(
        report=report, actor=actor
    ),
}
DONE = {
    "assign": _("The assignment is saved."),
    "status": _("The status is saved."),
    "reply": _("The reply is saved."),
    "publish": _("The reply is published on the card."),
    "unpublish": _("The reply is no longer on the card."),
}
#: The permission each action needs.
ACTION_PERMS = {
    "assign": "portal.answer_report",
    "status": "portal.answer_report",
    "reply": "portal.answer_report",
    "publish": "portal.publish_report_reply",
    "unpublish": "portal.publish_report_reply",
}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def case(request: HttpRequest, reference: str) -> HttpResponse:
    """One report: the message, the sender's contact for those who may see it, and the
    organisation's actions (assign, status, reply, publish on the card), each a POST to a
    service. Other organisations' reports are not found; a regulator reads, never acts."""
    report = selectors.report_for(request.user, reference)
    if report is None:
        raise Http404
    user = request.user
    action = ""
    if request.method == "POST":
        action = str(request.POST.get("action", ""))[:16]
        if action not in forms.CASE_FORMS:
            return HttpResponse(status=400)
        if not may(ACTION_PERMS[action], user, report):
            raise PermissionDenied
    case_forms = _case_forms(report, request.POST if action else None, action)
    if action:
        form = case_forms[action]
        if form.is_valid():
            try:
                SERVICES[action](report, user, form.cleaned_data)
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, DONE[action])
                return redirect("portal:feedback_case", reference=report.reference)
    return render(
        request,
        "portal/feedback/case.html",
        {
            "report": report,
            "card": _card_of(report),
            "forms": case_forms,
            "bound": case_forms.get(action),
            "can_answer": may("portal.answer_report", user, report),
            "can_publish": may("portal.publish_report_reply", user, report),
            "shows_contact": may("portal.view_report_contact", user, report),
        },
    )


def _card_of(report: Report) -> dict[str, Any] | None:
    record = getattr(report.system, "public_record", None)
    return record.version.snapshot if record is not None else None
