"""What a reader does in a browser: search, browse timelines page by page, follow links, switch to dark mode,
read on a phone. Every test also fails on a console error, a dialog or a request to another host (`reader`).

Search is tested the way a reader uses it (press s, type, click a result), not through the engine behind it,
so the test holds when the search engine changes.
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

from .conftest import PHONE, REPO, SEARCH, event_ids_linked, open_reader, sideways_overflow
from .corpus import HOSTILE_EVENT, HOSTILE_LEADER, HOSTILE_TAG, LEADER, OFFICES, PAGE_SIZE, korean_events, payload

AGREEMENTS = "2025-11-01-china-south-korea-sign-seven-agreements"


def test_home_loads_with_its_latest_events_and_no_console_error(reader):
    page = reader.open("/")
    assert page.locator("h1").first.inner_text() == "News timeline"
    assert len(event_ids_linked(page)) >= 5
    # reader.problems() is empty when the test ends: no console error, no dialog, no request to another host.


def test_search_finds_an_event_once_and_opens_its_page(reader):
    page = reader.open("/")
    page.keyboard.press("s")  # Material's shortcut to the search box
    page.keyboard.type("currency swap")
    results = page.locator(f"{SEARCH} a[href*='/events/']")
    results.first.wait_for(state="visible")
    hits = [urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")]
    assert [path for path in hits if path == f"/events/{AGREEMENTS}/"] == [f"/events/{AGREEMENTS}/"]
    results.filter(has_text="seven agreements").first.click()
    page.wait_for_url(f"**/events/{AGREEMENTS}/**")
    assert reader.path == f"/events/{AGREEMENTS}/"
    assert "currency swap" in page.locator("h1").inner_text()


def test_search_box_opens_by_click_too(reader):
    page = reader.open("/about/")
    page.locator(f"{SEARCH} input").first.click()
    page.keyboard.type("Gyeongju summit")
    results = page.locator(f"{SEARCH} a[href*='/events/']")
    results.first.wait_for(state="visible")
    assert results.count() >= 1


def read_timeline(reader, path: str) -> tuple[list[str], list[str]]:
    """Follow a timeline's "next" links from its first page: the pages seen and the events they list, in order."""
    page = reader.open(path)
    pages, listed = [reader.path], event_ids_linked(page)
    assert 0 < len(listed) <= PAGE_SIZE, reader.path
    while (following := page.locator("a[rel=next]")).count():
        following.first.click()
        page.wait_for_load_state()
        assert reader.path not in pages, f"the pager goes round in a circle at {reader.path}"
        pages.append(reader.path)
        on_page = event_ids_linked(page)
        assert 0 < len(on_page) <= PAGE_SIZE, reader.path
        listed += on_page
    return pages, listed


def in_date_order(event_ids: list[str]) -> bool:
    """Whether events are listed by their start date, oldest or newest first (ids begin with the start date)."""
    starts = []
    for event_id in event_ids:
        prefix = re.match(r"\d{4}(-\d{2}){0,2}", event_id)[0]
        starts.append(prefix + "-01" * ((10 - len(prefix)) // 3))  # 2025-06 -> 2025-06-01
    return starts in (sorted(starts), sorted(starts, reverse=True))


def test_a_country_timeline_pages_through_every_event_in_date_order(corpus_reader):
    pages, listed = read_timeline(corpus_reader, "/countries/kr/")
    expected = {*korean_events(), HOSTILE_EVENT}
    assert sorted(listed) == sorted(expected), "every event of the country, each once"
    assert len(pages) == math.ceil(len(expected) / PAGE_SIZE)
    assert in_date_order(listed)
    page = corpus_reader.page
    for path in reversed(pages[:-1]):  # and back again
        page.locator("a[rel=prev]").first.click()
        page.wait_for_load_state()
        assert corpus_reader.path == path


def test_a_leader_page_shows_the_offices_and_the_events(corpus_reader):
    page = corpus_reader.open(f"/leaders/{LEADER}/")
    text = page.locator("article").inner_text()
    for office in OFFICES:
        assert office["title"] in text
        assert office["start"][:4] in text
    _, listed = read_timeline(corpus_reader, f"/leaders/{LEADER}/")
    expected = [event_id for event_id, event in korean_events().items() if LEADER in event.get("leaders", [])]
    assert sorted(listed) == sorted(expected) and len(expected) > PAGE_SIZE
    assert in_date_order(listed)


def test_every_link_on_an_event_page_works(reader, shipped_site):
    page = reader.open(shipped_site.event_page())
    links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    own, other = [], []
    for href in links:
        (own if href.startswith(shipped_site.base) else other).append(href)
    assert any("/countries/" in href for href in own) and any("/tags/" in href for href in own)
    for href in sorted(set(own)):
        response = page.request.get(href)
        assert response.status == 200, href
        fragment = urlsplit(href).fragment
        if fragment:
            assert f'id="{fragment}"' in response.text(), href
    edits = [href for href in other if "/edit/" in href]
    assert edits, "an edit link to the event's file"
    for href in edits:
        path = re.sub(r"^https://github\.com/[^/]+/[^/]+/edit/main/", "", href)
        assert path.startswith("events/") and path.endswith(".yml") and (REPO / path).is_file(), href
    assert all(urlsplit(href).scheme in ("http", "https", "mailto") for href in other), other


def test_the_palette_toggle_switches_to_dark_mode_and_the_choice_survives_a_reload(reader):
    page = reader.open("/countries/kr/")
    assert reader.scheme() == "default" and background_lightness(page) > 0.9
    page.locator("label[title='Switch to dark mode']:visible").click()
    assert reader.scheme() == "slate"
    page.wait_for_function("() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'")
    assert background_lightness(page) < 0.2
    page.reload()
    assert reader.scheme() == "slate" and background_lightness(page) < 0.2
    page.locator("label[title='Switch to light mode']:visible").click()
    assert reader.scheme() == "default"


def background_lightness(page) -> float:
    """The page background's relative lightness, 0 (black) to 1 (white)."""
    rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(part) for part in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def hostile_pages(site) -> list[str]:
    """The pages where the corpus's hostile text lands."""
    return [path for path in site.pages()
            if "pwned_" in (site.root / path.strip("/") / "index.html").read_text("utf-8")]


def test_no_page_scrolls_sideways_on_a_phone(browser, shipped_site, corpus_site):
    wide = {}
    for site, paths in ((shipped_site, shipped_site.page_kinds().values()),
                        (corpus_site, {*corpus_site.page_kinds().values(), *hostile_pages(corpus_site)})):
        reader = open_reader(browser, site, viewport=PHONE)
        try:
            for path in sorted(paths):
                if overflow := sideways_overflow(reader.open(path)):
                    wide[path] = overflow
            assert reader.problems() == []
        finally:
            reader.context.close()
    assert wide == {}


def test_hostile_text_shows_as_text_and_runs_nothing(corpus_reader, corpus_site):
    paths = hostile_pages(corpus_site)
    assert {f"/events/{HOSTILE_EVENT}/", f"/leaders/{HOSTILE_LEADER}/", f"/tags/{HOSTILE_TAG}/", "/"} <= {*paths}
    for path in paths:
        page = corpus_reader.open(path)
        assert page.evaluate(IN_PAGE_CHECK) == [], path
    page = corpus_reader.open(f"/events/{HOSTILE_EVENT}/")
    assert page.locator("h1").inner_text().strip() == payload("title")
    assert page.title().startswith(payload("title"))
    # and corpus_reader.problems() is empty at the end: no dialog opened, no console error


IN_PAGE_CHECK = """() => {
    // Fire the events that inline handlers listen for; a handler that got through would run now.
    for (const element of document.querySelectorAll('body *')) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'load', 'error']) {
            element.dispatchEvent(new Event(type));
        }
    }
    const found = Object.keys(window).filter(name => name.startsWith('pwned_')).map(name => `ran: ${name}`);
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
            if (attribute.name.startsWith('on')) found.push(`handler: <${element.localName} ${attribute.name}>`);
        }
        for (const name of ['href', 'src', 'action', 'formaction', 'data']) {
            const value = element.getAttribute(name);
            if (value === null) continue;
            let scheme;
            try { scheme = new URL(value, document.baseURI).protocol; } catch { continue; }
            if (['javascript:', 'vbscript:', 'data:'].includes(scheme)) {
                found.push(`script url: <${element.localName} ${name}=${value.slice(0, 40)}>`);
            }
        }
    }
    return found;
}"""
