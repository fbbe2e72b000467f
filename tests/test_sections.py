"""sections: the registry of index kinds; a kind declared once gets its index, timelines and links everywhere."""

from __future__ import annotations

from generator import urls
from generator.catalog import load_catalog
from generator.jobs import site_pages
from generator.sections import SECTIONS, Header, Row, Section

from .conftest import FIXTURE_SITE, SETTINGS

DECADES = Section(
    name="decades", title="Decades", nouns=("decade", "decades"),
    intro="Every decade with events.", invitation="the long view",
    url=lambda decade, page=1: urls.timeline_url("decades", f"{decade}s", page),
    select=lambda event: (event.date.year // 10 * 10,),
    header=lambda catalog, decade: Header(f"The {decade}s"),
    row=lambda catalog, decade: Row(f"{decade}s", (decade,)),
    columns=("Decade", "Events"),
)
"""A kind of index the site does not have, declared the way the site's own are."""


def test_an_extra_section_gets_its_index_and_timelines_with_no_other_change():
    catalog = load_catalog(FIXTURE_SITE / "events", sections=(*SECTIONS, DECADES))
    pages = {page.url: page for page in site_pages(catalog, SETTINGS)}
    index = pages["decades/"]
    assert index.in_nav and index.title == "Decades"
    assert '<a href="2010s/">2010s</a></td><td>1</td>' in index.html
    assert '<a href="2020s/">2020s</a></td><td>3</td>' in index.html
    timeline = pages["decades/2020s/"]
    assert timeline.title == "The 2020s"
    assert [event_id in timeline.html for event_id in ("2024-05-26-seoul", "2025-10-apec", "2025-11-01-lee-xi")] == \
        [True, True, True]
    assert "2017-03-thaad" not in timeline.html
    home = pages[""].html
    assert '<a href="decades/">Decades</a>: the long view' in home and "2 decades" in home
    event = pages["events/2025-11-01-lee-xi-gyeongju-summit/"].html
    assert '<dt>Decades</dt><dd><a href="../../decades/2020s/">2020s</a></dd>' in event
    without = {page.url for page in site_pages(load_catalog(FIXTURE_SITE / "events"), SETTINGS)}
    assert set(pages) - without == {"decades/", "decades/2010s/", "decades/2020s/"}


def test_registered_entries_get_a_timeline_even_without_events():
    catalog = load_catalog(FIXTURE_SITE / "events")
    assert set(catalog.timelines["leaders"]) == set(catalog.leaders)
    assert set(catalog.timelines["tags"]) == set(catalog.tags)
    assert all(catalog.timelines["years"].values()) and all(catalog.timelines["countries"].values())


def test_counts_read_as_english():
    assert [SECTIONS[0].count(number) for number in (0, 1, 2)] == ["0 countries", "1 country", "2 countries"]
