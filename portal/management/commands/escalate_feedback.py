"""Escalate unanswered citizen reports to the regulators, as the daily task does."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from portal.feedback.services import reports_escalate


class Command(BaseCommand):
    help = (
        "Escalate to the regulators every citizen report left unanswered for longer than "
        "FEEDBACK_ESCALATE_AFTER_DAYS days, and e-mail them. Safe to run again."
    )

    def handle(self, *args: object, **options: object) -> None:
        escalated = reports_escalate()
        self.stdout.write(f"Escalated {len(escalated)} report(s).")
