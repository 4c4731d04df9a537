"""Keyset (cursor) pagination of the API's lists: a page is the ``page_size`` rows after the
last row of the previous page in the list's order, whatever how deep, in one query (no
``OFFSET``, no ``COUNT``). The cursor is opaque to clients (URL-safe base64 of JSON: the
order's name and the last row's keys); ``next`` is the address of the following page, absent
on the last one. Rows published or changed meanwhile do not shift a harvest: a row is never
served twice nor skipped because others were added before it.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from portal.addresses import absolute

DEFAULT_PAGE_SIZE: Final = 20
MAX_PAGE_SIZE: Final = 100
MAX_CURSOR_CHARS: Final = 1000


def in_utc(value: dt.datetime) -> dt.datetime:
    """``value`` in UTC, as the database compares it: PostgreSQL refuses offsets beyond
    ±15:59, which ISO 8601 allows. ``ValueError`` for a time without an offset or one outside
    the years 1 to 9999 once in UTC."""
    if value.tzinfo is None:
        raise ValueError("A time without its offset from UTC.")
    try:
        return value.astimezone(dt.UTC)
    except OverflowError as error:
        raise ValueError("A time outside the years 1 to 9999.") from error


@dataclass(frozen=True)
class Key:
    """One column of an order: a field or an annotation, its direction and the kind of its
    values (how the cursor writes them)."""

    name: str
    descending: bool = False
    kind: str = "text"  # "text", "int" or "datetime"

    def dump(self, value: Any) -> Any:
        return value.isoformat() if self.kind == "datetime" else value

    def load(self, value: Any) -> Any:
        if self.kind == "datetime":
            if not isinstance(value, str):
                raise ValueError(value)
            return in_utc(dt.datetime.fromisoformat(value))
        if self.kind == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(value)
            return value
        if not isinstance(value, str):
            raise ValueError(value)
        return value

    @property
    def order_by(self) -> str:
        return f"-{self.name}" if self.descending else self.name


class PageForm(forms.Form):
    """``page_size`` and ``cursor`` of a list."""

    page_size = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        label=gettext_lazy("page size"),
    )
    cursor = forms.CharField(required=False, max_length=MAX_CURSOR_CHARS)


def after(keys: Sequence[Key], values: Sequence[Any]) -> Q:
    """Rows after ``values`` in the order of ``keys``: (k1, k2, …) past (v1, v2, …)."""
    condition = Q(pk__in=[])
    for index, key in enumerate(keys):
        step = Q(**{f"{key.name}__{'lt' if key.descending else 'gt'}": values[index]})
        for earlier, value in zip(keys[:index], values[:index], strict=True):
            step &= Q(**{earlier.name: value})
        condition |= step
    return condition


def encode(order: str, keys: Sequence[Key], row: Any) -> str:
    payload = [order, *(key.dump(getattr(row, key.name)) for key in keys)]
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(cursor: str, order: str, keys: Sequence[Key]) -> list[Any]:
    """The key values of ``cursor``; ``forms.ValidationError`` for a cursor this order did not
    write."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw.decode())
        if not isinstance(payload, list) or len(payload) != len(keys) + 1:
            raise ValueError(payload)
        if payload[0] != order:
            raise ValueError(payload)
        return [key.load(value) for key, value in zip(keys, payload[1:], strict=True)]
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as error:
        raise forms.ValidationError(
            _("This cursor is not one of this list in this order: start from the first page."),
            code="invalid_cursor",
        ) from error


@dataclass
class Page:
    rows: list[Any]
    next_cursor: str | None


def paginate(
    queryset: QuerySet, *, order: str, keys: Sequence[Key], cursor: str, page_size: int
) -> Page:
    """The page of ``queryset`` (annotated with every key) after ``cursor``. One query."""
    if cursor:
        queryset = queryset.filter(after(keys, decode(cursor, order, keys)))
    rows = list(queryset.order_by(*(key.order_by for key in keys))[: page_size + 1])
    more = len(rows) > page_size
    rows = rows[:page_size]
    return Page(rows, encode(order, keys, rows[-1]) if more and rows else None)


class KeysetPagination(BasePagination):
    """The pagination of the API's lists (see the module's docstring). The view says its
    order: ``pagination_keys()`` gives the order's name and its keys."""

    def paginate_queryset(self, queryset: QuerySet, request: Any, view: Any = None) -> list[Any]:
        form = PageForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        order, keys = view.pagination_keys()
        self.page_size = form.cleaned_data["page_size"] or DEFAULT_PAGE_SIZE
        try:
            page = paginate(
                queryset,
                order=order,
                keys=keys,
                cursor=form.cleaned_data["cursor"],
                page_size=self.page_size,
            )
        except forms.ValidationError as error:
            raise ValidationError({"cursor": error.messages}) from error
        self.next = None
        if page.next_cursor:
            self.next = absolute(
                replace_query_param(request.get_full_path(), "cursor", page.next_cursor)
            )
        return page.rows

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"next": self.next, "page_size": self.page_size, "results": data})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["next", "page_size", "results"],
            "properties": {
                "next": {
                    "type": ["string", "null"],
                    "format": "uri",
                    "description": "The next page; null on the last.",
                },
                "page_size": {"type": "integer"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"Rows per page, 1 to {MAX_PAGE_SIZE} "
                f"(default {DEFAULT_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "Where the page starts: copy it from the previous page's next.",
                "schema": {"type": "string", "maxLength": MAX_CURSOR_CHARS},
            },
        ]
