"""Every page of the built sites, read as HTML without a browser: internal links and #anchors resolve, and no
page loads anything (styles, scripts, fonts, images) from another host.

Links are resolved against the address each page is published at (site_url), so relative links, links from
the site root and absolute links to site_url are all checked against the files the build wrote.
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .conftest import Site

LINKING = {"a": "href", "area": "href", "link": "href", "form": "action"}
LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
           "embed": "src", "object": "data", "track": "src", "input": "src"}
LINK_RELS_THAT_LOAD = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon", "modulepreload",
                       "manifest", "apple-touch-icon"}


class Page(HTMLParser):
    """The ids a page defines, the addresses it links to, and the addresses it makes the browser load."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag in ("a", "map") else ("id",):
            if attrs.get(name):
                self.ids.add(attrs[name])
        if tag == "link" and set((attrs.get("rel") or "").lower().split()) & LINK_RELS_THAT_LOAD:
            self.loads.append(attrs.get("href") or "")
        elif tag in LINKING and attrs.get(LINKING[tag]) is not None:
            self.links.append(attrs[LINKING[tag]])
        if tag in LOADING and attrs.get(LOADING[tag]):
            self.loads.append(attrs[LOADING[tag]])
        if attrs.get("srcset"):
            self.loads.extend(part.split()[0] for part in attrs["srcset"].split(",") if part.strip())

    handle_startendtag = handle_starttag


def read_site(site: Site) -> dict[str, Page]:
    """Every HTML file of the site, parsed, by its path in the site (index.html included)."""
    pages = {}
    for path in sorted(site.root.rglob("*.html")):
        page = Page()
        page.feed(path.read_text("utf-8"))
        page.close()
        pages[path.relative_to(site.root).as_posix()] = page
    return pages


def target_file(root: Path, rel: str) -> str | None:
    """The file a site path is served from (a folder serves its index.html), or None when there is none."""
    rel = unquote(rel)
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    if (root / rel).is_file():
        return rel
    if (root / rel / "index.html").is_file():
        return f"{rel}/index.html"
    return None


def broken_links(site: Site) -> dict[str, list[str]]:
    """Internal links and anchors that do not resolve, by the page they are on."""
    pages, published_at = read_site(site), site.published_at
    broken = defaultdict(list)
    for rel, page in pages.items():
        here = published_at + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for href in page.links + page.loads:
            address = urljoin(here, href.strip())
            if not address.startswith(published_at):
                continue  # another host, or this host outside the site
            parts = urlsplit(address)
            target = target_file(site.root, parts.path[len(urlsplit(published_at).path):])
            if target is None:
                broken[rel].append(f"{href}: no such page or file")
            elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in pages[target].ids:
                broken[rel].append(f"{href}: no element with id {unquote(parts.fragment)!r} on {target}")
    return dict(broken)


def foreign_loads(site: Site) -> dict[str, list[str]]:
    """Resources that pages or stylesheets would fetch from another host, by the file that asks."""
    found, published_at = defaultdict(list), site.published_at
    for rel, page in read_site(site).items():
        for href in page.loads:
            if re.match(r"(?i)^\s*(https?:)?//", href) and not urljoin(published_at, href).startswith(published_at):
                found[rel].append(href)
    for css in sorted(site.root.rglob("*.css")):
        text = css.read_text("utf-8")
        for href in re.findall(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", text):
            found[css.relative_to(site.root).as_posix()].append(href)
    return dict(found)


@pytest.fixture(params=["shipped_site", "corpus_site"])
def site(request) -> Site:
    """Each built site in turn."""
    return request.getfixturevalue(request.param)


def test_every_internal_link_and_anchor_resolves(site):
    assert broken_links(site) == {}


def test_no_page_or_stylesheet_loads_anything_from_another_host(site):
    assert foreign_loads(site) == {}


def test_the_crawl_finds_what_it_looks_for(shipped_site, tmp_path):
    """A broken page link, a missing anchor and a web font are reported; the same page without them is clean."""
    page = shipped_site.root / "about" / "index.html"
    copy = Site(tmp_path / "site", shipped_site.base, shipped_site.published_at)
    shutil.copytree(shipped_site.root, copy.root)
    assert broken_links(copy) == {} and foreign_loads(copy) == {}
    text = page.read_text("utf-8").replace(
        "</article>", '<a href="../countries/zz/">x</a> <a href="../countries/#nowhere">y</a>'
                      '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"></article>', 1)
    (copy.root / "about" / "index.html").write_text(text, "utf-8")
    assert broken_links(copy) == {"about/index.html": [
        "../countries/zz/: no such page or file",
        "../countries/#nowhere: no element with id 'nowhere' on countries/index.html"]}
    assert foreign_loads(copy) == {"about/index.html": ["https://fonts.googleapis.com/css?family=Roboto"]}
