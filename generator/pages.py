"""Pages: pure functions from the catalog to the site's pages, described without reference to any site engine.

A page is a title, a description, and a body of HTML blocks between headings. Every contributor string reaches
a page through a Jinja2 template with autoescape on, or as summary HTML that render.py has sanitized. How a page
becomes a file of the site engine (front matter, search flags) is the plugin's business.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urljoin

import nh3
from markupsafe import Markup

from . import urls
from .catalog import Catalog, EventRecord
from .charts import events_over_time, render_chart, top_entries
from .citation import bibtex, citation_line
from .exports import CSV_COLUMNS, ExportEvent
from .filters import facets
from .listing import Flag, Listings, bands_of, by_year, flag, iso, shape
from .problems import Problem
from .schema import EVENT_ID, Correction, Event, Leader, Organisation, Source, Tag
from .schema import Office as OfficeModel
from .sections import Key, Link, Section
from .templating import render_template

DESCRIPTION_LENGTH = 160


@dataclass(frozen=True)
class Settings:
    """What the pages need to know besides the data; the plugin's options default to these."""

    page_size: int = 100
    """Events (or index rows) per listing page; longer listings continue on page/2/ and so on."""
    latest: int = 10
    """How many of the latest events the home page lists."""
    site_name: str = "News timeline"
    """The site's name, shown on the home page."""
    site_description: str = ""
    """A sentence saying what the site is, shown on the home page."""
    edit_base: str | None = None
    """The URL that an event file's path in the repository is joined to for its edit link."""
    events_path: str = "events/"
    """The events folder's path in the repository, for edit links."""
    contributing_url: str = "contributing/"
    """The page that explains how to contribute."""
    site_url: str | None = None
    """The address the site is published at; feeds and data files need it for their absolute links."""
    feed_size: int = 50
    """How many of the newest events each Atom feed holds."""
    data_licence: str = "CC BY 4.0, https://creativecommons.org/licenses/by/4.0/"
    """The licence of the published data (events.json, events.csv, the TimelineJS files)."""

    @property
    def feeds(self) -> bool:
        """Whether the site has feeds: only with a site_url to make their links absolute."""
        return bool(self.site_url)


@dataclass(frozen=True)
class Heading:
    """A section heading of a page, listed in its table of contents; `anchor` is its fragment id."""

    text: str
    anchor: str


Block = Heading | Markup
"""A page body is a sequence of headings and finished, safe HTML blocks."""


@dataclass(frozen=True)
class Page:
    """One page of the site: where it goes, its plain-text title and description, and its body."""

    url: str
    title: str
    description: str
    blocks: tuple[Block, ...]
    in_nav: bool = False
    """Whether the page is one of the site's navigation entries."""
    searchable: bool = False
    """Whether search should find the page at all (listings are left out: search finds the events)."""
    search_html: str | None = None
    """What search should see of a searchable page, when that is less than the whole page."""
    edit_file: str | None = None
    """The data file, relative to the events folder, that an "edit" link should open."""
    feed: str | None = None
    """The URL of the Atom feed this page offers to follow."""
    kind: str = ""
    """What the page is, for those who share it: `event` for an event's permalink page."""

    @property
    def html(self) -> str:
        """The body as one HTML text, headings included."""
        return "\n".join(f'<h2 id="{block.anchor}">{html.escape(block.text)}</h2>' if isinstance(block, Heading)
                         else block for block in self.blocks)


_HEADING = re.compile(r"^## (?P<text>[^\n]+) \{#(?P<anchor>[a-z0-9][a-z0-9-]*)\}$", re.MULTILINE)


def _blocks(text: str) -> tuple[Block, ...]:
    """Cut a template's output into blocks: a line `## Text {#anchor}` is a heading, the rest HTML."""
    blocks: list[Block] = []
    position = 0
    for match in _HEADING.finditer(text):
        _add_html(blocks, text[position:match.start()])
        blocks.append(Heading(html.unescape(match["text"]), match["anchor"]))
        position = match.end()
    _add_html(blocks, text[position:])
    return tuple(blocks)


def _add_html(blocks: list[Block], text: str) -> None:
    text = text.strip("\n")
    if text:
        blocks.append(Markup(text))  # the output of an autoescaping template


# -- helpers ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Link:
    href: str
    text: str
    flag: Flag | None = None


def _link(here: str, link: Link) -> _Link:
    mark = flag(here, link.country, named=True) if link.country else None
    return _Link(urls.relative(here, link.url), link.text, mark)


def _crumbs(here: str, *links: Link) -> list[_Link]:
    return [_link(here, Link(urls.HOME, "Home")), *(_link(here, link) for link in links)]


@dataclass(frozen=True)
class _Pager:
    number: int
    count: int
    previous: str | None = None
    next: str | None = None


def _pages_of(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[start:start + size] for start in range(0, len(items), size)] or [items[:0]]


def _pager(url_of: Callable[[int], str], number: int, count: int) -> _Pager:
    here = url_of(number)
    return _Pager(
        number, count,
        urls.relative(here, url_of(number - 1)) if number > 1 else None,
        urls.relative(here, url_of(number + 1)) if number < count else None,
    )


def _span(records: Sequence[EventRecord]) -> str:
    if not records:
        return ""
    first, last = records[0].event.date.year, max(record.event.date.year for record in records)
    return str(first) if first == last else f"{first}–{last}"


def _plain(html_text: str) -> str:
    text = html.unescape(nh3.clean(html_text, tags=set()))
    text = " ".join(text.split())
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + "…"


def _site_feed(settings: Settings) -> str | None:
    return urls.feed_url(urls.HOME) if settings.feeds else None


def _numbered(title: str, number: int) -> str:
    return title if number == 1 else f"{title} (page {number})"


def _windows(chunks: Sequence[Sequence[EventRecord]], number: int,
             groups: Sequence[tuple[int, Sequence[EventRecord]]]) -> list[tuple[date | None, date | None]]:
    """For each year group of page `number`, the days whose office markers it shows, so that each marker is
    shown once, where it falls among the events: the first and last pages take what lies beyond them."""
    if not groups:
        return []
    low = chunks[number - 1][0].event.date.sort_key[0] if number > 1 else None
    high = _day_before(chunks[number][0].event.date.sort_key[0]) if number < len(chunks) else None
    starts = [low] + [date(year, 1, 1) for year, _ in groups[1:]]
    ends = [_day_before(date(year, 1, 1)) for year, _ in groups[1:]] + [high]
    return list(zip(starts, ends, strict=True))


def _day_before(day: date) -> date:
    return day - timedelta(days=1) if day > date.min else day


# -- pages -----------------------------------------------------------------------------------------------------


def render_event(catalog: Catalog, record: EventRecord, settings: Settings,
                 listings: Listings | None = None) -> Page:
    """The permalink page of one event, with everything in its file."""
    event = record.event
    listings = listings or Listings(catalog)
    here = urls.event_url(record.id)
    when = event.date.display()
    summary = listings.summaries(record)
    sources = [
        {
            "publisher": source.publisher, "title": source.title, "url": source.url,
            "archive_url": source.archive_url, "when": source.date.display(), "iso": iso(source.date),
            "quote": [part.strip() for part in source.quote.split("\n\n") if part.strip()],
        }
        for source in event.sources
    ]
    edit_url = urljoin(settings.edit_base, settings.events_path + record.file) if settings.edit_base else None
    facts = [(section.title, [_link(here, Link(section.url(key), *_name(catalog, section, key)))
                              for key in dict.fromkeys(section.select(event))])
             for section in catalog.sections if section.on_event_page]
    related = catalog.related.get(record.id, [])
    permalink = urls.absolute(settings.site_url or "", here)
    body = render_template(
        "event.html", status=_status(event.status, bool(event.corrections)),
        corrections=[{"when": correction.date.display(), "iso": iso(correction.date), "note": correction.note}
                     for correction in event.corrections],
        citation=citation_line(record, site_name=settings.site_name, permalink=permalink),
        bibtex=bibtex(record, site_name=settings.site_name, permalink=permalink),
        back=_crumbs(here, Link(urls.year_url(event.date.year), str(event.date.year))),
        title=event.title, when=when, iso=iso(event.date), shape=shape(event.date), location=event.location,
        summary=Markup(summary), facts=[(label, links) for label, links in facts if links],
        sources=sources,
        related=listings.axis(here, related, month_years=True) if related else "",
        edit_url=edit_url, edit_help=urls.relative(here, settings.contributing_url),
    )
    search_html = render_template("event_search.html", when=when, iso=iso(event.date),
                                  location=event.location, summary=Markup(summary))
    return Page(here, event.title, f"{when}: {_plain(summary)}", _blocks(body), searchable=True,
                search_html=search_html, edit_file=record.file, feed=_site_feed(settings), kind="event")


STATUS_TEXT = {
    "developing": ("Developing", "This event is still developing: details may change as sources report more."),
    "disputed": ("Disputed", "What this event says is disputed: read its sources and their quotes closely."),
    "corrected": ("Corrected", "This event was corrected after it was published."),
    "retracted": ("Retracted", "This event was retracted. It stays at this address so that links to it keep "
                               "working, but what it says should not be relied on."),
}
"""What each status tells a reader, at the top of the event's page."""


def _status(status: str | None, corrected: bool) -> dict[str, str] | None:
    name = status or ("corrected" if corrected else None)
    if name is None:
        return None
    label, text = STATUS_TEXT[name]
    return {"name": name, "label": label, "text": text}


def _name(catalog: Catalog, section: Section, key: Key) -> tuple[str, str]:
    """An entry's name and flag as its index row shows them."""
    row = section.row(catalog, key)
    return row.text, row.country


def render_timeline(catalog: Catalog, section: Section, key: Key, records: Sequence[EventRecord],
                    settings: Settings, listings: Listings | None = None) -> Iterator[Page]:
    """One entry's events (a country's, a leader's, ...) on a time axis, grouped by year, page by page."""
    listings = listings or Listings(catalog)
    header = section.header(catalog, key)
    feed = urls.feed_url(section.url(key)) if settings.feeds else None
    leader = catalog.leaders.get(key) if section.bands and isinstance(key, str) else None
    bands = bands_of(leader) if leader else []

    def url_of(page: int) -> str:
        return section.url(key, page)

    chunks = _pages_of(records, settings.page_size)
    offered = facets(catalog, section, key, records)
    forms: dict[str, str] = {}

    def filters_at(root: str) -> str:
        # Every page of the timeline has the same form but for its way back to the root: made once per depth.
        if root not in forms:
            forms[root] = render_template(
                "_filters.html", root=root, total=len(records), facets=offered,
                years=list(range(records[0].event.date.year, max(r.event.date.year for r in records) + 1)),
                source=urls.filter_url(section.url(key)) if len(chunks) > 1 else None,
            )
        return forms[root]

    year_pages: dict[int, int] = {}
    for number, chunk in enumerate(chunks, 1):
        for record in chunk:
            year_pages.setdefault(record.event.date.year, number)
    for number, chunk in enumerate(chunks, 1):
        here = url_of(number)
        runs = by_year(chunk) if section.by_year else [(0, list(chunk))] if chunk else []
        groups = [(year, listings.axis(here, group, flags=section.entry_countries, bands=bands,
                                       markers_from=low, markers_to=high))
                  for (year, group), (low, high) in zip(runs, _windows(chunks, number, runs), strict=True)]
        years = [_Link(urls.relative(here, url_of(page)) + f"#{year}", str(year)) for year, page in year_pages.items()]
        chart = section.chart(header.title, key, records) if number == 1 else None
        filters = filters_at(urls.relative(here, urls.HOME)) if len(records) > 1 and (offered or len(year_pages) > 1) \
            else ""
        body = render_template(
            "timeline.html", chart=render_chart(chart), feed=urls.relative(here, feed) if feed else None,
            timelinejs=urls.relative(here, urls.timelinejs_url(section.url(key))) if section.timelinejs else None,
            data=urls.relative(here, urls.DATA),
            back=_crumbs(here, Link(urls.section_url(section.name), section.title)),
            header=header, flag=flag(here, header.country, named=True) if header.country else None,
            links=[_link(here, link) for link in header.links],
            total=len(records), span=_span(records), years=years if section.by_year else [],
            pager=_pager(url_of, number, len(chunks)), groups=groups, by_year=section.by_year,
            filters=Markup(filters),
        )
        description = f"Timeline of {len(records)} event{'s' if len(records) != 1 else ''}: {header.title}."
        yield Page(here, _numbered(header.title, number), description, _blocks(body), feed=feed)


def render_index(catalog: Catalog, section: Section, settings: Settings) -> Iterator[Page]:
    """The index of a section: every entry with its count of events, page by page."""
    timelines = catalog.timelines[section.name]
    rows = sorted(((section.row(catalog, key), key, len(records)) for key, records in timelines.items()),
                  key=lambda row: row[0].order)
    chunks = _pages_of(rows, settings.page_size)

    def url_of(page: int) -> str:
        return urls.section_url(section.name, page)

    for number, chunk in enumerate(chunks, 1):
        here = url_of(number)
        body = render_template(
            "index.html",
            back=_crumbs(here),
            heading=section.title, intro=section.intro, columns=section.columns,
            rows=[{"href": urls.relative(here, section.url(key)), "row": row, "count": count,
                   "flag": flag(here, row.country, named=True) if row.country else None}
                  for row, key, count in chunk],
            pager=_pager(url_of, number, len(chunks)),
        )
        yield Page(here, _numbered(section.title, number), section.intro, _blocks(body), in_nav=number == 1,
                   feed=_site_feed(settings))


def render_home(catalog: Catalog, settings: Settings, listings: Listings | None = None) -> Page:
    """The home page: what the site is, counts, the latest events, and the ways in."""
    here = urls.HOME
    listings = listings or Listings(catalog)
    latest = list(reversed(catalog.events[-settings.latest:])) if settings.latest else []
    counts = [section.count(len(catalog.timelines[section.name])) for section in catalog.sections]
    charts = [render_chart(events_over_time("chart-activity", "all events", catalog.events))]
    charts += [render_chart(top_entries(f"chart-top-{section.name}", f"{section.title} with the most events",
                                        [(_name(catalog, section, key)[0], len(records))
                                         for key, records in catalog.timelines[section.name].items()]))
               for section in catalog.sections if section.ranked]
    ways = [{"href": urls.section_url(section.name), "text": section.title, "note": section.invitation}
            for section in catalog.sections]
    body = render_template(
        "home.html", site_name=settings.site_name, description=settings.site_description,
        events=len(catalog.events), counts=counts, span=_span(catalog.events), ways=ways,
        show_latest=settings.latest > 0, charts=charts, feed=_site_feed(settings),
        latest=listings.axis(here, latest, month_years=True, newest_first=True) if latest else "",
    )
    return Page(here, "Home", settings.site_description or settings.site_name, _blocks(body), in_nav=True,
                feed=_site_feed(settings))


FORMAT_SECTIONS = (
    ("event", "Event file", Event),
    ("source", "Source (in an event's sources)", Source),
    ("correction", "Correction (in an event's corrections)", Correction),
    ("leader", "Leader file", Leader),
    ("office", "Office (in a leader's offices)", OfficeModel),
    ("organisation", "Organisation file", Organisation),
    ("tag", "Tag (in events/tags.yml)", Tag),
)
"""Every model of the data format, in the order the reference shows them."""


def render_data(catalog: Catalog, settings: Settings) -> Page:
    """The open data page: what is published, in which form, under which licence, and how to embed it."""
    here = urls.DATA
    example = next((section.url(key) for section in catalog.sections if section.timelinejs
                    for key in catalog.timelines[section.name]), None)
    base = settings.site_url or ""
    body = render_template(
        "data.html", licence=settings.data_licence, csv_columns=CSV_COLUMNS,
        fields=[{"name": name, "description": info.description} for name, info in ExportEvent.model_fields.items()],
        events_json=urls.relative(here, urls.EVENTS_JSON), schema=urls.relative(here, urls.EVENTS_SCHEMA),
        events_csv=urls.relative(here, urls.EVENTS_CSV), feed=urls.relative(here, urls.feed_url(urls.HOME)),
        feeds=settings.feeds, timelinejs=[section.title.lower() for section in catalog.sections if section.timelinejs],
        example=urls.absolute(base, urls.timelinejs_url(example)) if example and base else None,
        example_local=urls.relative(here, urls.timelinejs_url(example)) if example else None,
    )
    return Page(here, "Open data", "Every event as JSON, CSV, Atom feeds and TimelineJS3 files, and their licence.",
                _blocks(body), in_nav=True, searchable=True, feed=_site_feed(settings))


def render_format() -> Page:
    """The data format reference, generated from the schema models so it is never written twice."""
    models = [
        {
            "heading": heading,
            "anchor": anchor,
            "description": (model.__doc__ or "").strip(),
            "fields": [{"name": name, "required": info.is_required(), "description": info.description}
                       for name, info in model.model_fields.items()],
        }
        for anchor, heading, model in FORMAT_SECTIONS
    ]
    return Page(urls.FORMAT, "Data format", "The fields of event, leader and tag files.",
                _blocks(render_template("format.html", models=models)), in_nav=True, searchable=True)


def render_problems_banner(problems: Sequence[Problem], shown: int = 20) -> Markup:
    """The preview's note of what is wrong with the data, for the top of every page under `mkdocs serve`."""
    return Markup(render_template("_problems.html", problems=[str(problem) for problem in problems[:shown]],
                                  total=len(problems)).strip())


def render_left_out(catalog: Catalog) -> Iterator[Page]:
    """In a preview, a page at the address of each event file left out for its problems, saying what they are."""
    for event_id, rel in catalog.left_out.items():
        if not EVENT_ID.fullmatch(event_id):
            continue  # a file whose name is no id has no address: the banner lists its problems
        mine = [str(problem) for problem in catalog.problems if problem.path.endswith("/" + rel)]
        body = render_template("_left_out.html", file=rel, problems=mine)
        yield Page(urls.event_url(event_id), f"{event_id} (not shown: it has problems)", "", _blocks(body))
