"""Fast inserts for load data: PostgreSQL ``COPY`` of model instances.

``bulk_create`` spends most of its time building one large statement; ``COPY`` streams rows.
Primary keys are reserved from the table's sequence first (``reserve_ids``), so related rows can
point at them, in either direction: foreign keys are checked at commit. Row triggers (the audit
trail) fire as for any insert.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models
from django.utils import timezone


def _converter(field: models.Field, now: Any) -> Callable[[models.Model, Any], Any]:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda _obj, _value: now
    if isinstance(field, models.JSONField):
        name = field.attname

        def to_json(obj: models.Model, value: Any) -> Any:
            # JSON the model has serialised already (PublishedVersion.seal keeps the canonical
            # text it hashed) is not serialised again.
            serialised = getattr(obj, "canonical_texts", {}).get(name)
            if serialised is not None:
                return serialised
            return None if value is None else json.dumps(value, ensure_ascii=False)

        return to_json
    # Text, numbers, dates and booleans go to psycopg as they are.
    return lambda _obj, value: value


def reserve_ids(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Give each of ``objects`` that has none a primary key from the table's sequence."""
    missing = [obj for obj in objects if obj.pk is None]
    if not missing:
        return
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, len(missing)],
        )
        for obj, (pk,) in zip(missing, cursor.fetchall(), strict=True):
            obj.pk = pk


def copy_insert(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Insert ``objects`` with COPY, giving each its primary key unless reserved already.

    Call it inside the transaction whose audit context should label the rows: the context is
    attached by the preceding write of the same transaction.
    """
    if not objects:
        return
    connection = connections["default"]
    table = model._meta.db_table
    fields = list(model._meta.concrete_fields)
    now = timezone.now()
    reserve_ids(model, objects)
    with connection.cursor() as cursor:
        for field in fields:
            if field.is_relation:  # point at related rows whose keys were assigned after building
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
                copy.write_row([convert(obj, values[name]) for name, convert in converters])
