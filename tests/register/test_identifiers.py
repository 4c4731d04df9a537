from __future__ import annotations

import pytest

from register.services.identifiers import allocate_public_ids

pytestmark = pytest.mark.django_db


def test_identifiers_are_consecutive_and_never_reused():
    first = allocate_public_ids(3)
    second = allocate_public_ids(1)
    numbers = [int(public_id.rsplit("-", 1)[1]) for public_id in first + second]
    assert numbers == list(range(numbers[0], numbers[0] + 4))
    assert all(public_id.startswith("KZ-AI-") and len(public_id) == 12 for public_id in first)


def test_allocating_nothing_is_an_error():
    with pytest.raises(ValueError):
        allocate_public_ids(0)
