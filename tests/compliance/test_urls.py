"""The compliance pages are routed from ``compliance.urls``, under their old paths."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import translation

PAGES = [
    ("compliance:organisation_findings", {}, "/en/workspace/findings/"),
    ("compliance:classification", {"public_id": "KZ-AI-000001"}, "/classification/"),
    (
        "compliance:classification_step",
        {"public_id": "KZ-AI-000001", "step": "role"},
        "/classification/role/",
    ),
    ("compliance:findings", {"public_id": "KZ-AI-000001"}, "/findings/"),
    ("compliance:waive", {"public_id": "KZ-AI-000001", "finding_id": 7}, "/findings/7/waive/"),
]


@pytest.mark.parametrize(("name", "kwargs", "ending"), PAGES)
def test_compliance_pages_keep_their_paths(name, kwargs, ending):
    with translation.override("en"):
        path = reverse(name, kwargs=kwargs)
    assert path.startswith("/en/workspace/")
    assert path.endswith(ending)
    # Not taken by the record's workflow route, which also ends in a slug.
    assert resolve(path).view_name == name


@pytest.mark.parametrize("name", ["classification", "findings", "waive", "organisation_findings"])
def test_the_register_no_longer_routes_compliance_pages(name):
    with pytest.raises(NoReverseMatch):
        reverse(f"register:{name}", kwargs={} if name == "organisation_findings" else None)
