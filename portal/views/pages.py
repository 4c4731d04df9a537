"""Pages about the register itself."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.cache import public_page

# When the accessibility statement was last prepared; change it with the statement.
STATEMENT_PREPARED_ON = dt.date(2026, 12, 3)


@public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/accessibility.html",
        {
            "site_url": settings.SITE_URL,
            "contact_email": settings.REGISTER_CONTACT_EMAIL,
            "prepared_on": STATEMENT_PREPARED_ON,
        },
    )
