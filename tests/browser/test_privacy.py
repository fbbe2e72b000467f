"""Privacy and offline: the published site asks no host but its own for anything (no web fonts, no repository
facts from api.github.com), so readers' visits are nobody else's business and the site works offline.

Every browser test records requests to other hosts (conftest.Reader), on both sites. Here each kind of page is
opened, and the home page is also given time for the network to settle, so that requests the theme's scripts
make after a page has loaded (Material fetches repository facts then) are seen too.
"""

from __future__ import annotations

from .conftest import REPO, open_reader
from .corpus import read_config


def test_no_page_asks_another_host_for_anything(browser, shipped_site):
    reader = open_reader(browser, shipped_site)
    try:
        reader.open("/", wait_until="networkidle")
        for path in shipped_site.page_kinds().values():
            reader.open(path)
        assert reader.foreign == []
        assert reader.problems() == []
    finally:
        reader.context.close()


def test_the_repository_is_a_plain_link_and_its_facts_are_not_fetched(reader):
    page = reader.open("/", wait_until="networkidle")
    repo_url = read_config(REPO / "mkdocs.yml")["repo_url"]
    link = page.locator("header a.md-source")
    assert link.get_attribute("href") == repo_url
    assert link.get_attribute("data-md-component") is None  # what makes Material fetch the facts
    assert page.locator(".md-source__facts").count() == 0
    assert reader.foreign == []


def test_a_request_to_another_host_is_seen(browser, shipped_site):
    """The recorder is live: a page made to load a web font (from a host that never resolves) is caught."""
    reader = open_reader(browser, shipped_site)
    try:
        page = reader.open("/about/")
        with page.expect_event("requestfailed", lambda request: "fonts.example.invalid" in request.url):
            page.evaluate("""() => {
                const link = document.createElement('link');
                link.rel = 'stylesheet';
                link.href = 'https://fonts.example.invalid/css?family=Roboto';
                document.head.append(link);
            }""")
        assert reader.foreign == ["https://fonts.example.invalid/css?family=Roboto"]
    finally:
        reader.context.close()
