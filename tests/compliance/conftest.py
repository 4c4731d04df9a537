from __future__ import annotations

import pytest

from tests.compliance.factories import compliant_high_risk_system, compliant_minimal_system


@pytest.fixture
def high_risk(db):
    return compliant_high_risk_system()


@pytest.fixture
def minimal(db):
    return compliant_minimal_system()


@pytest.fixture
def annex_iii_in_force(settings):
    """The Annex III duties in force on the real date (the AI Act's original 2 Aug 2026), for
    tests that check with today's date: the catalogue's own date is the Digital Omnibus's."""
    from compliance.rules import get_catalogue

    settings.COMPLIANCE_EFFECTIVE_DATES = {"ai_act.high_risk.annex_iii": "2026-08-02"}
    get_catalogue.cache_clear()
    yield
    del settings.COMPLIANCE_EFFECTIVE_DATES
    get_catalogue.cache_clear()
