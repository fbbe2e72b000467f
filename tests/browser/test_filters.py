"""Filters on timeline pages as a reader uses them: choose in the form, share the address, reset; across the pages
of a paginated timeline; and with JavaScript off, the whole list. The expected events come from the data files,
not from the page, so the test holds whatever markup carries them.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import yaml

from .conftest import REPO, event_ids_linked
from .corpus import HOSTILE_EVENT, LEADER, korean_events


def shipped_events() -> dict[str, dict]:
    """The repository's events, by id, as plain YAML values."""
    return {path.stem: yaml.safe_load(path.read_text("utf-8")) for path in (REPO / "events").glob("[0-9]*/*.yml")}


def visible_events(page) -> list[str]:
    """The ids of the events the timeline shows now (hidden entries left out), in document order."""
    hrefs = page.eval_on_selector_all(
        "article li.tl-e a[href]", "links => links.filter(a => a.checkVisibility()).map(a => a.href)")
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs if "/events/" in href]


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_a_filter_narrows_a_timeline_in_place_and_the_address_keeps_it(reader):
    korean = {key: event for key, event in shipped_events().items() if "KR" in event["countries"]}
    diplomacy = {key for key, event in korean.items() if "diplomacy" in event.get("tags", [])}
    recent = {key for key in diplomacy if "2025" in str(korean[key]["date"])}
    assert 0 < len(recent) < len(diplomacy) < len(korean)  # the data makes each step narrow the list

    page = reader.open("/countries/kr/")
    form = page.locator("form.tl-filters")
    assert form.is_visible()
    assert sorted(visible_events(page)) == sorted(korean)

    form.locator("select[name=tags]").select_option("diplomacy")
    assert sorted(visible_events(page)) == sorted(diplomacy)
    assert query(page) == {"tags": ["diplomacy"]}
    assert form.locator(".tl-filter-status").inner_text() == f"{len(diplomacy)} of {len(korean)} events match."

    form.locator("select[name=from]").select_option("2025")
    assert sorted(visible_events(page)) == sorted(recent)
    assert query(page) == {"tags": ["diplomacy"], "from": ["2025"]}
    assert not page.locator("h2[id='2014']").is_visible() and page.locator("h2[id='2025']").is_visible()
    assert not page.locator(".tl-years").is_visible()  # no jump to a year the filter hid

    shared = page.url  # a reader sends the address; another opens it and sees the same list
    page.goto(shared)
    assert sorted(visible_events(page)) == sorted(recent)
    assert form.locator("select[name=tags]").input_value() == "diplomacy"

    form.get_by_role("button", name="Show all").click()
    page.wait_for_function("() => location.search === ''")
    assert sorted(visible_events(page)) == sorted(korean)
    assert form.locator(".tl-filter-status").inner_text() == ""
    assert page.locator(".tl-years").is_visible()


def test_a_filter_on_a_paginated_timeline_covers_every_page(corpus_reader):
    korean = korean_events()
    summits = {key for key, event in korean.items() if "summit" in event["tags"]}
    in_office = {key for key in summits if LEADER in korean[key].get("leaders", [])}
    total = len(korean) + 1  # and the hostile event
    page = corpus_reader.open("/countries/kr/")
    assert page.locator("a[rel=next]").count() >= 1  # the timeline has more pages than this one
    on_first_page = set(event_ids_linked(page))
    assert not summits <= on_first_page

    form = page.locator("form.tl-filters")
    form.locator("select[name=tags]").select_option("summit")
    status = form.locator(".tl-filter-status")
    status.filter(has_text="on every page").wait_for()
    assert sorted(visible_events(page)) == sorted(summits)
    assert status.inner_text() == f"{len(summits)} of {total} events match, on every page of this timeline."
    assert not page.locator(".tl-pager").first.is_visible()  # the pages' own lists give way to the results

    form.locator("select[name=leaders]").select_option(LEADER)
    assert sorted(visible_events(page)) == sorted(in_office)
    assert query(page) == {"tags": ["summit"], "leaders": [LEADER]}
    assert HOSTILE_EVENT not in visible_events(page)


def test_with_javascript_off_a_timeline_lists_every_event_and_offers_no_filter(browser, shipped_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(shipped_site.url("/countries/kr/?tags=diplomacy&from=2025"))
        korean = [key for key, event in shipped_events().items() if "KR" in event["countries"]]
        assert sorted(visible_events(page)) == sorted(korean)
        assert not page.locator("form.tl-filters").is_visible()
    finally:
        context.close()
