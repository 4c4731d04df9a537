"""The database of a process started without DATABASE_URL: PostgreSQL that is never there.

Commands that need no database keep working, with PostgreSQL's SQL compiler (pgtrigger renders
its trigger conditions with it when ``makemigrations`` compares the models with the migrations);
anything that would connect raises ``NoDatabase``, whose message says what to do, and
``manage.py`` prints it without a traceback.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

MESSAGE = """\
This needs the database, and DATABASE_URL is not set.
Run `make run` (it starts an embedded PostgreSQL in .data/postgres, migrates and serves), or run
the command under it: `.venv/bin/python -m config.devdb run -- .venv/bin/python manage.py ...`;
or set DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/NAME."""


class NoDatabase(ImproperlyConfigured):
    def __init__(self) -> None:
        super().__init__(MESSAGE)


class NothingMigrates:
    """No model migrates to the missing database, so ``makemigrations`` does not try to read
    its migration history (it would for any engine but Django's dummy one)."""

    def allow_migrate(self, db: str, app_label: str, **hints: object) -> bool:
        return False
