"""Writes of the compliance engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from compliance.classification import classify, validate_answers
from register.audit import audit_context
from register.models import AISystem


@transaction.atomic
def classification_apply(
    *, system: AISystem, actor: AbstractBaseUser | None, answers: Mapping[str, Any]
) -> dict[str, Any]:
    """Store the questionnaire's answers and the class computed from them on the record.

    The class is never typed in: it is always the outcome of ``classify`` for the stored
    answers. Raises ``ClassificationInputError`` (nothing is written) for malformed answers.
    """
    normalised = validate_answers(answers)
    outcome = classify(normalised)
    stored_answers = {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in asdict(normalised).items()
    }
    with audit_context(user=actor.pk if actor else None, action="system.classify"):
        AISystem.objects.filter(pk=system.pk).update(
            classification_answers=stored_answers,
            risk_class=outcome["risk_class"],
            annex_iii=outcome["annex_iii"],
            art6_3_conditions=stored_answers["art6_3_conditions"],
            profiling=normalised.profiling,
            transparency_obligations=outcome["transparency_obligations"],
            fria_required=outcome["fria_required"],
            classified_at=timezone.now(),
            updated_by=actor,
            revision=F("revision") + 1,
        )
    system.refresh_from_db()
    return outcome
