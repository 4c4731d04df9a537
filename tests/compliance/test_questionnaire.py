"""The risk-classification questionnaire in the workspace (Kazakhstan's AI Law and the EU AI
Act): one question page after another, then the outcome, then the stored class."""

from __future__ import annotations

import re

import pytest

from tests.factories import complete_system

pytestmark = pytest.mark.django_db

ANSWERS_BY_STEP = [
    ("ai-system", {"is_ai_system": "yes"}),
    (
        "role",
        {
            "role": "deployer",
            "public_authority": "yes",
            "public_service_provider": "no",
            "exclusion": "",
        },
    ),
    (
        "kz-risk",
        {
            "kz_risk_degree": "high",
            "kz_failure_consequences": "Benefit payments would stop for a region.",
            "kz_risk_assigned_by": "Head of the IT department",
            "critical_ict_object": "no",
            "state_information_resources": "yes",
            "synthetic_results": "no",
        },
    ),
    ("kz-prohibited", {}),
    ("prohibited", {}),
    (
        "high-risk",
        {
            "annex_i_safety_component": "no",
            "annex_i_section_b": "no",
            "annex_iii": ["5a"],
            "law_enforcement_migration_use": "no",
        },
    ),
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
            "crime_detection_authorised": "no",
            "open_source": "no",
            "gpai": "no",
            "gpai_system": "no",
            "gpai_systemic_risk": "no",
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
    assert system.kz_risk_degree == "high"
    answers = system.classification_answers
    assert answers["kz_failure_consequences"] == "Benefit payments would stop for a region."
    assert answers["kz_risk_assigned_by"] == "Head of the IT department"
    assert answers["kz_prohibited_capabilities"] == []
    assert answers["state_information_resources"] is True
    assert answers["public_service_provider"] is False
    assert system.classification["kz"]["prohibited"] is False
    assert system.classification["kz"]["state_infosec_regime"] is True


def test_every_step_page_renders_with_one_heading_and_a_continue_button(client, editor, agency):
    from compliance.questionnaire import STEPS

    system = complete_system(agency, editor)
    client.force_login(editor)
    for step in STEPS:
        html = client.get(
            f"/en/workspace/systems/{system.public_id}/classification/{step.slug}/"
        ).content.decode()
        assert html.count("<h1") == 1, step.slug
        assert "Continue" in html, step.slug


def test_the_kazakh_step_asks_the_degree_and_the_seven_capabilities(client, editor, agency):
    from compliance.classification import KZ_PROHIBITED_CAPABILITIES, KZ_RISK_DEGREES

    system = complete_system(agency, editor)
    client.force_login(editor)
    base = f"/en/workspace/systems/{system.public_id}/classification/"
    risk = client.get(base + "kz-risk/").content.decode()
    for degree in KZ_RISK_DEGREES:
        assert f'value="{degree}"' in risk
    capabilities = client.get(base + "kz-prohibited/").content.decode()
    assert len(KZ_PROHIBITED_CAPABILITIES) == 7
    for key in KZ_PROHIBITED_CAPABILITIES:
        assert f'value="{key}"' in capabilities
    response = client.post(
        base + "kz-prohibited/", {"kz_prohibited_capabilities": ["emotion_without_consent"]}
    )
    assert response.status_code == 302
    client.post(base)
    system.refresh_from_db()
    assert system.classification["kz"]["prohibited"] is True


def test_a_degree_without_the_consequences_of_failure_is_an_error(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    response = client.post(
        f"/en/workspace/systems/{system.public_id}/classification/kz-risk/",
        {
            "kz_risk_degree": "medium",
            "kz_failure_consequences": "  ",
            "critical_ict_object": "no",
            "state_information_resources": "no",
            "synthetic_results": "no",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert re.search(r'<input[^>]*value="medium"[^>]*checked', html)


def test_no_degree_yet_needs_no_reasoning_and_is_stored_as_null(client, editor, agency):
    system = complete_system(agency, editor)
    client.force_login(editor)
    base = f"/en/workspace/systems/{system.public_id}/classification/"
    response = client.post(
        base + "kz-risk/",
        {
            "kz_risk_degree": "",
            "critical_ict_object": "no",
            "state_information_resources": "no",
            "synthetic_results": "no",
        },
    )
    assert response.status_code == 302
    client.post(base)
    system.refresh_from_db()
    assert system.classification_answers["kz_risk_degree"] is None
    assert system.kz_risk_degree == ""


def test_the_role_step_starts_from_the_records_role(client, editor, agency):
    from tests.compliance.factories import update

    system = update(complete_system(agency, editor), act_role="importer")
    client.force_login(editor)
    html = client.get(
        f"/en/workspace/systems/{system.public_id}/classification/role/"
    ).content.decode()
    assert re.search(r'<input[^>]*value="importer"[^>]*checked', html)
    assert 'value="distributor"' in html


@pytest.mark.parametrize("role", ["provider", "both", "importer", "distributor", "deployer"])
def test_storing_the_classification_writes_the_answered_role_to_the_record(
    client, editor, agency, role
):
    system = complete_system(agency, editor)
    client.force_login(editor)
    base = f"/en/workspace/systems/{system.public_id}/classification/"
    client.post(
        base + "role/",
        {"role": role, "public_authority": "yes", "public_service_provider": "no"},
    )
    client.post(base)
    system.refresh_from_db()
    assert system.act_role == role
    assert system.classification_answers["role"] == role


@pytest.mark.parametrize(
    ("decision_role", "can_override", "autonomy"),
    [
        ("informs", False, "low"),
        ("recommends", True, "low"),
        ("automatic", True, "medium"),
        ("automatic", False, "high"),
    ],
)
def test_the_autonomy_degree_follows_the_records_decision_role_and_oversight(
    editor, agency, decision_role, can_override, autonomy
):
    from compliance.services import classification_apply
    from tests.compliance.factories import update, update_oversight

    system = update(complete_system(agency, editor), decision_role=decision_role)
    system = update_oversight(system, can_override=can_override)
    # What the answers say about the record's facts is replaced by the record.
    classification_apply(
        system=system,
        actor=editor,
        answers={"is_ai_system": True, "decision_role": "informs", "human_can_correct": True},
    )
    system.refresh_from_db()
    assert system.kz_autonomy == autonomy
    assert system.classification_answers["decision_role"] == decision_role
    assert system.classification_answers["human_can_correct"] is can_override


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
