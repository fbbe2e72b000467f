"""The section registry: every kind of index page (countries, leaders, years, tags) declared once.

A section says what it is called, where its pages live, which events each of its timelines holds, what a
timeline page's header shows and what its row in the index shows. The catalog, the pages and the home page
loop over the registry; adding a kind of index is one declaration here, plus its data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from . import urls
from .charts import Chart, events_by_month, events_over_time
from .countries import country_name
from .dates import DatePoint, EventDate
from .schema import Event

if TYPE_CHECKING:
    from .catalog import Catalog, EventRecord

Key = str | int
"""What a section's timelines are keyed by: a country code, a leader id, a year, a tag id."""
K = TypeVar("K", str, int)


@dataclass(frozen=True)
class Link:
    """A link to another page of the site, by its site-relative URL; `country` gives it a flag."""

    url: str
    text: str
    country: str = ""


@dataclass(frozen=True)
class Term:
    """An office held, with its term as readers see it."""

    title: str
    term: str


@dataclass(frozen=True)
class Header:
    """The top of a timeline page: what it is about, and where to go from it."""

    title: str
    country: str = ""
    """A country code whose flag goes before the title."""
    lines: tuple[str, ...] = ()
    """Plain-text lines under the title (a native name, a tag's description)."""
    offices: tuple[Term, ...] = ()
    links_label: str = ""
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Row:
    """One entry's row in its section's index; the event count is added by the page."""

    text: str
    order: tuple
    """Rows are sorted by this."""
    country: str = ""
    note: str = ""
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section(Generic[K]):
    """One kind of index page and the timelines under it, its entries keyed by K."""

    name: str
    """The URL folder of the index, e.g. `countries`."""
    title: str
    """The index page's title and the navigation label, e.g. Countries."""
    nouns: tuple[str, str]
    """How one and several entries are counted: ("country", "countries")."""
    intro: str
    """What the index page lists, one sentence."""
    invitation: str
    """What the section is for, on the home page."""
    url: Callable[..., str]
    """The URL of one entry's timeline: url(key, page=1); made by urls.py."""
    select: Callable[[Event], Iterable[K]]
    """The keys of the timelines an event appears on."""
    header: Callable[[Catalog, K], Header]
    """The header of one entry's timeline pages."""
    row: Callable[[Catalog, K], Row]
    """One entry's row in the index."""
    columns: tuple[str, ...]
    """The index table's column headings, the count column last."""
    registered: Callable[[Catalog], Iterable[K]] = lambda catalog: ()
    """Keys that get a timeline even without events: a registry's entries, such as leaders."""
    by_year: bool = True
    """Whether a timeline is split into one list per year (a year's own timeline is not)."""
    entry_countries: bool = True
    """Whether listing entries show their countries (not on a country's own timeline, where they all share one)."""
    chart: Callable[[str, K, Sequence[EventRecord]], Chart | None] = \
        lambda title, key, records: events_over_time("chart", title, records)
    """The chart at the top of a timeline: by default its events per year."""
    ranked: bool = False
    """Whether the home page charts the entries with the most events (the countries)."""
    facet: bool = True
    """Whether timelines can be filtered by this section's entries (a year range stands in for years)."""
    timelinejs: bool = False
    """Whether each timeline is also published as Knight Lab TimelineJS3 data (`timeline.json`)."""
    bands: bool = False
    """Whether a timeline draws its key's offices as bands on the axis (a leader's)."""
    on_event_page: bool = True
    """Whether an event's page lists its entries in this section (a year is already in the date)."""

    def count(self, number: int) -> str:
        """`1 country`, `5 countries`."""
        return f"{number} {self.nouns[0] if number == 1 else self.nouns[1]}"


def facet_values(sections: Iterable[Section[Any]], event: Event) -> list[tuple[str, str]]:
    """An event's keys in each facet section, space-separated, as its listing entry's data attributes hold them."""
    return [(section.name, " ".join(str(key) for key in dict.fromkeys(section.select(event))))
            for section in sections if section.facet]


def term(start: DatePoint | EventDate | None, end: DatePoint | EventDate | None) -> str:
    """An office's term as text: `March 2013 – in office`, or '' when no date is known."""
    if start is None and end is None:
        return ""
    left = start.display() if start else "?"
    right = end.display() if end else "in office"
    return f"{left} – {right}"


def _country_header(catalog: Catalog, code: str) -> Header:
    leaders = tuple(Link(urls.leader_url(leader_id), leader.name)
                    for leader_id, leader in catalog.leaders.items() if leader.country == code)
    return Header(country_name(code), country=code, links_label="Leaders", links=leaders)


def _leader_header(catalog: Catalog, leader_id: str) -> Header:
    leader = catalog.leaders[leader_id]
    return Header(
        leader.name,
        lines=(leader.native_name,) if leader.native_name else (),
        offices=tuple(Term(office.title, term(office.start, office.end)) for office in leader.offices),
        links_label="Country",
        links=(Link(urls.country_url(leader.country), country_name(leader.country), leader.country),),
    )


KIND_LABELS = {
    "intergovernmental": "Intergovernmental organisation", "government-body": "Government body",
    "company": "Company", "news-agency": "News agency", "political-party": "Political party",
    "non-governmental": "Non-governmental organisation", "armed-group": "Armed group", "other": "Organisation",
}
"""How each kind of organisation reads."""


def _organisation_header(catalog: Catalog, organisation_id: str) -> Header:
    organisation = catalog.organisations[organisation_id]
    lines: tuple[str, ...] = (KIND_LABELS[organisation.kind],)
    if organisation.aliases:
        lines += ("Also: " + ", ".join(organisation.aliases),)
    country = organisation.country
    links = (Link(urls.country_url(country), country_name(country), country),) if country else ()
    return Header(organisation.name, lines=lines, links_label="Country", links=links)


def _organisation_row(catalog: Catalog, organisation_id: str) -> Row:
    organisation = catalog.organisations[organisation_id]
    country = country_name(organisation.country) if organisation.country else ""
    return Row(organisation.name, (organisation.name.casefold(), organisation_id),
               cells=(KIND_LABELS[organisation.kind], country))


def _tag_header(catalog: Catalog, tag_id: str) -> Header:
    tag = catalog.tags[tag_id]
    return Header(tag.label, lines=(tag.description,))


def _leader_row(catalog: Catalog, leader_id: str) -> Row:
    leader = catalog.leaders[leader_id]
    return Row(leader.name, (leader.name.casefold(), leader_id), note=leader.native_name or "",
               cells=(country_name(leader.country),))


SECTIONS: tuple[Section[Any], ...] = (
    Section[str](
        name="countries", title="Countries", nouns=("country", "countries"),
        intro="Every country with events, and how many.", invitation="follow one country through time",
        url=urls.country_url,
        select=lambda event: event.countries,
        header=_country_header,
        row=lambda catalog, code: Row(country_name(code), (country_name(code).casefold(),), country=code),
        columns=("Country", "Events"),
        entry_countries=False,
        ranked=True,
        timelinejs=True,
    ),
    Section[str](
        name="leaders", title="Leaders", nouns=("leader", "leaders"),
        intro="Every leader, their country, and how many events name them.",
        invitation="what each leader did, and when",
        url=urls.leader_url,
        select=lambda event: event.leaders,
        registered=lambda catalog: catalog.leaders,
        header=_leader_header,
        row=_leader_row,
        columns=("Leader", "Country", "Events"),
        bands=True,
        timelinejs=True,
    ),
    Section[str](
        name="organisations", title="Organisations", nouns=("organisation", "organisations"),
        intro="Every organisation events name: its kind, its country where it has one, and how many events.",
        invitation="international bodies, companies and agencies in the news",
        url=urls.organisation_url,
        select=lambda event: event.organisations,
        registered=lambda catalog: catalog.organisations,
        header=_organisation_header,
        row=_organisation_row,
        columns=("Organisation", "Kind", "Country", "Events"),
        timelinejs=True,
    ),
    Section[int](
        name="years", title="Years", nouns=("year", "years"),
        intro="Every year with events, the latest first.", invitation="everything that happened in a year",
        url=urls.year_url,
        select=lambda event: (event.date.year,),
        header=lambda catalog, year: Header(str(year)),
        row=lambda catalog, year: Row(str(year), (-year,)),
        columns=("Year", "Events"),
        chart=lambda title, year, records: events_by_month("chart", year, records),
        by_year=False,
        on_event_page=False,
        facet=False,
    ),
    Section[str](
        name="tags", title="Tags", nouns=("tag", "tags"),
        intro="The tags events are filed under.", invitation="events by subject",
        url=urls.tag_url,
        select=lambda event: event.tags,
        registered=lambda catalog: catalog.tags,
        header=_tag_header,
        row=lambda catalog, tag_id: Row(catalog.tags[tag_id].label, (tag_id,),
                                        cells=(catalog.tags[tag_id].description,)),
        columns=("Tag", "Description", "Events"),
    ),
)
"""The site's sections, in the order of the navigation and the home page."""
