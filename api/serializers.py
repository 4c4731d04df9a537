"""What the public read endpoints answer. Every field is read from the public projection
(``PublicRecord``), the frozen versions' cards (``PublishedVersion.snapshot``, never the full
``record``) or the organisation's public identity: a restricted or withheld record shows only
what its card shows.

The same serializers describe the answers in the OpenAPI schema; the card itself is described
by its JSON Schema (``api.openapi``).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.addresses import absolute
from register.i18n import CONTENT_LANGUAGES

TEXT_REF = {"$ref": "#/components/schemas/CardText"}
CARD_REF = {"$ref": "#/components/schemas/Card"}


@extend_schema_field(TEXT_REF)
class TextField(serializers.JSONField):
    """A translated text: ``{kk, ru, en}``."""


@extend_schema_field(CARD_REF)
class CardField(serializers.JSONField):
    """A public card (``register/schemas/card-4.schema.json``)."""


def _api(name: str, **kwargs: Any) -> str:
    return absolute(reverse(f"api:{name}", kwargs=kwargs))


def _portal(name: str, **kwargs: Any) -> str:
    return absolute(reverse(f"portal:{name}", kwargs=kwargs))


def public_id_of(record: Any) -> str:
    """The public id of a ``PublicRecord``, from its card (the record itself is not loaded)."""
    return str(record.version.snapshot["public_id"])


class ErrorSerializer(serializers.Serializer):
    """Every error of the API (``api.errors``)."""

    code = serializers.CharField(help_text="Stable, for programs: invalid, not_found, throttled…")
    message = serializers.CharField(help_text="For people, in the request's language.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="The messages of each field or dotted path (at most 20 fields).",
    )
    omitted = serializers.IntegerField(
        required=False, help_text="How many fields were left out of ``fields``."
    )


class OrganisationRefSerializer(serializers.Serializer):
    code = serializers.CharField(source="short_code", help_text="The register's short code.")
    bin = serializers.CharField(help_text="The BIN (12 digits), empty when not known.")
    name = serializers.SerializerMethodField()

    @extend_schema_field(TEXT_REF)
    def get_name(self, organisation: Any) -> dict[str, str]:
        return organisation.translations("name")


class SystemSummarySerializer(serializers.Serializer):
    """An item of ``GET /systems``: a ``PublicRecord`` with its version and organisation."""

    public_id = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="The card's page on the portal.")
    api_url = serializers.SerializerMethodField(help_text="This record in the API.")
    organisation = OrganisationRefSerializer()
    version = serializers.IntegerField(source="version.number")
    published_at = serializers.DateTimeField(help_text="When it was first published.")
    version_published_at = serializers.DateTimeField(source="version.published_at")
    updated_at = serializers.DateTimeField(
        help_text="When the current version was published or the record withdrawn."
    )
    withdrawn = serializers.BooleanField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    name = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    risk_class = serializers.CharField()
    kz_risk_degree = serializers.CharField()
    annex_iii = serializers.ListField(child=serializers.CharField())
    application_area = serializers.CharField()
    phase = serializers.CharField()
    withholding = serializers.SerializerMethodField(
        help_text="none for a fully public card; otherwise the card shows only its core."
    )

    def get_public_id(self, record: Any) -> str:
        return public_id_of(record)

    def get_url(self, record: Any) -> str:
        return _portal("card", public_id=public_id_of(record))

    def get_api_url(self, record: Any) -> str:
        return _api("system", public_id=public_id_of(record))

    @extend_schema_field(TEXT_REF)
    def get_name(self, record: Any) -> Any:
        return record.version.snapshot.get("name")

    @extend_schema_field(TEXT_REF)
    def get_summary(self, record: Any) -> Any:
        return record.version.snapshot.get("summary")

    def get_withholding(self, record: Any) -> str:
        return str(record.version.snapshot.get("withholding") or "none")


class SystemSerializer(SystemSummarySerializer):
    """``GET /systems/{public_id}``: the summary, the version's hash and the current card."""

    sha256 = serializers.CharField(source="version.sha256")
    versions_url = serializers.SerializerMethodField()
    card = CardField(source="version.snapshot")

    def get_versions_url(self, record: Any) -> str:
        return _api("versions", public_id=public_id_of(record))


class VersionSummarySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    published_at = serializers.DateTimeField()
    sha256 = serializers.CharField()
    current = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    def get_current(self, version: Any) -> bool:
        return version.pk == self.context["record"].version_id

    def get_api_url(self, version: Any) -> str:
        public_id = public_id_of(self.context["record"])
        return _api("version", public_id=public_id, number=version.number)


class VersionsSerializer(serializers.Serializer):
    public_id = serializers.CharField()
    results = VersionSummarySerializer(many=True)


class VersionSerializer(VersionSummarySerializer):
    """A version as it was published; once the record is restricted or withheld, no more of
    it than the current card shows."""

    url = serializers.SerializerMethodField(help_text="The version's page on the portal.")
    card = CardField()

    def get_url(self, version: Any) -> str:
        public_id = public_id_of(self.context["record"])
        return _portal("version", public_id=public_id, number=version.number)


class TextChangeSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=CONTENT_LANGUAGES)
    before = serializers.CharField()
    after = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    path = serializers.SerializerMethodField(help_text="The key path on the card.")
    label = serializers.CharField(help_text="The field's name in the request's language.")
    kind = serializers.ChoiceField(choices=["added", "removed", "changed"])
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)
    before_text = serializers.CharField()
    after_text = serializers.CharField()
    texts = TextChangeSerializer(many=True)

    def get_path(self, change: Any) -> list[str]:
        return list(change.path)


class DiffSerializer(serializers.Serializer):
    public_id = serializers.CharField()
    from_version = serializers.IntegerField()
    to_version = serializers.IntegerField()
    reduced = serializers.BooleanField(
        help_text="One of the two cards is reduced: only the core fields were compared."
    )
    withholding_changed = serializers.BooleanField()
    changes = ChangeSerializer(many=True)


class CoverageSerializer(serializers.Serializer):
    published = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    in_review = serializers.IntegerField()
    changes_pending = serializers.IntegerField()
    overdue = serializers.IntegerField()


class OrganisationSerializer(OrganisationRefSerializer):
    kind = serializers.CharField()
    region = serializers.CharField()
    jurisdiction = serializers.CharField()
    parent = serializers.SerializerMethodField()
    website = serializers.CharField()
    published = serializers.IntegerField(help_text="Current (not withdrawn) public systems.")
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    systems_url = serializers.SerializerMethodField()

    def get_parent(self, organisation: Any) -> str | None:
        parent = organisation.parent
        return parent.short_code if parent is not None else None

    def get_url(self, organisation: Any) -> str:
        return _portal("organisation", code=organisation.short_code)

    def get_api_url(self, organisation: Any) -> str:
        return _api("organisation", code=organisation.short_code)

    def get_systems_url(self, organisation: Any) -> str:
        return _api("systems") + f"?organisation={organisation.short_code}"


class OrganisationDetailSerializer(OrganisationSerializer):
    coverage = CoverageSerializer()


class FacetCountSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class ShareSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    with_fria = serializers.IntegerField()
    with_overseer = serializers.IntegerField()


class HeadlineSerializer(serializers.Serializer):
    current = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    organisations = serializers.IntegerField()
    high_eu = ShareSerializer()
    high_kz = ShareSerializer()
    high_any = ShareSerializer()


class MonthSerializer(serializers.Serializer):
    month = serializers.DateField()
    published = serializers.IntegerField()
    withdrawn = serializers.IntegerField()


class StatisticsSerializer(serializers.Serializer):
    headline = HeadlineSerializer()
    facets = serializers.DictField(child=FacetCountSerializer(many=True))
    months = MonthSerializer(many=True)


class ReferenceSerializer(serializers.Serializer):
    instrument = serializers.CharField(source="instrument.key")
    instrument_name = serializers.SerializerMethodField()
    citation = serializers.CharField(help_text="Art 14(4)(d), language-neutral.")
    text = serializers.SerializerMethodField()
    confidence = serializers.ChoiceField(choices=["H", "M", "L"])
    confirmed = serializers.BooleanField(
        help_text="Checked against the official text (confidence H)."
    )

    def get_instrument_name(self, reference: Any) -> str:
        return reference.instrument.name_text()

    def get_text(self, reference: Any) -> str:
        return reference.text()


class RuleSerializer(serializers.Serializer):
    id = serializers.CharField()
    family = serializers.CharField()
    severity = serializers.CharField()
    section = serializers.CharField()
    title = serializers.CharField(source="title_text")
    hint = serializers.CharField(source="hint_text")
    reference = ReferenceSerializer()
    effective_from = serializers.DateField()
    waivable = serializers.BooleanField()
    api_url = serializers.SerializerMethodField()

    def get_api_url(self, rule: Any) -> str:
        return _api("rule", rule_id=rule.id)


class RulesSerializer(serializers.Serializer):
    catalogue_version = serializers.CharField()
    results = RuleSerializer(many=True)
