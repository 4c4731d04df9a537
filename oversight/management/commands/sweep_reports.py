"""Queue again the reports whose worker vanished and delete old reports' files, in this
process, without a Celery broker."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from oversight.reports.services import collection_reports_sweep


class Command(BaseCommand):
    help = (
        "Queue again (or fail) reports of several systems whose worker vanished, and delete "
        "the reports nobody asked for in REPORTS_RETENTION_DAYS, as the periodic sweep does."
    )

    def handle(self, *args: object, **options: object) -> None:
        counts = collection_reports_sweep()
        summary = ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items()))
        self.stdout.write(f"Reports: {summary}.")
