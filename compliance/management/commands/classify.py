"""`manage.py classify FILE.json [--language kk|ru|en]`: classify one set of answers.

Reads the questionnaire's answers as a JSON object from FILE (or standard input for `-`) and prints
the outcome of `compliance.classification.classify` as indented JSON, non-ASCII kept as is so that
Kazakh and Russian stay readable. Malformed JSON or answers end in a `CommandError` listing every
problem, so the command exits non-zero and writes nothing to standard output.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError

from compliance.classification import LANGUAGES, ClassificationInputError, classify


class Command(BaseCommand):
    help = "Classify an AI system under the EU AI Act from a JSON file of questionnaire answers."

    # Lets tests (and callers of call_command) pass a stream in place of the process's stdin.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="JSON file with the answers, or - to read standard input.")
        parser.add_argument(
            "--language",
            choices=LANGUAGES,
            default="en",
            help="Language of the rationale and obligation titles (default: en).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        answers = self._read_answers(options["file"], options.get("stdin") or sys.stdin)
        try:
            outcome = classify(answers, language=options["language"])
        except ClassificationInputError as exc:
            lines = [
                f"  {field}: {message}"
                for field, messages in exc.errors.items()
                for message in messages
            ]
            raise CommandError("Invalid answers:\n" + "\n".join(lines)) from exc
        self.stdout.write(json.dumps(outcome, indent=2, ensure_ascii=False))

    def _read_answers(self, path: str, stdin: TextIO) -> Any:
        source = "standard input" if path == "-" else path
        try:
            if path == "-":
                raw = stdin.read()
            else:
                # utf-8-sig: files saved by Windows editors often start with a byte-order mark.
                with open(path, encoding="utf-8-sig") as handle:
                    raw = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {source}: {exc}") from exc
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CommandError(f"{source} is not valid JSON: {exc}") from exc
