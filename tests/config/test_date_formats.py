"""Dates read as each interface language writes them (config/formats/)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from register.templatetags.card_tags import isodate

DAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize(
    "language, short, long",
    [
        ("kk", "2026 ж. 2 жел.", "2026 ж. 2 желтоқсан"),
        ("ru", "2 дек. 2026", "2 декабря 2026 г."),
        ("en", "2 Dec 2026", "2 December 2026"),
    ],
)
def test_a_date_in_each_language(language, short, long):
    template = Template('{{ day|date:"SHORT_DATE_FORMAT" }}|{{ day|date:"DATE_FORMAT" }}')
    with translation.override(language):
        assert template.render(Context({"day": DAY})) == f"{short}|{long}"
        assert isodate("2026-12-02") == long


@pytest.mark.parametrize(
    "language, month, expected",
    [
        ("kk", 5, "2026 ж. 2 мамыр"),
        ("ru", 5, "2 мая 2026"),
        ("ru", 9, "2 сент. 2026"),
        ("kk", 9, "2026 ж. 2 қыр."),
    ],
)
def test_month_names_are_the_languages_own(language, month, expected):
    day = DAY.replace(month=month)
    fmt = "DATE_FORMAT" if expected.endswith("мамыр") else "SHORT_DATE_FORMAT"
    with translation.override(language):
        rendered = Template("{{ day|date:fmt }}").render(Context({"day": day, "fmt": fmt}))
    assert rendered == expected


def test_templates_use_named_formats_only():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    patterns = [
        (path.name, part.split('"')[0])
        for path in root.rglob("*.html")
        for part in path.read_text(encoding="utf-8").split('|date:"')[1:]
    ]
    assert patterns
    assert {fmt for _name, fmt in patterns} <= {
        "SHORT_DATE_FORMAT",
        "SHORT_DATETIME_FORMAT",
        "DATE_FORMAT",
        "DATETIME_FORMAT",
        "YEAR_MONTH_FORMAT",
    }
