"""The crosswalk endpoints: one record, or the whole public register, in another register's
format (``api.crosswalk.FORMATS``).

Both are public and read-only. A signed-in reader who may read the record's full frozen record
(the rule ``register.view_full_record``, as in the workspace's ``register:version_record``:
the record's organisation, regulators) gets the complete export of one record from the same
address; everyone else gets what the public card shows. The register's export is always the
public one.
"""

from __future__ import annotations

from typing import Any

import rules
from django import forms
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from api.crosswalk import CSV, FORMATS, JSON, Format, outputs, selectors
from api.errors import error_response
from api.serializers import ErrorSerializer
from register.i18n import CONTENT_LANGUAGES, content_language

OUTPUTS = {JSON: "json", CSV: "csv"}


class ExportQuery(forms.Form):
    """The query of an export: a version (one record only), the language of its texts, and the
    file it is served as."""

    version = forms.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    language = forms.ChoiceField(
        choices=[(code, code) for code in CONTENT_LANGUAGES], required=False
    )
    output = forms.ChoiceField(choices=[(name, name) for name in OUTPUTS.values()], required=False)

    def __init__(self, *args: Any, fmt: Format, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fmt = fmt

    def clean_output(self) -> str:
        output = self.cleaned_data["output"] or "json"
        if output not in (OUTPUTS[media] for media in self.fmt.media_types):
            raise forms.ValidationError(
                _("This format is not published as %(output)s.") % {"output": output.upper()},
                code="unsupported_output",
            )
        return output


class _ExportView(APIView):
    authentication_classes = [SessionAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]
    http_method_names = ["get", "head", "options"]

    def get_format_suffix(self, **kwargs: Any) -> None:
        # ``format`` in these addresses names the other register's format, not a renderer.
        return None

    def query(self, request: Request, fmt: Format) -> ExportQuery:
        return ExportQuery(request.query_params, fmt=fmt)

    @staticmethod
    def unknown_format() -> Response:
        return error_response(404, "not_found", _("There is no export in this format."))

    @staticmethod
    def invalid(form: ExportQuery) -> Response:
        return error_response(400, "invalid", _("Check the fields listed."), form.errors)


def _parameters(*, one_record: bool) -> list[OpenApiParameter]:
    formats = OpenApiParameter(
        "format", str, OpenApiParameter.PATH, enum=list(FORMATS), description="The format."
    )
    query = [
        OpenApiParameter("language", str, enum=list(CONTENT_LANGUAGES)),
        OpenApiParameter("output", str, enum=list(OUTPUTS.values()), description="json or csv"),
    ]
    if one_record:
        query.insert(0, OpenApiParameter("version", int, description="An older version."))
    return [formats, *query]


def _responses(ok: str) -> dict:
    return {
        (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description=ok),
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description=ok + " (?output=csv)"),
        (400, "application/json"): OpenApiResponse(
            ErrorSerializer, description="A parameter is invalid."
        ),
        (404, "application/json"): OpenApiResponse(
            ErrorSerializer, description="No such format or record."
        ),
        (429, "application/json"): OpenApiResponse(
            ErrorSerializer, description="Too many requests: see Retry-After."
        ),
    }


def _filename(name: str, fmt: Format, output: str) -> str:
    return f'attachment; filename="{name}-{fmt.slug}.{output}"'


class SystemExport(_ExportView):
    """One public record (its current version, or ``?version=N``) in a format."""

    @extend_schema(
        operation_id="system_export",
        parameters=_parameters(one_record=True),
        responses=_responses("The record in the other register's format."),
    )
    def get(self, request: Request, public_id: str, format: str) -> Response | HttpResponse:
        fmt = FORMATS.get(format)
        if fmt is None:
            return self.unknown_format()
        form = self.query(request, fmt)
        if not form.is_valid():
            return self.invalid(form)
        language = form.cleaned_data["language"] or content_language()
        source = selectors.export_source(public_id, form.cleaned_data["version"])
        if source.record is None:
            return error_response(
                404, "no_record", _("This version was published before records were frozen.")
            )
        full = rules.has_perm("register.view_full_record", request.user, source.system)
        export = fmt.export(
            source.record,
            language=language,
            public=not full,
            meta=selectors.meta(source, slug=fmt.slug, language=language),
        )
        output = form.cleaned_data["output"]
        if output == "csv":
            response: Response | HttpResponse = HttpResponse(
                "".join(outputs.csv_lines(fmt, [export])), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = _filename(source.public_id, fmt, output)
        else:
            response = Response(export)
        # The same address answers a reader of the full record with more: never share it.
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        if full:
            patch_cache_control(response, private=True, no_store=True)
        return response


class RegisterExport(_ExportView):
    """The current version of every public record in a format, streamed."""

    @extend_schema(
        operation_id="register_export",
        parameters=_parameters(one_record=False),
        responses=_responses("Every public record in the other register's format."),
    )
    def get(self, request: Request, format: str) -> Response | StreamingHttpResponse:
        fmt = FORMATS.get(format)
        if fmt is None:
            return self.unknown_format()
        form = self.query(request, fmt)
        if not form.is_valid():
            return self.invalid(form)
        if form.cleaned_data["version"] is not None:
            return error_response(
                400,
                "invalid",
                _("Check the fields listed."),
                {"version": [_("A version is chosen for one record only.")]},
            )
        language = form.cleaned_data["language"] or content_language()
        exports = (
            fmt.export(
                source.record,
                language=language,
                public=True,
                meta=selectors.meta(source, slug=fmt.slug, language=language),
            )
            for source in selectors.register_sources()
        )
        output = form.cleaned_data["output"]
        if output == "csv":
            response = StreamingHttpResponse(
                outputs.csv_lines(fmt, exports), content_type="text/csv; charset=utf-8"
            )
        else:
            with translation.override(language):
                head = {"format": fmt.slug, "title": str(fmt.title), "language": language}
            response = StreamingHttpResponse(
                outputs.json_chunks(head, exports), content_type="application/json"
            )
        response["Content-Disposition"] = _filename("register", fmt, output)
        patch_vary_headers(response, ["Accept-Language"])
        return response
