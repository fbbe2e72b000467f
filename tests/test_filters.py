"""filters: the facets a timeline offers, and the data a paginated timeline's filters read."""

from __future__ import annotations

import json

from generator.catalog import load_catalog
from generator.filters import facets, render_filter_data
from generator.jobs import site_pages
from generator.sections import SECTIONS

from .conftest import FIXTURE_SITE, SETTINGS

SECTION = {section.name: section for section in SECTIONS}


def catalog():
    return load_catalog(FIXTURE_SITE / "events")


def test_a_timeline_offers_the_facets_its_events_differ_in():
    fixture = catalog()
    records = fixture.timelines["countries"]["KR"]
    offered = {facet.name: facet.options for facet in facets(fixture, SECTION["countries"], "KR", records)}
    assert offered == {
        "countries": (("CN", "China"), ("JP", "Japan"), ("US", "United States")),
        "leaders": (("lee-jae-myung", "Lee Jae Myung"), ("xi-jinping", "Xi Jinping")),
        "organisations": (("apec", "APEC"),),
        "tags": (("defence", "Defence"), ("diplomacy", "Diplomacy"), ("summit", "Summits")),
    }


def test_a_facet_every_event_shares_is_not_offered():
    fixture = catalog()
    records = fixture.timelines["countries"]["US"]  # one event: nothing to narrow
    assert facets(fixture, SECTION["countries"], "US", records) == []


def test_entries_carry_their_facets_for_in_place_filtering():
    pages = {page.url: page for page in site_pages(catalog(), SETTINGS)}
    html = pages["tags/summit/"].html
    assert ('<li class="tl-e tl-day" data-year="2025" data-countries="KR CN" '
            'data-leaders="lee-jae-myung xi-jinping" data-organisations="" data-tags="diplomacy summit">') in html
    assert '<form class="tl-filters" hidden data-root="../../" data-total="3"' in html
    assert "data-source" not in html  # on one page: filtered in place, nothing to fetch


def test_a_paginated_timeline_reads_its_own_filter_data():
    fixture = catalog()
    pages = {page.url: page for page in site_pages(fixture, SETTINGS)}
    for url in ("countries/kr/", "countries/kr/page/2/"):
        assert 'data-source="countries/kr/filter.json"' in pages[url].html
    asset = render_filter_data(fixture, "countries/kr/", fixture.timelines["countries"]["KR"])
    assert asset.path == "countries/kr/filter.json"
    data = json.loads(asset.content)
    assert data["facets"] == ["countries", "leaders", "organisations", "tags"]
    assert data["flags"]["KR"] == {"src": "assets/flags/kr.svg", "name": "South Korea"}
    assert [event["url"] for event in data["events"]] == [
        f"events/{record.id}/" for record in fixture.timelines["countries"]["KR"]]
    assert data["events"][0] == {
        "url": "events/2017-03-thaad-launchers-arrive/", "title": "First THAAD launchers arrive in South Korea",
        "year": 2017, "when": "March 2017", "iso": "2017-03", "shape": "tl-month", "status": "",
        "countries": ["KR", "US"], "leaders": [], "organisations": [], "tags": ["defence"],
    }


def test_without_script_the_form_stays_hidden_and_the_full_list_shows():
    pages = {page.url: page for page in site_pages(catalog(), SETTINGS)}
    html = pages["tags/summit/"].html
    assert html.count('<li class="tl-e ') == 3 and "<form class=\"tl-filters\" hidden" in html
