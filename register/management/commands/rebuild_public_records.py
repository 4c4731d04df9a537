"""Rebuild the public read model from the published versions."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from register.services.projection import BATCH_SIZE, rebuild_public_records


class Command(BaseCommand):
    help = (
        "Rewrite every public record (the portal's facets and search documents) from the "
        "current published versions, as the publish and withdraw services write them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"records per statement (default {BATCH_SIZE})",
        )

    def handle(self, *args: object, batch_size: int, **options: object) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        started = time.monotonic()
        written = rebuild_public_records(batch_size=batch_size)
        self.stdout.write(
            f"{written} public records rebuilt in {time.monotonic() - started:.1f} s."
        )
