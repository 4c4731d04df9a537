from __future__ import annotations

from argparse import ArgumentParser

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from demo.loader import DEMO_PASSWORD, DemoResult, load_demo
from register.models import AISystem, OutgoingEmail, Status


def _link(name: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name)


def _systems_line() -> str:
    counts = dict(AISystem.objects.values_list("status").annotate(n=Count("id")).order_by())
    parts = [
        f"{counts[status]} {str(label).lower()}"
        for status, label in Status.choices
        if status in counts
    ]
    return f"In the register: {sum(counts.values())} AI systems ({', '.join(parts)})."


def _mail_line(sent: int) -> str:
    if not sent:
        return "E-mails: none sent."
    where = {
        "django.core.mail.backends.filebased.EmailBackend": (
            f"written to files in {settings.EMAIL_FILE_PATH}"
        ),
        "django.core.mail.backends.console.EmailBackend": "printed on the console",
        "django.core.mail.backends.smtp.EmailBackend": f"sent through {settings.EMAIL_HOST}",
    }.get(settings.EMAIL_BACKEND, f"handed to {settings.EMAIL_BACKEND}")
    return (
        f"E-mails: the demo's workflow sent {sent}, {where}; the admin lists them under "
        f"Outgoing e-mails: {_link('admin:register_outgoingemail_changelist')}"
    )


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
        mail_before = OutgoingEmail.objects.count()
        result = load_demo(demo_mode=demo_mode)
        # The set-up output is for whoever runs the command: in English, whatever the default.
        mails = OutgoingEmail.objects.count() - mail_before
        with translation.override("en"):
            self._summary(result, demo_mode=demo_mode, mails=mails)

    def _summary(self, result: DemoResult, *, demo_mode: bool, mails: int) -> None:
        """A short summary in English: what there is, how to sign in, what to look at next."""
        write = self.stdout.write
        write(
            f"Demo register ready: {result.organisations_created} organisations and "
            f"{result.systems_created} AI systems created (existing ones left as they were)."
        )
        write(_systems_line())
        write("")
        write(
            f"Sign in at {_link('login')} with these accounts; the password for all of them "
            f"is {DEMO_PASSWORD}."
        )
        admin = "site administrator, also at " + _link("admin:index")
        if not demo_mode:
            admin = (
                "site administrator (no password: set one with `manage.py changepassword admin`)"
            )
        write(f"  {'admin':<11} {admin}")
        write(f"  {'regulator':<11} regulator: reads every organisation's records and findings")
        write("  Editors and approvers of each organisation (<code>-editor, <code>-approver):")
        for _code, (name, usernames) in result.accounts.items():
            write(f"    {', '.join(usernames)}: {name}")
        if result.notes:
            write("")
            write("Records the workflow's own gates stopped (as a real record would be):")
            for note in result.notes:
                write(f"  {note}")
        write("")
        write(_mail_line(mails))
