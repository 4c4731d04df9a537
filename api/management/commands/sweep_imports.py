"""Start again the import jobs whose worker vanished and delete old jobs' files, in this
process, without a Celery broker."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from api.imports.services import imports_sweep


class Command(BaseCommand):
    help = (
        "Set back (or fail) import jobs whose worker vanished, and delete the uploaded files "
        "of jobs older than API_IMPORT_RETENTION_DAYS, as the periodic import sweep does."
    )

    def handle(self, *args: object, **options: object) -> None:
        counts = imports_sweep()
        summary = ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items()))
        self.stdout.write(f"Imports: {summary}.")
