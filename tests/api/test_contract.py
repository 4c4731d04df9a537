"""The API against its own OpenAPI schema (schemathesis, in process): for every operation, a
bounded number of generated requests over a register with a few published records, one of them
restricted; no answer is a server error and every answer matches the schema (status code,
content type, body)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import complete_system
from tests.portal.feeds_helpers import restricted_system

# Per operation: enough to try every parameter, bounded so that the run takes well under a
# minute.
MAX_EXAMPLES = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(db, settings, monkeypatch, agency, editor, approver, publish):  # type: ignore[no-untyped-def]
    settings.ALLOWED_HOSTS = ["*"]
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "100000/minute")
    first = publish(complete_system(agency, editor, name_en="Pension calculator"))
    publish(complete_system(agency, editor, name_en="Road cameras"))
    restricted_system(agency, editor, approver, publish)
    assert first.public_record.version.number == 1
    # As Django's test client does: the test's connection stays open between requests.
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/v1/schema?format=json",
            get_wsgi_application(),
            headers={"Accept-Language": "en"},
        )
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


def test_every_answer_matches_the_schema(api_schema):  # type: ignore[no-untyped-def]
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 13
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):  # type: ignore[no-untyped-def]
            case.call_and_validate(checks=CHECKS)

        check()
