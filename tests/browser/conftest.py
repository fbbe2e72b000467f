"""Fixtures for the tests of the site as a reader meets it: built sites served on 127.0.0.1, and a browser.

Each site is built once per session (the shipped events, and the corpus of corpus.py) and served by a thread;
one Chromium runs for the whole session, and each test gets a fresh browser context (no cookies, no
localStorage) through the `reader` fixture, which also fails the test on any console error, uncaught
exception, dialog, or request to a host other than the site's own.

Without Chromium (or Playwright, or axe-core for the accessibility tests) the browser tests are skipped with the
reason; with CI=true they fail instead, so CI always runs them.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.plugin import build_atomically

from .corpus import read_config, write_corpus

REPO = Path(__file__).parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    # Without the background-networking flags Chromium calls Google's hosts at start, which a closed network
    # refuses (and which would count against the site's own requests).
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
SEARCH = ".md-search"
"""The header's search box and its results. With wait_for_search(), the one place that names the markup of
the search engine, so that the tests hold when the engine changes."""
SECTION_SKIP = {"assets", "search", "events", "page"}
"""Top-level folders of a built site that are not sections with an index and timelines."""


def unavailable(reason: str) -> None:
    """Skip a browser test for a reason the summary shows; under CI=true, fail instead."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run; .ci/run installs what they need)",
                    pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    """The Chromium to drive: $TIMELINE_CHROMIUM, else the first of the usual names on PATH."""
    if os.environ.get("TIMELINE_CHROMIUM"):
        return os.environ["TIMELINE_CHROMIUM"]
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(name):
            return found
    return None


# Sites ----------------------------------------------------------------------------------------------------------


AXE_PATH = "/__tests__/axe.min.js"
"""Where every served site also serves axe-core, so that pages load it as a script the browser caches."""


class _Handler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        return str(AXE) if path == AXE_PATH else super().translate_path(path)

    def end_headers(self) -> None:
        # Nothing changes while the tests run: a tab loads the theme's scripts and styles once, not per page.
        self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def log_message(self, format, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A browser that leaves a page drops the downloads it no longer needs: not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class Site:
    """A built site served over HTTP on 127.0.0.1."""

    root: Path
    base: str
    """The served address of the home page, ending in /."""
    published_at: str
    """The site_url of its mkdocs.yml, ending in /: where its absolute links point."""

    def url(self, path: str = "/") -> str:
        """The full address of a site path such as /countries/kr/."""
        return self.base + path.lstrip("/")

    def path_of(self, url: str) -> str:
        """The site path of a full address: the inverse of url()."""
        assert url.startswith(self.base), url
        return "/" + url[len(self.base):].split("#")[0].split("?")[0]

    def pages(self) -> list[str]:
        """Every HTML page of the site, as site paths (/countries/kr/), the 404 page left out."""
        found = []
        for path in sorted(self.root.rglob("index.html")):
            rel = path.parent.relative_to(self.root).as_posix()
            found.append("/" if rel == "." else f"/{rel}/")
        return found

    def page_kinds(self) -> dict[str, str]:
        """One page of each kind a reader meets: home, every section's index and first timeline, an event, the
        format page and the hand-written pages. Sections are found in the build, so a new one is covered."""
        kinds = {"home": "/"}
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir() and p.name not in SECTION_SKIP):
            if not (folder / "index.html").is_file():
                continue
            kinds[folder.name] = f"/{folder.name}/"
            timelines = sorted(p for p in folder.iterdir() if (p / "index.html").is_file() and p.name != "page")
            if timelines:
                kinds[f"{folder.name}/*"] = f"/{folder.name}/{timelines[0].name}/"
        kinds["event"] = self.event_page()
        return kinds

    def event_page(self) -> str:
        """The event page with the most links in it: related events, leaders and tags."""
        events = sorted((self.root / "events").iterdir())
        richest = max(events, key=lambda p: ((p / "index.html").read_text("utf-8").count("href="), p.name))
        return f"/events/{richest.name}/"


def _serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=root))
    threading.Thread(target=server.serve_forever, name=f"serve {root.name}", daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def _build(config_file: Path, site_dir: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        return build_atomically(str(config_file), site_dir=str(site_dir))


def _site(tmp_path_factory: pytest.TempPathFactory, name: str, config_file: Path) -> Iterator[Site]:
    site_dir = _build(config_file, tmp_path_factory.mktemp(name) / "site")
    server, base = _serve(site_dir)
    published_at = read_config(config_file)["site_url"].rstrip("/") + "/"
    try:
        yield Site(site_dir, base, published_at)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Iterator[Site]:
    """The site of this repository's events and mkdocs.yml, as published."""
    yield from _site(tmp_path_factory, "shipped", REPO / "mkdocs.yml")


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Iterator[Site]:
    """The site of corpus.py: paginated timelines, every date form, hostile text."""
    config_file = write_corpus(tmp_path_factory.mktemp("corpus-src"))
    yield from _site(tmp_path_factory, "corpus", config_file)


# The browser ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session, driven by Playwright."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        unavailable("Playwright is not installed: pip install -e '.[test]'")
    executable = find_chromium()
    if executable is None:
        unavailable("Chromium not found: install it (Debian: apt-get install chromium) or set TIMELINE_CHROMIUM")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as error:
            unavailable(f"Chromium at {executable} did not start: {error.message.splitlines()[0]}")
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe() -> str:
    """Where pages load axe-core from (node_modules, where npm ci installs the version package-lock.json pins)."""
    if not AXE.is_file():
        unavailable(f"axe-core not found at {AXE.relative_to(REPO)}: run npm ci")
    return AXE_PATH


@dataclass
class Reader:
    """A reader's browser tab on one site, and what it saw go wrong."""

    site: Site
    context: object
    page: object
    foreign: list[str] = field(default_factory=list)
    """Requests to any host but the site's own."""
    errors: list[str] = field(default_factory=list)
    """Console errors and uncaught exceptions."""
    dialogs: list[str] = field(default_factory=list)
    """Dialogs that opened (alert, confirm, prompt)."""

    def open(self, path: str = "/", wait_until: str = "load"):
        """Go to a site path and return the page."""
        response = self.page.goto(self.site.url(path), wait_until=wait_until)
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        return self.page

    @property
    def path(self) -> str:
        """The site path the tab shows now."""
        return self.site.path_of(self.page.url)

    def scheme(self) -> str:
        """The colour scheme Material applied: default (light) or slate (dark)."""
        return self.page.evaluate("document.body.getAttribute('data-md-color-scheme')")

    def problems(self) -> list[str]:
        """Everything that went wrong so far, for one assert."""
        return ([f"request to another host: {url}" for url in self.foreign] + [f"console: {e}" for e in self.errors]
                + [f"dialog: {d}" for d in self.dialogs])


def open_reader(browser, site: Site, *, dark: bool = False, viewport: dict | None = None) -> Reader:
    """A fresh context on the site, recording every request to another host, console error and dialog."""
    context = browser.new_context(viewport=viewport or DESKTOP, color_scheme="dark" if dark else "light",
                                  reduced_motion="reduce")
    context.set_default_timeout(10_000)
    page = context.new_page()
    reader = Reader(site, context, page)
    own = urlsplit(site.base).netloc

    # Recorded as they go out, not intercepted: routing every request through Playwright doubles a page's load
    # time. (Where the network is closed, as in CI here, they fail anyway.)
    def record(request) -> None:
        if urlsplit(request.url).netloc != own and not request.url.startswith(("data:", "blob:")):
            reader.foreign.append(request.url)

    context.on("request", record)
    page.on("console", lambda message: message.type == "error" and reader.errors.append(message.text))
    page.on("pageerror", lambda error: reader.errors.append(f"uncaught {error}"))

    def dismiss(dialog) -> None:
        reader.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", dismiss)
    return reader


@pytest.fixture
def reader(browser, shipped_site) -> Iterator[Reader]:
    """A reader on the shipped site, desktop width, light mode; the test fails on anything reader.problems lists."""
    yield from _reading(open_reader(browser, shipped_site))


@pytest.fixture
def corpus_reader(browser, corpus_site) -> Iterator[Reader]:
    """A reader on the corpus site, desktop width, light mode, checked as `reader` is."""
    yield from _reading(open_reader(browser, corpus_site))


def _reading(reader: Reader) -> Iterator[Reader]:
    try:
        yield reader
        assert reader.problems() == []
    finally:
        reader.context.close()


# Page checks shared by the test modules -------------------------------------------------------------------------


def axe_violations(page, axe: str, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of the given impacts on the page as it is now, one line per rule and node."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(url=axe)
    return page.evaluate("""async (impacts) => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.filter(v => impacts.includes(v.impact)).flatMap(v => v.nodes.map(node =>
            `${v.impact} ${v.id}: ${node.target.join(' ')}: ${node.failureSummary.replace(/\\s+/g, ' ')}`));
    }""", list(impacts))


def wait_for_search(page) -> None:
    """Wait until the search box can search: Material's builds its index in a worker after the page loads."""
    page.wait_for_function(f"""() => !document.querySelector('{SEARCH}').textContent.includes('Initializing')""")


def sideways_overflow(page) -> list[str]:
    """Elements wider than the viewport that make the page scroll sideways (empty when it does not)."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return [];
        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`).slice(-5);
    }""")


def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $TIMELINE_SCREENSHOTS, else a temporary folder of this session."""
    if os.environ.get("TIMELINE_SCREENSHOTS"):
        folder = Path(os.environ["TIMELINE_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("screenshots")


def event_ids_linked(page) -> list[str]:
    """The ids of events the page's main content links to, in document order."""
    hrefs = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
    return [match[1] for href in hrefs if (match := re.search(r"/events/([^/]+)/$", href))]
