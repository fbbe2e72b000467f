"""pages: the generated Markdown of every page of the fixture site, pagination, front matter, dates.

The golden files under tests/golden/sample-site/ are the committed `Page.markdown` of every page generated from
tests/fixtures/sample-site/events. After a deliberate change to the pages, regenerate them and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_pages.py
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

import pytest
import yaml

from generator import urls
from generator.catalog import load_catalog
from generator.pages import Page, Settings, render_pages

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "sample-site"
GOLDEN = Path(__file__).parent / "golden" / "sample-site"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# What the plugin passes for tests/fixtures/sample-site/mkdocs.yml (page_size 3, latest 3, repo_url + edit_uri).
SETTINGS = Settings(
    page_size=3,
    latest=3,
    site_name="Fixture timeline",
    site_description="A small timeline the tests build.",
    edit_base="https://github.com/news-timeline/news-timeline/edit/main/docs/",
    events_path="../events/",
)

EVENT_IDS = [
    "2017-03-thaad-launchers-arrive",
    "2024-05-26-seoul-trilateral-summit",
    "2025-10-apec-leaders-meet-in-gyeongju",
    "2025-11-01-lee-xi-gyeongju-summit",
]
EXPECTED_URLS = {
    "", "format/",
    *(f"events/{event_id}/" for event_id in EVENT_IDS),
    "countries/", "countries/page/2/",
    "countries/cn/", "countries/jp/", "countries/kr/", "countries/kr/page/2/", "countries/us/",
    "leaders/", "leaders/lee-jae-myung/", "leaders/xi-jinping/",
    "years/", "years/2017/", "years/2024/", "years/2025/",
    "tags/", "tags/defence/", "tags/diplomacy/", "tags/summit/",
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURE_SITE / "events")


@pytest.fixture(scope="module")
def pages(catalog) -> dict[str, Page]:
    generated = list(render_pages(catalog, SETTINGS))
    by_url = {page.url: page for page in generated}
    assert len(by_url) == len(generated), "two pages share a URL"
    return by_url


def front_matter(page: Page) -> dict:
    text = page.markdown
    assert text.startswith("---\n")
    front, _, _ = text[4:].partition("\n---\n")
    return yaml.safe_load(front)


def body(page: Page) -> str:
    return page.markdown.split("\n---\n", 1)[1]


# -- golden ----------------------------------------------------------------------------------------------------


def test_the_urls_are_exactly_the_expected_ones(pages):
    assert set(pages) == EXPECTED_URLS


def test_pages_come_in_a_stable_order(catalog, pages):
    again = [page.url for page in render_pages(catalog, SETTINGS)]
    assert again == list(pages)


def test_every_page_matches_its_golden_file(pages):
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for page in pages.values():
            target = GOLDEN / page.source_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.markdown, encoding="utf-8", newline="\n")
    golden = {path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*.md")}
    assert golden == {page.source_path for page in pages.values()}, \
        "golden files and pages differ; regenerate with UPDATE_GOLDEN=1"
    for page in pages.values():
        golden_text = (GOLDEN / page.source_path).read_text(encoding="utf-8")
        assert page.markdown == golden_text, f"{page.source_path} differs from tests/golden/sample-site/{page.source_path}"


# -- pagination ------------------------------------------------------------------------------------------------


def test_a_listing_longer_than_the_page_size_continues_on_page_2(pages):
    first, second = pages["countries/kr/"], pages["countries/kr/page/2/"]
    assert 'href="page/2/" rel="next"' in first.body
    assert 'rel="prev"' not in first.body
    assert 'href="../../" rel="prev"' in second.body
    assert 'rel="next"' not in second.body
    assert "Page 1 of 2" in first.body and "Page 2 of 2" in second.body
    assert "countries/kr/page/3/" not in pages


def test_events_are_split_in_date_order_across_pages(pages):
    first, second = pages["countries/kr/"], pages["countries/kr/page/2/"]
    order = [event_id for event_id in EVENT_IDS if f"../../events/{event_id}/" in first.body]
    assert order == EVENT_IDS[:3]
    assert [event_id for event_id in EVENT_IDS if f"../../../../events/{event_id}/" in second.body] == EVENT_IDS[3:]
    positions = [first.body.index(f"events/{event_id}/") for event_id in order]
    assert positions == sorted(positions)


def test_page_2_says_which_page_it_is(pages):
    assert pages["countries/kr/page/2/"].title == "South Korea (page 2)"
    assert pages["countries/page/2/"].title == "Countries (page 2)"


def test_index_pages_are_paginated_too(pages):
    assert 'href="page/2/" rel="next"' in pages["countries/"].body
    assert 'href="../../" rel="prev"' in pages["countries/page/2/"].body
    assert "countries/page/3/" not in pages


def test_short_listings_have_no_pager(pages):
    for url in ("countries/cn/", "leaders/", "years/", "tags/", "tags/summit/"):
        assert "tl-pager" not in pages[url].body, url


@pytest.mark.parametrize("size", [1, 2, 4, 5])
def test_page_count_follows_the_page_size(catalog, size):
    generated = {page.url for page in render_pages(catalog, Settings(page_size=size))}
    kr = len(catalog.by_country["KR"])
    count = -(-kr // size)
    assert {url for url in generated if url.startswith("countries/kr/")} == \
        {urls.country_url("KR", number) for number in range(1, count + 1)}
    assert urls.country_url("KR", count + 1) not in generated


def test_every_event_is_on_exactly_one_page_of_a_listing(catalog):
    generated = {page.url: page for page in render_pages(catalog, Settings(page_size=1))}
    kr_pages = [page for url, page in generated.items() if url.startswith("countries/kr/")]
    assert len(kr_pages) == 4
    for record in catalog.by_country["KR"]:
        assert sum(f"/events/{record.id}/" in page.body for page in kr_pages) == 1


# -- front matter ----------------------------------------------------------------------------------------------


def test_listing_pages_are_excluded_from_search(pages):
    for url, page in pages.items():
        meta = front_matter(page)
        if url.startswith("events/") or url == urls.FORMAT:
            assert "search" not in meta, url
        else:
            assert meta["search"] == {"exclude": True}, url


def test_event_front_matter(pages):
    meta = front_matter(pages["events/2025-11-01-lee-xi-gyeongju-summit/"])
    assert meta == {
        "title": "Lee hosts Xi for a state summit in Gyeongju",
        "description": "1 November 2025: Lee Jae Myung hosted Xi Jinping at a state summit and banquet in "
                       "Gyeongju, and sought his help in resuming talks with North Korea.",
    }


def test_front_matter_title_and_description_are_html_escaped():
    hostile = '</title><script>alert(1)</script> "quoted" & \'single\'\n---\nsearch: {exclude: false}'
    page = Page("events/2025-11-01-x/", hostile, hostile + " {{ config }}", "body", searchable=True)
    meta = front_matter(page)
    assert meta == {"title": html.escape(hostile), "description": html.escape(hostile + " {{ config }}")}
    assert "<" not in page.markdown.split("\n---\n", 1)[0]
    assert body(page) == "\nbody"


def test_front_matter_of_every_page_is_escaped_plain_text(pages):
    for page in pages.values():
        meta = front_matter(page)
        assert meta["title"] == html.escape(page.title)
        assert meta["description"] == html.escape(page.description)


# -- dates -----------------------------------------------------------------------------------------------------


def test_month_precision_is_shown_as_a_month(pages):
    page = pages["events/2017-03-thaad-launchers-arrive/"]
    assert '<time datetime="2017-03">March 2017</time>' in page.body
    assert front_matter(page)["description"].startswith("March 2017: ")
    assert '<time datetime="2017-03">March 2017</time>' in pages["years/2017/"].body


def test_approximate_month_is_shown_as_circa(pages):
    page = pages["events/2025-10-apec-leaders-meet-in-gyeongju/"]
    assert '<time datetime="2025-10">c. October 2025</time>' in page.body


def test_interval_is_shown_as_a_range(pages):
    page = pages["events/2024-05-26-seoul-trilateral-summit/"]
    assert '<time datetime="2024-05-26">26–27 May 2024</time>' in page.body
    assert front_matter(page)["description"].startswith("26–27 May 2024: ")


def test_a_source_date_is_shown_at_its_precision(pages):
    assert '<time datetime="2025-10">October 2025</time>' in pages["events/2025-10-apec-leaders-meet-in-gyeongju/"].body


def test_office_terms_keep_their_precision(pages):
    term = '<li>President of China <span class="tl-term">(March 2013 – in office)</span></li>'
    assert term in pages["leaders/xi-jinping/"].body


# -- event page contents ---------------------------------------------------------------------------------------


def test_event_page_links_to_everything_it_names(pages):
    page = pages["events/2025-11-01-lee-xi-gyeongju-summit/"]
    for href in ("../../countries/kr/", "../../countries/cn/", "../../leaders/lee-jae-myung/",
                 "../../leaders/xi-jinping/", "../../tags/diplomacy/", "../../tags/summit/",
                 "../2025-10-apec-leaders-meet-in-gyeongju/", "../2017-03-thaad-launchers-arrive/",
                 "../../years/2025/", "../../"):
        assert f'href="{href}"' in page.body, href
    assert ('href="https://github.com/news-timeline/news-timeline/edit/main/events/2025/'
            '2025-11-01-lee-xi-gyeongju-summit.yml"') in page.body
    assert page.edit_file == "2025/2025-11-01-lee-xi-gyeongju-summit.yml"


def test_event_summary_is_rendered_and_sanitized(pages):
    page = pages["events/2025-11-01-lee-xi-gyeongju-summit/"]
    assert ('<a href="https://www.reuters.com/world/example" rel="nofollow noopener noreferrer">his help</a>'
            in page.body)
    assert "<strong>THAAD</strong>" in pages["events/2017-03-thaad-launchers-arrive/"].body


def test_only_index_and_home_pages_are_in_the_nav(pages):
    assert {url for url, page in pages.items() if page.in_nav} == \
        {"", "format/", "countries/", "leaders/", "tags/", "years/"}


def test_a_year_page_is_one_list_without_year_headings(pages):
    page = pages["years/2025/"]
    assert page.body.count('<ul class="tl-list">') == 1
    assert "## " not in page.body
    assert page.body.count("<li>") == 2


def test_other_timelines_have_one_heading_and_list_per_year(pages):
    page = pages["tags/summit/"]
    assert page.body.count("\n## 2024\n") == 1 and page.body.count("\n## 2025\n") == 1
    assert page.body.count('<ul class="tl-list">') == 2


def test_ten_thousand_events_on_one_day_stay_paginated_and_small():
    from generator.catalog import Catalog, EventRecord
    from generator.pages import render_section, render_timeline
    from generator.schema import Event, Tag

    template = Event.model_validate({
        "title": "One of many things that happened that day", "date": "2025-11-01", "countries": ["KR"],
        "tags": ["diplomacy"], "summary": "It happened.",
        "sources": [{"publisher": "Reuters", "title": "A long day", "date": "2025-11-01"}],
    })
    records = [EventRecord(f"2025-11-01-thing-{index:05d}", f"2025/2025-11-01-thing-{index:05d}.yml", template)
               for index in range(10_000)]
    catalog = Catalog(records, {}, {"diplomacy": Tag(label="Diplomacy", description="Talks.")})
    settings = Settings(page_size=100)
    for section, key in (("years", 2025), ("countries", "KR"), ("tags", "diplomacy")):
        records_of = {"years": catalog.by_year, "countries": catalog.by_country, "tags": catalog.by_tag}[section]
        pages = list(render_timeline(catalog, section, key, records_of[key], settings))
        assert len(pages) == 100
        assert pages[-1].url.endswith("page/100/")
        assert max(len(page.markdown.encode()) for page in pages) < 100 * 1024
        assert all(page.markdown.count("<li>") == 100 for page in pages)
    assert [page.url for page in render_section(catalog, "years", settings)] == ["years/"]


def test_skeleton_keeps_the_headings_and_stands_in_for_every_html_block():
    from generator.pages import PLACEHOLDER

    for page in render_pages(load_catalog(FIXTURE_SITE / "events"), SETTINGS):
        skeleton, blocks = page.skeleton()
        assert skeleton.startswith(page.front_matter)
        body = skeleton[len(page.front_matter):]
        # Only headings and placeholders are left for Markdown to read.
        assert all(line.startswith("## ") or PLACEHOLDER.fullmatch(line) for line in body.split("\n") if line)
        restored = PLACEHOLDER.sub(lambda match: blocks[int(match[1])], body)
        assert [line for line in restored.split("\n") if line] == [line for line in page.body.split("\n") if line]


def test_the_format_reference_shows_every_model_of_the_schema():
    import inspect

    from pydantic import BaseModel

    from generator import schema
    from generator.pages import FORMAT_SECTIONS

    models = {value for value in vars(schema).values()
              if inspect.isclass(value) and issubclass(value, BaseModel) and value.__module__ == schema.__name__
              and not value.__name__.startswith(("_", "RootModel"))}
    assert {model for _, model in FORMAT_SECTIONS} == models - {schema.Tags}
