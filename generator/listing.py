"""Listings: events on a vertical time axis, each drawn at the precision its date has.

A day is a point on the axis, a month or a year a span, an approximate date a dashed mark, an interval a bar
from start to end, an open-ended date a bar that fades where it is open. Every listing of the site (timelines,
the home page's latest events, an event's related events) is made here, from one template macro, and each
event's entry is rendered once per link depth rather than once per listing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from . import urls
from .catalog import Catalog, EventRecord
from .countries import country_flag, country_name
from .dates import MONTHS, DatePoint, EventDate
from .render import Summaries
from .schema import Leader
from .sections import facet_values
from .templating import render_template


def shape(when: EventDate) -> str:
    """The CSS classes that draw a date's mark on the axis: its form, and whether it is approximate."""
    if when.start is None:
        form = "tl-before"
    elif when.open_end:
        form = "tl-since"
    elif when.end is not None:
        form = "tl-span"
    else:
        form = f"tl-{when.start.precision}"
    return form + (" tl-approx" if when.approximate else "")


def iso(when: EventDate | DatePoint) -> str:
    """A date as `<time datetime>` takes it: the point an event is filed by, at its own precision."""
    point = when.anchor if isinstance(when, EventDate) else when
    return point.exact_text


@dataclass(frozen=True)
class Flag:
    """A country's flag as the page shows it: an image beside or instead of its name."""

    src: str
    name: str
    alt: str


def flag(here: str, code: str, *, named: bool) -> Flag | None:
    """The flag of a current country, or None (former states have none); `named`: the name is shown beside it."""
    if not country_flag(code):
        return None
    name = country_name(code)
    return Flag(urls.relative(here, urls.flag_url(code)), name, "" if named else name)


@dataclass(frozen=True)
class Band:
    """A leader's office as a band on the axis: where it starts and ends, and its place in the palette."""

    title: str
    start: DatePoint | None
    end: DatePoint | None
    band: int

    def held_on(self, when: EventDate) -> bool:
        """Whether the office was certainly held on that date, at the precision both are known."""
        point = when.anchor
        if self.start is None or point.earliest < self.start.latest:
            return False
        if self.end is None:
            return True
        last = when.end.latest if when.end is not None else point.latest
        return last <= self.end.earliest


def bands_of(leader: Leader) -> list[Band]:
    """A leader's offices with a known start, each with its own band colour."""
    started = [(office.title, office.start, office.end) for office in leader.offices if office.start is not None]
    return [Band(title, start.anchor, end.anchor if end else None, index % 4 + 1)
            for index, (title, start, end) in enumerate(started)]


@dataclass(frozen=True)
class _Marker:
    """A row on the axis that is not an event: a month boundary, an office taken or left."""

    kind: str
    text: str
    band: int = 0


class Listings:
    """The listing entries of every event of a catalog, each rendered once per link depth."""

    def __init__(self, catalog: Catalog, summaries: Summaries | None = None) -> None:
        self.catalog = catalog
        self.summaries = summaries or Summaries()
        """Summaries are rendered once per build too, and shared with the feeds and exports."""
        self._entries: dict[tuple[str, str, bool], Markup] = {}

    def entry(self, here: str, record: EventRecord, *, flags: bool, note: str = "", band: int = 0) -> Markup:
        """One event's entry as a page at `here` shows it; plain entries are rendered once per depth."""
        root = urls.relative(here, urls.HOME)
        key = (record.id, root, flags)
        if not note and not band:
            cached = self._entries.get(key)
            if cached is not None:
                return cached
        event = record.event
        rendered = _render(
            "_entry.html",
            shape=shape(event.date), href=root + urls.event_url(record.id), title=event.title, status=event.status,
            year=event.date.year, facets=facet_values(self.catalog.sections, event),
            when=event.date.display(), iso=iso(event.date), note=note, band=band,
            flags=[mark for code in event.countries if (mark := flag(here, code, named=False))] if flags else [],
        )
        if not note and not band:
            self._entries[key] = rendered
        return rendered

    def axis(self, here: str, records: Sequence[EventRecord], *, flags: bool = True, month_years: bool = False,
             newest_first: bool = False, bands: Sequence[Band] = (), markers_from: date | None = None,
             markers_to: date | None = None) -> Markup:
        """One list on the time axis: the events, with month markers and, on a leader's page, office bands.

        Month markers name their year too when `month_years` (a list that is not one year's), and the list
        runs backwards in time when `newest_first`. The markers of
        offices taken or left between markers_from and markers_to (inclusive) are placed among the events.
        """
        items: list[tuple[tuple, object]] = []
        for position, record in enumerate(records):
            items.append(((record.event.date.sort_key[0], 1, position), record))
        for office in bands:
            for point, verb in ((office.start, "Took office"), (office.end, "Left office")):
                if point is None:
                    continue
                day = point.earliest
                if (markers_from is None or markers_from <= day) and (markers_to is None or day <= markers_to):
                    text = f"{verb}: {office.title}, {point.display()}"
                    items.append(((day, 0, -1), _Marker("office", text, office.band)))
        items.sort(key=lambda item: item[0], reverse=newest_first)
        rows: list[Markup] = []
        month: tuple[int, int] | None = None
        band = 0  # the band of the row above: a month marker inside an office's run keeps the band unbroken
        for _, item in items:
            if isinstance(item, _Marker):
                rows.append(_render("_marker.html", marker=item))
                band = item.band
                continue
            assert isinstance(item, EventRecord)
            holding = next((candidate for candidate in bands if candidate.held_on(item.event.date)), None)
            held = holding.band if holding else 0
            anchor = item.event.date.anchor
            if anchor.month is not None and (anchor.year, anchor.month) != month and item.event.date.start is not None:
                month = (anchor.year, anchor.month)
                text = MONTHS[anchor.month - 1] + (f" {anchor.year}" if month_years else "")
                rows.append(_render("_marker.html", marker=_Marker("month", text, held if held == band else 0)))
            if holding is not None:
                rows.append(self.entry(here, item, flags=flags, note=f"as {holding.title}", band=held))
            else:
                rows.append(self.entry(here, item, flags=flags))
            band = held
        return Markup('<ol class="tl-axis">\n') + Markup("\n").join(rows) + Markup("\n</ol>")


def _render(template: str, **context: object) -> Markup:
    return Markup(render_template(template, **context).rstrip("\n"))  # the output of an autoescaping template


def by_year(records: Iterable[EventRecord]) -> list[tuple[int, list[EventRecord]]]:
    """Records in date order, cut into runs of one year each (the year an event is filed under)."""
    groups: list[tuple[int, list[EventRecord]]] = []
    for record in records:
        year = record.event.date.year
        if not groups or groups[-1][0] != year:
            groups.append((year, []))
        groups[-1][1].append(record)
    return groups
