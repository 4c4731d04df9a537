"""The parts of a record that repeat or stand apart: suppliers, legal bases, data, oversight,
impact assessments and risks. Each belongs to exactly one AI system."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from register.audit import track
from register.fields import BoundedTextField
from register.i18n import CONTENT_LANGUAGES, Translatable, Translated, column, translated_fields
from register.validators import ChoiceListValidator


class _SystemPart(Translatable, models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["id"]


@track
class Supplier(_SystemPart):
    system = models.ForeignKey(
        "register.AISystem",
        on_delete=models.CASCADE,
        related_name="suppliers",
        verbose_name=_("AI system"),
    )
    name = models.CharField(_("supplier name"), max_length=255)
    identifier = models.CharField(
        _("business identification number (BIN)"), max_length=32, blank=True
    )
    role_kk, role_ru, role_en = translated_fields(
        models.CharField, max_length=255, verbose_name=_("what the supplier does")
    )
    role = Translated(required=True)
    contract_reference = models.CharField(_("contract reference"), max_length=128, blank=True)
    data_access_terms_kk, data_access_terms_ru, data_access_terms_en = translated_fields(
        BoundedTextField, verbose_name=_("supplier's access to data")
    )
    data_access_terms = Translated()

    class Meta(_SystemPart.Meta):
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")

    def __str__(self) -> str:
        return self.name


@track
class LegalBasis(_SystemPart):
    system = models.ForeignKey(
        "register.AISystem",
        on_delete=models.CASCADE,
        related_name="legal_bases",
        verbose_name=_("AI system"),
    )
    title_kk, title_ru, title_en = translated_fields(
        models.CharField, max_length=500, verbose_name=_("title")
    )
    title = Translated(required=True)
    url = models.URLField(_("link"), blank=True)

    class Meta(_SystemPart.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self) -> str:
        return str(self.title)


class DataUse(models.TextChoices):
    TRAINING = "training", _("Training")
    VALIDATION = "validation", _("Validation and testing")
    OPERATING_INPUT = "operating_input", _("Input while in use")


class PersonalData(models.TextChoices):
    NONE = "none", _("No personal data")
    PSEUDONYMISED = "pseudonymised", _("Pseudonymised personal data")
    IDENTIFIED = "identified", _("Personal data that identifies people")


class SpecialCategory(models.TextChoices):
    HEALTH = "health", _("Health")
    BIOMETRIC = "biometric", _("Biometric")
    ETHNIC_ORIGIN = "ethnic_origin", _("Racial or ethnic origin")
    RELIGION = "religion", _("Religious or philosophical beliefs")
    POLITICAL_OPINION = "political_opinion", _("Political opinions")
    OTHER = "other", _("Other special category")


@track
class DataSource(_SystemPart):
    Use = DataUse
    PersonalData = PersonalData
    SpecialCategory = SpecialCategory

    system = models.ForeignKey(
        "register.AISystem",
        on_delete=models.CASCADE,
        related_name="data_sources",
        verbose_name=_("AI system"),
    )
    name_kk, name_ru, name_en = translated_fields(
        models.CharField, max_length=255, verbose_name=_("name")
    )
    name = Translated(required=True)
    description_kk, description_ru, description_en = translated_fields(
        BoundedTextField, verbose_name=_("description")
    )
    description = Translated(required=True)
    uses = models.JSONField(
        _("used for"), default=list, blank=True, validators=[ChoiceListValidator(Use.choices)]
    )
    origin_kk, origin_ru, origin_en = translated_fields(
        BoundedTextField, verbose_name=_("origin and original purpose")
    )
    origin = Translated()
    personal_data = models.CharField(
        _("personal data"), max_length=16, choices=PersonalData.choices, default=PersonalData.NONE
    )
    special_categories = models.JSONField(
        _("special categories of personal data"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(SpecialCategory.choices)],
    )
    legal_basis_kk, legal_basis_ru, legal_basis_en = translated_fields(
        BoundedTextField, verbose_name=_("legal basis for processing")
    )
    legal_basis = Translated()
    retention_days = models.IntegerField(_("retention period (days)"), null=True, blank=True)
    sharing_agreements_kk, sharing_agreements_ru, sharing_agreements_en = translated_fields(
        BoundedTextField, verbose_name=_("data-sharing agreements")
    )
    sharing_agreements = Translated()
    access_kk, access_ru, access_en = translated_fields(
        BoundedTextField, verbose_name=_("who has access")
    )
    access = Translated()
    bias_examination_kk, bias_examination_ru, bias_examination_en = translated_fields(
        BoundedTextField, verbose_name=_("representativeness and bias examination")
    )
    bias_examination = Translated()
    url = models.URLField(_("link"), blank=True)

    class Meta(_SystemPart.Meta):
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(retention_days__isnull=True) | Q(retention_days__gte=0),
                name="data_source_retention_not_negative",
                violation_error_code="negative_retention",
                violation_error_message=_("A retention period cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(personal_data__in=PersonalData.values),
                name="data_source_personal_data_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)


@track
class HumanOversight(_SystemPart):
    class Mode(models.TextChoices):
        HUMAN_DECIDES = "human_decides", _("A person decides each case")
        HUMAN_MONITORS = "human_monitors", _("A person monitors and can intervene")
        HUMAN_SETS_POLICY = "human_sets_policy", _("A person sets policy and reviews samples")

    system = models.OneToOneField(
        "register.AISystem",
        on_delete=models.CASCADE,
        related_name="oversight",
        verbose_name=_("AI system"),
    )
    mode = models.CharField(_("oversight mode"), max_length=32, choices=Mode.choices, blank=True)
    responsible_role_kk, responsible_role_ru, responsible_role_en = translated_fields(
        models.CharField, max_length=255, verbose_name=_("role of the person overseeing")
    )
    responsible_role = Translated(required=True)
    people_count = models.PositiveIntegerField(
        _("number of people overseeing"), null=True, blank=True
    )
    # ``None``: not stated (the card says so, rather than "No").
    can_override = models.BooleanField(
        _("can override or reverse an output"), null=True, blank=True, default=None
    )
    override_how_kk, override_how_ru, override_how_en = translated_fields(
        BoundedTextField, verbose_name=_("how an output is overridden")
    )
    override_how = Translated()
    # ``None``: not stated (the card says so, rather than "No").
    can_stop = models.BooleanField(_("can stop the system"), null=True, blank=True, default=None)
    stop_how_kk, stop_how_ru, stop_how_en = translated_fields(
        BoundedTextField, verbose_name=_("how the system is stopped")
    )
    stop_how = Translated()
    training_kk, training_ru, training_en = translated_fields(
        BoundedTextField, verbose_name=_("training of the people overseeing")
    )
    training = Translated()
    automation_bias_kk, automation_bias_ru, automation_bias_en = translated_fields(
        BoundedTextField, verbose_name=_("measures against automation bias")
    )
    automation_bias = Translated()
    log_retention_days = models.IntegerField(_("logs kept for (days)"), null=True, blank=True)
    monitoring_kk, monitoring_ru, monitoring_en = translated_fields(
        BoundedTextField, verbose_name=_("monitoring and incident procedure")
    )
    monitoring = Translated()

    class Meta(_SystemPart.Meta):
        verbose_name = _("human oversight")
        verbose_name_plural = _("human oversight")
        constraints = [
            models.CheckConstraint(
                condition=Q(log_retention_days__isnull=True) | Q(log_retention_days__gte=0),
                name="oversight_log_retention_not_negative",
                violation_error_code="negative_retention",
                violation_error_message=_("A retention period cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.responsible_role)


@track
class ImpactAssessment(_SystemPart):
    class Kind(models.TextChoices):
        DPIA = "dpia", _("Data-protection impact assessment")
        FRIA = "fria", _("Fundamental-rights impact assessment")
        AIA = "algorithmic", _("Algorithmic impact assessment")
        EQUALITY = "equality", _("Equality assessment")
        SECURITY = "security", _("Security assessment")

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    system = models.ForeignKey(
        "register.AISystem",
        on_delete=models.CASCADE,
        related_name="impact_assessments",
        verbose_name=_("AI system"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    state = models.CharField(
        _("status"), max_length=16, choices=State.choices, default=State.PLANNED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    summary_kk, summary_ru, summary_en = translated_fields(
        BoundedTextField, verbose_name=_("summary of findings")
    )
    summary = Translated(required=True)
    url = models.URLField(_("link to the assessment"), blank=True)

    # The structured parts of a FRIA, AI Act Art 27(1)(a)–(f).
    fria_processes_kk, fria_processes_ru, fria_processes_en = translated_fields(
        BoundedTextField, verbose_name=_("(a) processes in which the system is used")
    )
    fria_processes = Translated()
    fria_period_kk, fria_period_ru, fria_period_en = translated_fields(
        BoundedTextField, verbose_name=_("(b) period and frequency of use")
    )
    fria_period = Translated()
    fria_affected_kk, fria_affected_ru, fria_affected_en = translated_fields(
        BoundedTextField, verbose_name=_("(c) people and groups likely to be affected")
    )
    fria_affected = Translated()
    fria_risks_kk, fria_risks_ru, fria_risks_en = translated_fields(
        BoundedTextField, verbose_name=_("(d) specific risks of harm")
    )
    fria_risks = Translated()
    fria_oversight_kk, fria_oversight_ru, fria_oversight_en = translated_fields(
        BoundedTextField, verbose_name=_("(e) how human oversight is implemented")
    )
    fria_oversight = Translated()
    fria_measures_kk, fria_measures_ru, fria_measures_en = translated_fields(
        BoundedTextField,
        verbose_name=_("(f) measures if risks materialise, governance and complaints"),
    )
    fria_measures = Translated()

    FRIA_PARTS = (
        "fria_processes",
        "fria_period",
        "fria_affected",
        "fria_risks",
        "fria_oversight",
        "fria_measures",
    )

    class Meta(_SystemPart.Meta):
        verbose_name = _("impact assessment")
        verbose_name_plural = _("impact assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(reviewed_on__isnull=True)
                | Q(reviewed_on__gte=models.F("completed_on")),
                name="assessment_reviewed_after_completion",
                violation_error_code="reviewed_before_completed",
                violation_error_message=_("A review cannot come before the assessment."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_state_display()})"

    def missing_fria_parts(self, language: str | None = None) -> list[str]:
        """Art 27(1) parts (a)–(f) left blank in ``language`` (any language if ``None``)."""
        languages = (language,) if language else CONTENT_LANGUAGES
        return [
            part
            for part in self.FRIA_PARTS
            if not any(getattr(self, column(part, code)).strip() for code in languages)
        ]

    def missing_translations(self, language: str) -> list[str]:
        """Required texts blank in ``language``, and FRIA parts written in another language
        but not in this one (a part blank in every language is unfinished, not untranslated:
        ``missing_fria_parts`` reports those)."""
        missing = super().missing_translations(language)
        if self.kind == self.Kind.FRIA:
            written = set(self.FRIA_PARTS) - set(self.missing_fria_parts())
            missing += [
                part
                for part in self.FRIA_PARTS
                if part in written and not getattr(self, column(part, language)).strip()
            ]
        return missing


@track
class Risk(_SystemPart):
    class Level(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    system = models.ForeignKey(
        "register.AISystem",
        on_delete=models.CASCADE,
        related_name="risks",
        verbose_name=_("AI system"),
    )
    name_kk, name_ru, name_en = translated_fields(
        models.CharField, max_length=255, verbose_name=_("risk")
    )
    name = Translated(required=True)
    description_kk, description_ru, description_en = translated_fields(
        BoundedTextField, verbose_name=_("description")
    )
    description = Translated()
    likelihood = models.CharField(
        _("likelihood"), max_length=8, choices=Level.choices, default=Level.MEDIUM
    )
    severity = models.CharField(
        _("severity"), max_length=8, choices=Level.choices, default=Level.MEDIUM
    )
    mitigation_kk, mitigation_ru, mitigation_en = translated_fields(
        BoundedTextField, verbose_name=_("mitigation")
    )
    mitigation = Translated(required=True)
    owner = models.CharField(_("risk owner (role)"), max_length=255, blank=True)

    class Meta(_SystemPart.Meta):
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self) -> str:
        return str(self.name)
