"""citation: a line to cite an event by, and biblatex entries for it and its sources."""

from __future__ import annotations

from generator.catalog import EventRecord
from generator.citation import bibtex, citation_line
from generator.schema import Event

PERMALINK = "https://example.org/t/events/2025-11-01-x/"


def record(date: str = "2025-11-01", title: str = "Lee hosts Xi", **source: str) -> EventRecord:
    return EventRecord("2025-11-01-x", "", Event.model_validate({
        "title": title, "date": date, "countries": ["KR"], "summary": "It happened.",
        "sources": [{"publisher": "Reuters", "title": "A report", "date": "2025-11", "quote": "It happened.",
                     **source}],
    }))


def test_citation_line():
    assert citation_line(record(), site_name="News timeline", permalink=PERMALINK) == \
        f"News timeline, “Lee hosts Xi” (1 November 2025), {PERMALINK}"


def test_bibtex_cites_the_event_and_each_source_at_their_precision():
    assert bibtex(record(url="https://www.reuters.com/x"), site_name="News timeline", permalink=PERMALINK) == (
        "@online{2025-11-01-x,\n  title = {Lee hosts Xi},\n  organization = {News timeline},\n"
        f"  date = {{2025-11-01}},\n  url = {{{PERMALINK}}},\n}}\n\n"
        "@article{2025-11-01-x-source-1,\n  title = {A report},\n  journaltitle = {Reuters},\n  date = {2025-11},\n"
        "  url = {https://www.reuters.com/x},\n}\n"
    )


def test_bibtex_escapes_latex_and_keeps_urls_verbatim():
    text = bibtex(record(title=r"50% of {x} & y_z #1 \end ~ ^", url="https://www.reuters.com/p_1?q=%20{x}"),
                  site_name="S", permalink=PERMALINK)
    assert r"title = {50\% of \{x\} \& y\_z \#1 \textbackslash{}end \textasciitilde{} \textasciicircum{}}" in text
    assert "url = {https://www.reuters.com/p_1?q=%20%7Bx%7D}" in text


def test_open_ended_and_approximate_dates():
    assert "date = {2025~}" in bibtex(record("2025~"), site_name="S", permalink=PERMALINK)
    text = bibtex(record("../2025-11-01"), site_name="S", permalink=PERMALINK)
    assert "note = {before 1 November 2025}" in text and "date = {../" not in text
