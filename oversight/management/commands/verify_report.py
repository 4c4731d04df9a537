"""``manage.py verify_report FILE.pdf``: whether an audit report still matches the register.

Exits 0 when it matches, 1 when something changed since (each change on its own line) or the
file is not a report of this register, 2 when the file cannot be read."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from oversight.forms import MAX_REPORT_BYTES
from oversight.reports.verify import CollectionStamp, ReportStamp, ReportUnreadable, verify


class Command(BaseCommand):
    help = "Check whether an audit report (PDF) still matches the register."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The PDF file of the audit report.")

    def handle(self, *args: Any, **options: Any) -> None:
        # An operator's command: plain English, whatever the site's default language.
        with translation.override("en"):
            self._verify(Path(options["file"]))

    def _verify(self, path: Path) -> None:
        try:
            with path.open("rb") as handle:
                pdf = handle.read(MAX_REPORT_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.", returncode=2) from error
        if len(pdf) > MAX_REPORT_BYTES:
            self.stdout.write(f"{path}: the file is larger than any audit report.")
            sys.exit(1)
        try:
            result = verify(pdf)
        except ReportUnreadable as error:
            self.stdout.write(f"{path}: {error.message}")
            sys.exit(1)
        subject = _subject(result.stamp)
        if result.matches:
            self.stdout.write(f"{subject}: the report matches the register.")
            return
        self.stdout.write(f"{subject}: the report no longer matches the register.")
        for change in result.changes:
            self.stdout.write(f"- {change.message}")
        sys.exit(1)


def _subject(stamp: ReportStamp | CollectionStamp) -> str:
    """What the report is of: one record's version, an organisation's systems or the register's."""
    if not isinstance(stamp, CollectionStamp):
        return f"{stamp.public_id} version {stamp.version}"
    whose = "the whole register" if stamp.scope == "*" else f"organisation {stamp.scope}"
    return f"Report of {whose} ({stamp.systems} systems)"
