"""Pagination for lists whose length is known without counting them."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    """A ``Paginator`` told how many items there are (a sum kept elsewhere, such as the
    systems' standings), so that it never runs ``COUNT(*)`` over a large table. The pages are
    read as usual, a slice at a time."""

    def __init__(self, object_list: Any, per_page: int, *, count: int, **options: Any) -> None:
        super().__init__(object_list, per_page, **options)
        self._known_count = count

    @property
    def count(self) -> int:  # type: ignore[override]
        return self._known_count
