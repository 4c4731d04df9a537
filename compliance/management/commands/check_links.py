"""Check the links that records name now, in this process, without a Celery broker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from compliance.plain_language.services import check_due_links, review_refresh
from register.models import AISystem


class Command(BaseCommand):
    help = (
        "Review every record's public texts with the plain-language assistant (with --review) "
        "and check the links that are due, as the periodic link check does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--review",
            action="store_true",
            help="review every record first, so that the links they name are known",
        )
        parser.add_argument("--limit", type=int, default=200, help="links to check at most")

    def handle(self, *args: Any, review: bool, limit: int, **options: Any) -> None:
        if review:
            for system_id in AISystem.objects.order_by("pk").values_list("pk", flat=True):
                review_refresh(system_id=system_id)
        outcomes = check_due_links(limit=limit)
        summary = ", ".join(f"{name}: {count}" for name, count in sorted(outcomes.items()))
        self.stdout.write(f"Links: {summary or 'none due'}.")
