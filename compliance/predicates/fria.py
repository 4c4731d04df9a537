"""Predicates of ``catalogue/fria.yaml``: impact assessments (Art 27, GDPR Art 35).

A FRIA is reviewed after a relevant change (Art 27(2)) when its latest review (or completion)
date is not earlier than the latest of: the record's classification, the last change to its
human-oversight part, the last change to any data source. Changes within ``grace_days`` pass.
Removing a data source leaves no date behind and is not seen.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from compliance.predicates._common import (
    FRIA_LETTERS,
    FRIA_READS,
    Params,
    assessments,
    complete_frias,
    fria_required,
    ids,
    oversight_of,
    source_kind_reads,
    sources,
)
from compliance.rules.model import PASS, Choice, Verdict, fail, not_applicable
from compliance.rules.registry import predicate
from register.models import AISystem, ImpactAssessment


@predicate("fria_complete", reads=FRIA_READS)
def fria_complete(system: AISystem, params: Params) -> Verdict:
    """A completed FRIA, with a date, that covers every part (a)–(f) of Art 27(1)."""
    if not fria_required(system):
        return not_applicable(reason="fria_not_required")
    frias = assessments(system, ImpactAssessment.Kind.FRIA)
    if not frias:
        return fail(reason="missing")
    if complete_frias(system):
        return PASS
    closest = min(frias, key=lambda a: (len(a.missing_fria_parts()), a.pk))
    return fail(
        reason="incomplete",
        assessment_id=closest.pk,
        state=closest.state,
        missing_parts=[FRIA_LETTERS[part] for part in closest.missing_fria_parts()],
        completed_on=closest.completed_on.isoformat() if closest.completed_on else None,
    )


def _last_relevant_change(system: AISystem) -> tuple[str, dt.date] | None:
    changes: list[tuple[dt.date, str]] = []
    if system.classified_at is not None:
        changes.append((timezone.localdate(system.classified_at), "classification"))
    oversight = oversight_of(system)
    if oversight is not None and oversight.updated_at is not None:
        changes.append((timezone.localdate(oversight.updated_at), "oversight"))
    changes.extend(
        (timezone.localdate(source.updated_at), "data_sources")
        for source in system.data_sources.all()
        if source.updated_at is not None
    )
    if not changes:
        return None
    day, kind = max(changes)
    return kind, day


@predicate(
    "fria_reviewed_after_change",
    params={"grace_days": int},
    # The classification's date is part of the stored classification; the parts' dates move
    # whenever an editor saves them.
    reads=(
        *FRIA_READS,
        "impact_assessments.reviewed_on",
        "oversight.updated_at",
        "data_sources.updated_at",
    ),
)
def fria_reviewed_after_change(system: AISystem, params: Params) -> Verdict:
    if not fria_required(system):
        return not_applicable(reason="fria_not_required")
    frias = complete_frias(system)
    if not frias:
        return not_applicable(reason="no_complete_fria")
    reviewed = max(a.reviewed_on or a.completed_on for a in frias)
    change = _last_relevant_change(system)
    if change is None:
        return PASS
    kind, changed_on = change
    if changed_on <= reviewed:
        return PASS
    if (params["today"] - changed_on).days <= params["grace_days"]:
        return PASS
    return fail(changed=kind, changed_on=changed_on.isoformat(), reviewed_on=reviewed.isoformat())


@predicate(
    "dpia_completed",
    params={"sources": Choice(("personal", "special"))},
    reads=lambda params: (
        source_kind_reads(params["sources"])
        | {"impact_assessments.kind", "impact_assessments.state"}
    ),
)
def dpia_completed(system: AISystem, params: Params) -> Verdict:
    """A completed DPIA where data sources hold personal (or special-category) data."""
    matching = sources(system, params["sources"])
    if not matching:
        return not_applicable(reason="no_matching_data")
    dpias = assessments(system, ImpactAssessment.Kind.DPIA)
    if any(a.state == ImpactAssessment.State.COMPLETED for a in dpias):
        return PASS
    return fail(
        reason="not_completed" if dpias else "missing",
        source_ids=ids(matching),
    )
