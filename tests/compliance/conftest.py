from __future__ import annotations

import pytest

from tests.compliance.factories import compliant_high_risk_system, compliant_minimal_system


@pytest.fixture
def high_risk(db):
    return compliant_high_risk_system()


@pytest.fixture
def minimal(db):
    return compliant_minimal_system()
