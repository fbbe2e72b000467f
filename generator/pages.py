"""Pages: pure functions from the catalog to the site's pages, each a Markdown text with front matter.

Every contributor string reaches a page through a Jinja2 template with autoescape on, or as summary HTML that
render.py has sanitized. Front matter is serialized from escaped values (as JSON, which is YAML), never
pasted together by hand.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import urls
from .catalog import Catalog, EventRecord
from .countries import country_flag, country_name
from .dates import DatePoint, EventDate
from .render import render_markdown
from .schema import Event, Leader, Office, Source, Tag

SECTION_TITLES = {"countries": "Countries", "leaders": "Leaders", "years": "Years", "tags": "Tags"}
DESCRIPTION_LENGTH = 160


@dataclass(frozen=True)
class Settings:
    """What the pages need to know besides the data."""

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


@dataclass(frozen=True)
class Page:
    """One page of the site: where it goes, its plain-text title and description, and its Markdown body."""

    url: str
    title: str
    description: str
    body: str
    in_nav: bool = False
    searchable: bool = False
    edit_file: str | None = None
    search_html: str | None = None
    """What search should index of a searchable page, when that is less than the whole page."""

    @property
    def source_path(self) -> str:
        """The file name MkDocs is given for the page."""
        return urls.source_path(self.url)

    @property
    def front_matter(self) -> str:
        """Escaped title and description and the search setting, serialized as JSON (which is YAML)."""
        meta: dict[str, Any] = {"title": html.escape(self.title), "description": html.escape(self.description)}
        if not self.searchable:
            meta["search"] = {"exclude": True}
        # JSON is YAML: a serializer's output, never text pasted together, and many times faster to write.
        return "---\n" + json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n---\n\n"

    @property
    def markdown(self) -> str:
        """The page as a Markdown file: front matter, then the body."""
        return self.front_matter + self.body

    def skeleton(self) -> tuple[str, list[str]]:
        """The page with each HTML block replaced by a placeholder comment, and the blocks in order.

        A body is HTML blocks between `## ` headings. The headings are all Markdown has to read (they make
        the table of contents); the HTML is final, so the plugin puts it back after Markdown has run
        instead of having Markdown parse it again.
        """
        parts: list[str] = []
        blocks: list[str] = []
        current: list[str] = []

        def close() -> None:
            text = "\n".join(current).strip("\n")
            current.clear()
            if text:
                parts.append(placeholder(len(blocks)))
                blocks.append(text)

        for line in self.body.split("\n"):
            if line.startswith("## "):
                close()
                parts.append(line)
            else:
                current.append(line)
        close()
        return self.front_matter + "\n\n".join(parts) + "\n", blocks


def placeholder(index: int) -> str:
    """The comment that stands for an HTML block of a generated page while Markdown runs."""
    return f"<!--timeline-block-{index}-->"


PLACEHOLDER = re.compile(r"<!--timeline-block-([0-9]+)-->")


@lru_cache(maxsize=None)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        auto_reload=False,  # templates are package data: no need to stat them at every page
        keep_trailing_newline=True,
    )


def _render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


def render_pages(catalog: Catalog, settings: Settings = Settings()) -> Iterator[Page]:
    """Every page of the site, in a stable order."""
    entries = _entries(catalog)
    yield render_home(catalog, settings, entries)
    yield render_format()
    for record in catalog.events:
        yield render_event(catalog, record, settings, entries)
    yield from render_section(catalog, "countries", settings)
    yield from render_section(catalog, "leaders", settings)
    yield from render_section(catalog, "years", settings)
    yield from render_section(catalog, "tags", settings)
    for code, records in catalog.by_country.items():
        yield from render_timeline(catalog, "countries", code, records, settings, entries)
    for leader, records in catalog.by_leader.items():
        yield from render_timeline(catalog, "leaders", leader, records, settings, entries)
    for year, records in catalog.by_year.items():
        yield from render_timeline(catalog, "years", year, records, settings, entries)
    for tag, records in catalog.by_tag.items():
        yield from render_timeline(catalog, "tags", tag, records, settings, entries)


# -- helpers ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Link:
    href: str
    text: str
    flag: str = ""


def _flag(code: str) -> Markup:
    """A country's flag as character references: the pages stay ASCII, and Python keeps ASCII text at one
    byte a character where a single emoji would make the whole page's string four bytes a character."""
    return Markup("".join(f"&#x{ord(char):X};" for char in country_flag(code)))


@dataclass(frozen=True)
class _Item:
    href: str
    title: str
    when: str
    iso: str
    where: str = ""


@dataclass(frozen=True)
class _Pager:
    number: int
    count: int
    previous: str | None = None
    next: str | None = None


def _iso(date: EventDate | DatePoint) -> str:
    point = date.anchor if isinstance(date, EventDate) else date
    return point.exact_text


@dataclass(frozen=True)
class _Entry:
    """What every listing shows of an event, worked out once per event rather than once per listing."""

    url: str
    title: str
    when: str
    iso: str
    flags: str


def _entries(catalog: Catalog) -> dict[str, _Entry]:
    return {
        record.id: _Entry(urls.event_url(record.id), record.event.title, record.event.date.display(),
                          _iso(record.event.date),
                          Markup(" ").join(filter(None, (_flag(code) for code in record.event.countries))))
        for record in catalog.events
    }


def _item(from_url: str, entry: _Entry, *, where: bool = False) -> _Item:
    return _Item(urls.relative(from_url, entry.url), entry.title, entry.when, entry.iso, entry.flags if where else "")


def _pages_of(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[start:start + size] for start in range(0, len(items), size)] or [items[:0]]


def _pager(url_of, number: int, count: int) -> _Pager:
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


def _term(start: DatePoint | EventDate | None, end: DatePoint | EventDate | None) -> str:
    if start is None and end is None:
        return ""
    left = start.display() if start else "?"
    right = end.display() if end else "in office"
    return f"{left} – {right}"


# -- pages -----------------------------------------------------------------------------------------------------


def render_event(catalog: Catalog, record: EventRecord, settings: Settings,
                 entries: dict[str, _Entry] | None = None) -> Page:
    """The permalink page of one event, with everything in its file."""
    event = record.event
    entries = entries or _entries(catalog)
    entry = entries[record.id]
    here = entry.url
    summary = render_markdown(event.summary)
    sources = [
        {
            "publisher": source.publisher, "title": source.title, "url": source.url,
            "archive_url": source.archive_url, "when": source.date.display(), "iso": _iso(source.date),
            "quote": [part.strip() for part in (source.quote or "").split("\n\n") if part.strip()],
        }
        for source in event.sources
    ]
    edit_url = urljoin(settings.edit_base, settings.events_path + record.file) if settings.edit_base else None
    body = _render(
        "event.html",
        back=[_Link(urls.relative(here, urls.HOME), "Home"),
              _Link(urls.relative(here, urls.year_url(event.date.year)), str(event.date.year))],
        title=event.title, when=entry.when, iso=entry.iso, location=event.location,
        summary=Markup(summary),
        countries=[_Link(urls.relative(here, urls.country_url(code)), country_name(code), _flag(code))
                   for code in event.countries],
        leaders=[_Link(urls.relative(here, urls.leader_url(leader)), catalog.leaders[leader].name)
                 for leader in event.leaders],
        tags=[_Link(urls.relative(here, urls.tag_url(tag)), catalog.tags[tag].label) for tag in event.tags],
        sources=sources,
        related=[_item(here, entries[other]) for other in event.related],
        edit_url=edit_url, edit_help=urls.relative(here, settings.contributing_url),
    )
    description = f"{entry.when}: {_plain(summary)}"
    search_html = _render("event_search.html", when=entry.when, iso=entry.iso,
                          location=event.location, summary=Markup(summary))
    return Page(here, event.title, description, body, searchable=True, edit_file=record.file,
                search_html=search_html)


def render_timeline(catalog: Catalog, section: str, key: Any, records: Sequence[EventRecord],
                    settings: Settings, entries: dict[str, _Entry] | None = None) -> Iterator[Page]:
    """One country's, leader's, year's or tag's events in date order, grouped by year, page by page."""
    entries = entries or _entries(catalog)
    url_of, heading, flag, lines, offices, links, links_label = _timeline_head(catalog, section, key)
    chunks = _pages_of(records, settings.page_size)
    year_pages: dict[int, int] = {}
    for number, chunk in enumerate(chunks, 1):
        for record in chunk:
            year_pages.setdefault(record.event.date.year, number)
    for number, chunk in enumerate(chunks, 1):
        here = url_of(number)
        groups: list[dict[str, Any]] = []
        for record in chunk:
            year = record.event.date.year
            if not groups or groups[-1]["key"] != year:
                # A year's own page has one list and no year headings.
                groups.append({"key": year, "year": year if section != "years" else None, "entries": []})
            groups[-1]["entries"].append(_item(here, entries[record.id], where=section != "countries"))
        years = [_Link(urls.relative(here, url_of(page)) + f"#{year}", str(year)) for year, page in year_pages.items()]
        body = _render(
            "timeline.html",
            back=[_Link(urls.relative(here, urls.HOME), "Home"),
                  _Link(urls.relative(here, urls.section_url(section)), SECTION_TITLES[section])],
            heading=heading, flag=flag, lines=lines, offices=offices, links=_relative_links(here, links),
            links_label=links_label,
            total=len(records), span=_span(records), years=years if section != "years" else [],
            pager=_pager(url_of, number, len(chunks)), groups=groups,
        )
        title = heading if number == 1 else f"{heading} (page {number})"
        description = f"Timeline of {len(records)} event{'s' if len(records) != 1 else ''}: {heading}."
        yield Page(here, title, description, body)


def _timeline_head(catalog: Catalog, section: str, key: Any):
    links: list[_Link] = []
    if section == "countries":
        leaders = [(leader_id, leader) for leader_id, leader in catalog.leaders.items() if leader.country == key]
        links = [_Link(urls.leader_url(leader_id), leader.name) for leader_id, leader in leaders]
        return (lambda page: urls.country_url(key, page)), country_name(key), _flag(key), [], [], \
            links, "Leaders"
    if section == "leaders":
        leader = catalog.leaders[key]
        lines = [leader.native_name] if leader.native_name else []
        offices = [{"title": office.title, "term": _term(office.start, office.end)} for office in leader.offices]
        links = [_Link(urls.country_url(leader.country), country_name(leader.country), _flag(leader.country))]
        return (lambda page: urls.leader_url(key, page)), leader.name, "", lines, offices, links, "Country"
    if section == "years":
        return (lambda page: urls.year_url(key, page)), str(key), "", [], [], [], ""
    tag = catalog.tags[key]
    return (lambda page: urls.tag_url(key, page)), tag.label, "", [tag.description], [], [], ""


def _relative_links(here: str, links: list[_Link]) -> list[_Link]:
    return [_Link(urls.relative(here, link.href), link.text, link.flag) for link in links]


def render_section(catalog: Catalog, section: str, settings: Settings) -> Iterator[Page]:
    """The index of a section: every country, leader, year or tag with its count, page by page."""
    rows, columns, intro = _section_rows(catalog, section)
    chunks = _pages_of(rows, settings.page_size)
    for number, chunk in enumerate(chunks, 1):
        here = urls.section_url(section, number)
        body = _render(
            "index.html",
            back=[_Link(urls.relative(here, urls.HOME), "Home")],
            heading=SECTION_TITLES[section], intro=intro, columns=columns,
            rows=[{**row, "href": urls.relative(here, row["href"])} for row in chunk],
            pager=_pager(lambda page: urls.section_url(section, page), number, len(chunks)),
        )
        title = SECTION_TITLES[section] if number == 1 else f"{SECTION_TITLES[section]} (page {number})"
        yield Page(here, title, intro, body, in_nav=number == 1)


def _section_rows(catalog: Catalog, section: str):
    if section == "countries":
        rows = sorted(
            ({"href": urls.country_url(code), "text": country_name(code), "flag": _flag(code), "note": "",
              "cells": [], "count": len(records)} for code, records in catalog.by_country.items()),
            key=lambda row: row["text"].casefold(),
        )
        return rows, ["Country", "Events"], "Every country with events, and how many."
    if section == "leaders":
        rows = sorted(
            ({"href": urls.leader_url(leader_id), "text": leader.name, "flag": "", "note": leader.native_name or "",
              "cells": [country_name(leader.country)], "count": len(catalog.by_leader[leader_id])}
             for leader_id, leader in catalog.leaders.items()),
            key=lambda row: (row["text"].casefold(), row["href"]),
        )
        return rows, ["Leader", "Country", "Events"], "Every leader, their country, and how many events name them."
    if section == "years":
        rows = [{"href": urls.year_url(year), "text": str(year), "flag": "", "note": "", "cells": [],
                 "count": len(records)} for year, records in reversed(catalog.by_year.items())]
        return rows, ["Year", "Events"], "Every year with events, the latest first."
    rows = [{"href": urls.tag_url(tag_id), "text": tag.label, "flag": "", "note": "", "cells": [tag.description],
             "count": len(catalog.by_tag[tag_id])} for tag_id, tag in catalog.tags.items()]
    return rows, ["Tag", "Description", "Events"], "The tags events are filed under."


def render_home(catalog: Catalog, settings: Settings, entries: dict[str, _Entry] | None = None) -> Page:
    """The home page: what the site is, counts, the latest events, and the ways in."""
    here = urls.HOME
    entries = entries or _entries(catalog)
    latest = [_item(here, entries[record.id], where=True) for record in reversed(catalog.events[-settings.latest:])]
    counts = {"events": len(catalog.events), "countries": len(catalog.by_country),
              "leaders": len(catalog.leaders), "tags": len(catalog.tags)}
    ways = [
        {"href": urls.section_url("countries"), "text": "Countries", "note": "follow one country through time"},
        {"href": urls.section_url("leaders"), "text": "Leaders", "note": "what each leader did, and when"},
        {"href": urls.section_url("years"), "text": "Years", "note": "everything that happened in a year"},
        {"href": urls.section_url("tags"), "text": "Tags", "note": "events by subject"},
    ]
    body = _render("home.html", site_name=settings.site_name, description=settings.site_description,
                   counts=counts, span=_span(catalog.events), latest=latest, ways=ways)
    return Page(here, "Home", settings.site_description or settings.site_name, body, in_nav=True)


FORMAT_SECTIONS = (
    ("Event file", Event),
    ("Source (in an event's sources)", Source),
    ("Leader file", Leader),
    ("Office (in a leader's offices)", Office),
    ("Tag (in events/tags.yml)", Tag),
)
"""Every model of the data format, in the order the reference shows them."""


def render_format() -> Page:
    """The data format reference, generated from the schema models so it is never written twice."""
    models = [
        {
            "heading": heading,
            "description": (model.__doc__ or "").strip(),
            "fields": [{"name": name, "required": info.is_required(), "description": info.description}
                       for name, info in model.model_fields.items()],
        }
        for heading, model in FORMAT_SECTIONS
    ]
    return Page(urls.FORMAT, "Data format", "The fields of event, leader and tag files.",
                _render("format.html", models=models), in_nav=True, searchable=True)
