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


@pytest.mark.django_db(transaction=True)
def test_two_first_allocations_at_once_share_out_the_numbers():
    """Two transactions asking for the first identifiers of a new register at the same time:
    one creates the counter, the other waits for it and moves it on; neither fails."""
    import threading

    from django.db import connection, transaction

    from register.models import IdentifierSequence

    IdentifierSequence.objects.all().delete()
    started = threading.Barrier(2)
    handed_out: list[list[str]] = []
    errors: list[BaseException] = []

    def allocate() -> None:
        try:
            started.wait(timeout=10)
            with transaction.atomic():
                handed_out.append(allocate_public_ids(5))
        except BaseException as error:  # noqa: BLE001 — reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    numbers = sorted(int(public_id.rsplit("-", 1)[1]) for ids in handed_out for public_id in ids)
    assert numbers == list(range(1, 11))
