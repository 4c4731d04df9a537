from __future__ import annotations

from django import template

from compliance import integration

register = template.Library()

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
