"""Files of the site that are not pages: flags, feeds and data exports, each made by its own module."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from . import urls
from .catalog import Catalog
from .countries import country_flag


@dataclass(frozen=True)
class Asset:
    """A file published as it is: its site-relative path and its bytes."""

    path: str
    content: bytes


def render_assets(catalog: Catalog) -> Iterator[Asset]:
    """Every file of the site that is not a page, in a stable order."""
    yield from render_flags(catalog)


def render_flags(catalog: Catalog) -> Iterator[Asset]:
    """The SVG flag of every current country the pages show (events' countries and leaders' countries)."""
    codes = {code for record in catalog.events for code in record.event.countries}
    codes |= {leader.country for leader in catalog.leaders.values()}
    folder = resources.files("generator") / "flags"
    for code in sorted(codes):
        if country_flag(code):
            yield Asset(urls.flag_url(code), (folder / f"{code.lower()}.svg").read_bytes())
