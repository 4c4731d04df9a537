"""Run the compliance checks now, in this process, without a Celery broker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from compliance.checks import BATCH_SIZE, check_systems
from compliance.models import Trigger
from register.models import PUBLIC_ID_PREFIX, AISystem


class Command(BaseCommand):
    help = (
        "Evaluate the rule catalogue for every AI system (or one, with --system) and update "
        "the findings, as the nightly sweep does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--system",
            metavar="PUBLIC_ID_OR_PK",
            help=f"check only this system: its public identifier ({PUBLIC_ID_PREFIX}…) or id",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"systems per batch and transaction (default {BATCH_SIZE})",
        )

    def handle(self, *args: Any, system: str | None, batch_size: int, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if system is None:
            ids = list(AISystem.objects.order_by("pk").values_list("pk", flat=True))
        else:
            ids = [self._resolve(system)]
        result = check_systems(ids, trigger=Trigger.COMMAND, batch_size=batch_size)
        self.stdout.write(
            f"Checked {result.systems_checked} systems in {result.batches} batches "
            f"(catalogue {result.catalogue_version[:12]}): "
            f"{result.findings_opened} findings opened, "
            f"{result.findings_resolved} resolved, "
            f"{result.findings_changed} changed in all."
        )
        if result.digest_organisations:
            self.stdout.write(
                f"New blocker or major findings in {result.digest_organisations} organisations; "
                "their approvers get a digest by e-mail."
            )

    def _resolve(self, value: str) -> int:
        value = value.strip()
        lookup = {"public_id": value.upper()} if not value.isdigit() else {"pk": int(value)}
        pk = AISystem.objects.filter(**lookup).values_list("pk", flat=True).first()
        if pk is None:
            raise CommandError(f"No AI system {value!r}.")
        return pk
