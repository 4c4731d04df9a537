"""The regulator's workspace: the overview, the list of a selection and its exports. Only
people who read every organisation's records (regulators, site administrators) see them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_safe

from api.bulk import writers
from api.bulk.files import CSV, MEDIA_TYPES, XLSX
from compliance.models import Severity
from oversight import exports, selectors
from oversight.forms import OverviewFilterForm
from portal.charts import bar_chart
from register.models import KzRiskDegree, RiskClass
from register.pagination import CountedPaginator
from register.permissions import can_read_everything

PAGE_SIZE = 50
# The exports' formats, with the media types of the open-data downloads.
FORMATS = (CSV, XLSX)


def regulator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in first; then only those who read every organisation's records."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_read_everything(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _selection(request: HttpRequest) -> tuple[OverviewFilterForm, dict[str, Any], str]:
    form = OverviewFilterForm(request.GET or None)
    filters = form.selection()
    concern = filters.pop("concern", "")
    return form, filters, concern


def _query(filters: dict[str, Any], **extra: str) -> str:
    """The address parameters of ``filters`` (and ``extra``), as the filter form reads them."""
    return urlencode({**{name: _address_value(v) for name, v in filters.items()}, **extra})


def _address_value(value: Any) -> str:
    if hasattr(value, "short_code"):  # an organisation
        return str(value.short_code)
    if hasattr(value, "isoformat"):  # a date
        return str(value.isoformat())
    return str(value)


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


@require_safe
@regulator_required
def overview(request: HttpRequest) -> HttpResponse:
    form, filters, _concern = _selection(request)
    figures = selectors.overview(filters)
    systems_url = reverse("oversight:systems")

    def link(**extra: str) -> str:
        return f"{systems_url}?{_query(filters, **extra)}"

    unset = selectors.UNCLASSIFIED
    eu = [
        (_label(RiskClass, value), count, link(risk_class=value or unset))
        for value, count in figures.by_risk_class
    ]
    kz = [
        (_label(KzRiskDegree, value), count, link(kz_risk_degree=value or unset))
        for value, count in figures.by_kz_risk_degree
    ]
    return render(
        request,
        "oversight/overview.html",
        {
            "form": form,
            "figures": figures,
            "query": _query(filters),
            "concerns": [
                (concern, count, link(concern=concern.key)) for concern, count in figures.concerns
            ],
            "eu": eu,
            "eu_chart": bar_chart(eu),
            "kz": kz,
            "kz_chart": bar_chart(kz),
            "risk_classes": RiskClass.choices,
            "severities": [
                (_label(Severity, value), count) for value, count in figures.findings_by_severity
            ],
            "organisations": [
                (
                    organisation,
                    [(label, counts.get(value, 0)) for value, label in RiskClass.choices],
                    total,
                    figures.findings_by_organisation.get(organisation.pk, 0),
                    link(organisation=organisation.short_code),
                )
                for organisation, counts, total in figures.by_organisation
            ],
        },
    )


@require_safe
@regulator_required
def systems(request: HttpRequest) -> HttpResponse:
    form, filters, concern = _selection(request)
    rows = selectors.system_rows(filters, concern=concern)
    # Counted without the columns the rows show (their joins cost a count at national scale).
    count = selectors.systems(filters, concern=concern).count()
    page = CountedPaginator(rows, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    extra = {"concern": concern} if concern else {}
    return render(
        request,
        "oversight/systems.html",
        {
            "form": form,
            "page": page,
            "concern": selectors.CONCERNS_BY_KEY.get(concern),
            "query": _query(filters, **extra),
        },
    )


@require_safe
@regulator_required
def export(request: HttpRequest, name: str, format: str) -> HttpResponse:
    table = exports.EXPORTS.get(name)
    if table is None or format not in FORMATS:
        raise Http404
    _form, filters, concern = _selection(request)
    if table is exports.SYSTEMS:
        queryset = selectors.system_rows(filters, concern=concern)
    else:
        queryset = selectors.finding_rows(filters)
    rows = table.rows(queryset)
    response: HttpResponse
    if format == CSV:
        response = StreamingHttpResponse(
            writers.csv_table(table.header, rows), content_type=MEDIA_TYPES[format]
        )
    else:
        response = FileResponse(
            writers.xlsx_table(table.name, table.header, rows), content_type=MEDIA_TYPES[format]
        )
    response["Content-Disposition"] = content_disposition_header(
        True, f"register-{table.name}.{format}"
    )
    response["Cache-Control"] = "private, no-store"
    return response
