"""Compliance pages of the agency workspace: the EU AI Act questionnaire, findings and
waivers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from compliance import selectors
from compliance.check_answers import answers_by_step
from compliance.classification import ClassificationInputError, classify, validate_answers
from compliance.forms import DisagreementForm, WaiverForm
from compliance.models import Finding
from compliance.questionnaire import STEPS, STEPS_BY_SLUG, next_step, previous_step
from compliance.services import classification_apply, finding_waive, with_record_facts
from register.access import capabilities, current_organisation, posted, system_for
from register.forms import add_refusal
from register.i18n import content_language
from register.models import Organisation
from register.permissions import can_read_everything, is_approver_of_owner
from register.selectors import user_organisations


def _session_key(system_id: int) -> str:
    return f"classification:{system_id}"


def _answers(request: HttpRequest, system: Any) -> dict[str, Any]:
    """The answers in progress, or else the stored ones with the record's own role."""
    in_progress = request.session.get(_session_key(system.pk))
    if in_progress:
        return dict(in_progress)
    stored = system.classification_answers or {}
    return {**stored, "role": system.act_role} if stored else {}


@login_required
@require_http_methods(["GET", "POST"])
def classification(request: HttpRequest, public_id: str) -> HttpResponse:
    """Check your answers: the outcome computed from them, and the button that stores it."""
    system = system_for(request, public_id)
    answers = _answers(request, system)
    language = content_language()
    try:
        outcome = (
            classify(with_record_facts(system, answers), language=language) if answers else None
        )
        errors: dict[str, list[str]] = {}
    except ClassificationInputError as error:
        outcome, errors = None, error.errors
    can_classify = capabilities(request.user, system).edit
    stored = (
        outcome is not None
        and system.classified_at is not None
        and system.classification_answers
        == validate_answers(with_record_facts(system, answers)).to_dict()
    )
    form = DisagreementForm(
        posted(request), initial={"disagreement": system.classification_disagreement}
    )
    if request.method == "POST":
        if not can_classify:
            raise PermissionDenied
        if outcome is None:
            messages.error(request, _("Answer the questions first."))
            return redirect(
                "compliance:classification_step", public_id=public_id, step=STEPS[0].slug
            )
        if form.is_valid():
            classification_apply(
                system=system,
                actor=request.user,
                answers=answers,
                disagreement=form.cleaned_data["disagreement"],
            )
            request.session.pop(_session_key(system.pk), None)
            messages.success(request, _("The risk class is saved."))
            return redirect("register:system", public_id=public_id)
    return render(
        request,
        "compliance/classification.html",
        {
            "system": system,
            "answers": answers,
            "outcome": outcome,
            "errors": errors,
            "steps": STEPS,
            "answers_by_step": answers_by_step(answers, system=system) if answers else [],
            "number": len(STEPS) + 1,
            "total": len(STEPS) + 1,
            "can_classify": can_classify,
            "stored": stored,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def classification_step(request: HttpRequest, public_id: str, step: str) -> HttpResponse:
    if step not in STEPS_BY_SLUG:
        raise Http404
    spec = STEPS_BY_SLUG[step]
    system = system_for(request, public_id)
    if not capabilities(request.user, system).edit:
        raise PermissionDenied
    answers = _answers(request, system)
    form = spec.form_class(
        posted(request), initial=spec.form_class.initial_from(answers, system=system)
    )
    if request.method == "POST" and form.is_valid():
        answers.update(form.answers())
        request.session[_session_key(system.pk)] = answers
        following = next_step(step)
        # A change made from the check-answers page goes back there.
        if following is None or request.GET.get("change"):
            return redirect("compliance:classification", public_id=public_id)
        return redirect("compliance:classification_step", public_id=public_id, step=following.slug)
    previous = previous_step(step)
    return render(
        request,
        "compliance/question.html",
        {
            "system": system,
            "step": spec,
            "form": form,
            "previous": previous,
            "number": [s.slug for s in STEPS].index(step) + 1,
            # The check-answers page is the last step.
            "total": len(STEPS) + 1,
            "changing": bool(request.GET.get("change")),
        },
    )


# --- Findings ---------------------------------------------------------------------------------


@login_required
def system_findings_page(request: HttpRequest, public_id: str) -> HttpResponse:
    system = system_for(request, public_id)
    return render(
        request,
        "compliance/system_findings.html",
        {
            "system": system,
            "findings": list(selectors.system_findings(system)),
            "summary": selectors.compliance_summary(system),
            "can_waive": is_approver_of_owner(request.user, system),
        },
    )


@login_required
def organisation_findings_page(request: HttpRequest) -> HttpResponse:
    """The organisation's findings; for regulators, every organisation's, with a filter."""
    organisation = current_organisation(request, user_organisations(request.user))
    reads_all = organisation is None and can_read_everything(request.user)
    if organisation is None and not reads_all:
        raise PermissionDenied
    organisations = []
    if reads_all:
        organisations = sorted(Organisation.objects.all(), key=lambda o: str(o.name).casefold())
        code = request.GET.get("organisation") or ""
        organisation = next((o for o in organisations if o.short_code == code), None)
    return render(
        request,
        "compliance/organisation_findings.html",
        {
            "organisation": organisation,
            "organisations": organisations,
            "summary": selectors.organisation_summary(organisation) if organisation else None,
            "by_rule": selectors.open_findings_by_rule() if organisation is None else {},
            "page": selectors.organisation_findings(organisation, request.GET.get("page")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def waive(request: HttpRequest, public_id: str, finding_id: int) -> HttpResponse:
    system = system_for(request, public_id, perm="register.review_aisystem")
    finding = get_object_or_404(Finding, pk=finding_id, system=system)
    form = WaiverForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            finding_waive(
                finding=finding,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The finding is waived until the date you gave."))
            return redirect("compliance:findings", public_id=public_id)
    return render(
        request,
        "compliance/waive.html",
        {
            "system": system,
            "finding": finding,
            "form": form,
        },
    )
