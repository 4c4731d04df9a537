"""Print, or write to ``api/crosswalk/README.md``, the tables of the crosswalk exports,
generated from the mapping tables."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from api.crosswalk.readme import FILE, tables


class Command(BaseCommand):
    help = "Print the mapping tables of the crosswalk exports, or write them (--write)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--write", action="store_true", help=f"Write them to {FILE.name}.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["write"]:
            FILE.write_text(tables(), encoding="utf-8")
            self.stdout.write(f"Wrote {FILE}")
        else:
            self.stdout.write(tables(), ending="")
