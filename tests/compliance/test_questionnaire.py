"""The EU AI Act questionnaire in the workspace: one question page after another, then the
outcome, then the stored class."""

from __future__ import annotations

import re

import pytest

from tests.factories import complete_system

pytestmark = pytest.mark.django_db

ANSWERS_BY_STEP = [
    ("ai-system", {"is_ai_system": "yes"}),
    ("role", {"role": "deployer", "public_authority": "yes", "exclusion": ""}),
    ("prohibited", {}),
    ("high-risk", {"annex_i_safety_component": "no", "annex_iii": ["5a"]}),
    (
        "profiling",
        {
            "profiling": "yes",
            "art6_3_conditions": ["a"],
            "art6_3_justification": "It only checks documents.",
        },
    ),
    (
        "transparency",
        {
            "interacts_with_people": "yes",
            "generates_synthetic_content": "no",
            "emotion_or_biometric_categorisation": "no",
            "deep_fake_or_public_interest_text": "no",
            "gpai": "no",
        },
    ),
]


def test_questionnaire_classifies_and_stores_the_outcome(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    base = f"/en/workspace/systems/{system.public_id}/classification/"
    for index, (step, data) in enumerate(ANSWERS_BY_STEP):
        response = client.post(f"{base}{step}/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        following = ANSWERS_BY_STEP[index + 1][0] + "/" if index + 1 < len(ANSWERS_BY_STEP) else ""
        assert response["Location"] == base + following
    outcome = client.get(base).content.decode()
    # Profiling keeps an Annex III system high-risk whatever the Art 6(3) conditions.
    assert "high" in outcome
    assert "Art 27" in outcome or "27" in outcome
    client.post(base)
    system.refresh_from_db()
    assert system.risk_class == "high"
    assert system.annex_iii == ["5a"]
    assert system.profiling is True
    assert system.fria_required is True
    assert system.transparency_obligations[:1] == ["50(1)"]
    assert system.classification_answers["art6_3_justification"] == "It only checks documents."


def test_condition_without_justification_is_an_error_that_keeps_the_input(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    response = client.post(
        f"/en/workspace/systems/{system.public_id}/classification/profiling/",
        {"profiling": "no", "art6_3_conditions": ["d"], "art6_3_justification": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert re.search(r'<input[^>]*value="d"[^>]*checked', html)


def test_previous_answers_are_shown_again(client, editor, agency):
    system = complete_system(agency, editor, answers={"is_ai_system": True, "role": "both"})
    client.force_login(editor)
    html = client.get(f"/en/workspace/systems/{system.public_id}/classification/role/")
    assert re.search(r'<input[^>]*value="both"[^>]*checked', html.content.decode())
    assert not re.search(r'<input[^>]*value="provider"[^>]*checked', html.content.decode())


def test_regulator_reads_the_outcome_but_cannot_answer(client, regulator, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(regulator)
    base = f"/en/workspace/systems/{system.public_id}/classification/"
    assert client.get(base).status_code == 200
    assert client.post(base).status_code == 403
    assert client.post(base + "role/", {"role": "provider"}).status_code == 403


def test_versions_and_date_are_stored_with_the_class(editor, agency):
    from compliance.classification import CLASSIFICATION_VERSION
    from compliance.rules import catalogue_version

    system = complete_system(agency, editor)
    assert system.classified_at is not None
    assert system.classification_version == CLASSIFICATION_VERSION
    assert system.catalogue_version == catalogue_version()


def test_disagreeing_keeps_the_computed_class_and_raises_a_finding(
    client, editor, agency, regulator
):
    from compliance.checks import check_systems
    from compliance.models import Finding

    system = complete_system(agency, editor)
    assert system.risk_class == "minimal"
    client.force_login(editor)
    base = f"/en/workspace/systems/{system.public_id}/classification/"
    client.post(base, {"disagreement": "We think this is high risk because it affects benefits."})
    system.refresh_from_db()
    assert system.risk_class == "minimal"
    assert system.classification_disagreement.startswith("We think this is high risk")
    check_systems([system.pk], trigger="command")
    assert Finding.objects.get(system=system, rule_id="KZ-CLS-02").status == "open"
    client.force_login(regulator)
    assert "We think this is high risk" in client.get(base).content.decode()
