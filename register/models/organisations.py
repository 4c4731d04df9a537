from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from register.audit import no_truncate, track
from register.fields import SHORT_TEXT, BoundedTextField
from register.i18n import Translatable, Translated, translated_fields
from register.validators import validate_bin


class Region(models.TextChoices):
    NATIONAL = "national", _("Whole country")
    ASTANA = "astana", _("Astana")
    ALMATY_CITY = "almaty_city", _("Almaty (city)")
    SHYMKENT = "shymkent", _("Shymkent")
    ABAI = "abai", _("Abai Region")
    AKMOLA = "akmola", _("Akmola Region")
    AKTOBE = "aktobe", _("Aktobe Region")
    ALMATY = "almaty", _("Almaty Region")
    ATYRAU = "atyrau", _("Atyrau Region")
    EAST_KAZAKHSTAN = "east_kazakhstan", _("East Kazakhstan Region")
    JAMBYL = "jambyl", _("Jambyl Region")
    JETISU = "jetisu", _("Jetisu Region")
    KARAGANDA = "karaganda", _("Karaganda Region")
    KOSTANAY = "kostanay", _("Kostanay Region")
    KYZYLORDA = "kyzylorda", _("Kyzylorda Region")
    MANGYSTAU = "mangystau", _("Mangystau Region")
    NORTH_KAZAKHSTAN = "north_kazakhstan", _("North Kazakhstan Region")
    PAVLODAR = "pavlodar", _("Pavlodar Region")
    TURKISTAN = "turkistan", _("Turkistan Region")
    ULYTAU = "ulytau", _("Ulytau Region")
    WEST_KAZAKHSTAN = "west_kazakhstan", _("West Kazakhstan Region")


class Jurisdiction(models.TextChoices):
    """The legal order that binds an organisation. Which rules bind and which are principles
    adopted from another framework follows from it (see ``compliance/catalogue``)."""

    KZ = "KZ", _("Republic of Kazakhstan")
    EU = "EU", _("European Union member state")


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    CENTRAL_AGENCY = "central_agency", _("Central agency or committee")
    AKIMAT = "akimat", _("Local executive body (akimat)")
    STATE_ENTERPRISE = "state_enterprise", _("State enterprise or state-owned company")
    SERVICE_CENTRE_OPERATOR = "service_centre_operator", _("Public service centre operator")
    OTHER = "other", _("Other public body")


@track
class Organisation(Translatable, models.Model):
    """A public body that uses AI systems and answers for them."""

    Kind = OrganisationKind

    name_kk, name_ru, name_en = translated_fields(
        models.CharField, max_length=255, verbose_name=_("name")
    )
    name = Translated(required=True)
    short_code = models.SlugField(
        _("short code"),
        max_length=32,
        unique=True,
        help_text=_("A short, stable code used in links and exports, e.g. mdai."),
    )
    # The state's identifier of a legal entity: what re-users join our data to other data on.
    bin = models.CharField(
        _("BIN"),
        max_length=12,
        blank=True,
        validators=[validate_bin],
        help_text=_("The organisation's business identification number, twelve digits."),
    )
    kind = models.CharField(_("type"), max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    region = models.CharField(
        _("region"), max_length=32, choices=Region.choices, default=Region.NATIONAL
    )
    jurisdiction = models.CharField(
        _("jurisdiction"),
        max_length=8,
        choices=Jurisdiction.choices,
        default=Jurisdiction.KZ,
        help_text=_("The legal order whose AI law binds the organisation."),
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("public contact e-mail"), blank=True)
    address = BoundedTextField(_("address"), max_length=SHORT_TEXT, blank=True)
    allow_self_approval = models.BooleanField(
        _("allow an approver to publish their own submission"),
        default=False,
        help_text=_(
            "Only for an organisation with a single approver. Each such publication is recorded."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["short_code"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")),
                name="organisation_not_own_parent",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["bin"],
                condition=~models.Q(bin=""),
                name="organisation_bin_unique",
                violation_error_code="bin_taken",
                violation_error_message=_("Another organisation has this BIN."),
            ),
            models.CheckConstraint(
                condition=models.Q(jurisdiction__in=Jurisdiction.values),
                name="organisation_jurisdiction_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name) or self.short_code


class MembershipRole(models.TextChoices):
    EDITOR = "editor", _("Editor")
    APPROVER = "approver", _("Approver")


@track
class Membership(models.Model):
    """A user's role in one organisation. A user may belong to several."""

    Role = MembershipRole

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=MembershipRole.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_one_role_per_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=MembershipRole.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class UserProxy(get_user_model()):  # type: ignore[misc]
    """Django's user, tracked through a proxy so the history triggers live in our migrations."""

    class Meta:
        proxy = True
        verbose_name = _("user")


# Account changes (roles, activation, staff rights) belong in the audit trail too; the password
# hash and the last-login time are not history.
pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
    exclude=["password", "last_login"],
    model_name="UserEvent",
    append_only=True,
    meta={"triggers": [no_truncate()]},
)(UserProxy)
