"""``manage.py import_systems FILE --organisation CODE [--as USERNAME] [--apply]``: the dry run of
an import (the default), or its application, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.imports.apply import ApplyFailed
from api.imports.plan import Plan, Problem
from api.imports.readers import ReadError
from api.imports.services import dry_run, run_import
from register.models import Organisation


class Command(BaseCommand):
    help = "Check (or with --apply, import) a CSV, XLSX or JSON file of AI systems."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="the organisation's short code")
        parser.add_argument("--as", dest="username", help="the user the records are written as")
        parser.add_argument("--apply", action="store_true", help="write the records")
        parser.add_argument(
            "--keep-public-ids",
            action="store_true",
            help=(
                "moving records from another copy of the register: a row whose public_id no "
                "record here has creates a record that keeps it"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        organisation = Organisation.objects.filter(short_code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with the short code {options['organisation']}.")
        actor = None
        if options["username"]:
            actor = get_user_model().objects.filter(username=options["username"]).first()
            if actor is None:
                raise CommandError(f"No user called {options['username']}.")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            keep = options["keep_public_ids"]
            if options["apply"]:
                plan, applied = run_import(
                    path.name, data, organisation=organisation, actor=actor, keep_public_ids=keep
                )
            else:
                _fmt, plan = dry_run(
                    path.name, data, organisation=organisation, actor=actor, keep_public_ids=keep
                )
        except ReadError as error:
            raise CommandError(" ".join(error.messages)) from None
        except ApplyFailed as failure:
            self._problems(failure.problems)
            raise CommandError("Nothing was imported.") from None
        self._plan(plan)
        if plan.has_errors:
            raise CommandError(f"{len(plan.problems)} errors: nothing was imported.")
        if options["apply"]:
            for item in applied:
                self.stdout.write(f"{item.action}d {item.public_id} {item.name}")
            self.stdout.write(self.style.SUCCESS(f"Imported {len(applied)} records."))
        else:
            self.stdout.write("Dry run: nothing was written. Use --apply to import.")

    def _plan(self, plan: Plan) -> None:
        for entry in plan.entries:
            changes = f" ({', '.join(entry.changes)})" if entry.changes else ""
            ident = entry.public_id or entry.external_id or "-"
            self.stdout.write(f"row {entry.row}: {entry.action} {ident} {entry.name}{changes}")
        self._problems(plan.problems)
        counts = plan.counts()
        self.stdout.write(
            f"{counts['create']} to create, {counts['update']} to update, "
            f"{counts['unchanged']} unchanged, {counts['error']} with errors"
        )

    def _problems(self, problems: list[Problem]) -> None:
        for problem in problems[:1000]:
            where = f"{problem.sheet} row {problem.row}" + (
                f", column {problem.column}" if problem.column else ""
            )
            self.stderr.write(f"{where}: {problem.message}")
        if len(problems) > 1000:
            self.stderr.write(f"... and {len(problems) - 1000} more errors")
