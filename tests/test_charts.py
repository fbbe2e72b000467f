"""charts: build-time SVG bar charts with a title and a description that say what the bars show."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.catalog import EventRecord
from generator.charts import events_by_month, events_over_time, render_chart, top_entries
from generator.dates import EventDate

from .test_listing import event

SVG = "{http://www.w3.org/2000/svg}"


def records(*dates: str) -> list[EventRecord]:
    return sorted((EventRecord(f"{EventDate.parse(date).prefix}-e{index}", "", event(date))
                   for index, date in enumerate(dates)), key=lambda record: record.event.date.sort_key)


def test_events_per_year_count_every_year_from_first_to_last():
    chart = events_over_time("chart", "South Korea", records("2014~", "2017", "2017-03", "2025-11-01"))
    assert [(bar.label, bar.count) for bar in chart.bars] == [(str(year), {2014: 1, 2017: 2, 2025: 1}.get(year, 0))
                                                               for year in range(2014, 2026)]
    assert chart.title == "Events per year: South Korea"
    assert chart.description == "4 events from 2014 to 2025, counted by year; the most, 2, in 2017."
    tallest = max(chart.bars, key=lambda bar: bar.height)
    assert (tallest.label, tallest.y, tallest.height) == ("2017", 0, 120)


def test_a_long_span_is_counted_by_decade():
    chart = events_over_time("chart", "X", records("1901", "1955", "2025"))
    assert [bar.label for bar in chart.bars][:2] == ["1900s", "1910s"] and chart.bars[-1].label == "2020s"
    assert sum(bar.count for bar in chart.bars) == 3


def test_a_year_is_counted_by_month_and_says_what_it_cannot_draw():
    chart = events_by_month("chart", 2025, records("2025", "2025-06", "2025-11-01", "2025-11-02"))
    assert [bar.count for bar in chart.bars] == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0]
    assert chart.description == "4 events in 2025, the most, 2, in November; 1 event dated only to the year, not drawn."


def test_nothing_to_chart_is_no_chart():
    assert events_over_time("chart", "X", []) is None and events_by_month("chart", 2025, []) is None
    assert top_entries("chart", "X", []) is None
    assert render_chart(None) == ""


def test_top_entries_are_the_largest_first_then_by_name():
    chart = top_entries("top", "Countries with the most events", [("China", 7), ("Japan", 7), ("Chad", 1),
                                                                   ("South Korea", 14)], limit=3)
    assert [(bar.label, bar.count) for bar in chart.bars] == [("South Korea", 14), ("China", 7), ("Japan", 7)]
    assert chart.description == "South Korea: 14 events; China: 7 events; Japan: 7 events."


def test_the_svg_is_one_named_and_described_image_with_escaped_text():
    html = render_chart(top_entries("top", "Tags <b>&", [('<script>alert(1)</script>"', 2)]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    figure = ET.fromstring(html)
    svg = figure.find(f"{SVG}svg")
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "top-t" and figure.find("figcaption").get("id") == "top-t"
    assert svg.get("aria-describedby") == "top-d" and svg.find(f"{SVG}desc").get("id") == "top-d"
    assert figure.find("figcaption").text == "Tags <b>&"
