"""How the plugin hands a page to MkDocs: escaped front matter, a skeleton of headings and placeholders, and
the Markdown that `timeline pages` writes, compared with golden files.

The golden files under tests/golden/sample-site/ are the Markdown of every page generated from
tests/fixtures/sample-site/events. After a deliberate change to the pages, regenerate them and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_plugin_markdown.py
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

import pytest
import yaml
from markupsafe import Markup

from generator import urls
from generator.catalog import load_catalog
from generator.jobs import site_pages
from generator.pages import Heading, Page
from generator.plugin import PLACEHOLDER, front_matter, page_markdown, page_skeleton

from .conftest import FIXTURE_SITE, SETTINGS

GOLDEN = Path(__file__).parent / "golden" / "sample-site"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    return {page.url: page for page in site_pages(load_catalog(FIXTURE_SITE / "events"), SETTINGS)}


def meta(page: Page) -> dict:
    text = front_matter(page)
    assert text.startswith("---\n") and text.endswith("\n---\n\n")
    return yaml.safe_load(text[4:-6])


def test_every_page_matches_its_golden_file(pages):
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for page in pages.values():
            target = GOLDEN / urls.source_path(page.url)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page_markdown(page), encoding="utf-8", newline="\n")
    golden = {path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*.md")}
    assert golden == {urls.source_path(url) for url in pages}, \
        "golden files and pages differ; regenerate with UPDATE_GOLDEN=1"
    for url, page in pages.items():
        path = urls.source_path(url)
        assert page_markdown(page) == (GOLDEN / path).read_text(encoding="utf-8"), f"{path} differs from golden"


def test_listing_pages_are_excluded_from_search(pages):
    for url, page in pages.items():
        if url.startswith("events/") or url in (urls.FORMAT, urls.DATA):
            assert "search" not in meta(page), url
        else:
            assert meta(page)["search"] == {"exclude": True}, url


def test_event_front_matter(pages):
    assert meta(pages["events/2025-11-01-lee-xi-gyeongju-summit/"]) == {
        "timeline_kind": "event", "timeline_feed": "../../feed.xml",
        "title": "Lee hosts Xi for a state summit in Gyeongju",
        "description": "1 November 2025: Lee Jae Myung hosted Xi Jinping at a state summit and banquet in "
                       "Gyeongju, and sought his help in resuming talks with North Korea.",
    }


def test_front_matter_title_and_description_are_html_escaped():
    hostile = '</title><script>alert(1)</script> "quoted" & \'single\'\n---\nsearch: {exclude: false}'
    page = Page("events/2025-11-01-x/", hostile, hostile + " {{ config }}", (Markup("body"),), searchable=True)
    assert meta(page) == {"title": html.escape(hostile), "description": html.escape(hostile + " {{ config }}")}
    assert "<" not in front_matter(page)
    assert page_markdown(page) == front_matter(page) + "body\n"


def test_front_matter_of_every_page_is_escaped_plain_text(pages):
    for page in pages.values():
        assert meta(page)["title"] == html.escape(page.title)
        assert meta(page)["description"] == html.escape(page.description)


def test_headings_are_escaped_for_markdown_and_keep_their_anchor():
    page = Page("x/", "x", "x", (Heading("*Not* <b>bold</b> [link](y) #1", "one"),))
    heading = page_markdown(page).split("---\n\n", 1)[1]
    assert heading == "## \\*Not\\* &lt;b&gt;bold&lt;/b&gt; \\[link\\]\\(y\\) \\#1 {#one}\n"


def test_skeleton_keeps_the_headings_and_stands_in_for_every_html_block(pages):
    for page in pages.values():
        skeleton, blocks = page_skeleton(page)
        assert skeleton.startswith(front_matter(page))
        body = skeleton[len(front_matter(page)):]
        # Only headings and placeholders are left for Markdown to read.
        assert all(line.startswith("## ") or PLACEHOLDER.fullmatch(line) for line in body.split("\n") if line)
        restored = PLACEHOLDER.sub(lambda match, blocks=blocks: blocks[int(match[1])], body)
        assert front_matter(page) + restored == page_markdown(page)
