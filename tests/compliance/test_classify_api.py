from __future__ import annotations

import json

import pytest

from compliance.classification import classify

pytestmark = pytest.mark.django_db

ANSWERS = {"is_ai_system": True, "role": "deployer", "annex_iii": ["5a"], "profiling": True}


def test_api_returns_the_same_outcome_as_the_function(client):
    response = client.post(
        "/api/v1/classify?language=ru", data=json.dumps(ANSWERS), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == classify(ANSWERS, language="ru")
    assert response.json()["risk_class"] == "high"


def test_api_reports_each_bad_field(client):
    response = client.post(
        "/api/v1/classify",
        data=json.dumps({"annex_iii": ["9z"], "colour": "red"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) >= {"annex_iii", "colour"}


def test_api_refuses_an_unknown_language(client):
    response = client.post(
        "/api/v1/classify?language=fr", data=json.dumps(ANSWERS), content_type="application/json"
    )
    assert response.status_code == 400


def test_manage_py_classify_prints_the_same_outcome(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ANSWERS))
    out = StringIO()
    call_command("classify", str(path), "--language", "kk", stdout=out)
    assert json.loads(out.getvalue()) == classify(ANSWERS, language="kk")
