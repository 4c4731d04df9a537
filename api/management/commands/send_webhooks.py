"""Send the webhook deliveries that are due, in this process, without a Celery broker."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.webhooks.services import SWEEP_LIMIT, deliveries_sweep


class Command(BaseCommand):
    help = "Send every webhook delivery that is due, as the periodic webhook sweep does."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit",
            type=int,
            default=SWEEP_LIMIT,
            help=f"at most this many deliveries (default {SWEEP_LIMIT})",
        )

    def handle(self, *args: object, limit: int, **options: object) -> None:
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        counts = deliveries_sweep(limit=limit)
        summary = ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items()))
        self.stdout.write(f"Webhooks: {summary or 'nothing due'}.")
