"""The identifiers re-users join on: an organisation's BIN and an agency's own reference of a
system; and the signal sent when a version is published or a record withdrawn."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from register.extensions import publication_changed
from register.services import publication, records
from register.validators import validate_bin
from tests.factories import OrganisationFactory, complete_system

pytestmark = pytest.mark.django_db


def test_a_bin_with_a_matching_check_digit_is_accepted():
    validate_bin("000740000728")
    # The second weights (3–11, 1, 2) decide when the first sum leaves 10.
    assert _second_check("10000000020") == "5"
    validate_bin("100000000205")


def _second_check(first_eleven: str) -> str:
    digits = [int(d) for d in first_eleven]
    assert sum(d * w for d, w in zip(digits, range(1, 12), strict=False)) % 11 == 10
    weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
    return str(sum(d * w for d, w in zip(digits, weights, strict=False)) % 11)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("00074000072", "bin_format"),
        ("00074000072a", "bin_format"),
        ("000740000729", "bin_checksum"),
        ("０００７４００００７２８", "bin_format"),
    ],
)
def test_a_malformed_bin_is_refused_with_its_code(value, code):
    with pytest.raises(ValidationError) as caught:
        validate_bin(value)
    assert caught.value.code == code


def test_two_organisations_cannot_share_a_bin_but_many_have_none():
    OrganisationFactory(bin="000740000728")
    OrganisationFactory(bin="")
    OrganisationFactory(bin="")
    with pytest.raises(ValidationError):
        OrganisationFactory.build(bin="000740000728", short_code="other").validate_constraints()


def test_an_external_id_is_unique_within_its_organisation(
    agency, other_agency, editor, other_agency_editor
):
    first = complete_system(agency, editor)
    first.external_id = "INV-1"
    first.save()
    elsewhere = complete_system(other_agency, other_agency_editor)
    elsewhere.external_id = "INV-1"
    elsewhere.validate_constraints()  # another organisation may use the same reference
    second = complete_system(agency, editor)
    second.external_id = "INV-1"
    with pytest.raises(ValidationError):
        second.validate_constraints()


def test_publication_and_withdrawal_are_announced_with_the_version(
    agency, editor, approver, publish
):
    heard = []

    def listener(sender, **kwargs):
        heard.append((kwargs["event"], kwargs["version"]))

    publication_changed.connect(listener)
    try:
        system = publish(complete_system(agency, editor))
        records.system_update(
            system=system,
            actor=editor,
            data={"name_en": "A new name"},
            expected_revision=system.revision,
        )
        publish(system)
        publication.system_withdraw(system=system, actor=approver)
    finally:
        publication_changed.disconnect(listener)
    assert heard == [("published", 1), ("changed", 2), ("withdrawn", 2)]
