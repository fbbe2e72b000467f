"""feeds: Atom feeds of the site and of every timeline, read back with a real parser (feedparser)."""

from __future__ import annotations

import feedparser
import pytest

from generator.catalog import load_catalog
from generator.feeds import render_feed
from generator.jobs import site_files
from generator.pages import Settings
from generator.render import Summaries

from .conftest import FIXTURE_SITE

SITE = "https://example.org/fixture/"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURE_SITE / "events")


@pytest.fixture(scope="module")
def feeds(catalog):
    return every_feed(catalog)


def every_feed(catalog):
    settings = Settings(site_name="Fixture timeline", site_url=SITE, feed_size=50)
    return {asset.path: asset.content for asset in site_files(catalog, settings) if asset.path.endswith("feed.xml")}


def test_there_is_a_feed_for_the_site_and_every_timeline(catalog, feeds):
    expected = {"feed.xml"} | {f"{section.url(key)}feed.xml" for section in catalog.sections
                               for key in catalog.timelines[section.name]}
    assert set(feeds) == expected
    assert "countries/kr/feed.xml" in feeds and "leaders/xi-jinping/feed.xml" in feeds


def test_every_feed_parses_without_error(feeds):
    for path, content in feeds.items():
        parsed = feedparser.parse(content)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10", path


def test_entries_are_newest_first_with_absolute_links_and_permalink_ids(feeds):
    parsed = feedparser.parse(feeds["countries/kr/feed.xml"])
    assert parsed.feed.title == "South Korea – Fixture timeline"
    assert parsed.feed.link == SITE + "countries/kr/"
    assert [entry.id for entry in parsed.entries] == [
        SITE + "events/2025-11-01-lee-xi-gyeongju-summit/", SITE + "events/2025-10-apec-leaders-meet-in-gyeongju/",
        SITE + "events/2024-05-26-seoul-trilateral-summit/", SITE + "events/2017-03-thaad-launchers-arrive/",
    ]
    assert all(entry.link == entry.id for entry in parsed.entries)
    assert {link.rel: link.href for link in parsed.feed.links}["self"] == SITE + "countries/kr/feed.xml"


def test_an_entry_carries_the_sanitized_summary_and_its_dates(feeds):
    entry = feedparser.parse(feeds["feed.xml"]).entries[0]
    assert entry.title == "Lee hosts Xi for a state summit in Gyeongju"
    assert entry.content[0].type == "text/html"
    assert '<a href="https://www.reuters.com/world/example" rel="nofollow noopener noreferrer">his help</a>' in \
        entry.content[0].value
    assert entry.updated == "2025-11-01T00:00:00Z" and entry.summary == "1 November 2025, Gyeongju, South Korea"
    assert [tag.term for tag in entry.tags] == ["diplomacy", "summit"]


def test_the_feed_holds_only_the_newest_events(catalog):
    asset = render_feed(catalog, catalog.events, page_url="", title="T", site_url=SITE, site_name="T", size=2,
                        summaries=Summaries())
    assert len(feedparser.parse(asset.content).entries) == 2


def test_the_same_catalog_gives_the_same_bytes(catalog, feeds):
    assert every_feed(catalog) == feeds


def test_hostile_text_stays_text(tmp_path):
    import shutil

    from .conftest import write

    shutil.copytree(FIXTURE_SITE / "events", tmp_path / "events")
    write(tmp_path / "events", "2025/2025-11-02-hostile.yml", (
        'title: "</title><script>alert(1)</script>]]>"\ndate: 2025-11-02\ncountries: [KR]\n'
        'summary: "<script>alert(2)</script> <img src=x onerror=alert(3)> [x](javascript:alert(4))"\n'
        "sources:\n  - publisher: Reuters\n    title: A report\n    date: 2025-11-02\n    quote: It happened.\n"))
    catalog = load_catalog(tmp_path / "events")
    content = render_feed(catalog, catalog.events, page_url="", title="T", site_url=SITE, site_name="T", size=50,
                          summaries=Summaries()).content
    parsed = feedparser.parse(content)
    assert not parsed.bozo
    entry = parsed.entries[0]
    assert entry.title == "</title><script>alert(1)</script>]]>"
    assert "<script" not in entry.content[0].value and "onerror" not in entry.content[0].value
    assert "javascript:" not in entry.content[0].value
