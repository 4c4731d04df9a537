"""Forms of the public portal: every parameter of a public page goes through one of them."""

from __future__ import annotations

import re
from typing import Any, Final

from django import forms
from django.core.exceptions import ValidationError
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from portal.search import FACETS, MAX_QUERY_LENGTH, SORT_RELEVANCE, SORTS, SearchResult
from register.templatetags.card_tags import grouped

# More values than this for one facet is not a link anybody made by ticking boxes.
MAX_VALUES: Final = 100
_SHORT_CODE = re.compile(r"[-a-zA-Z0-9_]{1,32}")
PAGE_DIGITS: Final = 12


class SearchInput(forms.TextInput):
    """A search box that never writes a NUL byte back into the page it re-renders."""

    input_type = "search"

    def format_value(self, value: Any) -> str | None:
        value = super().format_value(value)
        return value.replace("\x00", "") if isinstance(value, str) else value


class FacetField(forms.MultipleChoiceField):
    """The values of one facet, ticked as checkboxes. Values the facet does not have (an old
    bookmark, a changed vocabulary, a tampered link) are left out, not refused, and kept in
    ``ignored``; only an absurd number of values is an error."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, accept: Any = None, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)
        # ``accept(value)`` says whether a value is acceptable when the choices are not known
        # before the search (organisations, by short code).
        self.accept = accept
        self.ignored: list[str] = []
        # The portal's filters are never "optional" fields of a form to fill in.
        self.required_for_submission = True

    def to_python(self, value: Any) -> list[str]:
        values = super().to_python(value)
        if len(values) > MAX_VALUES:
            raise ValidationError(_("Choose fewer values."), code="too_many")
        return values

    def validate(self, value: list[str]) -> None:
        """Unknown values are dropped in ``clean``, not refused here."""

    def clean(self, value: Any) -> list[str]:
        values = self.to_python(value)
        known = (lambda v: bool(self.accept(v))) if self.accept else (lambda v: self.valid_value(v))
        kept = [v for v in dict.fromkeys(values) if known(v)]
        self.ignored = [v for v in values if v not in kept]
        return kept


class SearchForm(forms.Form):
    """The query, the facets, the order and the page of ``portal:search``, all from the URL.

    A query longer than ``MAX_QUERY_LENGTH`` or with a NUL byte is an error (the page answers
    400 with the error); unknown facet values are ignored with a note; an unknown order is the
    default; a page that is not a number is the first, one past the end the last.
    """

    q = forms.CharField(
        label=_("Search the register"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=SearchInput(attrs={"class": "app-search__input"}),
        error_messages={
            "max_length": _("Enter at most %(limit_value)d characters."),
        },
    )
    sort = forms.CharField(label=_("Sort by"), required=False, max_length=32, widget=forms.Select)
    page = forms.CharField(required=False, max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].required_for_submission = True  # type: ignore[attr-defined]
        for facet in FACETS:
            self.fields[facet.name] = FacetField(
                label=facet.title,
                choices=facet.choices() if facet.choices else [],
                accept=_SHORT_CODE.fullmatch if facet.kind == "organisation" else None,
            )
        self.fields["sort"].required_for_submission = True  # type: ignore[attr-defined]
        self.fields["sort"].widget.choices = SORTS

    def clean_sort(self) -> str:
        sort = self.cleaned_data.get("sort") or ""
        return sort if sort in dict(SORTS) else ""

    def clean_page(self) -> int:
        page = (self.cleaned_data.get("page") or "").strip()
        if not page.isascii() or not page.isdigit():
            return 1
        # A number of more digits than any real page is past the end: the last page.
        return int(page) if len(page) <= PAGE_DIGITS else 10**PAGE_DIGITS

    @property
    def facet_fields(self) -> list[forms.BoundField]:
        return [self[facet.name] for facet in FACETS]

    @property
    def ignored(self) -> dict[str, list[str]]:
        """Facet values in the URL that were left out."""
        return {
            facet.name: field.ignored
            for facet in FACETS
            if (field := self.fields[facet.name]).ignored  # type: ignore[attr-defined]
        }

    def filters(self) -> dict[str, list[str]]:
        return {facet.name: self.cleaned_data.get(facet.name) or [] for facet in FACETS}

    def show(self, result: SearchResult) -> None:
        """Show the facets' values with the result's counts; drop organisations the search
        did not know."""
        for facet_result in result.facets:
            field = self.fields[facet_result.facet.name]
            field.choices = [  # type: ignore[attr-defined]
                (option.value, f"{option.label} ({grouped(option.count)})")
                for option in facet_result.options
            ]
        for code in result.unknown.get("organisation", []):
            self.fields["organisation"].ignored.append(code)  # type: ignore[attr-defined]
        self.fields["sort"].widget.choices = [
            (value, label) for value, label in SORTS if value != SORT_RELEVANCE or result.query
        ]

    def active_filters(self, result: SearchResult) -> list[dict[str, Any]]:
        """The ticked values, each with the link to this search without it."""
        return [
            {
                "title": facet_result.facet.title,
                "label": option.label,
                "url": "?" + self.query_string(without=(facet_result.facet.name, option.value)),
            }
            for facet_result in result.facets
            for option in facet_result.selected
        ]

    def pager(self, result: SearchResult) -> dict[str, Any]:
        """The pagination: links to the first, last, current and two neighbouring pages
        (``None`` marks a gap), and to the previous and next pages."""
        shown = {1, result.num_pages, *range(result.number - 2, result.number + 3)}
        links: list[dict[str, Any] | None] = []
        previous = 0
        for number in sorted(n for n in shown if 1 <= n <= result.num_pages):
            if previous and number > previous + 1:
                links.append(None)
            links.append(
                {
                    "number": number,
                    "url": self._page_url(number),
                    "current": number == result.number,
                }
            )
            previous = number
        return {
            "links": links if result.num_pages > 1 else [],
            "previous": self._page_url(result.number - 1) if result.number > 1 else None,
            "next": self._page_url(result.number + 1) if result.number < result.num_pages else None,
        }

    def _page_url(self, number: int) -> str:
        return "?" + self.query_string(page=number)

    def query_string(
        self,
        *,
        without: tuple[str, str] | None = None,
        filters: bool = True,
        page: int | None = None,
    ) -> str:
        """The canonical query string of this search (only the values that were kept), with
        one facet value removed, the filters cleared or at another page."""
        data = self.cleaned_data
        pairs: list[tuple[str, str]] = []
        if data.get("q"):
            pairs.append(("q", data["q"]))
        if filters:
            for facet in FACETS:
                ignored = self.fields[facet.name].ignored  # type: ignore[attr-defined]
                pairs += [
                    (facet.name, value)
                    for value in data.get(facet.name) or []
                    if (facet.name, value) != without and value not in ignored
                ]
        if data.get("sort"):
            pairs.append(("sort", data["sort"]))
        if page and page > 1:
            pairs.append(("page", str(page)))
        return urlencode(pairs)
