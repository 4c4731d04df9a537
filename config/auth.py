"""Sign-in throttling: the two limits of django-axes (settings ``SIGN_IN_FAILURES_*``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
    """The failure limit django-axes compares with the failures of this request's groups.

    Axes counts the failures of each lockout group (the address; the username at the address)
    and compares the largest, the address's, with one limit. So: the account limit once the
    username has reached it at this address, else the (higher) address limit.
    """
    from axes.helpers import get_client_username
    from axes.models import AccessAttempt

    per_account = settings.SIGN_IN_FAILURES_PER_ACCOUNT
    address = getattr(request, "axes_ip_address", None)
    username = get_client_username(request, credentials)
    failures = (
        AccessAttempt.objects.filter(username=username, ip_address=address).aggregate(
            total=Sum("failures_since_start")
        )["total"]
        or 0
    )
    if failures >= per_account:
        return per_account
    return max(per_account, settings.SIGN_IN_FAILURES_PER_ADDRESS)
