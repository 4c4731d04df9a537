from __future__ import annotations

from django.core.management.base import BaseCommand

from demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demonstration register (fictional data). Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        result = load_demo()
        self.stdout.write(
            f"Demo register ready: {result.organisations_created} organisations and "
            f"{result.systems_created} AI systems created (existing ones left as they were)."
        )
        for note in result.notes:
            self.stdout.write(f"  note: {note}")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for username, role in result.users:
            self.stdout.write(f"  {username:<16} {role}")
