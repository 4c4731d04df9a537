"""A fixed, complete frozen record for the crosswalk's golden files, built in memory: fixed
ids, fixed dates, no database and no clock, so that it is the same on every run."""

from __future__ import annotations

import datetime as dt
from typing import Any

from compliance.classification import classify, language_neutral
from compliance.classification.answers import validate_answers
from register.i18n import CONTENT_LANGUAGES, column
from register.models import (
    AISystem,
    DataSource,
    HumanOversight,
    ImpactAssessment,
    LegalBasis,
    Organisation,
    Risk,
    Supplier,
)
from register.snapshots import freeze_record

LANGUAGE_TAGS = {"kk": "қаз", "ru": "рус", "en": "en"}

# A high-risk system (Annex III 5(a): eligibility for public benefits) that the agency deploys.
DEPLOYER_ANSWERS = {"is_ai_system": True, "role": "deployer", "annex_iii": ["5a"]}
# A system the agency built itself that Art 6(3) takes out of the high-risk class.
ART6_3_ANSWERS = {
    "is_ai_system": True,
    "role": "provider",
    "annex_iii": ["4a"],
    "art6_3_conditions": ["a", "d"],
    "art6_3_justification": "It only sorts applications by completeness; people assess them.",
}

META = {
    "version": 3,
    "published_at": "2026-03-02T09:30:00+00:00",
    "first_published_at": "2025-11-20T08:00:00+00:00",
    "url": "https://register.example.kz/en/systems/KZ-AI-000042/",
    "api_url": "https://register.example.kz/api/v1/systems/KZ-AI-000042/export/uk-atrs",
}


def tr(name: str, text: str) -> dict[str, str]:
    """``name_kk``, ``name_ru``, ``name_en`` of ``text``, tagged with the language."""
    return {column(name, code): f"{text} ({LANGUAGE_TAGS[code]})" for code in CONTENT_LANGUAGES}


def golden_record(*, answers: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    """The frozen record of a complete system of the ministry "mdai"; ``fields`` change the
    system's own fields (model column names)."""
    organisation = Organisation(
        id=7,
        short_code="mdai",
        **tr("name", "Ministry of Digital Development"),
        kind=Organisation.Kind.MINISTRY,
        region="astana",
        jurisdiction="KZ",
        website="https://mdai.example.kz",
        contact_email="info@mdai.example.kz",
        address="Mangilik El 55, Astana",
    )
    values = dict(
        id=42,
        public_id="KZ-AI-000042",
        slug="benefit-eligibility",
        organisation=organisation,
        **tr("name", "Benefit eligibility assistant"),
        **tr("summary", "Checks applications for targeted social assistance"),
        **tr("scope", "Checks eligibility; it does not refuse applications"),
        **tr("benefits", "Decisions within two days"),
        **tr("alternatives", "Manual checks by caseworkers"),
        **tr("usage_frequency", "About 400 applications a day"),
        phase="production",
        first_used_on=dt.date(2025, 9, 1),
        application_area="social",
        policy_area="social_protection",
        techniques=["predictive_model", "document_analysis", "process_automation"],
        channels=["egov_portal"],
        model_type="Gradient-boosted trees",
        **tr("architecture", "A scoring model over the applicant's records"),
        **tr("performance", "Precision 0.94 on the 2025 test set"),
        source_code_url="https://code.example.kz/benefits",
        instructions_for_use_url="https://vendor.example.com/manual",
        act_role="deployer",
        **tr("owner_role", "Director of social services"),
        **tr("team", "Benefits analytics team"),
        contact_email="ai@mdai.example.kz",
        contact_phone="+7 7172 000 000",
        contact_url="https://mdai.example.kz/ai",
        legal_position="owner_and_holder",
        documentation_ref="Archive file 12/2025",
        processing_register_url="https://pd.example.kz/entry/981",
        eu_database_ref="",
        eu_database_url="https://eu-db.example.eu/entry/555",
        next_review_on=dt.date(2026, 9, 1),
        withholding="none",
        decision_role="recommends",
        **tr("process_integration", "A caseworker sees the score before deciding"),
        **tr("affected_groups", "Applicants for social assistance"),
        affected_per_year=120000,
        **tr("appeal_route", "Write to the ministry within 30 days"),
        appeal_url="https://mdai.example.kz/appeal",
        **tr("ai_disclosure", "The decision letter says a model was used"),
        **tr("explanation_route", "Ask the contact centre"),
        **tr("data_access_route", "Request your file on eGov"),
        **tr("non_ai_alternative", "Apply at a public service centre"),
        interaction_mandatory=False,
    )
    system = AISystem(**{**values, **fields})
    normalised = validate_answers({**(answers or DEPLOYER_ANSWERS), "decision_role": "recommends"})
    system.apply_classification(language_neutral(classify(normalised)), normalised.to_dict())
    system.act_role = normalised.role
    system.classified_at = dt.datetime(2026, 2, 1, 10, 0, tzinfo=dt.UTC)
    system.classification_version = system.classification.get("version", "")
    parts = {
        "oversight": [
            HumanOversight(
                id=5,
                mode="human_decides",
                **tr("responsible_role", "Caseworker"),
                people_count=40,
                can_override=True,
                **tr("override_how", "The caseworker decides against the score"),
                can_stop=True,
                **tr("stop_how", "The head of unit switches it off"),
                **tr("training", "A two-day course"),
                **tr("automation_bias", "Scores are hidden until the file is read"),
                log_retention_days=365,
                **tr("monitoring", "Monthly error review"),
            )
        ],
        "suppliers": [
            Supplier(
                id=11,
                name="DataSoft LLP",
                identifier="123456789012",
                **tr("role", "Built and maintains the model"),
                contract_reference="C-2025-17",
                **tr("data_access_terms", "Pseudonymised data only"),
            )
        ],
        "legal_bases": [
            LegalBasis(
                id=21, **tr("title", "Social Code, Art 12"), url="https://adilet.example.kz/12"
            )
        ],
        "data_sources": [
            DataSource(
                id=31,
                **tr("name", "Population register"),
                **tr("description", "Household composition"),
                uses=["operating_input"],
                **tr("origin", "Collected for civil registration"),
                personal_data="identified",
                special_categories=["health"],
                **tr("legal_basis", "Law on personal data, Art 9"),
                retention_days=1825,
                **tr("sharing_agreements", "Agreement 44 with the registry"),
                **tr("access", "Caseworkers of the ministry"),
                **tr("bias_examination", "Checked by region and sex"),
                url="https://data.example.kz/population",
            )
        ],
        "impact_assessments": [
            ImpactAssessment(
                id=41,
                kind="dpia",
                state="completed",
                completed_on=dt.date(2025, 8, 1),
                **tr("summary", "Data minimised to household facts"),
                url="https://mdai.example.kz/dpia.pdf",
            ),
            ImpactAssessment(
                id=42,
                kind="fria",
                state="completed",
                completed_on=dt.date(2025, 8, 15),
                **tr("summary", "Risk of wrongful refusal, mitigated by human decision"),
                url="https://mdai.example.kz/fria.pdf",
                **tr("fria_processes", "Eligibility checks"),
                **tr("fria_period", "Daily"),
                **tr("fria_affected", "Low-income households"),
                **tr("fria_risks", "Wrongful refusal"),
                **tr("fria_oversight", "A caseworker decides"),
                **tr("fria_measures", "Appeals and monthly reviews"),
            ),
        ],
        "risks": [
            Risk(
                id=51,
                **tr("name", "Wrongful refusal"),
                **tr("description", "An eligible family is scored low"),
                likelihood="low",
                severity="high",
                **tr("mitigation", "A person decides every case"),
                owner="Head of unit",
            )
        ],
    }
    return freeze_record(system, parts=parts)
