"""Send the e-mails of the outbox that are due, in this process, without a Celery broker."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from register.services.outbox import SWEEP_LIMIT, outbox_sweep


class Command(BaseCommand):
    help = "Send every e-mail of the outbox that is due, as the periodic outbox sweep does."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit",
            type=int,
            default=SWEEP_LIMIT,
            help=f"at most this many e-mails (default {SWEEP_LIMIT})",
        )

    def handle(self, *args: object, limit: int, **options: object) -> None:
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        counts = outbox_sweep(limit=limit)
        summary = ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items()))
        self.stdout.write(f"Outbox: {summary or 'nothing due'}.")
