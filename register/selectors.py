"""Reads that span several models, with their queries fixed in one place."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from register.models import AISystem, Organisation


@dataclass(frozen=True)
class RegisterStats:
    organisations: int
    systems_total: int
    systems_published: int


def register_stats() -> RegisterStats:
    """Headline numbers for the home page, in two queries."""
    counts = AISystem.objects.aggregate(
        total=Count("id"), published=Count("id", filter=Q(published_version__isnull=False))
    )
    return RegisterStats(
        organisations=Organisation.objects.count(),
        systems_total=counts["total"],
        systems_published=counts["published"],
    )


def systems_with_parts():
    """AI systems with everything a card shows, in a fixed number of queries."""
    return AISystem.objects.select_related("organisation", "oversight").prefetch_related(
        "legal_bases", "suppliers", "data_sources", "impact_assessments", "risks"
    )
