"""Published versions freeze the full record; the public card is a pure function of it."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.template.loader import render_to_string
from django.utils import translation

from register import schema, workflow
from register.cards import (
    CARD_SCHEMA,
    CARD_SCHEMA_V1,
    COMPLIANCE_BLOCK,
    CORE,
    ORGANISATION_LAYOUT,
    PART_LAYOUT,
    SYSTEM_LAYOUT,
    build_card,
    card_json_schema,
)
from register.extensions import frozen_blocks
from register.i18n import CONTENT_LANGUAGES
from register.models import (
    AISystem,
    ApplicationArea,
    Channel,
    DecisionRole,
    LegalBasis,
    Membership,
    Phase,
    PublishedVersion,
    RiskClass,
    Supplier,
    Technique,
    Withholding,
)
from register.models.versions import canonical_text, snapshot_digest
from register.selectors import systems_with_parts
from register.services import publication, records
from register.snapshots import ORGANISATION_FIELDS, RECORD_SCHEMA, freeze_record
from tests.factories import (
    AISystemFactory,
    DataSourceFactory,
    HumanOversightFactory,
    ImpactAssessmentFactory,
    MembershipFactory,
    RiskFactory,
    complete_system,
)

CONFIRMED = workflow.confirmation_names("publish")

pytestmark = pytest.mark.django_db

DATA = Path(__file__).with_name("data")
VALIDATOR = jsonschema.Draft202012Validator(card_json_schema())
SYSTEM_FIELDS = tuple(name for section in schema.SECTIONS for name in section.fields)


def loaded(system: AISystem) -> AISystem:
    return systems_with_parts().get(pk=system.pk)


def publish(system: AISystem, editor, approver) -> PublishedVersion:
    publication.system_submit(system=system, actor=editor)
    return publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)


def full_system(**fields: Any) -> AISystem:
    system = AISystemFactory(
        first_used_on=dt.date(2021, 3, 1),
        next_review_on=dt.date(2027, 1, 31),
        techniques=["chatbot"],
        channels=["egov_portal"],
        affected_per_year=12000,
        classification_answers={"role": "deployer", "annex_iii": ["5a"]},
        **fields,
    )
    HumanOversightFactory(system=system)
    DataSourceFactory(system=system, uses=["training"])
    DataSourceFactory(system=system, name_en="Second source")
    RiskFactory(system=system)
    ImpactAssessmentFactory(system=system, completed_on=dt.date(2024, 11, 15))
    Supplier.objects.create(system=system, name="Example LLP", role_en="Builds it")
    LegalBasis.objects.create(system=system, title_en="Law on public services")
    return system


# --- The frozen record ------------------------------------------------------------------------


def _base_name(model: type[models.Model], name: str) -> str:
    translated = {a.name for a in model.translated_attributes()}
    base, _sep, code = name.rpartition("_")
    return base if code in CONTENT_LANGUAGES and base in translated else name


def test_the_record_keeps_every_field_of_the_record_and_its_parts_but_workflow_and_bookkeeping():
    record = freeze_record(loaded(full_system()))
    kept = {
        *record["fields"],
        *record["classification"],
        *(key for key in record if key not in {"schema", "fields", "classification", "parts"}),
    }
    for field in AISystem._meta.concrete_fields:
        base = _base_name(AISystem, field.name)
        assert (base in kept) != (base in schema.NOT_FROZEN[AISystem]), field.name
    for part in schema.PARTS:
        rows = record["parts"][part.name]
        row = rows if not part.many else rows[0]
        for field in part.model._meta.concrete_fields:
            base = _base_name(part.model, field.name)
            assert (base in row) != (base in schema.NOT_FROZEN[part.model]), (part.name, base)
    assert set(record["organisation"]) == set(ORGANISATION_FIELDS)
    assert record["schema"] == RECORD_SCHEMA


def test_the_record_is_json_with_iso_dates_translations_and_part_ids():
    system = full_system()
    record = freeze_record(loaded(system))

    assert json.loads(canonical_text(record)) == record
    assert record["fields"]["first_used_on"] == "2021-03-01"
    assert record["fields"]["name"] == {
        code: getattr(system, f"name_{code}") for code in CONTENT_LANGUAGES
    }
    assert record["classification"]["risk_class"] == RiskClass.HIGH
    assert record["classification"]["classification"]["risk_class"] == RiskClass.HIGH
    assert record["organisation"]["short_code"] == system.organisation.short_code
    sources = record["parts"]["data_sources"]
    assert [s["id"] for s in sources] == sorted(system.data_sources.values_list("pk", flat=True))
    assert record["parts"]["oversight"]["id"] == system.oversight.pk
    assert record["parts"]["suppliers"][0]["name"] == "Example LLP"


def test_freezing_a_loaded_record_and_building_its_card_make_no_query(django_assert_num_queries):
    system = loaded(full_system())
    with django_assert_num_queries(0):
        build_card(freeze_record(system))


def test_a_record_without_oversight_freezes_it_as_null():
    record = freeze_record(loaded(AISystemFactory()))
    assert record["parts"]["oversight"] is None
    assert build_card(record)["oversight"] is None


# --- The card, derived from the record --------------------------------------------------------


def test_the_layout_places_every_field_of_the_schema_once():
    assert set(SYSTEM_LAYOUT) == set(SYSTEM_FIELDS)
    assert set(PART_LAYOUT) == {part.name for part in schema.PARTS}
    assert set(SYSTEM_LAYOUT) >= CORE
    paths = [*SYSTEM_LAYOUT.values(), *PART_LAYOUT.values()]
    assert len(paths) == len(set(paths))


def _sentinel(name: str, translated: bool) -> Any:
    if translated:
        return {code: f"SENTINEL {name} {code}" for code in CONTENT_LANGUAGES}
    return f"SENTINEL {name}"


def sentinel_record(withholding: str) -> dict[str, Any]:
    """A frozen record whose every field, from the schema, holds a text naming it."""
    fields = {name: _sentinel(name, name in schema.SYSTEM_TRANSLATED) for name in SYSTEM_FIELDS}
    fields["withholding"] = withholding

    def row(part: schema.Part) -> dict[str, Any]:
        return {
            "id": 7,
            **{
                name: _sentinel(f"{part.name}.{name}", name in part.translated)
                for name in part.fields
            },
        }

    classification = {
        name: _sentinel(f"classification.{name}", False) for name in schema.CLASSIFICATION
    }
    classification.update(
        risk_class="high", annex_iii=["5a"], transparency_obligations=[], fria_required=True
    )
    return {
        "schema": RECORD_SCHEMA,
        "public_id": "KZ-AI-000007",
        "slug": "sentinel",
        "organisation": {
            name: _sentinel(f"organisation.{name}", name == "name") for name in ORGANISATION_FIELDS
        },
        "fields": fields,
        "classification": classification,
        "parts": {p.name: [row(p)] if p.many else row(p) for p in schema.PARTS},
    }


def hidden_fields() -> list[str]:
    """What a restricted or withheld card must not show, from the schema: every field of the
    sections outside ``CORE``, every field of every part, the classification's internals and
    the organisation's fields that no card shows."""
    return [
        *(name for name in SYSTEM_FIELDS if name not in CORE),
        *(f"{part.name}.{name}" for part in schema.PARTS for name in part.fields),
        *(
            f"classification.{name}"
            for name in schema.CLASSIFICATION
            if name
            not in {
                "risk_class",
                "annex_iii",
                "transparency_obligations",
                "fria_required",
                "kz_risk_degree",
                "kz_autonomy",
            }
        ),
        *(
            f"organisation.{name}"
            for name in ORGANISATION_FIELDS
            if name not in ORGANISATION_LAYOUT.values()
        ),
    ]


@pytest.mark.parametrize("withholding", [Withholding.RESTRICTED, Withholding.WITHHELD])
def test_a_restricted_or_withheld_card_shows_no_field_outside_the_core(withholding):
    card = build_card(sentinel_record(withholding))
    text = canonical_text(card)

    hidden = hidden_fields()
    assert len(hidden) > 60
    for name in hidden:
        assert f"SENTINEL {name}" not in text, name
    for name in CORE - {"withholding"}:
        assert f"SENTINEL {name}" in text, name
    for key in {path[0] for name, path in SYSTEM_LAYOUT.items() if name not in CORE}:
        if key not in {path[0] for name, path in SYSTEM_LAYOUT.items() if name in CORE}:
            assert key not in card, key
    for path in PART_LAYOUT.values():
        assert path[0] not in card
    assert card["risk"] == {
        "class": "high",
        "annex_iii": ["5a"],
        "transparency_obligations": [],
        "fria_required": True,
        "kz": {
            "risk_degree": "SENTINEL classification.kz_risk_degree",
            "autonomy": "SENTINEL classification.kz_autonomy",
            "prohibited": False,
            "state_infosec_regime": False,
        },
    }


def test_a_public_card_shows_every_field_of_the_schema_and_no_internals():
    card = build_card(sentinel_record(Withholding.NONE))
    text = canonical_text(card)
    for name in SYSTEM_FIELDS:
        if name != "withholding":
            assert f"SENTINEL {name}" in text, name
    for part in schema.PARTS:
        for name in part.fields:
            assert f"SENTINEL {part.name}.{name}" in text, (part.name, name)
    for name in hidden_fields():
        if name.startswith(("classification.", "organisation.")):
            assert f"SENTINEL {name}" not in text, name


@pytest.mark.parametrize("withholding", [Withholding.RESTRICTED, Withholding.WITHHELD])
def test_a_restricted_or_withheld_record_is_reduced_on_its_card(withholding, agency, editor):
    system = full_system(
        organisation=agency,
        withholding=withholding,
        withholding_reason_en="Law enforcement use",
        scope_en="Secret scope",
        model_type="Secret model",
    )
    record = freeze_record(loaded(system))
    card = build_card(record)

    assert record["fields"]["scope"]["en"] == "Secret scope"  # the record keeps everything
    assert record["parts"]["data_sources"]
    text = canonical_text(card)
    assert "Secret scope" not in text and "Secret model" not in text
    assert "Population register extract" not in text
    assert card["withholding_reason"]["en"] == "Law enforcement use"
    VALIDATOR.validate(card)


def test_parts_on_the_card_keep_their_ids():
    system = full_system()
    card = build_card(freeze_record(loaded(system)))
    assert [s["id"] for s in card["data_sources"]] == list(
        system.data_sources.order_by("pk").values_list("pk", flat=True)
    )
    assert card["oversight"]["id"] == system.oversight.pk
    assert card["risks"][0]["id"] == system.risks.get().pk
    assert card["organisation"]["id"] == system.organisation_id
    assert card["schema"] == CARD_SCHEMA


def test_the_card_shares_nothing_with_the_record():
    record = freeze_record(loaded(full_system()))
    card = build_card(record)
    card["name"]["en"] = "changed"
    card["data_sources"][0]["name"]["en"] = "changed"
    card["techniques"].append("other")
    assert record["fields"]["name"]["en"] != "changed"
    assert record["parts"]["data_sources"][0]["name"]["en"] != "changed"
    assert record["fields"]["techniques"] == ["chatbot"]


# --- The card's JSON Schema -------------------------------------------------------------------


def test_the_json_schema_is_valid_and_names_every_key_of_the_layout():
    jsonschema.Draft202012Validator.check_schema(card_json_schema())
    properties = card_json_schema()["properties"]
    keys = {path[0] for path in [*SYSTEM_LAYOUT.values(), *PART_LAYOUT.values()]}
    assert set(properties) == {
        "schema",
        "public_id",
        "slug",
        "organisation",
        "risk",
        COMPLIANCE_BLOCK,
        *keys,
    }
    assert set(properties["organisation"]["properties"]) == set(ORGANISATION_LAYOUT)
    assert properties["schema"] == {"const": CARD_SCHEMA}


@pytest.mark.parametrize(
    "path, choices",
    [
        (("phase",), Phase),
        (("application_area",), ApplicationArea),
        (("techniques", "items"), Technique),
        (("channels", "items"), Channel),
        (("decision_role",), DecisionRole),
        (("withholding",), Withholding),
        (("risk", "properties", "class"), RiskClass),
    ],
)
def test_the_json_schema_lists_the_models_choices(path, choices):
    node = card_json_schema()["properties"]
    for key in path:
        node = node[key]
    assert set(node["enum"]) - {""} == set(choices.values) - {""}


def test_every_demo_card_and_stored_version_validates():
    from demo.loader import load_demo

    load_demo()
    for system in systems_with_parts():
        VALIDATOR.validate(build_card(freeze_record(system)))
    versions = list(PublishedVersion.objects.all())
    assert len(versions) > 5
    for version in versions:
        VALIDATOR.validate(version.snapshot)
        assert version.record["public_id"] == version.snapshot["public_id"]


def test_factory_and_bulk_cards_validate():
    for system in (AISystemFactory(), full_system(), full_system(withholding="restricted")):
        VALIDATOR.validate(build_card(freeze_record(loaded(system))))
    call_command("seed_bulk", count=200, stdout=StringIO())
    versions = list(PublishedVersion.objects.all())
    assert len(versions) > 100
    for version in versions:
        VALIDATOR.validate(version.snapshot)


def test_a_card_missing_a_detail_or_with_an_unknown_key_does_not_validate():
    card = build_card(freeze_record(loaded(full_system())))
    VALIDATOR.validate(card)
    for broken in (
        {k: v for k, v in card.items() if k != "data_sources"},
        {**card, "secret": 1},
        {**card, "withholding": "restricted"},  # a reduced card must not carry details
    ):
        with pytest.raises(jsonschema.ValidationError):
            VALIDATOR.validate(broken)


# --- Hashes and the stored version ------------------------------------------------------------


def test_publishing_stores_the_record_and_its_card_with_both_hashes(agency, editor, approver):
    system = complete_system(agency, editor)
    version = publish(system, editor, approver)
    version.refresh_from_db()

    frozen = freeze_record(loaded(system))
    assert {key: value for key, value in version.record.items() if key != COMPLIANCE_BLOCK} == (
        frozen
    )
    assert version.record[COMPLIANCE_BLOCK]["findings"]
    assert version.snapshot == build_card(version.record)
    assert version.sha256 == snapshot_digest(version.snapshot)
    assert version.record_sha256 == snapshot_digest(version.record)
    assert version.sha256 != version.record_sha256
    assert version.verify()


def test_verify_checks_the_card_and_the_record(agency, editor, approver):
    version = publish(complete_system(agency, editor), editor, approver)
    version.record["fields"]["scope"]["en"] = "tampered"
    assert not version.verify()
    version.refresh_from_db()
    assert version.verify()
    version.snapshot["name"]["en"] = "tampered"
    assert not version.verify()
    version.refresh_from_db()
    version.record_sha256 = "0" * 64
    assert not version.verify()


def test_the_record_cannot_be_rewritten_with_raw_sql(agency, editor, approver):
    version = publish(complete_system(agency, editor), editor, approver)
    for sql in (
        "UPDATE register_publishedversion SET record = '{}' WHERE id = %s",
        "UPDATE register_publishedversion SET record_sha256 = repeat('0', 64) WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match=r"permission denied|Cannot"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [version.pk])


def test_only_a_first_format_card_may_lack_the_record():
    system = AISystemFactory()
    old = json.loads((DATA / "card-1-full.json").read_text())
    version = PublishedVersion.objects.create(system=system, number=1, snapshot=old)
    assert version.record is None and version.record_sha256 == ""
    assert version.verify()
    for snapshot in ({**old, "schema": CARD_SCHEMA}, {"name": {"en": "No format"}}):
        with pytest.raises(IntegrityError), transaction.atomic():
            PublishedVersion.objects.create(system=system, number=2, snapshot=snapshot)


def test_a_republished_record_gets_a_new_record_hash_only_when_it_changed(agency, editor, approver):
    system = complete_system(agency, editor)
    first = publish(system, editor, approver)
    system.refresh_from_db()
    records.system_update(
        system=system,
        actor=editor,
        data={"benefits_en": "Shorter queues"},
        expected_revision=system.revision,
    )
    second = publish(system, editor, approver)
    assert second.record_sha256 != first.record_sha256
    assert second.sha256 != first.sha256
    assert second.record["fields"]["benefits"]["en"] == "Shorter queues"


# --- The preview and the templates ------------------------------------------------------------


def test_the_preview_shows_the_card_that_publishing_stores(client, agency, editor, approver):
    system = complete_system(agency, editor)
    DataSourceFactory(
        system=system,
        **{
            f"{name}_{code}": f"Second {name}"
            for name in ("name", "description")
            for code in CONTENT_LANGUAGES
        },
    )
    from compliance.checks import check_systems

    check_systems([system.pk], trigger="command")  # as after every change, in the background
    client.force_login(editor)
    preview = client.get(f"/en/workspace/systems/{system.public_id}/preview/")
    assert preview.status_code == 200
    card = preview.context["card"]
    fresh = build_card(freeze_record(loaded(system), blocks=frozen_blocks(system)))
    # The findings are those of the last check; only the time they were read moves.
    assert fresh[COMPLIANCE_BLOCK].pop("checked_at") >= card[COMPLIANCE_BLOCK].pop("checked_at")
    assert card == fresh

    version = publish(system, editor, approver)
    assert version.snapshot[COMPLIANCE_BLOCK].pop("checked_at")
    assert version.snapshot == card


def _render(card: dict[str, Any], **meta: Any) -> str:
    with translation.override("en"):
        return render_to_string("register/card.html", {"card": card, "card_meta": meta})


def test_first_format_versions_still_render():
    from tests.register.test_card_template import assert_sound

    full = json.loads((DATA / "card-1-full.json").read_text())
    restricted = json.loads((DATA / "card-1-restricted.json").read_text())
    assert full["schema"] == restricted["schema"] == CARD_SCHEMA_V1

    html = _render(full, version=3, sha256="a" * 64)
    assert_sound(html)
    for anchor in ("card-details", "card-data", "card-risks", "card-legal"):
        assert f'id="{anchor}"' in html
    assert full["data_sources"][0]["name"]["en"] in html
    assert CARD_SCHEMA_V1 in html

    html = _render(restricted)
    assert_sound(html)
    assert "Article 49(4) of the EU AI Act" in html
    assert 'id="card-details"' not in html


def test_a_card_of_either_format_renders_the_same_page():
    """Card/2 is card/1 with ids: the template shows them alike."""
    system = full_system()
    card = build_card(freeze_record(loaded(system)))

    def without_ids(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: without_ids(v) for k, v in value.items() if k != "id"}
        if isinstance(value, list):
            return [without_ids(v) for v in value]
        return value

    old = {**without_ids(card), "schema": CARD_SCHEMA_V1}
    assert _render(card).replace(CARD_SCHEMA, CARD_SCHEMA_V1) == _render(old)


def test_second_approver_can_publish_a_record_the_first_restricted(agency, editor, approver):
    """A restricted record is published, and its stored card is reduced, through the services."""
    other = MembershipFactory(organisation=agency, role=Membership.Role.APPROVER).user
    system = complete_system(agency, approver, withholding=Withholding.RESTRICTED)
    version = publish(system, editor, other)
    assert version.record["fields"]["withholding"] == Withholding.RESTRICTED
    assert version.record["parts"]["data_sources"]
    assert "data_sources" not in version.snapshot
    VALIDATOR.validate(version.snapshot)
