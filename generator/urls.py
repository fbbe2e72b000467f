"""Every URL and output path of the site is made here and nowhere else.

URLs are site-relative directory URLs without a leading slash (`countries/kr/`); the home page is ''.
Every id is matched in full against its pattern before a path is made from it.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from .schema import EVENT_ID as _EVENT_ID
from .schema import SLUG as _SLUG

_COUNTRY = re.compile(r"[A-Z]{2}(?:[A-Z]{2})?")

HOME = ""
FORMAT = "format/"
DATA = "data/"
ASSETS_CSS = "assets/timeline.css"
ASSETS_JS = "assets/timeline.js"
FLAGS = "assets/flags/"
FEED = "feed.xml"
TIMELINEJS = "timeline.json"
FILTER_DATA = "filter.json"
EVENTS_JSON = "events.json"
EVENTS_SCHEMA = "events.schema.json"
EVENTS_CSV = "events.csv"


def _checked(pattern: re.Pattern[str], value: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ValueError(f"refusing to make a URL from {value!r}")
    return value


def paged(base: str, page: int) -> str:
    """The URL of page `page` of a listing whose first page is base: `base`, `base/page/2/`, ..."""
    if page < 1:
        raise ValueError(f"pages start at 1, got {page}")
    return base if page == 1 else f"{base}page/{page}/"


def event_url(event_id: str) -> str:
    """The permalink of one event."""
    return f"events/{_checked(_EVENT_ID, event_id)}/"


def section_url(section: str, page: int = 1) -> str:
    """The index of a section (countries, leaders, years, tags, ...): one folder named by a slug."""
    return paged(f"{_checked(_SLUG, section)}/", page)


def timeline_url(section: str, segment: str, page: int = 1) -> str:
    """One entry of a section: `<section>/<segment>/`, both slugs."""
    return paged(f"{_checked(_SLUG, section)}/{_checked(_SLUG, segment)}/", page)


def country_url(code: str, page: int = 1) -> str:
    """One country's timeline; the code in lower case."""
    return timeline_url("countries", _checked(_COUNTRY, code).lower(), page)


def leader_url(leader_id: str, page: int = 1) -> str:
    """One leader's timeline."""
    return timeline_url("leaders", leader_id, page)


def organisation_url(organisation_id: str, page: int = 1) -> str:
    """One organisation's timeline."""
    return timeline_url("organisations", organisation_id, page)


def year_url(year: int, page: int = 1) -> str:
    """One year's timeline."""
    if not isinstance(year, int) or isinstance(year, bool) or not 1 <= year <= 9999:
        raise ValueError(f"refusing to make a URL from {year!r}")
    return timeline_url("years", f"{year:04d}", page)


def tag_url(tag: str, page: int = 1) -> str:
    """One tag's timeline."""
    return timeline_url("tags", tag, page)


def feed_url(page_url: str) -> str:
    """The Atom feed of a page (the site's home, or the first page of a timeline): `countries/kr/feed.xml`."""
    return f"{page_url}{FEED}"


def timelinejs_url(page_url: str) -> str:
    """The Knight Lab TimelineJS3 data of a timeline: `countries/kr/timeline.json`."""
    return f"{page_url}{TIMELINEJS}"


def filter_url(page_url: str) -> str:
    """What the filters of a paginated timeline read, beside its first page: `countries/kr/filter.json`."""
    return f"{page_url}{FILTER_DATA}"


def flag_url(code: str) -> str:
    """The SVG flag of a current country, published with the site: `assets/flags/kr.svg`."""
    return f"{FLAGS}{_checked(_COUNTRY, code).lower()}.svg"


def source_path(url: str) -> str:
    """The Markdown file name MkDocs is given for a URL: `countries/kr/` -> `countries/kr/index.md`."""
    return f"{url}index.md"


def absolute(site_url: str, url: str) -> str:
    """A site URL (`events/<id>/`) as an absolute one under site_url: what feeds, exports and shared links need."""
    return urljoin(site_url, url)


def relative(from_url: str, to_url: str) -> str:
    """A link from one page to another that works wherever the site is hosted."""
    if to_url.startswith(("http://", "https://")):
        return to_url
    # Page URLs are folders ("a/b/"): climb out of what the two do not share, then go down.
    here = from_url.split("/")[:-1]
    there = to_url.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"
