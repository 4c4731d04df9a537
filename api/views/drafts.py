"""The agencies' draft API: an organisation's working copies, with a personal token.

Every endpoint authenticates by token only (``Authorization: Bearer …``; no session, so no
CSRF question) and sees the token's organisation only: another organisation's record is not
found (404), whether or not it exists. Reading needs either scope, writing the write scope.
Writes go through the register's services and the workflow table (``api/drafts/services.py``),
with the same rules and messages as the web forms, and ``If-Match`` on the record's revision.
Approving and publishing are not here: they stay in the web workspace, where a second person
(four eyes) takes them.
"""

from __future__ import annotations

from collections.abc import Callable

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.drafts import services
from api.drafts.serializers import (
    PART_SERIALIZERS,
    DraftPatchSerializer,
    DraftSerializer,
    DraftSummarySerializer,
    DraftWriteSerializer,
    ItemsSerializer,
)
from api.errors import error_response
from api.serializers import ErrorSerializer
from api.tokens.authentication import ApiTokenAuthentication
from api.tokens.permissions import TokenRateThrottle, TokenScopeAllows
from register import schema
from register.models import AISystem
from register.selectors import systems_with_parts
from register.services.records import EditConflict

TAG = "Drafts (agencies, with a token)"
# In the schema (English, as every description there).
NOT_IN_API = (
    "Approving and publishing are not part of the API: an approver does them in the web "
    "workspace, and the person who submitted a record cannot publish it (four eyes)."
)


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "precondition_required"
    default_detail = gettext_lazy(
        "Send If-Match with the revision you started from (the ETag of the draft)."
    )


class InvalidPrecondition(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_precondition"
    default_detail = gettext_lazy('If-Match must be the ETag of the draft, such as "7".')


def etag(system: AISystem) -> str:
    return f'"{system.revision}"'


def expected_revision(request: Request) -> int:
    """The revision of ``If-Match`` (``"7"``, also ``W/"7"`` or ``7``); 428 without it."""
    header = request.headers.get("If-Match")
    if header is None or not header.strip():
        raise PreconditionRequired
    value = header.strip().removeprefix("W/").strip('"')
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise InvalidPrecondition
    return int(value)


def _stale(current: int) -> Response:
    return error_response(
        status.HTTP_412_PRECONDITION_FAILED,
        "precondition_failed",
        _("The draft changed since you read it. Read it again and apply your change to it."),
        headers={"ETag": f'"{current}"'},
    )


def _invalid(error: ValidationError, prefix: str = "") -> Response:
    """A service's ``ValidationError`` in the error shape: its fields, or its code and
    message when it concerns the whole record (the workflow's refusals)."""
    if hasattr(error, "error_dict"):
        fields = {
            f"{prefix}{name}" if name != "__all__" else prefix.rstrip(".") or "non_field_errors": [
                str(message) for message in ValidationError(errors).messages
            ]
            for name, errors in error.error_dict.items()
        }
        return error_response(
            status.HTTP_400_BAD_REQUEST, "invalid", _("Check the fields listed."), fields
        )
    messages = [str(message) for message in error.messages]
    return error_response(
        status.HTTP_400_BAD_REQUEST, getattr(error, "code", None) or "invalid", " ".join(messages)
    )


def _perform(write: Callable[[], AISystem], *, prefix: str = "") -> AISystem | Response:
    """Run a service call; its refusals as responses (403 is raised on to the handler)."""
    try:
        return write()
    except services.StaleRevision as stale:
        return _stale(stale.current)
    except EditConflict as conflict:
        return _stale(conflict.current.revision if isinstance(conflict.current, AISystem) else 0)
    except ValidationError as error:
        return _invalid(error, prefix)


def _draft_response(system: AISystem, *, status_code: int = status.HTTP_200_OK) -> Response:
    loaded = systems_with_parts().get(pk=system.pk)
    return Response(
        DraftSerializer(loaded).data, status=status_code, headers={"ETag": etag(loaded)}
    )


ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Invalid input, or the workflow refused."),
    401: OpenApiResponse(
        ErrorSerializer, description="No token, or it is unknown, expired or revoked."
    ),
    403: OpenApiResponse(
        ErrorSerializer, description="The token's scope or the person's role does not allow it."
    ),
    404: OpenApiResponse(
        ErrorSerializer, description="No such record in the token's organisation."
    ),
    413: OpenApiResponse(ErrorSerializer, description="The request body is too large."),
    429: OpenApiResponse(
        ErrorSerializer, description="Too many requests with this token: see Retry-After."
    ),
}
LOCKED = {
    412: OpenApiResponse(
        ErrorSerializer, description="The draft changed since the revision of If-Match."
    ),
    428: OpenApiResponse(ErrorSerializer, description="If-Match is missing."),
}
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description='The ETag of the draft you read (its revision), such as "7".',
)


def _errors(*codes: int, locked: bool = False) -> dict[int, OpenApiResponse]:
    chosen = {code: ERRORS[code] for code in codes}
    return {**chosen, **(LOCKED if locked else {})}


class DraftsPagination(PageNumberPagination):
    def get_page_size(self, request: Request) -> int:
        return settings.API_DRAFTS_PAGE_SIZE


class TokenView(APIView):
    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [TokenScopeAllows]
    throttle_classes = [TokenRateThrottle]

    def drafts(self) -> QuerySet[AISystem]:
        """The records of the token's organisation, and only those."""
        return AISystem.objects.filter(organisation_id=self.request.auth.organisation_id)

    def draft(self, public_id: str) -> AISystem:
        return get_object_or_404(self.drafts().select_related("organisation"), public_id=public_id)


class DraftListView(TokenView):
    @extend_schema(
        tags=[TAG],
        summary="The organisation's records",
        description=(
            "Every record of the token's organisation (the working copies, whatever their "
            "state), most recently changed first, with their state and revision."
        ),
        parameters=[OpenApiParameter("page", OpenApiTypes.INT, description="Page number.")],
        responses={200: DraftSummarySerializer(many=True), **_errors(401, 404, 429)},
    )
    def get(self, request: Request) -> Response:
        paginator = DraftsPagination()
        queryset = (
            self.drafts()
            .only(
                "public_id",
                "name_kk",
                "name_ru",
                "name_en",
                "status",
                "revision",
                "updated_at",
                "published_version_id",
            )
            .order_by("-updated_at", "public_id")
        )
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(DraftSummarySerializer(page, many=True).data)

    @extend_schema(
        tags=[TAG],
        summary="Create a draft",
        description=(
            "A new draft in the token's organisation, with any of its fields, its human "
            "oversight and its repeatable items (write scope). The fields are those of the "
            "workspace's forms, in every content language; the state, the organisation and the "
            "classification are set by the register. " + NOT_IN_API
        ),
        request=DraftWriteSerializer,
        responses={201: DraftSerializer, **_errors(400, 401, 403, 413, 429)},
    )
    def post(self, request: Request) -> Response:
        token = request.auth
        if not rules.has_perm("register.add_aisystem", request.user, token.organisation):
            return error_response(
                status.HTTP_403_FORBIDDEN, "permission_denied", _("The request was refused.")
            )
        serializer = DraftWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = _perform(
            lambda: services.draft_create(
                organisation=token.organisation, actor=request.user, data=serializer.validated_data
            )
        )
        if isinstance(result, Response):
            return result
        return _draft_response(result, status_code=status.HTTP_201_CREATED)


class DraftView(TokenView):
    @extend_schema(
        tags=[TAG],
        summary="A draft",
        description="The working copy with everything in it; its ETag is its revision.",
        responses={200: DraftSerializer, **_errors(401, 404, 429)},
    )
    def get(self, request: Request, public_id: str) -> Response:
        return _draft_response(self.draft(public_id))

    @extend_schema(
        tags=[TAG],
        summary="Change a draft's fields",
        description=(
            "The fields given change, the others stay (write scope). If-Match must be the "
            "draft's ETag: a draft changed since gives 412 and nothing is written. Editing a "
            "published record starts its next draft; the public keeps the last version until an "
            "approver publishes again. " + NOT_IN_API
        ),
        parameters=[IF_MATCH],
        request=DraftPatchSerializer,
        responses={200: DraftSerializer, **_errors(400, 401, 403, 404, 413, 429, locked=True)},
    )
    def patch(self, request: Request, public_id: str) -> Response:
        system = self.draft(public_id)
        revision = expected_revision(request)
        serializer = DraftPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = _perform(
            lambda: services.draft_update(
                system=system,
                actor=request.user,
                data=serializer.validated_data,
                expected_revision=revision,
            )
        )
        return result if isinstance(result, Response) else _draft_response(result)


class DraftItemsView(TokenView):
    @extend_schema(
        tags=[TAG],
        summary="Replace a repeatable part's items",
        description=(
            "Every item of the part (suppliers, legal_bases, data_sources, risks, "
            "impact_assessments) is replaced by those given, all or nothing (write scope). "
            "An item's fields are those of the part in the draft's record. If-Match as for PATCH."
        ),
        parameters=[
            IF_MATCH,
            OpenApiParameter(
                "part", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(schema.REPEATABLE)
            ),
        ],
        request=ItemsSerializer,
        responses={200: DraftSerializer, **_errors(400, 401, 403, 404, 413, 429, locked=True)},
    )
    def put(self, request: Request, public_id: str, part: str) -> Response:
        if part not in schema.REPEATABLE:
            raise Http404
        system = self.draft(public_id)
        revision = expected_revision(request)
        envelope = ItemsSerializer(data=request.data)
        envelope.is_valid(raise_exception=True)
        items = PART_SERIALIZERS[part](data=envelope.validated_data["items"], many=True)
        if not items.is_valid():
            raise serializers.ValidationError({"items": items.errors})
        result = _perform(
            lambda: services.items_replace(
                system=system,
                actor=request.user,
                part=part,
                items=items.validated_data,
                expected_revision=revision,
            ),
            prefix="items.",
        )
        return result if isinstance(result, Response) else _draft_response(result)


class DraftSubmitView(TokenView):
    @extend_schema(
        tags=[TAG],
        summary="Submit a draft for review",
        description=(
            "Sends the draft to the organisation's approvers, as the workspace's button does "
            "(write scope): every required section must be complete, or 400 lists those that "
            "are not. If-Match as for PATCH. " + NOT_IN_API
        ),
        parameters=[IF_MATCH],
        request=None,
        responses={200: DraftSerializer, **_errors(400, 401, 403, 404, 429, locked=True)},
    )
    def post(self, request: Request, public_id: str) -> Response:
        system = self.draft(public_id)
        revision = expected_revision(request)
        result = _perform(
            lambda: services.draft_submit(
                system=system, actor=request.user, expected_revision=revision
            )
        )
        return result if isinstance(result, Response) else _draft_response(result)
