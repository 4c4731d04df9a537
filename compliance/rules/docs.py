"""The catalogue as a Markdown table, for ``catalogue/README.md`` (``manage.py catalogue_table``).

A test compares the README with ``catalogue_table()``, so the two never disagree.
"""

from __future__ import annotations

from typing import Final

from compliance.rules.model import Catalogue, Rule

START: Final = "<!-- rules:start -->"
END: Final = "<!-- rules:end -->"
_HEADER: Final = (
    "| id | title | instrument | article | force | confidence | severity | effective from |\n"
    "|---|---|---|---|---|---|---|---|"
)


def _effective(rule: Rule) -> str:
    source = rule.effective_source
    if isinstance(source, str):
        day = rule.effective_from.isoformat()
        return day if source == day else f"{source} ({day})"
    return "; ".join(
        f"{route}: {source[route]} ({rule.effective_by_route[route].isoformat()})"
        for route in sorted(source, key=lambda r: r != "annex_iii")
    )


def _row(rule: Rule) -> str:
    force = ", ".join(
        f"{jurisdiction}: {value}"
        for jurisdiction, value in sorted(rule.applies_to.jurisdictions.items())
    )
    cells = (
        rule.id,
        rule.text("title", "en").replace("|", "\\|"),
        rule.reference.instrument.key,
        rule.reference.citation,
        force,
        rule.reference.confidence,
        rule.severity,
        _effective(rule),
    )
    return "| " + " | ".join(cells) + " |"


def catalogue_table(catalogue: Catalogue) -> str:
    """Every rule, sorted by id, between the README's markers."""
    rows = "\n".join(_row(rule) for rule in catalogue)
    return f"{START}\n{_HEADER}\n{rows}\n{END}"


def readme_with_table(readme: str, catalogue: Catalogue) -> str:
    """``readme`` with the text between the markers replaced by the current table."""
    before, _, rest = readme.partition(START)
    _, _, after = rest.partition(END)
    return before + catalogue_table(catalogue) + after
