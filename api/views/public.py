"""The public, read-only endpoints of ``/api/v1/``: published systems, their versions and the
comparison of two, organisations, statistics, the rule catalogue and the card's JSON Schema.

Everything is read through the portal's selectors (the projection and the versions' cards,
never the working copy nor a full record), so a draft is never listed and a restricted or
withheld record shows no more than its card. Texts follow ``Accept-Language``; every GET has an
``ETag`` and a ``Last-Modified`` and answers 304 to a client whose copy is current.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.mixins import ListModelMixin
from rest_framework.request import Request
from rest_framework.response import Response

from api import serializers as out
from api.conditional import of_parts, of_projection
from api.filters import ORDERINGS, SystemFilter
from api.pagination import Key, KeysetPagination
from api.views.base import PublicView
from compliance.rules import get_catalogue
from portal import cards
from portal import organisations as organisation_selectors
from portal import statistics as stats
from portal.addresses import absolute
from portal.card_forms import CompareForm
from portal.diff import diff_cards, reduced_view
from register.cards import card_json_schema, is_reduced
from register.models import Organisation, PublicRecord

ERROR = out.ErrorSerializer
NOT_MODIFIED = OpenApiResponse(description="Your copy is current (If-None-Match).")
PRECONDITION = OpenApiResponse(ERROR, description="If-Match or If-Unmodified-Since failed.")
THROTTLED = OpenApiResponse(ERROR, description="Too many requests: wait Retry-After seconds.")


def responses(ok: Any, *, bad: bool = False, missing: bool = False) -> dict[int, Any]:
    """The documented answers of a GET endpoint."""
    documented: dict[int, Any] = {200: ok, 304: NOT_MODIFIED, 412: PRECONDITION, 429: THROTTLED}
    if bad:
        documented[400] = OpenApiResponse(ERROR, description="A parameter is invalid.")
    if missing:
        documented[404] = OpenApiResponse(ERROR, description="Not found.")
    return documented


def _records() -> QuerySet[PublicRecord]:
    return PublicRecord.objects.select_related("version", "organisation").defer("version__record")


class IndexView(PublicView):
    """Links to every endpoint of the read API and its documentation."""

    @extend_schema(
        operation_id="index",
        responses=responses(inline_serializer("Index", {"links": serializers.DictField()})),
    )
    def get(self, request: Request) -> Response:
        names = (
            "systems",
            "organisations",
            "statistics",
            "rules",
            "card_schema",
            "classify",
            "schema",
            "docs",
        )
        if (early := self.not_modified(of_parts(request, "index", *names))) is not None:
            return early
        return Response({"links": {name: absolute(reverse(f"api:{name}")) for name in names}})


class SystemsView(ListModelMixin, PublicView):
    """Published systems, withdrawn ones included (``withdrawn=no`` leaves them out), with the
    portal's filters and search, newest first by default, a page at a time (``next``)."""

    serializer_class = out.SystemSummarySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = SystemFilter
    pagination_class = KeysetPagination
    order = "-published_at"

    def get_queryset(self) -> QuerySet[PublicRecord]:
        return _records()

    def filter_queryset(self, queryset: QuerySet[PublicRecord]) -> QuerySet[PublicRecord]:
        filterset = SystemFilter(self.request.query_params, queryset=queryset)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        self.order = filterset.order
        return filterset.qs

    def pagination_keys(self) -> tuple[str, tuple[Key, ...]]:
        return self.order, ORDERINGS[self.order]

    @extend_schema(
        operation_id="systems_list", responses=responses(out.SystemSummarySerializer, bad=True)
    )
    def get(self, request: Request) -> Response:
        if (early := self.not_modified(of_projection(request, "systems"))) is not None:
            return early
        return self.list(request)


def _public_record(public_id: str) -> PublicRecord:
    return cards.public_record(public_id)


class SystemView(PublicView):
    """The current card of a published system, with its identifiers and dates."""

    serializer_class = out.SystemSerializer

    @extend_schema(operation_id="system", responses=responses(out.SystemSerializer, missing=True))
    def get(self, request: Request, public_id: str) -> Response:
        record = _public_record(public_id)
        validators = of_parts(
            request,
            "system",
            record.version.sha256,
            record.updated_at.isoformat(),
            record.withdrawn,
            last_modified=record.updated_at,
        )
        if (early := self.not_modified(validators)) is not None:
            return early
        return Response(out.SystemSerializer(record).data)


class VersionsView(PublicView):
    """Every published version of a system, oldest first."""

    serializer_class = out.VersionsSerializer

    @extend_schema(
        operation_id="system_versions", responses=responses(out.VersionsSerializer, missing=True)
    )
    def get(self, request: Request, public_id: str) -> Response:
        record = _public_record(public_id)
        validators = of_parts(
            request, "versions", record.version_id, record.updated_at.isoformat(),
            last_modified=record.updated_at,
        )  # fmt: skip
        if (early := self.not_modified(validators)) is not None:
            return early
        data = {"public_id": out.public_id_of(record), "results": cards.versions_of(record)}
        return Response(out.VersionsSerializer(data, context={"record": record}).data)


def _shown(record: PublicRecord, card: dict[str, Any]) -> dict[str, Any]:
    """``card`` of an earlier version as the public may see it now: once the record is
    restricted or withheld, no more than its current card shows."""
    current = record.version.snapshot
    return reduced_view(card, current) if is_reduced(current.get("withholding")) else card


class VersionView(PublicView):
    """One version of a system's card as it was published."""

    serializer_class = out.VersionSerializer

    @extend_schema(
        operation_id="system_version", responses=responses(out.VersionSerializer, missing=True)
    )
    def get(self, request: Request, public_id: str, number: int) -> Response:
        record = _public_record(public_id)
        version = cards.version_of(record, number)
        validators = of_parts(
            request,
            "version",
            version.sha256,
            record.version.sha256,
            last_modified=max(version.published_at, record.updated_at),
        )
        if (early := self.not_modified(validators)) is not None:
            return early
        version.card = _shown(record, version.snapshot)
        return Response(out.VersionSerializer(version, context={"record": record}).data)


class DiffView(PublicView):
    """What changed from version ``from`` to version ``to`` (by default the previous and the
    current one), field by field, labels in the request's language."""

    serializer_class = out.DiffSerializer

    @extend_schema(
        operation_id="system_diff",
        parameters=[
            OpenApiParameter("from", int, description="The earlier version's number."),
            OpenApiParameter("to", int, description="The later version's number."),
        ],
        responses=responses(out.DiffSerializer, bad=True, missing=True),
    )
    def get(self, request: Request, public_id: str) -> Response:
        record = _public_record(public_id)
        validators = of_parts(
            request, "diff", record.version.sha256, last_modified=record.updated_at
        )
        if (early := self.not_modified(validators)) is not None:
            return early
        versions = cards.versions_of(record)
        form = CompareForm(request.query_params, versions=versions)
        if not form.is_valid():
            raise ValidationError(form.errors)
        by_number = {version.number: version for version in versions}
        before = by_number[form.cleaned_data["from"]]
        after = by_number[form.cleaned_data["to"]]
        changes = diff_cards(_shown(record, before.snapshot), _shown(record, after.snapshot))
        data = {
            "public_id": out.public_id_of(record),
            "from_version": before.number,
            "to_version": after.number,
            "reduced": changes.reduced,
            "withholding_changed": changes.withholding_changed,
            "changes": list(changes),
        }
        return Response(out.DiffSerializer(data).data)


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Organisation.Kind.choices, label=_("Type of organisation")
    )
    region = django_filters.ChoiceFilter(
        choices=Organisation._meta.get_field("region").choices, label=_("Region")
    )

    class Meta:
        model = Organisation
        fields: list[str] = []


class OrganisationsView(ListModelMixin, PublicView):
    """Every organisation, by short code, with its stable identifiers (short code and BIN) and
    its number of current public systems."""

    serializer_class = out.OrganisationSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = OrganisationFilter
    pagination_class = KeysetPagination

    def get_queryset(self) -> QuerySet[Organisation]:
        return organisation_selectors.organisations_with_counts().select_related("parent")

    def filter_queryset(self, queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
        filterset = OrganisationFilter(self.request.query_params, queryset=queryset)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return filterset.qs

    def pagination_keys(self) -> tuple[str, tuple[Key, ...]]:
        return "short_code", (Key("short_code"),)

    @extend_schema(
        operation_id="organisations_list", responses=responses(out.OrganisationSerializer, bad=True)
    )
    def get(self, request: Request) -> Response:
        if (early := self.not_modified(of_projection(request, "organisations"))) is not None:
            return early
        return self.list(request)


class OrganisationView(PublicView):
    """One organisation with its coverage: how many of its records are public, withdrawn,
    in review, with changes not yet published, past their review date."""

    serializer_class = out.OrganisationDetailSerializer

    @extend_schema(
        operation_id="organisation",
        responses=responses(out.OrganisationDetailSerializer, missing=True),
    )
    def get(self, request: Request, code: str) -> Response:
        organisation = organisation_selectors.organisation_by_code(code)
        if organisation is None:
            raise NotFound
        organisation.coverage = organisation_selectors.coverage(organisation)
        organisation.published = organisation.coverage.published
        data = out.OrganisationDetailSerializer(organisation).data
        # The coverage counts records in the workspace too: the answer is its own validator.
        digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
        if (early := self.not_modified(of_parts(request, "organisation", digest))) is not None:
            return early
        return Response(data)


class StatisticsView(PublicView):
    """The statistics page's numbers: the headline, the counts of each facet and the
    publications and withdrawals per month."""

    serializer_class = out.StatisticsSerializer

    @extend_schema(operation_id="statistics", responses=responses(out.StatisticsSerializer))
    def get(self, request: Request) -> Response:
        if (early := self.not_modified(of_projection(request, "statistics"))) is not None:
            return early
        counts, headline = stats.facet_counts(), stats.headline()
        data = {
            "headline": headline,
            "facets": {
                name: stats.facet_rows(name, counts[name], headline.current)
                for name in stats.FACETS
            },
            "months": stats.over_time(),
        }
        return Response(out.StatisticsSerializer(data).data)


class RulesView(PublicView):
    """The rule catalogue the register checks records against, texts in the request's
    language, with each rule's legal reference and whether it is confirmed."""

    serializer_class = out.RulesSerializer

    @extend_schema(operation_id="rules_list", responses=responses(out.RulesSerializer))
    def get(self, request: Request) -> Response:
        catalogue = get_catalogue()
        if (early := self.not_modified(of_parts(request, "rules", catalogue.version))) is not None:
            return early
        data = {"catalogue_version": catalogue.version, "results": catalogue.enabled()}
        return Response(out.RulesSerializer(data).data)


class RuleView(PublicView):
    serializer_class = out.RuleSerializer

    @extend_schema(operation_id="rule", responses=responses(out.RuleSerializer, missing=True))
    def get(self, request: Request, rule_id: str) -> Response:
        catalogue = get_catalogue()
        rule = catalogue.get(rule_id)
        if rule is None or rule not in catalogue.enabled():
            raise NotFound
        if (early := self.not_modified(of_parts(request, "rule", catalogue.version))) is not None:
            return early
        return Response(out.RuleSerializer(rule).data)


class CardSchemaView(PublicView):
    """The JSON Schema of the public card (``register/schemas/card-4.schema.json``)."""

    @extend_schema(
        operation_id="card_schema",
        responses=responses(OpenApiResponse(description="The card's JSON Schema (2020-12).")),
    )
    def get(self, request: Request) -> Response:
        schema = card_json_schema()
        digest = hashlib.sha256(json.dumps(schema, sort_keys=True).encode()).hexdigest()
        if (early := self.not_modified(of_parts(request, "card-schema", digest))) is not None:
            return early
        return Response(schema)
