"""Every file of the site that is not a page: flags, feeds and data exports, each made by its own module."""

from __future__ import annotations

from collections.abc import Iterator

from .assets import Asset, render_flags
from .catalog import Catalog
from .exports import render_exports
from .feeds import render_feeds
from .filters import render_filter_data
from .pages import Settings
from .render import Summaries


def render_assets(catalog: Catalog, settings: Settings, summaries: Summaries) -> Iterator[Asset]:
    """Every file of the site that is not a page, in a stable order."""
    yield from render_flags(catalog)
    for section in catalog.sections:
        for key, records in catalog.timelines[section.name].items():
            if len(records) > settings.page_size:  # a listing on one page filters its own entries
                yield render_filter_data(catalog, section.url(key), records)
    yield from render_exports(catalog, site_name=settings.site_name, site_url=settings.site_url or "",
                              licence=settings.data_licence, summaries=summaries)
    if settings.site_url:
        yield from render_feeds(catalog, site_url=settings.site_url, site_name=settings.site_name,
                                size=settings.feed_size, summaries=summaries)
