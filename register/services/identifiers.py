from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connection, transaction

from register.models import PUBLIC_ID_PREFIX, IdentifierSequence

SYSTEM_SEQUENCE = "ai_system"


def format_public_id(number: int) -> str:
    return f"{PUBLIC_ID_PREFIX}{number:06d}"


@transaction.atomic
def allocate_public_ids(count: int = 1) -> list[str]:
    """Reserve ``count`` consecutive public identifiers, never handed out twice.

    One statement creates the counter or moves it on (``INSERT … ON CONFLICT DO UPDATE``, safe
    when two transactions are the first to ask at once) and locks its row for the rest of the
    caller's transaction; if that transaction rolls back, the numbers are released with it
    (gaps only appear from deleted drafts, and from a bulk seeding batch that failed).
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    table = IdentifierSequence._meta.db_table  # the model's own name, never a request's
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} AS counter (name, last_value) VALUES (%s, %s) "  # noqa: S608
            "ON CONFLICT (name) DO UPDATE"
            " SET last_value = counter.last_value + EXCLUDED.last_value "
            "RETURNING last_value",
            [SYSTEM_SEQUENCE, count],
        )
        (last,) = cursor.fetchone()
    return [format_public_id(number) for number in range(last - count + 1, last + 1)]


_PUBLIC_ID = re.compile(rf"{re.escape(PUBLIC_ID_PREFIX)}(\d{{6,9}})")


def public_id_number(public_id: str) -> int | None:
    """The number of a public identifier in the register's format, else ``None``."""
    match = _PUBLIC_ID.fullmatch(public_id)
    return int(match.group(1)) if match else None


@transaction.atomic
def reserve_public_ids(public_ids: Iterable[str]) -> None:
    """Move the counter past ``public_ids``, identifiers that another copy of the register
    gave (a register moved to a new database keeps them: they are cited in letters and
    appeals), so that ``allocate_public_ids`` never hands them out. ``ValueError`` for one
    not in the register's format."""
    numbers = []
    for public_id in public_ids:
        number = public_id_number(public_id)
        if number is None:
            raise ValueError(f"not a public identifier: {public_id!r}")
        numbers.append(number)
    if not numbers:
        return
    IdentifierSequence.objects.get_or_create(name=SYSTEM_SEQUENCE)
    IdentifierSequence.objects.filter(name=SYSTEM_SEQUENCE, last_value__lt=max(numbers)).update(
        last_value=max(numbers)
    )
