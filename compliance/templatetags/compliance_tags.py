from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from compliance import integration
from compliance.rules import BINDING, PRINCIPLE

register = template.Library()

_FORCES = {
    BINDING: _("Binding law for this organisation"),
    PRINCIPLE: _("A principle the register follows; this law does not bind the organisation"),
}
_TAGS = {"blocker": "govuk-tag--red", "major": "govuk-tag--orange", "minor": "govuk-tag--grey"}


@register.simple_tag
def severity_tag_class(severity: str) -> str:
    """A colour for the severity tag; the tag's text always names the severity too."""
    return _TAGS.get(severity, "")


@register.simple_tag
def section_url(system: object, section: str) -> str:
    """The workspace form where a finding of ``section`` is fixed."""
    return integration.section_url(system.public_id, section)  # type: ignore[attr-defined]


@register.simple_tag
def risk_class_label(value: str) -> str:
    """The translated name of a risk class code from a classification outcome."""
    from register.models import RiskClass

    return str(RiskClass(value).label) if value in RiskClass.values else value


@register.simple_tag
def rule_title(rule_id: str) -> str:
    """The title of catalogue rule ``rule_id`` in the reader's language, for pages that show
    rule ids (a withdrawn rule says so)."""
    from compliance.rules import get_catalogue

    rule = get_catalogue().get(rule_id)
    return str(rule.title_text) if rule is not None else str(_("Rule withdrawn"))


@register.simple_tag
def rule_force(rule: object, system: object) -> str:
    """Whether ``rule`` binds ``system``'s organisation or is a principle it is held to."""
    force = rule.force(system)  # type: ignore[attr-defined]
    return str(_FORCES.get(force, ""))
