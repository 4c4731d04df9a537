"""The public read model: what the public was shown of each record, ready for facets, counts
and full-text search.

One row per record that has a public version. Every column is derived from the current
version's card (``PublishedVersion.snapshot``) and the record's publication dates, never from
the working copy: after a reclassification the portal still counts the class the public card
states until the record is published again.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from register.fields import BoundedTextField
from register.i18n import CONTENT_LANGUAGES, column
from register.languages import LANGUAGE_NAMES


def _search_fields() -> tuple[SearchVectorField, ...]:
    """One search document per content language: ``search_kk``, ``search_ru``, ``search_en``."""
    return tuple(
        SearchVectorField(format_lazy("{} ({})", _("search document"), LANGUAGE_NAMES[code]))
        for code in CONTENT_LANGUAGES
    )


class PublicRecord(models.Model):
    """The public projection of one record's current version.

    Written only by ``register.services.projection`` (from the publish and withdraw services, in
    their transaction, and by ``manage.py rebuild_public_records``), and rebuildable from the
    versions at any time, so it is not in the audit trail itself: the versions and the record's
    state it is derived from are.

    The search documents hold, for a restricted or withheld card, only what that card shows.
    """

    system = models.OneToOneField(
        "register.AISystem",
        verbose_name=_("AI system"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="public_record",
    )
    version = models.OneToOneField(
        "register.PublishedVersion",
        verbose_name=_("version the public sees"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Facets, as the card states them.
    organisation = models.ForeignKey(
        "register.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    risk_class = models.CharField(_("risk class"), max_length=16, blank=True)
    annex_iii = ArrayField(
        models.CharField(max_length=8), verbose_name=_("Annex III points"), default=list
    )
    application_area = models.CharField(_("application area"), max_length=32, blank=True)
    techniques = ArrayField(
        models.CharField(max_length=32), verbose_name=_("AI techniques"), default=list
    )
    channels = ArrayField(
        models.CharField(max_length=32), verbose_name=_("service channels"), default=list
    )
    phase = models.CharField(_("lifecycle phase"), max_length=16, blank=True)
    decision_role = models.CharField(_("role in decisions"), max_length=16, blank=True)
    kz_risk_degree = models.CharField(
        _("risk degree under Kazakhstan's AI Law"), max_length=16, blank=True
    )
    has_fria = models.BooleanField(
        _("has a completed fundamental rights impact assessment"), default=False
    )
    has_overseer = models.BooleanField(_("names who oversees it"), default=False)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    # Weighted A name, B summary, C organisation, D scope, in each language.
    search_kk, search_ru, search_en = _search_fields()
    # The names and summaries in every language, for typo-tolerant matching (pg_trgm).
    # Three names and three summaries (150 and 2,000 characters each) fit.
    words = BoundedTextField(_("words for similarity search"), max_length=8000, blank=True)
    published_at = models.DateTimeField(_("first published"))
    updated_at = models.DateTimeField(
        _("last changed in public"),
        help_text=_("When the current version was published, or the record withdrawn."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("public record")
        verbose_name_plural = _("public records")
        ordering = ["-published_at", "system"]
        indexes = [
            # Portal: count and list the cards of a risk class, newest first.
            models.Index(fields=["risk_class", "-published_at"], name="public_by_class"),
            # The list's and the API's default order, and the home page's latest: a page of
            # the newest without sorting the register.
            models.Index(fields=["-published_at", "system"], name="public_newest"),
            # A card's similar systems: the most recently changed of those alike, live first.
            models.Index(fields=["withdrawn", "-updated_at"], name="public_changed"),
            # Portal facets: cards with an Annex III point, a technique or a channel (@>).
            GinIndex(fields=["annex_iii", "techniques", "channels"], name="public_array_facets"),
            # Portal search when the full-text search finds little: similar words (pg_trgm).
            GinIndex(fields=["words"], opclasses=["gin_trgm_ops"], name="public_words_trgm"),
            # Portal search, one document per language.
            *(
                GinIndex(fields=[column("search", code)], name=f"public_search_{code}")
                for code in CONTENT_LANGUAGES
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system_id} v{self.version_id}"
