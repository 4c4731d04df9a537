"""factory_boy factories for the register's models."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from register.i18n import CONTENT_LANGUAGES, column
from register.models import (
    AISystem,
    DataSource,
    HumanOversight,
    ImpactAssessment,
    Membership,
    Organisation,
    Risk,
)
from register.services.identifiers import allocate_public_ids

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.kz")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    short_code = factory.Sequence(lambda n: f"org{n}")
    name_en = factory.Sequence(lambda n: f"Ministry number {n}")
    name_ru = factory.Sequence(lambda n: f"Министерство номер {n}")
    name_kk = factory.Sequence(lambda n: f"№{n} министрлігі")
    kind = Organisation.Kind.MINISTRY

    class Params:
        # ``OrganisationFactory(eu=True)``: a body of an EU member state, where the AI Act binds.
        eu = factory.Trait(jurisdiction="EU", name_en=factory.Sequence(lambda n: f"EU agency {n}"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.EDITOR


def classification_of(answers):
    """The language-neutral outcome and normalised answers that the classification service
    stores for ``answers``: what a factory passes to ``AISystem.apply_classification``."""
    from compliance.classification import classify, language_neutral, validate_answers

    normalised = validate_answers(answers)
    return language_neutral(classify(normalised)), normalised.to_dict()


class AISystemFactory(factory.django.DjangoModelFactory):
    """A record; ``classification_answers=...`` classifies it as the service would (the class
    and its columns are always derived from the answers, never given)."""

    class Meta:
        model = AISystem

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        derived = set(kwargs) & (set(AISystem.CLASSIFICATION_FIELDS) - {"classification_answers"})
        if derived:
            raise TypeError(
                f"{sorted(derived)} follow from the answers: pass classification_answers instead."
            )
        answers = kwargs.pop("classification_answers", None)
        system = model_class(*args, **kwargs)
        if answers is not None:
            system.apply_classification(*classification_of(answers))
        system.save()
        return system

    public_id = factory.LazyFunction(lambda: allocate_public_ids(1)[0])
    organisation = factory.SubFactory(OrganisationFactory)
    name_en = factory.Sequence(lambda n: f"Assistant {n}")
    name_ru = factory.Sequence(lambda n: f"Ассистент {n}")
    name_kk = factory.Sequence(lambda n: f"Көмекші {n}")
    summary_en = "Answers questions about public services."
    summary_ru = "Отвечает на вопросы о государственных услугах."
    summary_kk = "Мемлекеттік қызметтер туралы сұрақтарға жауап береді."


class HumanOversightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HumanOversight

    system = factory.SubFactory(AISystemFactory)
    mode = HumanOversight.Mode.HUMAN_DECIDES
    responsible_role_en = "Head of the benefits department"
    log_retention_days = 365


class DataSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataSource

    system = factory.SubFactory(AISystemFactory)
    name_en = "Population register extract"
    description_en = "Name, date of birth and address of applicants."
    personal_data = DataSource.PersonalData.IDENTIFIED
    retention_days = 365


class ImpactAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactAssessment

    system = factory.SubFactory(AISystemFactory)
    kind = ImpactAssessment.Kind.DPIA
    summary_en = "Personal data is minimised and access is logged."


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    system = factory.SubFactory(AISystemFactory)
    name_en = "Wrong answer"
    mitigation_en = "Answers link to the official rules."


def _translated(**texts: str) -> dict[str, str]:
    return {
        column(name, code): f"{text} [{code}]"
        for name, text in texts.items()
        for code in CONTENT_LANGUAGES
    }


def version_of(system, *, number=1, **fields):
    """A version that freezes ``system`` as it is stored now, as publishing does (without the
    workflow: the record's state is left as it is)."""
    from register.cards import build_card
    from register.models import PublishedVersion
    from register.selectors import systems_with_parts
    from register.snapshots import freeze_record

    record = freeze_record(systems_with_parts().get(pk=system.pk))
    return PublishedVersion.objects.create(
        system=system, number=number, record=record, snapshot=build_card(record), **fields
    )


MINIMAL_ANSWERS = {"is_ai_system": True, "role": "deployer"}


def complete_system(organisation=None, actor=None, *, answers=None, **fields):
    """A record with every section complete, created through the services, as a draft."""
    from compliance.services import classification_apply
    from register.services.records import system_create

    organisation = organisation or OrganisationFactory()
    data = {
        **_translated(
            name="Benefit assistant",
            summary="Answers questions",
            scope="Only questions",
            affected_groups="Applicants",
            appeal_route="Write to the ministry",
            explanation_route="Ask the contact centre",
            owner_role="Head of department",
        ),
        "phase": "production",
        "application_area": "service_delivery",
        "techniques": ["chatbot"],
        "act_role": "deployer",
        "decision_role": "informs",
        "contact_email": "ai@example.gov.kz",
        **fields,
    }
    system = system_create(
        organisation=organisation,
        actor=actor,
        data=data,
        oversight={
            "mode": "human_decides",
            **_translated(responsible_role="Specialist"),
            "log_retention_days": 365,
        },
        parts={
            "data_sources": [_translated(name="Register", description="Applicants' data")],
            "risks": [_translated(name="Wrong answer", mitigation="Links to the rules")],
        },
    )
    classification_apply(system=system, actor=actor, answers=answers or MINIMAL_ANSWERS)
    system.refresh_from_db()
    return system
