from __future__ import annotations

from django.db import transaction
from django.db.models import F

from register.models import PUBLIC_ID_PREFIX, IdentifierSequence

SYSTEM_SEQUENCE = "ai_system"


def format_public_id(number: int) -> str:
    return f"{PUBLIC_ID_PREFIX}{number:06d}"


@transaction.atomic
def allocate_public_ids(count: int = 1) -> list[str]:
    """Reserve ``count`` consecutive public identifiers, never handed out twice.

    The counter row is locked for the rest of the caller's transaction; if that transaction
    rolls back, the numbers are released with it (gaps only appear from deleted drafts).
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    IdentifierSequence.objects.get_or_create(name=SYSTEM_SEQUENCE)
    IdentifierSequence.objects.filter(name=SYSTEM_SEQUENCE).update(
        last_value=F("last_value") + count
    )
    last = IdentifierSequence.objects.select_for_update().get(name=SYSTEM_SEQUENCE).last_value
    return [format_public_id(number) for number in range(last - count + 1, last + 1)]
