"""Check the register-wide hash chain of published versions."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from register.selectors import verify_chain

REASONS = {
    "content": "its card or full record does not match its stored hash",
    "previous": "it does not name the link of the version before it (a row removed, inserted "
    "or changed there)",
    "link": "its own link does not match what it holds",
}


class Command(BaseCommand):
    help = (
        "Walk the chain of published versions and name the first one that does not match; "
        "exit with status 1 if there is one. Prints the head of the chain, to compare with a "
        "copy kept elsewhere."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args: object, **options: int) -> None:
        report = verify_chain(batch_size=options["batch_size"])
        if report.broken is not None:
            version = report.broken.version
            raise CommandError(
                f"Chain broken at version id={version.pk} ({version.system.public_id} "
                f"v{version.number}): {REASONS[report.broken.reason]}. "
                f"{report.checked} versions before it match."
            )
        self.stdout.write(f"{report.checked} versions match. Head of the chain: {report.head}")
