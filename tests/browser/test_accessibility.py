"""Accessibility: axe-core finds no serious or critical violation on any kind of page, light or dark (Material's
own included), and every control is reached by Tab and shows that it has the focus.

Violations are fixed in the theme (generator/theme/), never by turning axe rules off.
"""

from __future__ import annotations

import pytest

from .conftest import PHONE, SEARCH, axe_violations, open_reader, wait_for_search

PAGED = "/countries/kr/page/2/"
"""A timeline page of the corpus site with links to the previous and the next page."""


DARK = """() => {
    // What Material's palette switch does: the scheme is an attribute of the body, and CSS follows it.
    document.body.setAttribute('data-md-color-scheme', 'slate');
}"""


def test_no_serious_or_critical_axe_violation_on_any_kind_of_page_light_or_dark(browser, shipped_site, corpus_site,
                                                                                axe):
    found, checked = {}, []
    for site, paths in ((shipped_site, shipped_site.page_kinds().values()), (corpus_site, [PAGED])):
        reader = open_reader(browser, site)
        try:
            for path in paths:
                page = reader.open(path)
                assert reader.scheme() == "default", path
                if violations := axe_violations(page, axe):
                    found[f"{path} (light)"] = violations
                page.evaluate(DARK)
                if violations := axe_violations(page, axe):
                    found[f"{path} (dark)"] = violations
                checked.append(path)
            assert reader.problems() == []
        finally:
            reader.context.close()
    assert found == {}
    assert {"/", "/countries/", "/leaders/", "/years/", "/tags/", "/format/"} <= {*checked}


def test_a_reader_who_prefers_dark_gets_the_dark_scheme(browser, shipped_site):
    reader = open_reader(browser, shipped_site, dark=True)
    try:
        reader.open("/")
        assert reader.scheme() == "slate"
        assert reader.problems() == []
    finally:
        reader.context.close()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_no_serious_or_critical_axe_violation_in_open_search_results(browser, shipped_site, axe, dark):
    reader = open_reader(browser, shipped_site, dark=dark)
    try:
        page = reader.open("/")
        page.keyboard.press("s")
        page.keyboard.type("summit")
        page.locator(f"{SEARCH} a[href*='/events/']").first.wait_for(state="visible")
        assert axe_violations(page, axe) == []
        assert reader.problems() == []
    finally:
        reader.context.close()


def test_axe_reports_what_it_finds(reader, axe):
    """The check is live: a page made worse on purpose fails it."""
    page = reader.open("/about/")
    page.evaluate("""() => {
        const p = document.createElement('p');
        p.innerHTML = '<span style="color:#bbb;background:#fff">faint</span>'
            + '<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7">';
        document.querySelector('article').append(p);
    }""")
    rules = {line.split(":")[0] for line in axe_violations(page, axe)}
    assert rules == {"serious color-contrast", "critical image-alt"}


# The keyboard ---------------------------------------------------------------------------------------------------

TAB_STOP = """(representative) => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    // A visually hidden input shows its focus on a label: the one beside it (the palette switch), or the first
    // one on screen (the menu button).
    const seen = e => e.getBoundingClientRect().width > 0 && getComputedStyle(e).visibility === 'visible';
    let shown = element;
    if (element.localName === 'input' && getComputedStyle(element).opacity === '0') {
        const next = element.nextElementSibling;
        shown = next && next.localName === 'label' && seen(next) ? next
            : [...(element.labels || [])].find(seen) || element;
    }
    const box = shown.getBoundingClientRect();
    const visible = box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 && box.left < innerWidth
        && box.top < innerHeight && getComputedStyle(shown).visibility === 'visible';
    if (!element.dataset.tabStop) element.dataset.tabStop = String(document.querySelectorAll('[data-tab-stop]').length);
    return {
        stop: element.dataset.tabStop, visible, in_drawer: !!element.closest('.md-sidebar--primary'),
        name: `${element.localName}${element.id ? '#' + element.id : ''}.${[...element.classList].join('.')}`
            + (element.getAttribute('href') ? `[href=${element.getAttribute('href')}]` : ''),
        box: {x: box.x - 6, y: box.y - 6, width: box.width + 12, height: box.height + 12},
        is: Object.keys(representative).filter(what => element.matches(representative[what])),
    };
}"""


def tab_through(page, *, limit: int = 150, on_stop=None) -> list[dict]:
    """Press Tab from the top of the page until the focus comes round again; each stop the focus made."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_STOP, REPRESENTATIVE)
        if stop is None or (stops and stop["stop"] == stops[0]["stop"]):
            return stops
        stops.append(stop)
        if on_stop:
            on_stop(stop)
    raise AssertionError(f"Tab never came round after {limit} stops: {[stop['name'] for stop in stops[-5:]]}")


def settled_screenshot(page, clip: dict) -> bytes:
    """A screenshot of part of the page once two in a row agree (the theme's scripts react to focus a little
    later)."""
    shot = page.screenshot(clip=clip, animations="disabled")
    for _ in range(20):
        again = page.screenshot(clip=clip, animations="disabled")
        if again == shot:
            return shot
        shot = again
    raise AssertionError(f"the page kept changing at {clip}")


def focus_shows(page, stop: dict) -> bool:
    """Whether the focused element looks different once Tab has moved the focus on (and back again)."""
    clip = {key: max(0, value) for key, value in stop["box"].items()}
    focused = settled_screenshot(page, clip)
    scroll = page.evaluate("[scrollX, scrollY]")
    page.keyboard.press("Tab")
    page.evaluate("([x, y]) => window.scrollTo(x, y)", scroll)  # the same part of the page, whatever Tab scrolled
    plain = settled_screenshot(page, clip)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.dataset.tabStop") == stop["stop"]
    return focused != plain


REPRESENTATIVE = {
    "search box": f"{SEARCH} input",
    "palette switch": "[data-md-component=palette] input",
    "a listing link": "article a[href*='/events/']",
    "the next page": "a[rel=next]",
    "the previous page": "a[rel=prev]",
}
"""Controls whose focus must show, by a selector."""


def test_every_control_is_reached_by_tab_and_shows_its_focus(corpus_reader):
    page = corpus_reader.open(PAGED)
    wait_for_search(page)  # until then, focus does not open the search box
    shown: dict[str, bool] = {}

    def check(stop: dict) -> None:
        for what in stop["is"]:
            if what not in shown:
                shown[what] = focus_shows(page, stop)

    stops = tab_through(page, on_stop=check)
    assert [stop["name"] for stop in stops if not stop["visible"]] == []
    assert shown == dict.fromkeys(REPRESENTATIVE, True)
    assert len(stops) == len({stop["stop"] for stop in stops}) > 20


def test_on_a_phone_the_menu_opens_by_keyboard_and_a_closed_menu_takes_no_tab_stop(browser, shipped_site):
    reader = open_reader(browser, shipped_site, viewport=PHONE)
    try:
        page = reader.open("/countries/kr/")
        stops = tab_through(page)
        assert [stop["name"] for stop in stops if stop["in_drawer"]] == []
        menu = next(stop for stop in stops if stop["name"].startswith("input#__drawer"))
        assert menu["visible"]
        page.focus("#__drawer")
        assert focus_shows(page, menu)
        page.keyboard.press("Space")
        drawer_link = page.locator(".md-sidebar--primary a[href='../']").first
        drawer_link.wait_for(state="visible")
        stops = tab_through(page)
        reached = [stop for stop in stops if stop["in_drawer"]]
        assert reached and all(stop["visible"] for stop in reached)
        assert reader.problems() == []
    finally:
        reader.context.close()
