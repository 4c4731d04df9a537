"""Serializers of the draft API, derived from the field schema (``register.schema``): a record's
writable columns, its oversight and its repeatable parts, in every content language. A key the
schema does not list (``status``, ``organisation``, a classification field…) is refused by
name, as the services refuse it; each value is checked against its model field (choices,
lengths, addresses), and the service's ``full_clean`` then applies the model's own rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from register import schema
from register.forms import CHOICE_LISTS
from register.models import AISystem

# At most this many items of one part in one request.
MAX_ITEMS = 100


def schema_columns(target: str) -> list[str]:
    """The writable columns of ``target`` (``schema.SYSTEM`` or a part), in schema order."""
    return [column.name for column in schema.columns() if column.target == target]


class StrictSerializer(serializers.Serializer):
    """Refuses keys it does not know, instead of ignoring them."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            unknown = sorted(str(key) for key in data if key not in self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {
                        key: [
                            _(
                                "This field cannot be set: the register sets it, or it does not exist."  # noqa: E501
                            )
                        ]
                        for key in unknown
                    }
                )
        return super().to_internal_value(data)


class SchemaModelSerializer(StrictSerializer, serializers.ModelSerializer):
    """A model serializer of the schema's columns of one target, every field optional (a draft
    may leave anything blank; completeness is checked on submission)."""

    def build_field(self, field_name: str, info: Any, model_class: Any, nested_depth: int) -> Any:
        if field_name in CHOICE_LISTS:
            choices = CHOICE_LISTS[field_name]
            return serializers.ListField, {
                "child": serializers.ChoiceField(choices=choices),
                "max_length": len(choices),
            }
        return super().build_field(field_name, info, model_class, nested_depth)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for field in fields.values():
            if not field.read_only:
                field.required = False
        return fields

    def get_validators(self) -> list:
        # Uniqueness across rows is the service's (full_clean), with the organisation it sets.
        return []


def _model_serializer(target: str, model: type[models.Model], *, with_id: bool) -> type:
    names = schema_columns(target)
    meta = type(
        "Meta",
        (),
        {
            "model": model,
            "fields": ["id", *names] if with_id else names,
            "read_only_fields": ["id"] if with_id else [],
        },
    )
    name = "".join(word.capitalize() for word in target.split("_"))
    return type(f"{name}Serializer", (SchemaModelSerializer,), {"Meta": meta})


SystemFieldsSerializer = _model_serializer(schema.SYSTEM, AISystem, with_id=False)
OversightSerializer = _model_serializer("oversight", schema.part("oversight").model, with_id=False)
PART_SERIALIZERS: dict[str, type] = {
    name: _model_serializer(name, schema.part(name).model, with_id=True)
    for name in schema.REPEATABLE
}


def _items(name: str, **kwargs: Any) -> serializers.ListSerializer:
    return PART_SERIALIZERS[name](many=True, max_length=MAX_ITEMS, **kwargs)


PartsSerializer = type(
    "PartsSerializer",
    (StrictSerializer,),
    {name: _items(name, required=False) for name in schema.REPEATABLE},
)


class DraftWriteSerializer(SystemFieldsSerializer):  # type: ignore[misc, valid-type]
    """A new draft: the record's fields, its human oversight and any repeatable items."""

    oversight = OversightSerializer(required=False)
    parts = PartsSerializer(required=False)

    class Meta(SystemFieldsSerializer.Meta):  # type: ignore[name-defined]
        fields = [*SystemFieldsSerializer.Meta.fields, "oversight", "parts"]


class DraftPatchSerializer(SystemFieldsSerializer):  # type: ignore[misc, valid-type]
    """Changed fields of the record and of its human oversight; repeatable items are replaced
    through ``items/<part>``."""

    oversight = OversightSerializer(required=False)

    class Meta(SystemFieldsSerializer.Meta):  # type: ignore[name-defined]
        fields = [*SystemFieldsSerializer.Meta.fields, "oversight"]


class ItemsSerializer(StrictSerializer):
    """Every item of one repeatable part, replacing those the record has."""

    items = serializers.ListField(child=serializers.DictField(), max_length=MAX_ITEMS)


class DraftSerializer(serializers.Serializer):
    """A working copy: its state, its revision (the ``ETag``) and everything in it."""

    public_id = serializers.CharField()
    organisation = serializers.CharField(source="organisation.short_code")
    status = serializers.CharField()
    revision = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    review_comment = serializers.CharField(
        help_text=_("An approver's comment when the record was returned to its editors.")
    )
    has_public_version = serializers.SerializerMethodField()
    record = serializers.SerializerMethodField()

    def get_has_public_version(self, system: AISystem) -> bool:
        return system.published_version_id is not None

    @extend_schema_field(DraftWriteSerializer)
    def get_record(self, system: AISystem) -> dict[str, Any]:
        data = dict(SystemFieldsSerializer(system).data)
        oversight = getattr(system, "oversight", None)
        data["oversight"] = OversightSerializer(oversight).data if oversight else None
        data["parts"] = {
            name: PART_SERIALIZERS[name](getattr(system, name).all(), many=True).data
            for name in schema.REPEATABLE
        }
        return data


class DraftSummarySerializer(serializers.Serializer):
    """A record in the organisation's list."""

    public_id = serializers.CharField()
    name_kk = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField()
    status = serializers.CharField()
    revision = serializers.IntegerField()
    updated_at = serializers.DateTimeField()
    has_public_version = serializers.SerializerMethodField()

    def get_has_public_version(self, system: AISystem) -> bool:
        return system.published_version_id is not None
