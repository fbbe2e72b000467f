"""The timeline's search worker in Chromium: it answers as tests/search_reader.py reads the index (so the plugin
tests' queries hold for the real thing), it shows hostile text as text, it says how many matched when it shows
only the best, and it works on a site served under a sub-path, as the published site is.

The reader-facing flow (press s, type, open a result) is tested in test_reader.py, engine-blind.
"""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.searchindex import words

from ..search_reader import Hit, SearchReader
from .conftest import SEARCH, Site, _reading, _serve, open_reader
from .corpus import HOSTILE_EVENT, payload

WORKER = Path(__file__).parents[2] / "generator" / "theme" / "assets" / "timeline-search.js"
QUERIES = ["trade", "Trade talks", "summit coast", "port agreement", "fishing rights", "tr", "seoul 2024",
           "event number 7", "pwned", "data format", "Testova", "xqzvw", "the of and", "Gyeongsangbukdo"]

# Starts the site's worker in the page, as Material does, and asks it each query in turn.
ASK = """async ([queries, stub]) => {
    const worker = new Worker("assets/timeline-search.js");
    const next = () => new Promise(resolve => worker.addEventListener("message", e => resolve(e.data), {once: true}));
    const answers = [];
    worker.postMessage({type: 0, data: {config: stub.config, docs: [], options: {suggest: false}}});
    await next();
    for (const query of queries) {
        worker.postMessage({type: 2, data: query});
        answers.push((await next()).data);
    }
    worker.terminate();
    return answers;
}"""


def grouped(hits: list[Hit]) -> list[list[str]]:
    """The reader's hits as the worker groups them for Material: by page, the page first, its sections after."""
    groups: dict[str, list[str]] = {}
    for hit in hits:
        page = hit.location.split("#")[0]
        group = groups.setdefault(page, [page])
        if hit.location != page:
            group.append(hit.location)
    return list(groups.values())


class Tags(html.parser.HTMLParser):
    """The start tags of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found.append((tag, attrs))


def tags_of(fragment: str) -> list[tuple[str, list]]:
    parser = Tags()
    parser.feed(fragment)
    parser.close()
    return parser.found


def test_the_worker_finds_what_the_python_reader_finds(corpus_reader):
    page = corpus_reader.open("/")
    stub = json.loads((corpus_reader.site.root / "search" / "search_index.json").read_text("utf-8"))
    answers = page.evaluate(ASK, [QUERIES, stub])
    reader = SearchReader(corpus_reader.site.root)
    for query, answer in zip(QUERIES, answers, strict=True):
        hits, matched = reader.search(query)
        assert answer["query"] == query
        assert [[item["location"] for item in group] for group in answer["items"]] == grouped(hits), query
        assert (answer["total"], answer["cut"]) == (matched, False), query
        terms = {hit.location: hit.terms for hit in hits}
        for item in (item for group in answer["items"] for item in group if item["location"] in terms):
            assert item["terms"] == terms[item["location"]], query
            # Escaped text with the words found marked: nothing else a browser would make an element of.
            assert {tag for tag, _ in tags_of(item["title"] + item["text"])} <= {"mark", "p"}, query
    assert [len(answer["items"]) for answer in answers][-3:] == [0, 0, 1]  # nothing; stop words only; one word


def test_the_worker_cuts_words_as_the_index_does(corpus_reader):
    page = corpus_reader.open("/")
    pattern = re.search(r"var WORD = (/.*?/gu);", WORKER.read_text("utf-8"))[1]
    texts = ["Lee Jae-myung (이재명) met Xi_Jinping in Gyeongju, 2025-11-01.", "Café, naïve Göttingen İstanbul ΣΊΣΥΦΟΣ",
             "東京 and São Paulo: 3½ hours; ١٢٣ d'Ivoire", "pwned_title=1</script>&lt;b&gt;"]
    cut = page.evaluate(f"texts => texts.map(t => t.normalize('NFC').toLowerCase().match({pattern}) || [])", texts)
    assert cut == [words(text, frozenset()) for text in texts]


def test_hostile_text_in_results_shows_as_text_and_runs_nothing(corpus_reader):
    page = corpus_reader.open("/")
    page.keyboard.press("s")
    page.keyboard.type("pwned")
    result = page.locator(f"{SEARCH} a[href*='/events/{HOSTILE_EVENT}/']")
    result.first.wait_for(state="visible")
    # The title reads exactly as the event's own page shows it, its words marked; the payload made no element.
    assert result.first.locator("h1, h2").first.inner_text() == " ".join(payload("title").split())
    assert result.first.locator("mark").count() >= 1
    # The teaser starts with the place, the payload in it as text: tags and handlers are characters to read.
    teaser = result.first.locator("p").first.inner_text()
    assert '<script>window.pwned_location=1</script><img src=x onerror="window.pwned_location=2">' in teaser
    found = page.locator(".md-search-result__list :is(script, img, svg, iframe, form, [onerror], [onload], [onclick])")
    assert found.count() == 0
    assert page.evaluate("Object.keys(window).filter(key => key.startsWith('pwned'))") == []
    # corpus_reader fails the test on a dialog (alert) or a console error.


def test_the_count_line_says_how_many_matched_when_only_the_best_are_shown(corpus_reader):
    page = corpus_reader.page
    stub_path = corpus_reader.site.root / "search" / "search_index.json"

    def fewer(route) -> None:
        stub = json.loads(stub_path.read_text("utf-8"))
        stub["config"]["timeline"].update(limit=3, all_below=5)  # what 50 and 20 are on a large site
        route.fulfill(json=stub)

    page.route("**/search/search_index.json", fewer)
    corpus_reader.open("/")
    page.keyboard.press("s")
    page.keyboard.type("event")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    _, matched = SearchReader(corpus_reader.site.root).search("event")
    assert matched > 5
    # A small index answers every key as it is typed (as Material's own does): wait for the whole word's answer.
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text=f"{matched} matching documents · ").wait_for()
    shown = page.locator(".md-search-result__item").count()
    assert 1 <= shown <= 3
    assert meta.inner_text() == f"{matched} matching documents · {shown} shown"
    page.keyboard.press("Control+A")
    page.keyboard.type("Gyeongsangbukdo")  # a query with few matches gets Material's own line back
    meta.filter(has_text=re.compile(r"^1 matching document$")).wait_for()
    assert meta.inner_text() == "1 matching document"


@pytest.fixture
def sub_path_reader(browser, corpus_site, tmp_path):
    """A reader of the corpus site served under /news-timeline/, as a project site is published."""
    (tmp_path / "news-timeline").symlink_to(corpus_site.root, target_is_directory=True)
    server, base = _serve(tmp_path)
    try:
        yield from _reading(open_reader(browser, Site(corpus_site.root, base + "news-timeline/",
                                                      corpus_site.published_at)))
    finally:
        server.shutdown()
        server.server_close()


def test_search_works_on_a_site_under_a_sub_path(sub_path_reader):
    page = sub_path_reader.open("/countries/kr/")
    page.keyboard.press("s")
    page.keyboard.type("fishing rights")
    results = page.locator(f"{SEARCH} a[href*='/events/']")
    results.first.wait_for(state="visible")
    paths = {urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")}
    assert paths and all(path.startswith("/news-timeline/events/") for path in paths)
    results.first.click()
    page.wait_for_load_state()
    assert sub_path_reader.path.startswith("/events/")


def test_a_search_link_opens_with_its_results(corpus_reader):
    page = corpus_reader.open("/years/?q=fishing+rights")  # Material's deep link: the box open, the query typed
    results = page.locator(f"{SEARCH} a[href*='/events/']")
    results.first.wait_for(state="visible")
    assert page.locator(f"{SEARCH} input").first.input_value() == "fishing rights"
    assert "fishing rights" in results.first.inner_text().lower()
