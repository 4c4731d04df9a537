"""Fast inserts for load data: PostgreSQL ``COPY`` of model instances.

``bulk_create`` spends most of its time building one large statement; ``COPY`` streams rows.
Primary keys are reserved from the table's sequence first, so related rows can point at them.
Row triggers (the audit trail) fire as for any insert.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models
from django.utils import timezone


def _converter(field: models.Field, now: Any) -> Callable[[Any], Any]:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda _value: now
    if isinstance(field, models.JSONField):
        return lambda value: None if value is None else json.dumps(value, ensure_ascii=False)
    # Text, numbers, dates and booleans go to psycopg as they are.
    return lambda value: value


def copy_insert(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Insert ``objects`` with COPY, giving each its primary key. PostgreSQL only.

    Call it inside the transaction whose audit context should label the rows: the context is
    attached by the preceding write of the same transaction.
    """
    if not objects:
        return
    connection = connections["default"]
    table = model._meta.db_table
    fields = list(model._meta.concrete_fields)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
        for field in fields:
            if field.is_relation:  # point at parents whose keys were assigned after building
                for obj in objects:
                    related = field.get_cached_value(obj, default=None)
                    if related is not None:
                        setattr(obj, field.attname, related.pk)
        converters = [(field.attname, _converter(field, now)) for field in fields]
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        sql = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for obj in objects:
                values = obj.__dict__
                copy.write_row([convert(values[name]) for name, convert in converters])
