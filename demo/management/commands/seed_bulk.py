from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from demo.bulk import PUBLISHED_SHARE, seed_bulk


class Command(BaseCommand):
    help = "Ensure N synthetic AI systems (with their parts) exist, for load tests."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="systems wanted in total")
        parser.add_argument("--seed", type=int, default=2026, help="random seed")
        parser.add_argument(
            "--published",
            type=float,
            default=PUBLISHED_SHARE,
            metavar="SHARE",
            help=f"share of new systems that are published, 0 to 1 (default {PUBLISHED_SHARE})",
        )
        parser.add_argument(
            "--processes", type=int, default=1, help="processes that share the batches"
        )

    def handle(
        self,
        *args: object,
        count: int,
        seed: int,
        published: float,
        processes: int,
        **options: object,
    ) -> None:
        if count < 0:
            self.stderr.write("--count cannot be negative")
            raise SystemExit(2)
        if not 0 <= published <= 1:
            self.stderr.write("--published must be between 0 and 1")
            raise SystemExit(2)
        if processes < 1:
            self.stderr.write("--processes must be at least 1")
            raise SystemExit(2)
        started = time.monotonic()
        result = seed_bulk(count, seed=seed, published_share=published, processes=processes)
        elapsed = time.monotonic() - started
        rate = result.created / elapsed if elapsed and result.created else 0
        self.stdout.write(
            f"{result.created} synthetic systems created ({result.existing} already there) "
            f"in {elapsed:.1f} s ({rate:.0f} per second)."
        )
