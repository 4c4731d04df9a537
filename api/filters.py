"""The filters of ``GET /api/v1/systems``, derived from the portal's facets (``portal.search
.FACETS``): the same parameters, the same values, the same meaning (values of one facet OR-ed,
facets AND-ed), the same full-text ``q``. Unlike the page, the API refuses a value a facet does
not have (400) instead of ignoring it: a program should learn that its filter is wrong.
"""

from __future__ import annotations

import re
from typing import Any, Final

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import BigIntegerField, F, QuerySet
from django.db.models.functions import Cast, Lower
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from api.pagination import Key, in_utc
from portal.forms import MAX_VALUES
from portal.search import FACETS, MAX_QUERY_LENGTH, Facet, matching_records, name_in
from register.i18n import content_language
from register.models import PublicRecord

_SHORT_CODE = re.compile(r"[-a-zA-Z0-9_]{1,32}")
_BIN = re.compile(r"[0-9]{12}")

PK: Final = Key("pk", kind="int")
# The orders of the list: each a sequence of keys ending with the primary key, so that the
# cursor pagination is exact (``api.pagination``).
ORDERINGS: Final[dict[str, tuple[Key, ...]]] = {
    "-published_at": (Key("published_at", True, "datetime"), PK),
    "published_at": (Key("published_at", False, "datetime"), PK),
    "-updated_at": (Key("updated_at", True, "datetime"), PK),
    "updated_at": (Key("updated_at", False, "datetime"), PK),
    "name": (Key("name_key"), PK),
    "relevance": (Key("rank_key", True, "int"), Key("published_at", True, "datetime"), PK),
}
DEFAULT_ORDERING: Final = "-published_at"
# The rank, as an integer: a cursor compares it exactly.
RANK_SCALE: Final = 1_000_000


class ValuesField(forms.MultipleChoiceField):
    """Several values of one parameter, each a choice (or matching ``pattern`` when the
    choices are not known before the query), at most ``MAX_VALUES``."""

    def __init__(self, *args: Any, pattern: re.Pattern[str] | None = None, **kwargs: Any):
        self.pattern = pattern
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> list[str]:
        values = super().to_python(value)
        if len(values) > MAX_VALUES:
            raise ValidationError(_("Choose fewer values."), code="too_many")
        return list(dict.fromkeys(values))

    def valid_value(self, value: str) -> bool:
        if self.pattern is not None:
            return bool(self.pattern.fullmatch(value))
        return super().valid_value(value)


class ValuesFilter(django_filters.MultipleChoiceFilter):
    """Several values of one parameter (``ValuesField``), described in the OpenAPI schema by
    their values or their pattern."""

    field_class = ValuesField

    @property
    def _spectacular_annotation(self) -> dict[str, Any]:
        pattern = self.extra.get("pattern")
        if pattern is not None:
            return {"field": {"type": "string", "pattern": f"^{pattern.pattern}$"}}
        choices = self.extra["choices"]
        values = [value for value, _label in (choices() if callable(choices) else choices)]
        return {"field": {"type": "string", "enum": values}}


class FacetFilter(ValuesFilter):
    """A facet of the portal's search as a filter: its values, its condition."""

    def __init__(self, facet: Facet, **kwargs: Any) -> None:
        self.facet = facet
        if facet.kind == "organisation":
            kwargs["pattern"] = _SHORT_CODE
            kwargs["help_text"] = _("The organisation's short code; repeat for several.")
        else:
            kwargs["choices"] = facet.choices
        super().__init__(field_name=facet.path, label=facet.title, **kwargs)

    def filter(self, qs: QuerySet, value: list[str]) -> QuerySet:
        if not value:
            return qs
        if self.facet.kind == "organisation":
            return qs.filter(organisation__short_code__in=value)
        return qs.filter(self.facet.condition(value))


class _UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 time, in UTC: any offset ISO 8601 allows (a time without one is in the
    site's time zone, as django-filter reads it), within the years 1 to 9999."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return in_utc(value)
        except ValueError as error:
            raise ValidationError(
                _("Enter a time between the years 1 and 9999."), code="invalid"
            ) from error


class _UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = _UtcIsoDateTimeField


class _SystemFilter(django_filters.FilterSet):
    """``q``, ``organisation_bin``, ``updated_since`` and ``ordering``; ``SystemFilter`` adds
    every facet. The filtered rows carry the keys of their order (``ORDERINGS``)."""

    q = django_filters.CharFilter(
        label=_("Search the register"),
        max_length=MAX_QUERY_LENGTH,
        method="no_filter",
        help_text=_("Words to find, with the search page's syntax: a phrase in quotes, -word."),
    )
    organisation_bin = ValuesFilter(
        field_name="organisation__bin",
        pattern=_BIN,
        label=_("organisation's BIN"),
        help_text=_("The organisation's business identification number; repeat for several."),
    )
    updated_since = _UtcIsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("changed since"),
        help_text=_(
            "Only records published, changed or withdrawn at or after this time (ISO 8601)."
        ),
    )
    ordering = django_filters.ChoiceFilter(
        choices=[(name, name) for name in ORDERINGS],
        method="no_filter",
        label=_("order"),
        help_text=_("relevance needs q; without it the newest come first."),
    )

    class Meta:
        model = PublicRecord
        fields: list[str] = []

    @extend_schema_field(OpenApiTypes.STR)
    def no_filter(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """``q`` and ``ordering`` shape the whole query (``filter_queryset``)."""
        return queryset

    @property
    def order(self) -> str:
        """The order of the list: ``ordering``, relevance only with a query."""
        data = self.form.cleaned_data
        order = data.get("ordering") or ("relevance" if data.get("q") else DEFAULT_ORDERING)
        return DEFAULT_ORDERING if order == "relevance" and not data.get("q") else order

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        language = content_language()
        queryset = matching_records(
            self.form.cleaned_data.get("q") or "", language=language, records=queryset
        )
        queryset = super().filter_queryset(queryset)
        if self.order == "name":
            queryset = queryset.annotate(name_key=Lower(name_in(language)))
        elif self.order == "relevance":
            queryset = queryset.annotate(
                rank_key=Cast(F("rank") * RANK_SCALE, output_field=BigIntegerField())
            )
        return queryset


# Declared, not added in ``__init__``: the OpenAPI schema reads the filters of the class.
SystemFilter = type(
    "SystemFilter", (_SystemFilter,), {facet.name: FacetFilter(facet) for facet in FACETS}
)
