"""listing: events on a time axis, each drawn at its date's precision, with month markers and office bands."""

from __future__ import annotations

import re

import pytest

from generator import listing
from generator.catalog import Catalog, EventRecord, load_catalog
from generator.dates import EventDate
from generator.listing import Band, Listings, bands_of, shape
from generator.schema import Event, Leader

from .conftest import FIXTURE_SITE


def event(date: str, countries: tuple[str, ...] = ("KR",), title: str = "Something happened") -> Event:
    return Event.model_validate({
        "title": title, "date": date, "countries": list(countries), "summary": "It happened.",
        "sources": [{"publisher": "Reuters", "title": "A report", "date": "2025-11-01", "quote": "It happened."}],
    })


def records(*dates: str) -> list[EventRecord]:
    return [EventRecord(f"{EventDate.parse(date).prefix}-e{index}", "", event(date))
            for index, date in enumerate(dates)]


@pytest.mark.parametrize(("date", "classes"), [
    ("2025-11-01", "tl-day"),
    ("2025-11", "tl-month"),
    ("2025", "tl-year"),
    ("2025-11-01~", "tl-day tl-approx"),
    ("2025~", "tl-year tl-approx"),
    ("2025-10-31/2025-11-01", "tl-span"),
    ("2025-10-27~/2025-10-31~", "tl-span tl-approx"),
    ("../2025-11-01", "tl-before"),
    ("2025-06/..", "tl-since"),
])
def test_each_form_of_date_has_its_own_mark(date, classes):
    assert shape(EventDate.parse(date)) == classes


def test_an_entry_says_its_date_in_words_beside_its_mark():
    [record] = records("2025-10-27~/2025-10-31~")
    html = Listings(Catalog([record], {}, {})).entry("countries/kr/", record, flags=False)
    assert html == (
        '<li class="tl-e tl-span tl-approx" data-year="2025" data-countries="KR" data-leaders="" '
        'data-organisations="" data-tags="">'
        '<span class="tl-mark" aria-hidden="true"></span>'
        '<time datetime="2025-10-27">c. 27–31 October 2025</time> <span class="tl-what">'
        f'<a href="../../events/{record.id}/">Something happened</a></span></li>'
    )


def test_flags_are_images_named_for_the_country_and_former_states_have_none():
    record = EventRecord("2025-11-01-x", "", event("2025-11-01", ("KR", "SUHH")))
    html = Listings(Catalog([record], {}, {})).entry("", record, flags=True)
    assert '<img class="tl-flag" src="assets/flags/kr.svg" alt="South Korea" title="South Korea"' in html
    assert html.count("<img") == 1


def test_an_entry_is_rendered_once_per_link_depth(monkeypatch):
    calls = []
    real = listing.render_template
    monkeypatch.setattr(listing, "render_template", lambda *args, **kw: calls.append(args[0]) or real(*args, **kw))
    [record] = records("2025-11-01")
    listings = Listings(Catalog([record], {}, {}))
    first = listings.entry("countries/kr/", record, flags=False)
    assert listings.entry("tags/summit/", record, flags=False) is first  # the same depth: ../../
    listings.entry("countries/kr/page/2/", record, flags=False)
    assert calls == ["_entry.html", "_entry.html"]


def test_month_markers_open_each_month_and_name_the_year_where_the_list_spans_years():
    listings = Listings(Catalog(records("2025", "2025-10", "2025-10-31", "2025-11-01"), {}, {}))
    catalog_records = listings.catalog.events
    one_year = listings.axis("years/2025/", catalog_records)
    assert re.findall(r'tl-m-month" aria-hidden="true"><span class="tl-mark" aria-hidden="true"></span>(\w+)',
                      one_year) == ["October", "November"]
    assert one_year.index("2025-e0") < one_year.index("October")  # a year-precision event comes first
    mixed = listings.axis("", catalog_records, month_years=True, newest_first=True)
    assert re.findall(r"(\w+ 2025)</li>", mixed) == ["November 2025", "October 2025"]
    assert mixed.index("2025-11-01-e3") < mixed.index("2025-e0")


def test_a_before_date_gets_no_month_marker():
    listings = Listings(Catalog(records("../2025-11-01"), {}, {}))
    assert "tl-m-month" not in listings.axis("", listings.catalog.events)


def test_office_bands_mark_the_events_held_in_office_and_the_day_it_began():
    leader = Leader.model_validate({"name": "Lee Jae Myung", "country": "KR", "offices": [
        {"title": "President of South Korea", "start": "2025-06-04", "source": 1}], "sources": [
        {"publisher": "Yonhap", "title": "Lee sworn in", "date": "2025-06-04", "quote": "Lee was sworn in."}]})
    [band] = bands_of(leader)
    assert band == Band("President of South Korea", EventDate.parse("2025-06-04").anchor, None, 1)
    listings = Listings(Catalog(records("2025-06", "2025-11-01"), {}, {}))
    html = listings.axis("leaders/lee-jae-myung/", listings.catalog.events, bands=[band])
    # June 2025 may be before 4 June: no claim is made; 1 November is certainly in office.
    assert 'class="tl-e tl-month"' in html
    assert '<li class="tl-e tl-day tl-band tl-o1" data-year="2025"' in html and "as President of South Korea" in html
    assert html.index("Took office: President of South Korea, 4 June 2025") < html.index("2025-11-01-e1")
    assert html.index("2025-06-e0") < html.index("Took office")


@pytest.mark.parametrize(("date", "held"), [
    ("2025-06-04", True), ("2025-06-03", False), ("2025-06", False), ("2025", False), ("2026", True),
    ("../2025-11-01", True), ("2025-11-01/2026-01-05", True),
])
def test_an_office_is_held_only_when_certainly_held(date, held):
    band = Band("President", EventDate.parse("2025-06-04").anchor, None, 1)
    assert band.held_on(EventDate.parse(date)) is held


def test_an_office_that_ended_is_not_held_after_or_across_its_end():
    band = Band("President", EventDate.parse("2013-03").anchor, EventDate.parse("2023-03").anchor, 1)
    assert band.held_on(EventDate.parse("2020"))
    assert not band.held_on(EventDate.parse("2023"))
    assert not band.held_on(EventDate.parse("2022-12-31/2023-04-01"))


def test_the_fixture_leader_page_shows_the_office_band():
    from generator.jobs import site_pages

    from .conftest import SETTINGS

    pages = {page.url: page for page in site_pages(load_catalog(FIXTURE_SITE / "events"), SETTINGS)}
    html = pages["leaders/xi-jinping/"].html
    assert "as President of China" in html and "Took office: President of China, March 2013" in html
