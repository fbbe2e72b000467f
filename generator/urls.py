"""Every URL and output path of the site is made here and nowhere else.

URLs are site-relative directory URLs without a leading slash (`countries/kr/`); the home page is ''.
Every id is matched in full against its pattern before a path is made from it.
"""

from __future__ import annotations

import re

from .schema import EVENT_ID_PATTERN, SLUG_PATTERN

_EVENT_ID = re.compile(EVENT_ID_PATTERN)
_SLUG = re.compile(SLUG_PATTERN)
_COUNTRY = re.compile(r"[A-Z]{2}(?:[A-Z]{2})?")

HOME = ""
SECTIONS = ("countries", "leaders", "years", "tags")
FORMAT = "format/"
ASSETS_CSS = "assets/timeline.css"


def _checked(pattern: re.Pattern[str], value: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ValueError(f"refusing to make a URL from {value!r}")
    return value


def _paged(base: str, page: int) -> str:
    if page < 1:
        raise ValueError(f"pages start at 1, got {page}")
    return base if page == 1 else f"{base}page/{page}/"


def event_url(event_id: str) -> str:
    """The permalink of one event."""
    return f"events/{_checked(_EVENT_ID, event_id)}/"


def section_url(section: str, page: int = 1) -> str:
    """The index of a section: countries, leaders, years or tags."""
    if section not in SECTIONS:
        raise ValueError(f"no such section {section!r}")
    return _paged(f"{section}/", page)


def country_url(code: str, page: int = 1) -> str:
    """One country's timeline; the code in lower case."""
    return _paged(f"countries/{_checked(_COUNTRY, code).lower()}/", page)


def leader_url(leader_id: str, page: int = 1) -> str:
    """One leader's timeline."""
    return _paged(f"leaders/{_checked(_SLUG, leader_id)}/", page)


def year_url(year: int, page: int = 1) -> str:
    """One year's timeline."""
    if not isinstance(year, int) or not 1 <= year <= 9999:
        raise ValueError(f"refusing to make a URL from {year!r}")
    return _paged(f"years/{year:04d}/", page)


def tag_url(tag: str, page: int = 1) -> str:
    """One tag's timeline."""
    return _paged(f"tags/{_checked(_SLUG, tag)}/", page)


def source_path(url: str) -> str:
    """The Markdown file name MkDocs is given for a URL: `countries/kr/` -> `countries/kr/index.md`."""
    return f"{url}index.md"


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
