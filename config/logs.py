"""Logging filters (``LOGGING`` in config/settings.py): each refused request is one record,
without a traceback when the refusal is an ordinary 403."""

from __future__ import annotations

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """Drops the traceback of a 403 record: ``PermissionDenied`` is how a view says no, not a
    fault, and the path and status say everything."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True


class NoFailedRequestLines(logging.Filter):
    """Drops the development server's access line for a response of 400 or above:
    ``django.request`` (or ``django.security``) has already logged that request once."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", 0) < 400
