from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from register.audit import track
from register.fields import SHORT_TEXT, BoundedTextField
from register.i18n import Translatable, Translated, translated_fields
from register.validators import ChoiceListValidator

PUBLIC_ID_PREFIX = "KZ-AI-"


class IdentifierSequence(models.Model):
    """A named counter from which public identifiers are handed out in blocks.

    A row lock on the counter (see ``register.services.identifiers``) makes allocation safe
    under concurrency.
    """

    name = models.CharField(max_length=32, primary_key=True)
    last_value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("identifier sequence")

    def __str__(self) -> str:
        return f"{self.name}: {self.last_value}"


class Phase(models.TextChoices):
    IDEA = "idea", _("Idea")
    DESIGN = "design", _("Design")
    DEVELOPMENT = "development", _("Development")
    PILOT = "pilot", _("Pilot")
    PRODUCTION = "production", _("In use")
    RETIRED = "retired", _("Retired")


class ApplicationArea(models.TextChoices):
    SERVICE_DELIVERY = "service_delivery", _("Public service delivery")
    ANALYTICS = "analytics", _("Analytical support and planning")
    SOCIAL = "social", _("Social sectors (health, education, social protection)")
    INTERNAL = "internal", _("Internal administration")


class PolicyArea(models.TextChoices):
    """Functions of government, as used by the UK register's finder (COFOG)."""

    GENERAL_PUBLIC_SERVICES = "general_public_services", _("General public services")
    DEFENCE = "defence", _("Defence")
    PUBLIC_ORDER = "public_order", _("Public order and safety")
    ECONOMIC_AFFAIRS = "economic_affairs", _("Economic affairs")
    ENVIRONMENT = "environment", _("Environmental protection")
    HOUSING = "housing", _("Housing and community amenities")
    HEALTH = "health", _("Health")
    CULTURE = "culture", _("Recreation, culture and religion")
    EDUCATION = "education", _("Education")
    SOCIAL_PROTECTION = "social_protection", _("Social protection")
    REGULATION = "regulation", _("Regulation")


class Technique(models.TextChoices):
    CHATBOT = "chatbot", _("Chatbot or virtual assistant")
    INTELLIGENT_FORM = "intelligent_form", _("Intelligent form")
    PROACTIVE_NOTIFICATION = "proactive_notification", _("Proactive notification")
    PREDICTIVE_MODEL = "predictive_model", _("Predictive model")
    BIG_DATA_ANALYTICS = "big_data_analytics", _("Big-data analytics")
    DOCUMENT_ANALYSIS = "document_analysis", _("Document analysis")
    PROCESS_AUTOMATION = "process_automation", _("Process automation")
    COMPUTER_VISION = "computer_vision", _("Computer vision")
    SPEECH = "speech", _("Speech recognition or synthesis")
    GENERATIVE_AI = "generative_ai", _("Generative AI")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    EGOV_PORTAL = "egov_portal", _("eGov portal")
    EGOV_MOBILE = "egov_mobile", _("eGov Mobile app")
    SERVICE_CENTRE = "service_centre", _("Public service centre")
    INTERNAL = "internal", _("Internal use only")


class DecisionRole(models.TextChoices):
    AUTOMATIC = "automatic", _("Makes decisions automatically")
    RECOMMENDS = "recommends", _("Recommends; a person decides")
    INFORMS = "informs", _("Only informs; it does not decide or recommend")


class ActRole(models.TextChoices):
    PROVIDER = "provider", _("Provider")
    DEPLOYER = "deployer", _("Deployer")
    BOTH = "both", _("Provider and deployer")
    IMPORTER = "importer", _("Importer")
    DISTRIBUTOR = "distributor", _("Distributor")


class LegalPosition(models.TextChoices):
    """The organisation's position under Kazakhstan's AI Law (Arts 15, 18) and the Law on
    Informatization: the owner (собственник / меншік иесі) or the holder (владелец / иегер), who
    has possession and use of the system from its owner."""

    OWNER_AND_HOLDER = "owner_and_holder", _("Owner and holder")
    OWNER = "owner", _("Owner; another body holds and operates it")
    HOLDER = "holder", _("Holder; another body owns it")


class KzRiskDegree(models.TextChoices):
    """Kazakhstan's AI Law Art 17(1): assigned by the owner or holder from the consequences of
    the system's disruption or termination."""

    UNASSIGNED = "", _("Not assigned")
    MINIMAL = "minimal", _("Minimal")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class KzAutonomy(models.TextChoices):
    """Kazakhstan's AI Law Art 17(2), derived from the system's role in decisions."""

    UNKNOWN = "", _("Not known")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class RiskClass(models.TextChoices):
    UNCLASSIFIED = "", _("Not yet classified")
    PROHIBITED = "prohibited", _("Prohibited practice")
    HIGH = "high", _("High risk")
    LIMITED = "limited", _("Limited risk (transparency duties)")
    MINIMAL = "minimal", _("Minimal risk")
    OUT_OF_SCOPE = "out_of_scope", _("Outside the AI Act")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Withholding(models.TextChoices):
    NONE = "none", _("Fully public")
    RESTRICTED = "restricted", _("Restricted by law (AI Act Art 49(4))")
    WITHHELD = "withheld", _("Withheld, with a reason")


@track
class AISystem(Translatable, models.Model):
    """A register record: one AI system used by one public body.

    The working copy lives here; what citizens see is the ``published_version`` card (and its
    projection, ``PublicRecord``), so editing a published record never changes the public card
    until it is published again.
    """

    public_id = models.CharField(
        _("public identifier"),
        max_length=16,
        unique=True,
        editable=False,
        help_text=_("Never changes, even when the system is renamed."),
    )
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False, blank=True)
    # The agency's own reference (its inventory's row id): imports match records by it.
    external_id = models.CharField(
        _("the organisation's own reference"),
        max_length=100,
        blank=True,
        help_text=_("The identifier of this system in your organisation's own inventory."),
    )
    organisation = models.ForeignKey(
        "register.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="systems",
    )

    # 1. About the system
    name_kk, name_ru, name_en = translated_fields(
        models.CharField, max_length=150, verbose_name=_("name")
    )
    name = Translated(required=True)
    summary_kk, summary_ru, summary_en = translated_fields(
        BoundedTextField, max_length=SHORT_TEXT, verbose_name=_("plain-language summary")
    )
    summary = Translated(required=True)
    scope_kk, scope_ru, scope_en = translated_fields(
        BoundedTextField, verbose_name=_("scope: what it is and is not for")
    )
    scope = Translated(required=True)
    benefits_kk, benefits_ru, benefits_en = translated_fields(
        BoundedTextField, verbose_name=_("benefits")
    )
    benefits = Translated()
    alternatives_kk, alternatives_ru, alternatives_en = translated_fields(
        BoundedTextField, verbose_name=_("alternatives considered")
    )
    alternatives = Translated()
    usage_frequency_kk, usage_frequency_ru, usage_frequency_en = translated_fields(
        models.CharField, max_length=255, verbose_name=_("how often it is used")
    )
    usage_frequency = Translated()
    phase = models.CharField(
        _("lifecycle phase"), max_length=16, choices=Phase.choices, default=Phase.IDEA
    )
    first_used_on = models.DateField(_("first used on"), null=True, blank=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    application_area = models.CharField(
        _("application area"), max_length=32, choices=ApplicationArea.choices, blank=True
    )
    policy_area = models.CharField(
        _("policy area"), max_length=32, choices=PolicyArea.choices, blank=True
    )
    techniques = models.JSONField(
        _("AI techniques"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(Technique.choices)],
    )
    channels = models.JSONField(
        _("service channels"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(Channel.choices)],
    )

    # 2. Ownership and responsibility
    act_role = models.CharField(
        _("role under the AI Act"),
        max_length=16,
        choices=ActRole.choices,
        default=ActRole.DEPLOYER,
    )
    owner_role_kk, owner_role_ru, owner_role_en = translated_fields(
        models.CharField, max_length=255, verbose_name=_("senior responsible owner (role)")
    )
    owner_role = Translated(required=True)
    team_kk, team_ru, team_en = translated_fields(
        models.CharField, max_length=255, verbose_name=_("responsible team")
    )
    team = Translated()
    contact_email = models.EmailField(_("public contact e-mail"), blank=True)
    contact_phone = models.CharField(_("public contact phone"), max_length=32, blank=True)
    contact_url = models.URLField(_("public contact page"), blank=True)
    legal_position = models.CharField(
        _("owner or holder"),
        max_length=16,
        choices=LegalPosition.choices,
        default=LegalPosition.OWNER_AND_HOLDER,
    )
    other_party_kk, other_party_ru, other_party_en = translated_fields(
        models.CharField, max_length=255, verbose_name=_("the other owner or holder")
    )
    other_party = Translated()
    documentation_ref = models.CharField(
        _("where the system's documentation is kept"), max_length=255, blank=True
    )

    # 3. Decisions and human oversight
    decision_role = models.CharField(
        _("role in decisions"), max_length=16, choices=DecisionRole.choices, blank=True
    )
    process_integration_kk, process_integration_ru, process_integration_en = translated_fields(
        BoundedTextField, verbose_name=_("how it fits into the decision process")
    )
    process_integration = Translated()
    affected_groups_kk, affected_groups_ru, affected_groups_en = translated_fields(
        BoundedTextField, verbose_name=_("who is affected")
    )
    affected_groups = Translated(required=True)
    affected_per_year = models.PositiveBigIntegerField(
        _("people affected per year (estimate)"), null=True, blank=True
    )
    appeal_route_kk, appeal_route_ru, appeal_route_en = translated_fields(
        BoundedTextField,
        verbose_name=_("how to ask for an explanation, a human review or an appeal"),
    )
    appeal_route = Translated(required=True)
    appeal_url = models.URLField(_("where to ask for a review or appeal"), blank=True)
    # Users' rights and transparency under Kazakhstan's AI Law (Arts 16, 21)
    ai_disclosure_kk, ai_disclosure_ru, ai_disclosure_en = translated_fields(
        BoundedTextField, verbose_name=_("how people are told that AI is used")
    )
    ai_disclosure = Translated()
    marking_method_kk, marking_method_ru, marking_method_en = translated_fields(
        BoundedTextField, verbose_name=_("how synthetic results are marked")
    )
    marking_method = Translated()
    explanation_route_kk, explanation_route_ru, explanation_route_en = translated_fields(
        BoundedTextField, verbose_name=_("how to get an explanation of a result")
    )
    explanation_route = Translated()
    data_access_route_kk, data_access_route_ru, data_access_route_en = translated_fields(
        BoundedTextField, verbose_name=_("how to get the data a decision was based on")
    )
    data_access_route = Translated()
    non_ai_alternative_kk, non_ai_alternative_ru, non_ai_alternative_en = translated_fields(
        BoundedTextField, verbose_name=_("how to get the service without AI")
    )
    non_ai_alternative = Translated()
    # ``None``: not stated (the card says so, rather than that people may refuse).
    interaction_mandatory = models.BooleanField(
        _("a law makes using the system mandatory"), null=True, blank=True, default=None
    )
    user_agreement_url = models.URLField(_("user agreement"), blank=True)

    # Technical description
    model_type = models.CharField(_("model type"), max_length=255, blank=True)
    architecture_kk, architecture_ru, architecture_en = translated_fields(
        BoundedTextField, verbose_name=_("how the system works")
    )
    architecture = Translated()
    performance_kk, performance_ru, performance_en = translated_fields(
        BoundedTextField, verbose_name=_("performance and accuracy")
    )
    performance = Translated()
    source_code_url = models.URLField(_("source code"), blank=True)
    instructions_for_use_url = models.URLField(
        _("provider's instructions for use"),
        blank=True,
        help_text=_("The instructions the provider gives under AI Act Art 13."),
    )

    # Legal and registration
    processing_register_url = models.URLField(
        _("entry in the personal-data processing register"), blank=True
    )
    eu_database_ref = models.CharField(
        _("EU database registration reference"),
        max_length=64,
        blank=True,
        help_text=_("For public-authority deployers under AI Act Art 49(3)."),
    )
    eu_database_url = models.URLField(_("provider's entry in the EU database"), blank=True)
    next_review_on = models.DateField(_("next review due"), null=True, blank=True)

    # Risk classification: written only by the compliance engine from the questionnaire, through
    # ``apply_classification``. ``classification`` is the outcome; the columns after it copy
    # parts of it because portal filters and indexes need them.
    classification = models.JSONField(
        _("classification outcome"),
        default=dict,
        blank=True,
        help_text=_("The language-neutral outcome of the classification, with its logic version."),
    )
    risk_class = models.CharField(
        _("risk class"), max_length=16, choices=RiskClass.choices, blank=True, default=""
    )
    annex_iii = models.JSONField(_("Annex III points"), default=list, blank=True)
    art6_3_conditions = models.JSONField(_("Art 6(3) conditions"), default=list, blank=True)
    profiling = models.BooleanField(_("profiles natural persons"), null=True, blank=True)
    transparency_obligations = models.JSONField(
        _("Art 50 transparency duties"), default=list, blank=True
    )
    fria_required = models.BooleanField(_("FRIA required"), null=True, blank=True)
    kz_risk_degree = models.CharField(
        _("risk degree under Kazakhstan's AI Law"),
        max_length=8,
        choices=KzRiskDegree.choices,
        blank=True,
        default="",
    )
    kz_autonomy = models.CharField(
        _("autonomy degree under Kazakhstan's AI Law"),
        max_length=8,
        choices=KzAutonomy.choices,
        blank=True,
        default="",
    )
    classification_answers = models.JSONField(_("classification answers"), default=dict, blank=True)
    classified_at = models.DateTimeField(_("classified at"), null=True, blank=True)
    classification_version = models.CharField(
        _("classification logic version"), max_length=32, blank=True
    )
    catalogue_version = models.CharField(
        _("rule catalogue version at classification"), max_length=64, blank=True
    )
    classification_disagreement = BoundedTextField(
        _("why the organisation disagrees with the computed class"),
        blank=True,
        help_text=_(
            "The class always follows from the answers. If you think it is wrong, explain why: "
            "regulators see this and it is flagged for their review."
        ),
    )

    # Publication
    status = models.CharField(
        _("publication state"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    withholding = models.CharField(
        _("withholding"), max_length=16, choices=Withholding.choices, default=Withholding.NONE
    )
    withholding_reason_kk, withholding_reason_ru, withholding_reason_en = translated_fields(
        BoundedTextField, verbose_name=_("reason for withholding")
    )
    withholding_reason = Translated()
    published_version = models.ForeignKey(
        "register.PublishedVersion",
        verbose_name=_("version the public sees"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted for review by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, blank=True)
    review_comment = BoundedTextField(_("approver's comment"), blank=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        help_text=_("Incremented on every save; guards against lost concurrent edits."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("AI system")
        verbose_name_plural = _("AI systems")
        ordering = ["public_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True)
                | Q(first_used_on__isnull=True)
                | Q(retired_on__gte=F("first_used_on")),
                name="system_retired_after_first_use",
                violation_error_code="retired_before_first_use",
                violation_error_message=_("A system cannot be retired before it was first used."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="system_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(risk_class__in=RiskClass.values), name="system_risk_class_valid"
            ),
            models.CheckConstraint(condition=Q(phase__in=Phase.values), name="system_phase_valid"),
            models.CheckConstraint(
                condition=Q(legal_position__in=LegalPosition.values),
                name="system_legal_position_valid",
            ),
            models.CheckConstraint(
                condition=Q(kz_risk_degree__in=KzRiskDegree.values),
                name="system_kz_risk_degree_valid",
            ),
            models.CheckConstraint(
                condition=Q(kz_autonomy__in=KzAutonomy.values), name="system_kz_autonomy_valid"
            ),
            models.CheckConstraint(
                condition=Q(act_role__in=ActRole.values), name="system_act_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(decision_role__in=[*DecisionRole.values, ""]),
                name="system_decision_role_valid",
            ),
            models.CheckConstraint(
                condition=~Q(withholding=Withholding.WITHHELD)
                | ~Q(withholding_reason_kk="", withholding_reason_ru="", withholding_reason_en=""),
                name="system_withheld_has_reason",
                violation_error_code="withheld_without_reason",
                violation_error_message=_("Give the reason why the record is withheld."),
            ),
            models.CheckConstraint(condition=Q(revision__gte=1), name="system_revision_positive"),
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~Q(external_id=""),
                name="system_external_id_unique",
                violation_error_code="external_id_taken",
                violation_error_message=_(
                    "Another system of this organisation has this reference."
                ),
            ),
            # What the public reads is the current version: a published record always has one.
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_version__isnull=False),
                name="system_published_has_version",
                violation_error_code="published_without_version",
            ),
        ]
        indexes = [
            # Agency dashboard: one organisation's systems, filtered by state, newest change first.
            models.Index(
                fields=["organisation", "status", "-updated_at"], name="system_org_status_updated"
            ),
            # Compliance sweep: systems whose review date has passed.
            models.Index(fields=["next_review_on"], name="system_next_review"),
            # The dashboards' default order, a page at a time: an organisation's systems and
            # (for regulators) every system, most recently changed first.
            models.Index(
                fields=["organisation", "-updated_at", "public_id"], name="system_org_changed"
            ),
            models.Index(fields=["-updated_at", "public_id"], name="system_changed"),
            # The regulator's lists and counts by class under either framework.
            models.Index(fields=["risk_class", "kz_risk_degree"], name="system_by_class"),
            # The regulator's concern "prohibited practice or capability reported"
            # (oversight.selectors): a handful of rows, found without reading every record's
            # classification. The condition is the concern's, word for word.
            models.Index(
                fields=["id"],
                name="system_prohibited",
                condition=(
                    Q(risk_class=RiskClass.PROHIBITED) | Q(classification__kz__prohibited=True)
                ),
            ),
        ]
        triggers = [
            # The public identifier is cited in letters and appeals: it never changes.
            pgtrigger.ReadOnly(name="public_id_read_only", fields=["public_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} {self.name}"

    def apply_classification(
        self, outcome: Mapping[str, Any] | None, answers: Mapping[str, Any] | None
    ) -> None:
        """Store a classification: the language-neutral ``outcome`` (see
        ``compliance.classification.language_neutral``) and the normalised ``answers`` it was
        computed from, and derive the filterable columns from them. The only place that sets
        those columns; ``None`` for both clears the classification. Does not save."""
        outcome = dict(outcome or {})
        answers = dict(answers or {})
        self.classification = outcome
        self.classification_answers = answers
        self.risk_class = outcome.get("risk_class", "")
        self.annex_iii = list(outcome.get("annex_iii") or [])
        self.transparency_obligations = list(outcome.get("transparency_obligations") or [])
        self.fria_required = outcome.get("fria_required") if outcome else None
        kz = outcome.get("kz") or {}
        self.kz_risk_degree = kz.get("risk_degree") or ""
        self.kz_autonomy = kz.get("autonomy") or ""
        self.classification_version = outcome.get("version", "")
        self.art6_3_conditions = list(answers.get("art6_3_conditions") or [])
        self.profiling = answers.get("profiling") if answers else None

    def clean(self) -> None:
        super().clean()
        # Whatever wrote them, the columns must be those the stored outcome gives.
        derived = AISystem(pk=self.pk)
        derived.apply_classification(self.classification, self.classification_answers)
        if any(
            getattr(derived, name) != getattr(self, name) for name in self.CLASSIFICATION_FIELDS
        ):
            raise ValidationError(
                _("The risk class does not follow from the stored classification."),
                code="classification_mismatch",
            )

    #: The columns ``apply_classification`` derives (for ``update_fields`` and bulk writes).
    CLASSIFICATION_FIELDS = (
        "classification",
        "classification_answers",
        "risk_class",
        "annex_iii",
        "transparency_obligations",
        "fria_required",
        "kz_risk_degree",
        "kz_autonomy",
        "classification_version",
        "art6_3_conditions",
        "profiling",
    )

    @property
    def is_public(self) -> bool:
        """Citizens can read a card for this record (possibly marked withdrawn)."""
        return self.published_version_id is not None

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN

    @property
    def is_restricted(self) -> bool:
        return self.withholding != Withholding.NONE
