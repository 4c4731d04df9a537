#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from config.nodatabase import NoDatabase

    try:
        # runserver would start without a database and then fail on every page.
        if sys.argv[1:2] == ["runserver"] and not settings.DATABASE_URL:
            raise NoDatabase
        execute_from_command_line(sys.argv)
    except NoDatabase as error:
        sys.exit(str(error))


if __name__ == "__main__":
    main()
