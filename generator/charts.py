"""Charts: small SVG bar charts made at build time, with a title and a description for screen readers.

They are inline SVG, so the theme's colours (light and dark) apply through CSS; no script draws them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from .dates import MONTHS
from .templating import render_template

if TYPE_CHECKING:
    from .catalog import EventRecord

WIDTH, HEIGHT = 600, 120
"""The drawing's own units; the SVG scales to the width of the page."""
ROW, ROW_WIDTH, LABELS = 28, 400, 150
"""A horizontal chart's row height, width and label column, in its own units."""
DECADES_FROM = 80
"""A timeline spanning more years than this is counted by decade, so that each bar stays wide enough to see."""


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its count, and where it is drawn."""

    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    """A bar chart ready to draw: what it shows, in words, and its bars."""

    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    horizontal: bool
    first: str
    last: str
    peak: int


def _columns(chart_id: str, title: str, counts: Sequence[tuple[str, int]], summary: str) -> Chart:
    peak = max((count for _, count in counts), default=0)
    step = WIDTH / max(len(counts), 1)
    gap = min(2.0, step / 4)
    heights = [round(HEIGHT * count / peak, 2) if peak else 0 for _, count in counts]
    bars = tuple(Bar(label, count, round(index * step + gap / 2, 2), HEIGHT - height, round(step - gap, 2), height)
                 for index, ((label, count), height) in enumerate(zip(counts, heights, strict=True)))
    return Chart(chart_id, title, summary, bars, False, counts[0][0] if counts else "", counts[-1][0] if counts else "",
                 peak)


def _plural(count: int, noun: str = "event") -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def events_over_time(chart_id: str, subject: str, records: Sequence[EventRecord]) -> Chart | None:
    """How many events a timeline has in each year (or decade) from its first to its last; None when empty."""
    if not records:
        return None
    years = Counter(record.event.date.year for record in records)
    first, last = min(years), max(years)
    if last - first + 1 > DECADES_FROM:
        decades = Counter({year // 10 * 10: 0 for year in range(first, last + 1)})
        decades.update(year // 10 * 10 for year in years.elements())
        counts = [(f"{decade}s", decades[decade]) for decade in sorted(decades)]
        unit = "decade"
    else:
        counts = [(str(year), years[year]) for year in range(first, last + 1)]
        unit = "year"
    busiest = max(counts, key=lambda pair: pair[1])
    summary = (f"{_plural(len(records))} from {counts[0][0]} to {counts[-1][0]}, counted by {unit}; "
               f"the most, {busiest[1]}, in {busiest[0]}.")
    return _columns(chart_id, f"Events per {unit}: {subject}", counts, summary)


def events_by_month(chart_id: str, year: int, records: Sequence[EventRecord]) -> Chart | None:
    """How many of a year's events fall in each month; events known only to the year are said, not drawn."""
    if not records:
        return None
    months = Counter(record.event.date.anchor.month for record in records if record.event.date.anchor.month)
    counts = [(MONTHS[month - 1][:3], months[month]) for month in range(1, 13)]
    undated = len(records) - sum(months.values())
    busiest = max(counts, key=lambda pair: pair[1])
    summary = f"{_plural(len(records))} in {year}"
    summary += f", the most, {busiest[1]}, in {MONTHS[counts.index(busiest)]}" if busiest[1] else ""
    summary += f"; {_plural(undated)} dated only to the year, not drawn." if undated else "."
    return _columns(chart_id, f"Events per month in {year}", counts, summary)


def top_entries(chart_id: str, title: str, counts: Sequence[tuple[str, int]], limit: int = 10) -> Chart | None:
    """The entries with the most events (countries, say), as horizontal bars; None when there are none."""
    top = sorted(counts, key=lambda pair: (-pair[1], pair[0]))[:limit]
    if not top:
        return None
    peak = top[0][1]
    bars = tuple(Bar(label, count, LABELS, index * ROW, round((ROW_WIDTH - LABELS - 40) * count / peak, 2) if peak
                     else 0, ROW - 8) for index, (label, count) in enumerate(top))
    summary = "; ".join(f"{label}: {_plural(count)}" for label, count in top) + "."
    return Chart(chart_id, title, summary, bars, True, "", "", peak)


def render_chart(chart: Chart | None) -> Markup:
    """The chart as inline SVG, or nothing."""
    if chart is None:
        return Markup("")
    if chart.horizontal:
        return Markup(render_template("chart.svg", chart=chart, width=ROW_WIDTH, height=ROW * len(chart.bars),
                                      labels=LABELS).strip())
    return Markup(render_template("chart.svg", chart=chart, width=WIDTH, height=HEIGHT, labels=0).strip())
