"""Write the rule table of ``compliance/catalogue/README.md`` from the catalogue."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from compliance.rules import CATALOGUE_DIR, get_catalogue
from compliance.rules.docs import readme_with_table


class Command(BaseCommand):
    help = "Rewrite the rule table of compliance/catalogue/README.md from the catalogue."

    def handle(self, *args: Any, **options: Any) -> None:
        path = CATALOGUE_DIR / "README.md"
        path.write_text(
            readme_with_table(path.read_text(encoding="utf-8"), get_catalogue()),
            encoding="utf-8",
        )
        self.stdout.write(f"Wrote {path}")
