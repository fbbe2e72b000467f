"""Open data: every event as JSON (with its JSON Schema), as CSV, and as Knight Lab TimelineJS3 files.

The JSON export is made from the pydantic models below, so the published schema is the one the export was
built with. Dates keep their precision everywhere: a month is never given a day.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from functools import partial
from typing import Literal

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict

from . import urls
from .assets import Asset
from .catalog import Catalog, EventRecord
from .countries import country_name
from .dates import DatePoint, EventDate
from .render import Summaries

Precision = Literal["day", "month", "year"]


class _Export(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class ExportPoint(_Export):
    """One end of a date, at the precision it is known."""

    text: str
    """As written, e.g. 2025-06 or 2025-10-27~."""
    precision: Precision
    """How much of the date is known."""
    approximate: bool
    """Whether the date is approximate (written with ~)."""
    earliest: str
    """The first day it can mean, YYYY-MM-DD."""
    latest: str
    """The last day it can mean, YYYY-MM-DD."""


class ExportDate(_Export):
    """An event's date: one point, an interval, on or before a date, or since a date."""

    text: str
    """As written in the data (EDTF): 2025-06-03, 2025-06, 2025~, START/END, ../END or START/.."""
    display: str
    """As readers see it, e.g. 'c. 27–31 October 2025', 'before 1 November 2025'."""
    sort: str
    """The day the event sorts by, YYYY-MM-DD."""
    start: ExportPoint | None
    """Where it starts; null when only an end is known (../END)."""
    end: ExportPoint | None
    """Where it ends; null for a single point or an open end."""
    open_end: bool
    """Whether it is still going (START/..)."""


class ExportName(_Export):
    """An id or code with the name readers see."""

    id: str
    """The id (a leader's or tag's id, a country's ISO code)."""
    name: str
    """Its name."""


class ExportSource(_Export):
    """An article the event is drawn from."""

    publisher: str | None
    """Who published it, when named."""
    title: str
    """The article's headline."""
    date: ExportDate
    """When it was published."""
    url: str | None
    """Its address, when known."""
    archive_url: str | None
    """A copy in a web archive."""
    quote: str | None
    """The article's own words that support the event."""


class ExportCorrection(_Export):
    """A change made after publication."""

    date: ExportDate
    """When the event was corrected."""
    note: str
    """What was changed."""


class ExportEvent(_Export):
    """One event, normalised."""

    id: str
    """The event's id: its file name without .yml."""
    url: str
    """Its permalink page."""
    title: str
    """What happened, one line of plain text."""
    date: ExportDate
    """When it happened, at the precision the sources give."""
    countries: list[ExportName]
    """Every country involved: ISO 3166 codes with their common names."""
    leaders: list[ExportName]
    """Leaders involved: ids with names."""
    organisations: list[ExportName]
    """Organisations involved: ids with names."""
    tags: list[ExportName]
    """Tags: ids with labels."""
    location: str | None
    """Where it happened, as precisely as the sources say."""
    summary: str
    """The summary as written, in Markdown."""
    summary_html: str
    """The summary rendered and sanitized, as the site shows it."""
    status: str | None
    """developing, disputed, corrected or retracted; null for a settled event."""
    corrections: list[ExportCorrection]
    """Changes made after publication."""
    sources: list[ExportSource]
    """The articles the event is drawn from."""
    related: list[str]
    """Ids of related events, either way round, in date order."""


class ExportFile(_Export):
    """The file events.json: every event of the site."""

    site: str
    """The site's name."""
    licence: str
    """The licence the data is published under."""
    events: list[ExportEvent]
    """Every event, in date order."""


def _point(point: DatePoint) -> ExportPoint:
    return ExportPoint(text=str(point), precision=point.precision, approximate=point.approximate,
                       earliest=point.earliest.isoformat(), latest=point.latest.isoformat())


def _date(when: EventDate) -> ExportDate:
    return ExportDate(text=str(when), display=when.display(), sort=when.sort_key[0].isoformat(),
                      start=_point(when.start) if when.start else None, end=_point(when.end) if when.end else None,
                      open_end=when.open_end)


def _event(catalog: Catalog, record: EventRecord, site_url: str, summaries: Summaries) -> ExportEvent:
    event = record.event
    return ExportEvent(
        id=record.id, url=urls.absolute(site_url, urls.event_url(record.id)), title=event.title, date=_date(event.date),
        countries=[ExportName(id=code, name=country_name(code)) for code in event.countries],
        leaders=[ExportName(id=leader, name=catalog.leaders[leader].name) for leader in event.leaders],
        organisations=[ExportName(id=organisation, name=catalog.organisations[organisation].name)
                       for organisation in event.organisations],
        tags=[ExportName(id=tag, name=catalog.tags[tag].label) for tag in event.tags],
        location=event.location, summary=event.summary, summary_html=str(summaries(record)), status=event.status,
        corrections=[ExportCorrection(date=_date(correction.date), note=correction.note)
                     for correction in event.corrections],
        sources=[ExportSource(publisher=source.publisher, title=source.title, date=_date(source.date),
                              url=source.url, archive_url=source.archive_url, quote=source.quote)
                 for source in event.sources],
        related=[other.id for other in catalog.related.get(record.id, [])],
    )


def json_schema() -> str:
    """The JSON Schema of events.json."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **ExportFile.model_json_schema()}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def render_schema() -> Asset:
    """events.schema.json, published beside events.json."""
    return Asset(urls.EVENTS_SCHEMA, json_schema().encode())


def json_entry(catalog: Catalog, record: EventRecord, *, site_url: str, summaries: Summaries) -> str:
    """One event's part of events.json, indented to its place in the list of events."""
    return "  " + _event(catalog, record, site_url, summaries).model_dump_json(indent=1).replace("\n", "\n  ")


def render_json(catalog: Catalog, *, site_name: str, site_url: str, licence: str, summaries: Summaries,
                entry: Callable[[EventRecord], str] | None = None) -> Asset:
    """events.json: every event, normalised, in date order; each event's part is json_entry's (or `entry`'s, a
    memo of it), so that a preview rewrites only the parts that changed. The same text as the whole ExportFile
    dumped at once (tests/test_exports.py)."""
    make = entry or partial(json_entry, catalog, site_url=site_url, summaries=summaries)
    # The file without events, then its list filled in: `"events"` is the last field, and no string value can
    # hold `"events": []` unescaped.
    empty = ExportFile(site=site_name, licence=licence, events=[]).model_dump_json(indent=1)
    if not catalog.events:
        return Asset(urls.EVENTS_JSON, empty.encode() + b"\n")
    head, found, tail = empty.rpartition('"events": []')
    assert found, "ExportFile must end with its events"
    # Joined once from encoded parts: the file is over 100 MB at 50,000 events, and every copy of it counts.
    parts = [(head + '"events": [\n').encode()]
    for number, record in enumerate(catalog.events):
        parts.append((",\n" if number else "").encode() + make(record).encode())
    parts.append(("\n ]" + tail + "\n").encode())
    return Asset(urls.EVENTS_JSON, b"".join(parts))


CSV_COLUMNS = ("id", "url", "title", "date", "date_display", "sort_date", "precision", "approximate", "countries",
               "leaders", "organisations", "tags", "location", "status", "summary", "sources", "first_source_publisher",
               "first_source_title", "first_source_date", "first_source_url")
"""The columns of events.csv; several ids in one cell (countries, leaders, organisations, tags) are joined with ';'."""


def _csv_line(values: Sequence[object]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


def csv_row(record: EventRecord, *, site_url: str) -> str:
    """One event's line of events.csv."""
    event, first = record.event, record.event.sources[0]
    anchor = event.date.anchor
    return _csv_line([
        record.id, urls.absolute(site_url, urls.event_url(record.id)), event.title, str(event.date),
        event.date.display(), event.date.sort_key[0].isoformat(), anchor.precision,
        str(event.date.approximate).lower(), ";".join(event.countries), ";".join(event.leaders),
        ";".join(event.organisations), ";".join(event.tags), event.location or "", event.status or "",
        event.summary.strip(), len(event.sources),
        first.publisher or "", first.title, str(first.date), first.url or "",
    ])


def render_csv(catalog: Catalog, *, site_url: str, row: Callable[[EventRecord], str] | None = None) -> Asset:
    """events.csv: one row per event, flat columns, in date order; each row csv_row's (or `row`'s, a memo)."""
    make = row or partial(csv_row, site_url=site_url)
    return Asset(urls.EVENTS_CSV, (_csv_line(CSV_COLUMNS) + "".join(map(make, catalog.events))).encode())


def _timelinejs_date(point: DatePoint, display: str) -> dict[str, object]:
    # TimelineJS takes a date at whatever precision it is given: a month-precision event gets no day.
    found: dict[str, object] = {"year": point.year}
    if point.month:
        found["month"] = point.month
    if point.day:
        found["day"] = point.day
    found["display_date"] = display
    return found


def render_timelinejs(catalog: Catalog, records: list[EventRecord], *, headline: str, page_url: str,
                      site_url: str, summaries: Summaries) -> Asset:
    """A Knight Lab TimelineJS3 data file of one timeline: `<page>/timeline.json`."""
    events = []
    for record in records:
        when = record.event.date
        entry: dict[str, object] = {
            "unique_id": record.id,
            "start_date": _timelinejs_date(when.anchor, when.display()),
            "text": {"headline": record.event.title,
                     "text": str(Markup('{}<p><a href="{}">Sources and details</a></p>').format(
                         summaries(record), urls.absolute(site_url, urls.event_url(record.id))))},
        }
        if when.start is not None and when.end is not None:
            entry["end_date"] = _timelinejs_date(when.end, when.display())
        events.append(entry)
    link = Markup('<a href="{}">{} on the timeline</a>').format(urls.absolute(site_url, page_url), headline)
    data = {"title": {"text": {"headline": headline, "text": str(link)}}, "events": events}
    return Asset(urls.timelinejs_url(page_url), json.dumps(data, ensure_ascii=False, indent=1).encode() + b"\n")
