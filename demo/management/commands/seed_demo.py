from __future__ import annotations

from argparse import ArgumentParser

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Load the demonstration register (fictional data). Safe to run again. Runs only when "
        "DEMO_MODE is on, unless --force is given."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Load the demo data although DEMO_MODE is off. The site administrator is then "
                "created without a password."
            ),
        )

    def handle(self, *args: object, **options: object) -> None:
        demo_mode = bool(settings.DEMO_MODE)
        if not demo_mode and not options["force"]:
            raise CommandError(
                _(
                    "DEMO_MODE is off: the demo register would add accounts with a published "
                    "password to this installation. Set DEMO_MODE=true, or pass --force."
                )
            )
        result = load_demo(demo_mode=demo_mode)
        self.stdout.write(
            f"Demo register ready: {result.organisations_created} organisations and "
            f"{result.systems_created} AI systems created (existing ones left as they were)."
        )
        for note in result.notes:
            self.stdout.write(f"  note: {note}")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for username, role in result.users:
            if username == "admin" and not demo_mode:
                role += " (no password: set one with `manage.py changepassword admin`)"
            self.stdout.write(f"  {username:<16} {role}")
