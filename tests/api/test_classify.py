from __future__ import annotations

import json
import re

import pytest
from django.utils import translation

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
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) >= {"annex_iii", "colour"}


def test_api_refuses_an_unknown_language(client):
    response = client.post(
        "/api/v1/classify?language=fr", data=json.dumps(ANSWERS), content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"language"}


def test_manage_py_classify_prints_the_same_outcome(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ANSWERS))
    out = StringIO()
    call_command("classify", str(path), "--language", "kk", stdout=out)
    assert json.loads(out.getvalue()) == classify(ANSWERS, language="kk")


def _post(client, body: str | bytes, language: str = "en"):
    return client.post(
        "/api/v1/classify",
        data=body,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_api_refuses_deep_nesting_with_a_json_400(client):
    body = '{"annex_iii": ' + "[" * 990 + "]" * 990 + "}"
    assert len(body) < 2100
    response = _post(client, body)
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert "nested" in response.json()["message"]


def test_the_api_refuses_in_the_callers_language(client):
    body = '{"annex_iii": ' + "[" * 20 + "]" * 20 + "}"
    assert "уровней" in _post(client, body, "ru").json()["message"]
    assert "деңгей" in _post(client, body, "kk").json()["message"]


def test_api_accepts_brackets_inside_strings_as_text(client):
    response = _post(client, json.dumps({**ANSWERS, "art6_3_justification": "[[[[[[[[{{{{{{"}))
    assert response.status_code == 200


def test_api_refuses_a_body_over_the_limit_with_a_json_413(client):
    from api.views.classify import ClassifyParser

    body = json.dumps({"annex_iii": ["x" * 10] * (ClassifyParser.max_bytes // 10)})
    response = _post(client, body)
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"
    assert "larger than" in response.json()["message"]


def test_api_refuses_invalid_json_with_a_json_400(client):
    response = _post(client, "{not json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_api_refuses_a_list_longer_than_its_choices_in_one_message(client):
    from compliance.classification import ANNEX_III_POINTS

    response = _post(client, json.dumps({"annex_iii": ["9z"] * 2000}))
    assert response.status_code == 400
    assert response.json()["fields"]["annex_iii"] == [
        f"At most {len(ANNEX_III_POINTS)} items, one per Annex III point; got 2000."
    ]


def test_api_error_responses_are_bounded(client):
    from api.errors import MAX_FIELDS as MAX_ERROR_FIELDS
    from api.errors import MAX_KEY_CHARS, MAX_MESSAGE_CHARS

    answers = {f"{n}{'k' * 200}": True for n in range(100)}
    answers["annex_iii"] = ["y" * 3000]
    body = json.dumps(answers)
    response = _post(client, body)
    assert response.status_code == 400
    payload = response.json()
    assert len(payload["fields"]) == MAX_ERROR_FIELDS
    assert payload["omitted"] == 101 - MAX_ERROR_FIELDS
    assert all(len(key) <= MAX_KEY_CHARS for key in payload["fields"])
    assert all(len(m) <= MAX_MESSAGE_CHARS for ms in payload["fields"].values() for m in ms)
    assert len(response.content) < 10_000


def test_api_accepts_the_kz_and_new_eu_inputs(client):
    answers = {
        "role": "importer",
        "annex_iii": ["6a"],
        "law_enforcement_migration_use": True,
        "public_service_provider": True,
        "kz_risk_degree": "high",
        "kz_failure_consequences": "Investigations stall.",
        "kz_risk_assigned_by": "Head of digital",
        "decision_role": "recommends",
        "human_can_correct": True,
        "kz_prohibited_capabilities": [],
        "critical_ict_object": True,
        "state_information_resources": False,
        "synthetic_results": False,
    }
    response = client.post(
        "/api/v1/classify?language=kk", data=json.dumps(answers), content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body == classify(answers, language="kk")
    assert body["non_public_registration"] is True
    assert body["kz"]["risk_degree"] == "high"
    assert body["kz"]["autonomy"] == "low"
    assert body["kz"]["state_infosec_regime"] is True


def test_api_lists_the_valid_values_once_per_field(client):
    response = client.post(
        "/api/v1/classify",
        data=json.dumps({"kz_prohibited_capabilities": ["x1", "x2", "x3"]}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    messages = response.json()["fields"]["kz_prohibited_capabilities"]
    assert sum("Valid values" in message for message in messages) == 1


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_field_error_is_in_the_callers_language(client, language):
    """No message of the answers' check reaches a Kazakh or Russian caller in English."""
    answers = {
        "is_ai_system": "yes",
        "open_source": 1,
        "role": "owner",
        "exclusion": "none of them",
        "annex_iii": ["9z", 5],
        "prohibited_practices": "5a",
        "art6_3_justification": 7,
        "unknwn": True,
        "is_ai_sytem": True,
    }
    with translation.override("en"):
        english = {
            m
            for ms in _post(client, json.dumps(answers), "en").json()["fields"].values()
            for m in ms
        }
    response = _post(client, json.dumps(answers), language)
    assert response.status_code == 400
    messages = [m for ms in response.json()["fields"].values() for m in ms]
    assert len(messages) == len(english)
    assert not english & set(messages)
    cyrillic = re.compile("[а-яәғқңөұүһі]", re.IGNORECASE)
    assert all(cyrillic.search(m) for m in messages), messages
