"""pages: every page of the fixture site as the page model describes it: URLs, pagination, dates, contents.

The golden files of the same pages, as `timeline pages` writes them, are checked in tests/test_golden.py.
"""

from __future__ import annotations

import pytest

from generator import urls
from generator.catalog import load_catalog
from generator.jobs import site_pages
from generator.pages import Page, Settings

from .conftest import FIXTURE_SITE, SETTINGS

EVENT_IDS = [
    "2017-03-thaad-launchers-arrive",
    "2024-05-26-seoul-trilateral-summit",
    "2025-10-apec-leaders-meet-in-gyeongju",
    "2025-11-01-lee-xi-gyeongju-summit",
]
EXPECTED_URLS = {
    "", "format/", "data/",
    *(f"events/{event_id}/" for event_id in EVENT_IDS),
    "countries/", "countries/page/2/",
    "countries/cn/", "countries/jp/", "countries/kr/", "countries/kr/page/2/", "countries/us/",
    "leaders/", "leaders/lee-jae-myung/", "leaders/xi-jinping/", "organisations/", "organisations/apec/",
    "years/", "years/2017/", "years/2024/", "years/2025/",
    "tags/", "tags/defence/", "tags/diplomacy/", "tags/summit/",
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURE_SITE / "events")


@pytest.fixture(scope="module")
def pages(catalog) -> dict[str, Page]:
    generated = list(site_pages(catalog, SETTINGS))
    by_url = {page.url: page for page in generated}
    assert len(by_url) == len(generated), "two pages share a URL"
    return by_url


# -- urls ------------------------------------------------------------------------------------------------------


def test_the_urls_are_exactly_the_expected_ones(pages):
    assert set(pages) == EXPECTED_URLS


def test_pages_come_in_a_stable_order(catalog, pages):
    again = [page.url for page in site_pages(catalog, SETTINGS)]
    assert again == list(pages)


# -- pagination ------------------------------------------------------------------------------------------------


def test_a_listing_longer_than_the_page_size_continues_on_page_2(pages):
    first, second = pages["countries/kr/"], pages["countries/kr/page/2/"]
    assert 'href="page/2/" rel="next"' in first.html
    assert 'rel="prev"' not in first.html
    assert 'href="../../" rel="prev"' in second.html
    assert 'rel="next"' not in second.html
    assert "Page 1 of 2" in first.html and "Page 2 of 2" in second.html
    assert "countries/kr/page/3/" not in pages


def test_events_are_split_in_date_order_across_pages(pages):
    first, second = pages["countries/kr/"], pages["countries/kr/page/2/"]
    order = [event_id for event_id in EVENT_IDS if f"../../events/{event_id}/" in first.html]
    assert order == EVENT_IDS[:3]
    assert [event_id for event_id in EVENT_IDS if f"../../../../events/{event_id}/" in second.html] == EVENT_IDS[3:]
    positions = [first.html.index(f"events/{event_id}/") for event_id in order]
    assert positions == sorted(positions)


def test_page_2_says_which_page_it_is(pages):
    assert pages["countries/kr/page/2/"].title == "South Korea (page 2)"
    assert pages["countries/page/2/"].title == "Countries (page 2)"


def test_index_pages_are_paginated_too(pages):
    assert 'href="page/2/" rel="next"' in pages["countries/"].html
    assert 'href="../../" rel="prev"' in pages["countries/page/2/"].html
    assert "countries/page/3/" not in pages


def test_short_listings_have_no_pager(pages):
    for url in ("countries/cn/", "leaders/", "years/", "tags/", "tags/summit/"):
        assert "tl-pager" not in pages[url].html, url


@pytest.mark.parametrize("size", [1, 2, 4, 5])
def test_page_count_follows_the_page_size(catalog, size):
    generated = {page.url for page in site_pages(catalog, Settings(page_size=size))}
    kr = len(catalog.timelines["countries"]["KR"])
    count = -(-kr // size)
    assert {url for url in generated if url.startswith("countries/kr/")} == \
        {urls.country_url("KR", number) for number in range(1, count + 1)}
    assert urls.country_url("KR", count + 1) not in generated


def test_every_event_is_on_exactly_one_page_of_a_listing(catalog):
    generated = {page.url: page for page in site_pages(catalog, Settings(page_size=1))}
    kr_pages = [page for url, page in generated.items() if url.startswith("countries/kr/")]
    assert len(kr_pages) == 4
    for record in catalog.timelines["countries"]["KR"]:
        assert sum(f"/events/{record.id}/" in page.html for page in kr_pages) == 1


# -- search and titles -----------------------------------------------------------------------------------------


def test_only_events_and_the_reference_pages_are_searchable(pages):
    assert {url for url, page in pages.items() if page.searchable} == \
        {url for url in pages if url.startswith("events/")} | {urls.FORMAT, urls.DATA}


def test_search_sees_an_event_s_date_place_and_summary_only(pages):
    page = pages["events/2025-11-01-lee-xi-gyeongju-summit/"]
    assert page.search_html.startswith('<p><time datetime="2025-11-01">1 November 2025</time> · Gyeongju')
    assert "Sources" not in page.search_html and "countries/kr/" not in page.search_html


def test_event_title_and_description(pages):
    page = pages["events/2025-11-01-lee-xi-gyeongju-summit/"]
    assert page.title == "Lee hosts Xi for a state summit in Gyeongju"
    assert page.description == ("1 November 2025: Lee Jae Myung hosted Xi Jinping at a state summit and banquet in "
                                "Gyeongju, and sought his help in resuming talks with North Korea.")


# -- dates -----------------------------------------------------------------------------------------------------


def test_month_precision_is_shown_as_a_month(pages):
    page = pages["events/2017-03-thaad-launchers-arrive/"]
    assert '<time datetime="2017-03">March 2017</time>' in page.html
    assert page.description.startswith("March 2017: ")
    assert '<time datetime="2017-03">March 2017</time>' in pages["years/2017/"].html


def test_approximate_month_is_shown_as_circa(pages):
    page = pages["events/2025-10-apec-leaders-meet-in-gyeongju/"]
    assert '<time datetime="2025-10">c. October 2025</time>' in page.html


def test_interval_is_shown_as_a_range(pages):
    page = pages["events/2024-05-26-seoul-trilateral-summit/"]
    assert '<time datetime="2024-05-26">26–27 May 2024</time>' in page.html
    assert page.description.startswith("26–27 May 2024: ")


def test_a_source_date_is_shown_at_its_precision(pages):
    assert '<time datetime="2025-10">October 2025</time>' in pages["events/2025-10-apec-leaders-meet-in-gyeongju/"].html


def test_a_source_without_a_publisher_shows_its_linked_headline():
    from generator.catalog import Catalog, EventRecord
    from generator.schema import Event

    event = Event.model_validate({
        "title": "A report", "date": "2025-11-01", "countries": ["KR"], "summary": "It happened.",
        "sources": [{"url": "https://www.reuters.com/world/a/", "title": "A report", "date": "2025-11-01",
                     "quote": "It happened."}],
    })
    catalog = Catalog([EventRecord("2025-11-01-a-report", "2025/2025-11-01-a-report.yml", event)], {}, {})
    page = {page.url: page for page in site_pages(catalog, SETTINGS)}["events/2025-11-01-a-report/"]
    assert ('<cite><a href="https://www.reuters.com/world/a/" rel="nofollow noopener noreferrer">A report</a></cite>, '
            '<time datetime="2025-11-01">') in page.html


def test_office_terms_keep_their_precision(pages):
    term = '<li>President of China <span class="tl-term">(March 2013 – in office)</span></li>'
    assert term in pages["leaders/xi-jinping/"].html


# -- event page contents ---------------------------------------------------------------------------------------


def test_event_page_links_to_everything_it_names(pages):
    page = pages["events/2025-11-01-lee-xi-gyeongju-summit/"]
    for href in ("../../countries/kr/", "../../countries/cn/", "../../leaders/lee-jae-myung/",
                 "../../leaders/xi-jinping/", "../../tags/diplomacy/", "../../tags/summit/",
                 "../../events/2025-10-apec-leaders-meet-in-gyeongju/", "../../events/2017-03-thaad-launchers-arrive/",
                 "../../years/2025/", "../../"):
        assert f'href="{href}"' in page.html, href
    assert ('href="https://github.com/news-timeline/news-timeline/edit/main/events/2025/'
            '2025-11-01-lee-xi-gyeongju-summit.yml"') in page.html
    assert page.edit_file == "2025/2025-11-01-lee-xi-gyeongju-summit.yml"


def test_event_summary_is_rendered_and_sanitized(pages):
    page = pages["events/2025-11-01-lee-xi-gyeongju-summit/"]
    assert ('<a href="https://www.reuters.com/world/example" rel="nofollow noopener noreferrer">his help</a>'
            in page.html)
    assert "<strong>THAAD</strong>" in pages["events/2017-03-thaad-launchers-arrive/"].html


def test_only_index_and_home_pages_are_in_the_nav(pages):
    assert {url for url, page in pages.items() if page.in_nav} == \
        {"", "format/", "data/", "countries/", "leaders/", "organisations/", "tags/", "years/"}


def test_a_year_page_is_one_list_without_year_headings(pages):
    page = pages["years/2025/"]
    assert page.html.count('<ol class="tl-axis">') == 1
    assert "<h2" not in page.html
    assert page.html.count('<li class="tl-e ') == 2


def test_other_timelines_have_one_heading_and_list_per_year(pages):
    page = pages["tags/summit/"]
    assert page.html.count('<h2 id="2024">2024</h2>') == 1 and page.html.count('<h2 id="2025">2025</h2>') == 1
    assert page.html.count('<ol class="tl-axis">') == 2


def test_ten_thousand_events_on_one_day_stay_paginated_and_small():
    from generator.catalog import Catalog, EventRecord
    from generator.pages import render_index, render_timeline
    from generator.schema import Event, Tag
    from generator.sections import SECTIONS

    template = Event.model_validate({
        "title": "One of many things that happened that day", "date": "2025-11-01", "countries": ["KR"],
        "tags": ["diplomacy"], "summary": "It happened.",
        "sources": [{"publisher": "Reuters", "title": "A long day", "date": "2025-11-01",
                     "quote": "A long day."}],
    })
    records = [EventRecord(f"2025-11-01-thing-{index:05d}", f"2025/2025-11-01-thing-{index:05d}.yml", template)
               for index in range(10_000)]
    catalog = Catalog(records, {}, {"diplomacy": Tag(label="Diplomacy", description="Talks.")})
    settings = Settings(page_size=100)
    sections = {section.name: section for section in SECTIONS}
    for name, key in (("years", 2025), ("countries", "KR"), ("tags", "diplomacy")):
        pages = list(render_timeline(catalog, sections[name], key, catalog.timelines[name][key], settings))
        assert len(pages) == 100
        assert pages[-1].url.endswith("page/100/")
        assert max(len(page.html.encode()) for page in pages) < 100 * 1024
        assert all(page.html.count('<li class="tl-e ') == 100 for page in pages)
    assert [page.url for page in render_index(catalog, sections["years"], settings)] == ["years/"]


def test_the_format_reference_shows_every_model_of_the_schema():
    import inspect

    from pydantic import BaseModel

    from generator import schema
    from generator.pages import FORMAT_SECTIONS

    models = {value for value in vars(schema).values()
              if inspect.isclass(value) and issubclass(value, BaseModel) and value.__module__ == schema.__name__
              and not value.__name__.startswith(("_", "RootModel"))}
    assert {model for _, _, model in FORMAT_SECTIONS} == models - {schema.Tags}


def test_a_corrected_event_says_so_at_the_top_and_in_its_listings(pages):
    page = pages["events/2025-10-apec-leaders-meet-in-gyeongju/"].html
    assert '<div class="tl-status tl-status-corrected" role="note"><p><strong>Corrected.</strong>' in page
    assert '<li><time datetime="2025-11-03">3 November 2025</time>: The forum was first said to open in November.' \
        in page
    assert page.index("tl-status") < page.index("tl-summary")
    assert '<li class="tl-e tl-month tl-approx tl-corrected" data-year="2025"' in pages["years/2025/"].html
    assert '<span class="tl-badge">corrected</span>' in pages["years/2025/"].html


def test_every_event_page_says_how_to_cite_it(pages):
    page = pages["events/2025-11-01-lee-xi-gyeongju-summit/"].html
    assert ('<p class="tl-cite">Fixture timeline, “Lee hosts Xi for a state summit in Gyeongju” (1 November 2025), '
            'https://example.org/fixture/events/2025-11-01-lee-xi-gyeongju-summit/</p>') in page
    assert "@online{2025-11-01-lee-xi-gyeongju-summit," in page


def test_an_organisation_has_its_index_row_timeline_and_link_from_its_events(pages):
    assert ('<a href="apec/">APEC</a></td><td>Intergovernmental organisation</td><td></td><td>1</td>'
            in pages["organisations/"].html)
    timeline = pages["organisations/apec/"].html
    assert "<p>Intergovernmental organisation</p>" in timeline and "<p>Also: Asia-Pacific Economic Cooperation</p>" \
        in timeline
    assert "../../events/2025-10-apec-leaders-meet-in-gyeongju/" in timeline
    event = pages["events/2025-10-apec-leaders-meet-in-gyeongju/"].html
    assert '<dt>Organisations</dt><dd><a href="../../organisations/apec/">APEC</a></dd>' in event
