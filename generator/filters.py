"""Filters on timeline pages: which facets a listing offers, and the data a paginated listing filters over.

With JavaScript off a timeline is its full list; with it on, a reader narrows it by year range and by the
entries of every facet section (countries, leaders, organisations, tags) and the state lives in the URL. A
listing on one page is filtered in place from its entries' data attributes; a longer one fetches its own
static `filter.json` from the same site, so that a filter never applies to one page of it only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from . import urls
from .assets import Asset
from .catalog import Catalog, EventRecord
from .countries import country_flag, country_name
from .listing import iso, shape
from .sections import Key, Section


@dataclass(frozen=True)
class Facet:
    """One filter control: a section, and the entries a listing's events have in it, by name."""

    name: str
    label: str
    options: tuple[tuple[str, str], ...]


def facets(catalog: Catalog, section: Section, key: Key, records: Sequence[EventRecord]) -> list[Facet]:
    """The facets worth offering on one timeline: those where its events differ (not its own section's key)."""
    found = []
    for other in catalog.sections:
        if not other.facet:
            continue
        keys = {entry for record in records for entry in other.select(record.event)}
        if other is section:
            keys.discard(key)
        if not keys or all(keys <= set(other.select(record.event)) for record in records):
            continue  # every event has every one of them: filtering would change nothing
        options = sorted(((str(entry), other.row(catalog, entry).text) for entry in keys),
                         key=lambda option: option[1].casefold())
        found.append(Facet(other.name, other.nouns[0].capitalize(), tuple(options)))
    return found


def render_filter_data(catalog: Catalog, page_url: str, records: Sequence[EventRecord]) -> Asset:
    """`<timeline>/filter.json`: what the filters need of every event of a paginated listing, in date order."""
    facet_sections = [section for section in catalog.sections if section.facet]
    countries = sorted({code for record in records for code in record.event.countries})
    data = {
        "facets": [section.name for section in facet_sections],
        "flags": {code: {"src": urls.flag_url(code), "name": country_name(code)}
                  for code in countries if country_flag(code)},
        "events": [
            {
                "url": urls.event_url(record.id), "title": record.event.title, "year": record.event.date.year,
                "when": record.event.date.display(), "iso": iso(record.event.date), "shape": shape(record.event.date),
                "status": record.event.status or "",
                **{section.name: [str(entry) for entry in dict.fromkeys(section.select(record.event))]
                   for section in facet_sections},
            }
            for record in records
        ],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Asset(urls.filter_url(page_url), text.encode())
