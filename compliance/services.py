"""Writes of the compliance engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from compliance import standing
from compliance.classification import classify, language_neutral, validate_answers
from compliance.models import Finding, FindingStatus
from compliance.rules import catalogue_version, get_catalogue
from register.audit import audit_context
from register.models import AISystem, HumanOversight
from register.permissions import is_approver_of_owner
from register.services.hooks import record_changed
from register.services.records import ensure_editable, mark_changed


def with_record_facts(system: AISystem, answers: Mapping[str, Any]) -> dict[str, Any]:
    """``answers`` with the inputs that the questionnaire does not ask because the record
    already says them: ``decision_role`` (the record's role in decisions) and
    ``human_can_correct`` (whether its human oversight can override an output, when the
    oversight part exists and says so). The autonomy degree under Kazakhstan's AI Law thus
    follows the record; what the answers say about these two is replaced."""
    facts: dict[str, Any] = {**answers, "decision_role": system.decision_role or None}
    facts.pop("human_can_correct", None)
    oversight = HumanOversight.objects.filter(system_id=system.pk).first()
    if oversight is not None and oversight.can_override is not None:
        facts["human_can_correct"] = oversight.can_override
    return facts


@transaction.atomic
def classification_apply(
    *,
    system: AISystem,
    actor: AbstractBaseUser | None,
    answers: Mapping[str, Any],
    disagreement: str = "",
) -> dict[str, Any]:
    """Store the questionnaire's answers and the outcome computed from them on the record
    (``AISystem.classification``, language-neutral, and the columns derived from it by
    ``AISystem.apply_classification``), with the date and the versions of the classification
    logic and of the rule catalogue. Returns ``classify``'s full outcome (in English).

    The answered role becomes the record's ``act_role`` in the same transaction, so that the
    classification and the rules never disagree about it; the decision role and the human
    correction come from the record (``with_record_facts``).

    The class is never typed in: it is always the outcome of ``classify`` for the stored
    answers. An organisation that thinks the outcome wrong records why in ``disagreement``;
    the class stays as computed, and a rule flags the record for the regulator. Raises
    ``ClassificationInputError`` (nothing is written) for malformed answers.
    """
    locked = AISystem.objects.select_for_update().get(pk=system.pk)
    normalised = validate_answers(with_record_facts(locked, answers))
    outcome = classify(normalised)
    ensure_editable(locked, actor)
    with audit_context(user=actor.pk if actor else None, action="system.classify"):
        locked.apply_classification(language_neutral(outcome), normalised.to_dict())
        locked.act_role = normalised.role
        locked.classified_at = timezone.now()
        locked.catalogue_version = catalogue_version()
        locked.classification_disagreement = disagreement.strip()
        # A new class is a change of the record: a published one gets a working draft.
        mark_changed(locked, actor)
        locked.full_clean()
        locked.save()
    system.refresh_from_db()
    record_changed(system.pk)
    return outcome


WAIVER_MAX_DAYS: Final = 365


@transaction.atomic
def finding_waive(
    *,
    finding: Finding,
    actor: AbstractBaseUser,
    reason: str,
    expires_on: dt.date,
    today: dt.date | None = None,
) -> Finding:
    """Accept an open finding for a limited time, with the approver's justification.

    Only an approver of the system's organisation may waive (``PermissionDenied`` otherwise).
    The finding must be open or already waived (a waiver can be renewed), its rule waivable,
    the reason not blank, and the waiver must end after ``today`` and within
    ``WAIVER_MAX_DAYS``. The waiver holds through ``expires_on``; the first check after that
    re-opens the finding if the rule still fails.
    """
    locked = (
        Finding.objects.select_for_update(of=("self",)).select_related("system").get(pk=finding.pk)
    )
    if not is_approver_of_owner(actor, locked.system):
        raise PermissionDenied(_("Only an approver of the organisation can waive a finding."))
    if locked.status not in (FindingStatus.OPEN, FindingStatus.WAIVED):
        raise ValidationError(_("Only an open finding can be waived."), code="not_open")
    rule = get_catalogue().get(locked.rule_id)
    if rule is not None and not rule.waivable:
        raise ValidationError(
            _("This finding cannot be waived: the practice must stop."), code="not_waivable"
        )
    today = today or timezone.localdate()
    errors: dict[str, ValidationError] = {}
    reason = reason.strip()
    if not reason:
        errors["reason"] = ValidationError(
            _("Explain why the finding can be accepted for now."), code="required"
        )
    if expires_on <= today:
        errors["expires_on"] = ValidationError(
            _("The waiver must end on a future date."), code="not_future"
        )
    elif expires_on > today + dt.timedelta(days=WAIVER_MAX_DAYS):
        errors["expires_on"] = ValidationError(
            _("A waiver can last at most %(days)s days."),
            code="too_long",
            params={"days": WAIVER_MAX_DAYS},
        )
    if errors:
        raise ValidationError(errors)

    locked.status = FindingStatus.WAIVED
    locked.waiver_reason = reason
    locked.waiver_expires_on = expires_on
    locked.waived_by = actor
    locked.full_clean()
    with audit_context(user=actor.pk, action="compliance.waive"):
        locked.save(update_fields=["status", "waiver_reason", "waiver_expires_on", "waived_by"])
    standing.refresh([locked.system_id])
    return locked
