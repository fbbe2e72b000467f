"""Atom feeds: one for the whole site and one for every timeline, newest events first.

Feeds are built as XML trees with the standard library, never as text pasted together; entry ids are the
events' permalinks, links are absolute (from `site_url`), and content is the sanitized summary.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date

from . import urls
from .assets import Asset
from .catalog import Catalog, EventRecord
from .render import Summaries

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


def _tag(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _tag(name), attributes)
    if text is not None:
        element.text = text
    return element


def updated(record: EventRecord) -> date:
    """When an event was last reported or corrected: the latest of its sources' and corrections' dates."""
    event = record.event
    days = [source.date.anchor.earliest for source in event.sources]
    days += [correction.date.anchor.earliest for correction in event.corrections]
    return max(days)


def _timestamp(day: date) -> str:
    # Dates are calendar days where things happened: a feed needs a time, midnight UTC says nothing more.
    return f"{day.isoformat()}T00:00:00Z"


def render_feed(catalog: Catalog, records: Sequence[EventRecord], *, page_url: str, title: str, site_url: str,
                site_name: str, size: int, summaries: Summaries) -> Asset:
    """The Atom feed of one timeline (or of the whole site): its `size` newest events, newest first."""
    newest = sorted(records, key=lambda record: (record.event.date.sort_key, record.id), reverse=True)[:size]
    feed_url = urls.feed_url(page_url)
    root = ET.Element(_tag("feed"))
    _add(root, "id", urls.absolute(site_url, page_url))
    _add(root, "title", title)
    _add(root, "link", rel="self", type="application/atom+xml", href=urls.absolute(site_url, feed_url))
    _add(root, "link", rel="alternate", type="text/html", href=urls.absolute(site_url, page_url))
    _add(root, "updated", _timestamp(max((updated(record) for record in newest), default=date(1970, 1, 1))))
    _add(_add(root, "author"), "name", site_name)
    _add(root, "generator", "news-timeline")
    for record in newest:
        event = record.event
        permalink = urls.absolute(site_url, urls.event_url(record.id))
        entry = _add(root, "entry")
        _add(entry, "id", permalink)
        _add(entry, "title", event.title)
        _add(entry, "link", rel="alternate", type="text/html", href=permalink)
        _add(entry, "updated", _timestamp(updated(record)))
        _add(entry, "published", _timestamp(min(source.date.anchor.earliest for source in event.sources)))
        _add(entry, "summary", event.date.display() + (f", {event.location}" if event.location else ""))
        _add(entry, "content", str(summaries(record)), type="html")
        for tag in event.tags:
            _add(entry, "category", term=tag, label=catalog.tags[tag].label)
    ET.indent(root)
    return Asset(feed_url, ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")
