"""Jobs: the site's pages and files in small groups, each with the inputs it reads, so that a preview remakes only
what an edit changed and a build can share the groups among processes.

A job's `inputs` hold everything its `run` reads of the catalog and the settings; equal inputs give equal output.
Declaring more than is read only costs time, declaring less shows a stale page, so each job's inputs are the
objects its render function is given, or a superset. This is the one list of what the site holds: the plugin
runs the jobs, and `timeline pages` and the tests read the pages and files they make (site_pages, site_files).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from . import urls
from .assets import Asset, render_flags
from .catalog import Catalog, EventRecord
from .exports import csv_row, json_entry, render_csv, render_json, render_schema, render_timelinejs
from .feeds import render_feed
from .filters import render_filter_data
from .listing import Listings
from .pages import (
    Page,
    Settings,
    render_data,
    render_event,
    render_format,
    render_home,
    render_index,
    render_left_out,
    render_timeline,
)
from .registries import REGISTRIES
from .render import Summaries
from .schema import Event
from .sections import Header, Key, Section

T = TypeVar("T")


@dataclass(frozen=True)
class Job(Generic[T]):
    """Some pages or files to make: `key` names the job across builds, `inputs` says when its output changes."""

    key: tuple[Any, ...]
    inputs: tuple[Any, ...]
    run: Callable[[], list[T]]
    memo: bool = False
    """Whether the job keeps parts in the memo: under a preview it runs in the building process, which keeps it."""


class Memo:
    """What a preview keeps between builds: parts of files (each event's part of events.json and events.csv), each
    with the inputs it was made from, so that a file of every event is made again from the parts of the events
    that changed and the kept parts of the others; and what each event names in the registries."""

    def __init__(self) -> None:
        self._parts: dict[tuple[Any, ...], tuple[tuple[Any, ...], str]] = {}
        self.registries: tuple[tuple[Any, Any], ...] = ()
        self.named: dict[str, tuple[Event, tuple[Any, ...]]] = {}

    def part(self, key: tuple[Any, ...], inputs: tuple[Any, ...], make: Callable[[], str]) -> str:
        """The part named `key`: kept if it was made from these inputs, else made now."""
        found = self._parts.get(key)
        if found is not None and found[0] == inputs:
            return found[1]
        made = make()
        self._parts[key] = (inputs, made)
        return made


class _Reads:
    """What jobs read of a catalog, worked out once per build and shared by the jobs."""

    def __init__(self, catalog: Catalog, memo: Memo | None) -> None:
        self.catalog = catalog
        tables = [(registry.field, getattr(catalog, registry.field)) for registry in REGISTRIES]
        self.everything = (tuple(catalog.events), *(tuple(table.items()) for _, table in tables))
        """The whole catalog's data, for the pages and files that show all of it (the home page, the exports)."""
        # Every registry entry an event names, with the entry itself: a page showing a leader's name depends on
        # the leader's file. A preview keeps them while the event and the registries are the same objects.
        registries = tuple(item for _, table in tables for item in table.items())
        kept = memo.named if memo is not None and _same(memo.registries, registries) else {}
        named = {}
        for record in catalog.events:
            found = kept.get(record.id)
            if found is None or found[0] is not record.event:
                found = (record.event, tuple((field, name, table.get(name)) for field, table in tables
                                             for name in getattr(record.event, field)))
            named[record.id] = found
        if memo is not None:
            memo.registries, memo.named = registries, named
        self.named = named
        self._headers: dict[tuple[str, Key], Header] = {}

    def events(self, records: Sequence[EventRecord]) -> tuple[Any, ...]:
        """The records, and every registry entry they name."""
        return tuple(records), tuple(self.named[record.id][1] for record in records)

    def header(self, section: Section[Any], key: Key) -> Header:
        """The header of a timeline, worked out once."""
        found = self._headers.get((section.name, key))
        if found is None:
            found = self._headers[section.name, key] = section.header(self.catalog, key)
        return found


def _same(old: tuple[tuple[Any, Any], ...], new: tuple[tuple[Any, Any], ...]) -> bool:
    """Whether two snapshots of the registries hold the same ids and the very same entries."""
    return len(old) == len(new) and all(a[0] == b[0] and a[1] is b[1] for a, b in zip(old, new, strict=True))


def site_jobs(catalog: Catalog, settings: Settings, listings: Listings,
              memo: Memo | None = None) -> tuple[list[Job[Page]], list[Job[Asset]]]:
    """Every page of the site as jobs, and every other file (flags, filter data, exports, feeds), each in a stable
    order; with a memo, the files of every event are made of kept parts."""
    reads = _Reads(catalog, memo)
    return (_page_jobs(catalog, settings, listings, reads),
            _asset_jobs(catalog, settings, listings.summaries, reads, memo))


def site_pages(catalog: Catalog, settings: Settings, listings: Listings | None = None) -> Iterator[Page]:
    """Every page of the site, in a stable order: what its page jobs make."""
    pages, _ = site_jobs(catalog, settings, listings or Listings(catalog))
    for job in pages:
        yield from job.run()


def site_files(catalog: Catalog, settings: Settings, listings: Listings | None = None) -> Iterator[Asset]:
    """Every file of the site that is not a page, in a stable order: what its other jobs make."""
    _, files = site_jobs(catalog, settings, listings or Listings(catalog))
    for job in files:
        yield from job.run()


def _page_jobs(catalog: Catalog, settings: Settings, listings: Listings, reads: _Reads) -> list[Job[Page]]:
    jobs: list[Job[Page]] = [
        Job(("home",), (settings, reads.everything), partial(_one, render_home, catalog, settings, listings)),
        Job(("format",), (), partial(_one, render_format)),
        Job(("data",), (settings, tuple(tuple(catalog.timelines[section.name]) for section in catalog.sections
                                        if section.timelinejs)),
            partial(_one, render_data, catalog, settings)),
    ]
    for record in catalog.events:
        related = tuple(catalog.related.get(record.id, ()))
        jobs.append(Job(("event", record.id), (settings, reads.events((record, *related))),
                        partial(_one, render_event, catalog, record, settings, listings)))
    for section in catalog.sections:
        timelines = catalog.timelines[section.name]
        rows = tuple((key, section.row(catalog, key), len(records)) for key, records in timelines.items())
        jobs.append(Job(("index", section.name), (settings, rows),
                        partial(_all, render_index, catalog, section, settings)))
    for section in catalog.sections:
        for key, records in catalog.timelines[section.name].items():
            leader = catalog.leaders.get(key) if section.bands and isinstance(key, str) else None
            inputs = (settings, reads.header(section, key), leader, reads.events(records))
            jobs.append(Job(("timeline", section.name, key), inputs,
                            partial(_all, render_timeline, catalog, section, key, records, settings, listings)))
    jobs.append(Job(("left out",), (tuple(catalog.left_out.items()), tuple(catalog.problems)),
                    partial(_all, render_left_out, catalog)))
    return jobs


def _asset_jobs(catalog: Catalog, settings: Settings, summaries: Summaries, reads: _Reads,
                memo: Memo | None) -> list[Job[Asset]]:
    site_url = settings.site_url or ""
    entry = row = None
    if memo is not None:
        def entry(record: EventRecord) -> str:
            related = tuple(other.id for other in catalog.related.get(record.id, ()))
            return memo.part(("json", record.id), (site_url, reads.events((record,)), related),
                             partial(json_entry, catalog, record, site_url=site_url, summaries=summaries))

        def row(record: EventRecord) -> str:
            return memo.part(("csv", record.id), (site_url, record), partial(csv_row, record, site_url=site_url))
    jobs: list[Job[Asset]] = [Job(("flags",), reads.everything, partial(_all, render_flags, catalog))]
    for section in catalog.sections:
        for key, records in catalog.timelines[section.name].items():
            if len(records) > settings.page_size:  # a listing on one page filters its own entries
                jobs.append(Job(("filter", section.name, key), (tuple(records),),
                                partial(_one, render_filter_data, catalog, section.url(key), records)))
    jobs += [
        Job(("events.json",), (settings, reads.everything),
            partial(_one, render_json, catalog, site_name=settings.site_name, site_url=site_url,
                    licence=settings.data_licence, summaries=summaries, entry=entry), memo=memo is not None),
        Job(("events.schema.json",), (), partial(_one, render_schema)),
        Job(("events.csv",), (site_url, reads.everything), partial(_one, render_csv, catalog, site_url=site_url,
                                                                   row=row), memo=memo is not None),
    ]
    for section in catalog.sections:
        if not section.timelinejs:
            continue
        for key, records in catalog.timelines[section.name].items():
            headline = reads.header(section, key).title
            jobs.append(Job(("timelinejs", section.name, key), (site_url, headline, tuple(records)),
                            partial(_one, render_timelinejs, catalog, records, headline=headline,
                                    page_url=section.url(key), site_url=site_url, summaries=summaries)))
    if settings.site_url:
        jobs += _feed_jobs(catalog, settings, summaries, reads)
    return jobs


def _feed_jobs(catalog: Catalog, settings: Settings, summaries: Summaries, reads: _Reads) -> list[Job[Asset]]:
    """The site's feed, then one per timeline of every section (feeds need a site_url)."""
    common = {"site_url": settings.site_url or "", "site_name": settings.site_name, "size": settings.feed_size,
              "summaries": summaries}
    jobs = [Job(("feed",), (settings, reads.everything),
                partial(_one, render_feed, catalog, catalog.events, page_url=urls.HOME, title=settings.site_name,
                        **common))]
    for section in catalog.sections:
        for key, records in catalog.timelines[section.name].items():
            title = f"{reads.header(section, key).title} – {settings.site_name}"
            jobs.append(Job(("feed", section.name, key), (settings, title, reads.events(records)),
                            partial(_one, render_feed, catalog, records, page_url=section.url(key), title=title,
                                    **common)))
    return jobs


def _one(render: Callable[..., T], *args: Any, **kwargs: Any) -> list[T]:
    return [render(*args, **kwargs)]


def _all(render: Callable[..., Iterable[T]], *args: Any, **kwargs: Any) -> list[T]:
    return list(render(*args, **kwargs))
