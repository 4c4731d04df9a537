"""The geometry of the statistics page's charts, as pure functions of the counts.

The templates ``templates/portal/includes/chart_*.html`` draw it as inline SVG (no script):
the SVG has a ``viewBox`` ``WIDTH`` user units wide, so at a phone's 320 CSS pixels one unit is
about one pixel and the text stays readable, and it scales up on a wide screen. Every bar
carries its value as text next to it and every label is text; colour only supports them. Long
labels are wrapped into lines and cut after ``MAX_LINES`` (the data table after each chart has
them in full). Nothing here escapes text: the templates do.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

WIDTH: Final = 320
# Horizontal bars: the text size, the room kept right of the longest bar for its value, the
# characters per label line (the font is about half as wide as high), the bar's height.
FONT: Final = 14
LINE: Final = 18
VALUE_ROOM: Final = 64
CHARS_PER_LINE: Final = 38
MAX_LINES: Final = 3
BAR: Final = 18
GAP: Final = 12
# Columns over time: the height of the tallest column and the room for the month labels.
COLUMN_AREA: Final = 110
AXIS_ROOM: Final = 22


def wrap(text: str, width: int = CHARS_PER_LINE, max_lines: int = MAX_LINES) -> list[str]:
    """``text`` in lines of at most ``width`` characters (a longer word is cut), at most
    ``max_lines`` of them, the last ending in "…" when text was left out."""
    lines = textwrap.wrap(str(text), width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    lines: list[Text]
    y: float
    width: float
    value_x: float
    value_y: float
    # Where the bar's systems are listed (the data table links it).
    href: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one under another, each with its label above it."""

    bars: list[Bar]
    height: float
    width: int = WIDTH
    bar_height: int = BAR
    font: int = FONT

    @property
    def is_empty(self) -> bool:
        """Nothing to draw: no value, or every value zero."""
        return not any(bar.value for bar in self.bars)

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


def bar_chart(
    rows: Sequence[tuple[str, int] | tuple[str, int, str]], *, scale_max: int | None = None
) -> BarChart:
    """Bars for ``(label, value[, href])`` rows, in their order. A bar's length is its value's
    share of ``scale_max`` (the largest value by default) of the room for bars."""
    largest = max([int(row[1]) for row in rows] + [scale_max or 0, 0])
    room = WIDTH - VALUE_ROOM
    bars, y = [], 0.0
    for row in rows:
        label, value = str(row[0]), int(row[1])
        href = str(row[2]) if len(row) > 2 else ""  # type: ignore[misc]
        lines = [Text(0, y + FONT + i * LINE, line) for i, line in enumerate(wrap(label))]
        top = y + len(lines) * LINE + 4
        width = room * value / largest if largest else 0.0
        bars.append(
            Bar(
                label=label,
                value=value,
                lines=lines,
                y=top,
                width=round(width, 2),
                value_x=round(width + 6, 2),
                value_y=top + BAR - 4,
                href=href,
            )
        )
        y = top + BAR + GAP
    return BarChart(bars=bars, height=max(y - GAP, 0) + 2)


@dataclass(frozen=True)
class Column:
    month: dt.date
    x: float
    # Above the axis: first publications; below it: withdrawals.
    up: int
    up_height: float
    down: int
    down_height: float
    # The top of the column above the axis.
    up_y: float


@dataclass(frozen=True)
class ColumnChart:
    """Columns per month over an axis: first publications up, withdrawals down."""

    columns: list[Column]
    column_width: float
    axis_y: float
    # The line of the largest count, which the scale's label names.
    top: float
    height: float
    largest: int
    ticks: list[Text]
    width: int = WIDTH
    font: int = FONT

    @property
    def is_empty(self) -> bool:
        return not any(column.up or column.down for column in self.columns)


def column_chart(
    months: Sequence[tuple[dt.date, int, int]], *, tick_every: int = 6, tick_format: Any = None
) -> ColumnChart:
    """Columns for ``(first day of month, published, withdrawn)`` rows on one scale (the
    largest count), a tick label every ``tick_every`` months counted from the last one.
    ``tick_format(date)`` writes a tick (``MM.YYYY`` by default)."""
    tick_format = tick_format or (lambda day: day.strftime("%m.%Y"))
    largest = max([max(up, down) for _m, up, down in months] + [0])
    step = WIDTH / max(len(months), 1)
    top = FONT + 6  # room for the scale's label
    largest_down = max([down for _m, _up, down in months] + [0])
    axis_y = top + COLUMN_AREA

    def height(value: int) -> float:
        return round(COLUMN_AREA * value / largest, 2) if largest else 0.0

    columns = [
        Column(
            month=month,
            x=round(i * step + 1, 2),
            up=up,
            up_height=height(up),
            down=down,
            down_height=height(down),
            up_y=round(axis_y - height(up), 2),
        )
        for i, (month, up, down) in enumerate(months)
    ]
    below = height(largest_down)
    last = len(months) - 1
    ticks = [
        Text(round(min(i * step, WIDTH - 4 * FONT), 2), axis_y + below + FONT + 4, tick_format(m))
        for i, (m, _up, _down) in enumerate(months)
        if (last - i) % tick_every == 0
    ]
    return ColumnChart(
        columns=columns,
        column_width=round(max(step - 2, 1), 2),
        axis_y=axis_y,
        top=top,
        height=axis_y + below + AXIS_ROOM,
        largest=largest,
        ticks=ticks,
    )
