"""The charts' geometry is proportional to the counts, an empty chart is a sentence, and text
in the SVG is escaped and never written with a decimal comma."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from portal import charts


def test_bar_lengths_are_proportional_to_the_values():
    chart = charts.bar_chart([("Ten", 10), ("Five", 5), ("None", 0)])
    ten, five, zero = (bar.width for bar in chart.bars)
    assert ten == charts.WIDTH - charts.VALUE_ROOM
    assert five == pytest.approx(ten / 2)
    assert zero == 0
    assert [bar.value for bar in chart.bars] == [10, 5, 0]
    # Bars follow one another downwards, each below its label.
    assert all(a.y < b.y for a, b in zip(chart.bars, chart.bars[1:], strict=False))
    assert all(bar.lines[-1].y < bar.y for bar in chart.bars)
    assert chart.height > chart.bars[-1].y + charts.BAR


def test_a_scale_maximum_keeps_shares_comparable():
    chart = charts.bar_chart([("Half", 50)], scale_max=100)
    assert chart.bars[0].width == pytest.approx((charts.WIDTH - charts.VALUE_ROOM) / 2)


@pytest.mark.parametrize("rows", [[], [("Zero", 0), ("Also zero", 0)]])
def test_a_chart_without_counts_is_empty(rows):
    assert charts.bar_chart(rows).is_empty


def test_long_labels_wrap_and_are_cut_after_three_lines():
    lines = charts.wrap("word " * 60)
    assert len(lines) == charts.MAX_LINES
    assert all(len(line) <= charts.CHARS_PER_LINE for line in lines)
    assert lines[-1].endswith("…")
    assert charts.wrap("x" * 100)[0] == "x" * charts.CHARS_PER_LINE


def test_columns_over_time_share_one_scale_and_label_every_sixth_month():
    months = [(dt.date(2025, m, 1), m % 4, 1 if m == 6 else 0) for m in range(1, 13)]
    chart = charts.column_chart(months)
    assert chart.largest == 3
    tallest = max(chart.columns, key=lambda column: column.up)
    assert tallest.up_height == charts.COLUMN_AREA
    assert tallest.up_y == pytest.approx(chart.axis_y - charts.COLUMN_AREA)
    june = chart.columns[5]
    assert june.down == 1 and june.down_height == pytest.approx(charts.COLUMN_AREA / 3, abs=0.01)
    assert [tick.text for tick in chart.ticks] == ["06.2025", "12.2025"]
    assert not chart.is_empty
    assert charts.column_chart([(dt.date(2025, 1, 1), 0, 0)]).is_empty


def test_an_organisation_name_is_escaped_in_the_svg():
    chart = charts.bar_chart([('<script>alert("x")</script> & Co', 3)])
    html = render_to_string(
        "portal/includes/chart_bars.html", {"chart": chart, "chart_id": "c", "title": "<b>T</b>"}
    )
    assert "<script>" not in html and "<b>T</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert 'role="img"' in html and 'aria-labelledby="c-title c-desc"' in html
    assert '<title id="c-title">&lt;b&gt;T&lt;/b&gt;</title>' in html


def test_an_empty_chart_is_a_sentence_instead_of_an_svg():
    html = render_to_string(
        "portal/includes/chart_bars.html",
        {"chart": charts.bar_chart([("Zero", 0)]), "chart_id": "c", "title": "T"},
    )
    assert "<svg" not in html and "No published AI system is counted here yet." in html
    timeline = render_to_string(
        "portal/includes/chart_timeline.html",
        {"chart": charts.column_chart([]), "chart_id": "t", "title": "T"},
    )
    assert "<svg" not in timeline


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_svg_numbers_keep_a_decimal_point_in_every_language(language):
    chart = charts.bar_chart([("A", 3), ("B", 1)])
    with translation.override(language):
        html = render_to_string(
            "portal/includes/chart_bars.html", {"chart": chart, "chart_id": "c", "title": "T"}
        )
    widths = [bar.width for bar in chart.bars]
    assert f'width="{widths[1]}"' in html
    assert "," not in html.split("<desc")[0]
