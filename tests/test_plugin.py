"""plugin: whole-site builds with `mkdocs build --strict`, of the shipped site and of the fixture corpus.

Each build is a subprocess (about a second for these small corpora), made once per module and shared:
the shipped site, the fixture site, the fixture copied in reverse order under another hash seed, the fixture
with hostile text in every field, and the fixture with a broken event.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import urls
from generator.catalog import load_catalog
from generator.cli import main as timeline
from generator.jobs import site_pages

from .conftest import FIXTURE_SITE, REPO, SETTINGS, build, built
from .search_reader import SearchReader

SITE_NAME = "Fixture timeline"
MAX_PAGE_BYTES = 400 * 1024


def snapshot(folder: Path) -> dict[str, tuple[bytes, int] | None]:
    """Every file's bytes and modification time, and every folder, under folder."""
    return {path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file()
            else None for path in sorted(folder.rglob("*"))}


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def html_pages(site: Path) -> dict[str, str]:
    """Every HTML file of a site by its path, decoded."""
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(site.rglob("*.html"))}


def page_file(url: str) -> str:
    return f"{url}index.html"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    return built(FIXTURE_SITE / "mkdocs.yml", tmp_path_factory.mktemp("fixture") / "site", PYTHONHASHSEED="1")


# -- (a) the shipped site --------------------------------------------------------------------------------------


def test_shipped_site_has_every_design_url(shipped_site):
    catalog = load_catalog(REPO / "events")
    expected = {"", "countries/", "countries/kr/", "leaders/", "years/", "years/2025/", "tags/"}
    expected |= {urls.event_url(path.stem) for path in (REPO / "events").glob("[0-9]*/*.yml")}
    expected |= {urls.leader_url(path.stem) for path in (REPO / "events" / "leaders").glob("*.yml")}
    expected |= {urls.tag_url(tag) for tag in yaml.safe_load((REPO / "events" / "tags.yml").read_text("utf-8"))}
    expected |= {urls.country_url(code) for code in catalog.timelines["countries"]}
    expected |= {urls.year_url(year) for year in catalog.timelines["years"]}
    assert len([url for url in expected if url.startswith("events/")]) == len(catalog.events) > 0
    missing = sorted(url for url in expected if not (shipped_site / page_file(url)).is_file())
    assert missing == []


def test_shipped_site_pages_are_small(shipped_site):
    too_big = {path.relative_to(shipped_site).as_posix(): path.stat().st_size
               for path in shipped_site.rglob("*.html") if path.stat().st_size > MAX_PAGE_BYTES}
    assert too_big == {}


def test_shipped_site_search_and_sitemap_exist(shipped_site):
    assert any(location.startswith("events/") for location, *_ in SearchReader(shipped_site).documents())
    assert (shipped_site / "sitemap.xml").is_file()


def test_nothing_is_written_to_docs(fixture_site):
    assert sorted(path.name for path in (FIXTURE_SITE / "docs").iterdir()) == ["about.md", "contributing.md"]


def test_fixture_site_has_every_generated_page(fixture_site):
    catalog = load_catalog(FIXTURE_SITE / "events")
    for page in site_pages(catalog, SETTINGS):
        assert (fixture_site / page_file(page.url)).is_file(), page.url
    assert (fixture_site / "countries" / "kr" / "page" / "2" / "index.html").is_file()
    assert not (fixture_site / "countries" / "kr" / "page" / "3").exists()


def test_edit_button_points_at_the_event_file(fixture_site):
    page = (fixture_site / page_file("events/2025-11-01-lee-xi-gyeongju-summit/")).read_text("utf-8")
    edit = "https://github.com/news-timeline/news-timeline/edit/main/events/2025/2025-11-01-lee-xi-gyeongju-summit.yml"
    assert f'href="{edit}"' in page
    assert "edit/main/docs/events/" not in page
    for url in ("", "countries/", "countries/kr/", "years/2025/"):
        assert "/edit/main/" not in (fixture_site / page_file(url)).read_text("utf-8"), url  # no file to edit


def test_the_golden_settings_are_what_the_plugin_gives():
    from generator.plugin import settings_from_config

    events_dir, settings = settings_from_config(str(FIXTURE_SITE / "mkdocs.yml"))
    assert Path(events_dir).resolve() == (FIXTURE_SITE / "events").resolve()
    assert settings == SETTINGS


# -- (b) invalid data ------------------------------------------------------------------------------------------


def test_invalid_data_fails_the_build_with_the_check_lines_and_leaves_the_site_alone(fixture_site, tmp_path,
                                                                                    monkeypatch):
    source = tmp_path / "src"
    shutil.copytree(FIXTURE_SITE, source)
    event = source / "events" / "2025" / "2025-11-01-lee-xi-gyeongju-summit.yml"
    text = event.read_text("utf-8")
    event.write_text(text.replace("countries: [KR, CN]", "countries: [KR, Korea]")
                     .replace("location:", "mood: happy\nlocation:"), "utf-8")
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    before = snapshot(site)

    result = build(source / "mkdocs.yml", site)  # run from the folder of mkdocs.yml
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before

    output = result.stderr.splitlines()
    headers = [(number, match["folder"]) for number, line in enumerate(output)
               if (match := re.search(r"timeline: 2 problem\(s\) in (?P<folder>.+):$", line))]
    assert len(headers) == 1, result.stderr
    number, folder = headers[0]
    assert Path(source, folder).resolve() == (source / "events").resolve()
    # `timeline check` on the same folder, from the same place, prints exactly the lines the build printed.
    monkeypatch.chdir(source)
    check = CliRunner().invoke(timeline, ["check", folder])
    assert check.exit_code == 1
    lines = check.stdout.splitlines()
    shown = Path(folder, "2025", event.name).as_posix()
    assert [line.split(": ", 2)[:2] for line in lines] == [[f"{shown}:3:17", "countries[1]"], [f"{shown}:6:1", "mood"]]
    assert output[number + 1:number + 3] == lines


# -- (c) hostile text ------------------------------------------------------------------------------------------

PAYLOAD = ('<script>alert(1)</script> <img src=x onerror=alert(1)> "><script>alert(2)</script> '
           '{: onclick="alert(3)" } [x](javascript:alert(4)) </title><script>alert(5)</script> '
           "{{ config }} {% raw %} {{ 7*7 }}")
SUMMARY_HTML = ('\n{: onclick="alert(3)" }\n\n'
                '<div onclick="alert(6)"><a href="javascript:alert(7)" onmouseover="alert(8)">y</a></div>\n\n'
                '<svg onload="alert(9)"></svg><iframe src="javascript:alert(10)"></iframe>\n\n'
                '<p onmouseover=alert(11)>p</p> <a href=" JaVaScRiPt:alert(12)">j</a> [d](data:text/html,alert(13))\n'
                '[v](vbscript:alert(14)) <a href="&#106;avascript:alert(15)">e</a>\n')


def hostile(label: str) -> str:
    return f"{label} {PAYLOAD}"


def make_hostile_corpus(root: Path) -> None:
    """The fixture corpus with the payload in every text field of every event, leader and tag."""
    shutil.copytree(FIXTURE_SITE, root)
    events = root / "events"

    def rewrite(path: Path, change) -> None:
        data = yaml.safe_load(path.read_text("utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000), "utf-8")

    def event(data: dict) -> None:
        data["title"], data["location"] = hostile("Title"), hostile("Location")
        data["summary"] = hostile("Summary") + "\n\n" + PAYLOAD + SUMMARY_HTML
        for source in data["sources"]:
            source["publisher"], source["title"] = hostile("Publisher"), hostile("Headline")
            source["quote"] = hostile("Quote") + "\n\n" + PAYLOAD

    def leader(data: dict) -> None:
        data["name"], data["native_name"], data["aliases"] = hostile("Name"), hostile("Native"), [hostile("Alias")]
        for office in data["offices"]:
            office["title"] = hostile("Office")

    def tags(data: dict) -> None:
        for tag in data.values():
            tag["label"], tag["description"] = hostile("Label"), hostile("Description")

    for path in sorted(events.glob("[0-9]*/*.yml")):
        rewrite(path, event)
    for path in sorted((events / "leaders").glob("*.yml")):
        rewrite(path, leader)
    rewrite(events / "tags.yml", tags)


class Scan(HTMLParser):
    """What a browser would act on: start tags with their attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[tuple[tuple[str, str | None], ...], str]] = []
        self.titles: list[str] = []
        self._in: str | None = None
        self._attrs: tuple[tuple[str, str | None], ...] = ()
        self._text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "title"):
            self._in, self._text = tag, ""
            self._attrs = tuple(attrs)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._in:
            self._text += data

    def handle_endtag(self, tag):
        if tag == self._in == "script":
            self.scripts.append((self._attrs, self._text))
        elif tag == self._in == "title":
            self.titles.append(self._text)
        if tag == self._in:
            self._in = None


def parse(text: str) -> Scan:
    parser = Scan()
    parser.feed(text)
    parser.close()
    return parser


# A start tag, attribute by attribute (quoted values skipped whole), reaching an on*= attribute.
HANDLER_IN_TAG = re.compile(
    r"""<[a-z][^\s/>]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*?\s+on[a-z]+\s*=""",
    re.IGNORECASE,
)


def unsafe_markup(markup: Scan) -> list[str]:
    """Event-handler attributes and script-like URLs in any tag."""
    found = []
    for tag, attrs in markup.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            squeezed = re.sub(r"[\x00-\x20]+", "", value or "").lower()
            if name in ("href", "src", "action", "formaction", "xlink:href", "data", "srcdoc") and \
                    squeezed.startswith(("javascript:", "vbscript:", "data:")):
                found.append(f"<{tag} {name}={value!r}>")
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile")
    make_hostile_corpus(root / "src")
    return root / "src", built(root / "src" / "mkdocs.yml", root / "site")


def test_hostile_corpus_is_valid_data(hostile_site):
    source, _ = hostile_site
    catalog = load_catalog(source / "events")
    assert all(record.event.title == hostile("Title") for record in catalog.events)
    assert all(leader.name == hostile("Name") for leader in catalog.leaders.values())


def test_hostile_site_has_the_same_pages_and_script_tags_as_a_benign_one(hostile_site, fixture_site):
    _, site = hostile_site
    hostile_pages, benign_pages = html_pages(site), html_pages(fixture_site)
    assert hostile_pages.keys() == benign_pages.keys()
    for path, text in hostile_pages.items():
        assert parse(text).scripts == parse(benign_pages[path]).scripts, path
        assert not re.search(r"<script\b[^>]*>[^<]*alert", text, re.IGNORECASE), path


def test_hostile_site_has_no_event_handlers_or_script_links(hostile_site, fixture_site):
    _, site = hostile_site
    assert {path: unsafe_markup(parse(text)) for path, text in html_pages(fixture_site).items()
            if unsafe_markup(parse(text))} == {}  # the theme itself has none, so any found below is ours
    found = {path: unsafe_markup(parse(text)) for path, text in html_pages(site).items() if unsafe_markup(parse(text))}
    assert found == {}
    for path, text in html_pages(site).items():
        assert not HANDLER_IN_TAG.search(text), path
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", text, re.IGNORECASE), path


def test_hostile_text_in_the_search_index_is_inert(hostile_site):
    source, site = hostile_site
    # What every page fetches holds Material's config and the index's table, and nothing from the data.
    raw = (site / "search" / "search_index.json").read_text("utf-8")
    assert "<script" not in raw.lower() and "alert" not in raw and json.loads(raw)["docs"] == []
    # The index holds plain text, exactly what the pages show: the worker escapes it before Material shows it
    # as HTML (tests/browser/test_search.py: it shows as text, and nothing runs).
    reader = SearchReader(site)
    titles = {location: title for location, title, *_ in reader.documents() if location.startswith("events/")}
    assert titles == {urls.event_url(record.id): hostile("Title") for record in load_catalog(source / "events").events}
    for path in sorted(reader.folder.rglob("*")):
        if path.is_file():
            json.loads(path.read_text("utf-8"))  # data, never markup: each file is JSON


def test_hostile_text_in_the_sitemap_is_absent(hostile_site):
    _, site = hostile_site
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    ET.fromstring(sitemap)
    assert "<script" not in sitemap and "alert" not in sitemap


def test_every_page_title_is_the_escaped_title(hostile_site):
    source, site = hostile_site
    catalog = load_catalog(source / "events")
    for page in site_pages(catalog, SETTINGS):
        text = (site / page_file(page.url)).read_text("utf-8")
        head = text.split("</head>", 1)[0]  # charts in the body have SVG titles of their own
        raw_titles = re.findall(r"<title>(.*?)</title>", head, re.DOTALL)
        assert raw_titles == [f"{html.escape(page.title)} - {SITE_NAME}"], page.url
        assert parse(head).titles == [f"{page.title} - {SITE_NAME}"], page.url


def test_event_page_title_and_heading_keep_the_text_literally(hostile_site):
    _, site = hostile_site
    text = (site / page_file("events/2025-11-01-lee-xi-gyeongju-summit/")).read_text("utf-8")
    assert parse(text.split("</head>", 1)[0]).titles == [f"{hostile('Title')} - {SITE_NAME}"]
    heading = re.search(r"<h1 data-search-exclude>(.*?)</h1>", text).group(1)
    assert html.unescape(heading) == hostile("Title")
    # Jinja syntax is text, not evaluated: no 49 from {{ 7*7 }}, no config dumped.
    assert "{{ config }} {% raw %} {{ 7*7 }}" in html.unescape(heading)
    assert "{{ 7*7 }}" in text and "{% raw %}" in text


def test_meta_description_does_not_break_out(hostile_site):
    source, site = hostile_site
    catalog = load_catalog(source / "events")
    for page in site_pages(catalog, SETTINGS):
        metas = [attrs for tag, attrs in parse((site / page_file(page.url)).read_text("utf-8")).tags
                 if tag == "meta" and attrs.get("name") == "description"]
        assert metas == [{"name": "description", "content": page.description}], page.url
    event_page = (site / page_file("events/2025-11-01-lee-xi-gyeongju-summit/")).read_text("utf-8")
    assert re.search(r'<meta name="description" content="1 November 2025: Summary [^"<>]*">', event_page)


def test_hostile_summary_keeps_its_text_and_loses_its_markup(hostile_site):
    _, site = hostile_site
    text = (site / page_file("events/2025-11-01-lee-xi-gyeongju-summit/")).read_text("utf-8")
    summary = re.search(r'<div class="tl-summary">(.*?)</div>', text, re.DOTALL).group(1)
    assert "alert(1)" not in summary  # script content is dropped with the script
    assert '{: onclick="alert(3)" }' in summary  # attribute-list syntax stays text
    assert not [tag for tag, _ in parse(summary).tags if tag not in ("p", "a", "br", "em", "strong")]


# -- (d) search ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search(fixture_site) -> SearchReader:
    """The fixture site's search index, queried as the search box's worker queries it."""
    return SearchReader(fixture_site)


@pytest.mark.parametrize(("word", "event_id"), [
    ("banquet", "2025-11-01-lee-xi-gyeongju-summit"),      # in the summary only
    ("trilateral", "2024-05-26-seoul-trilateral-summit"),  # in the title and the summary
    ("launchers", "2017-03-thaad-launchers-arrive"),       # in the title only
    ("Asia-Pacific", "2025-10-apec-leaders-meet-in-gyeongju"),
])
def test_search_finds_an_event_once(search, word, event_id):
    assert search.find(word) == [urls.event_url(event_id)]


def test_listing_pages_are_not_in_the_search_index(search):
    pages = {location.split("#")[0] for location, *_ in search.documents()}
    catalog = load_catalog(FIXTURE_SITE / "events")
    assert {page for page in pages if page.startswith("events/")} == {urls.event_url(r.id) for r in catalog.events}
    others = pages - {page for page in pages if page.startswith("events/")}
    assert others == {"about/", "contributing/", "format/", "data/"}


def test_an_event_is_indexed_once_without_its_navigation(search):
    here = urls.event_url("2025-11-01-lee-xi-gyeongju-summit")
    docs = [row for row in search.documents() if row[0].startswith(here)]
    assert [location for location, *_ in docs] == [here]
    assert docs[0][1] == "Lee hosts Xi for a state summit in Gyeongju"
    # Facts, sources and related events are marked data-search-exclude: the related event's title is not here,
    # in the teaser or among the words indexed (the whole text).
    assert "APEC" not in docs[0][2] and "Reuters" not in docs[0][2]
    assert here not in search.find("APEC") and here not in search.find("Reuters")
    assert here in search.find("banquet")  # which the summary has


# -- (e) determinism -------------------------------------------------------------------------------------------


def copy_in_reverse_order(source: Path, target: Path) -> None:
    """Copy a tree creating folders and files in the reverse of sorted order, so listings come back different."""
    target.mkdir()
    for path in sorted(source.rglob("*"), reverse=True):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


def test_the_same_input_gives_a_byte_identical_site(fixture_site, tmp_path):
    copy_in_reverse_order(FIXTURE_SITE, tmp_path / "src")
    again = built(tmp_path / "src" / "mkdocs.yml", tmp_path / "site", PYTHONHASHSEED="2")
    first, second = files_of(fixture_site), files_of(again)
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


def test_event_pages_keep_everything_after_search_saw_only_the_summary(fixture_site):
    page = (fixture_site / "events" / "2025-11-01-lee-xi-gyeongju-summit" / "index.html").read_text("utf-8")
    for part in ('<ol class="tl-sources">', '<dl class="tl-facts">', 'id="related"', "banquet"):
        assert part in page


# -- (f) options -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("options", "expected"), [
    ({"latest": -1}, [("latest", "Expected a whole number of at least 0, but received: -1")]),
    ({"page_size": 0}, [("page_size", "Expected a whole number of at least 1, but received: 0")]),
    ({"page_size": "ten"}, [("page_size", "Expected a whole number of at least 1, but received: 'ten'")]),
    ({"page_size": True}, [("page_size", "Expected a whole number of at least 1, but received: True")]),
    ({"search": "lunr"}, [("search", "Expected one of: ('sharded', 'material') but received: 'lunr'")]),
    ({"latest": 0, "page_size": 1, "search": "material"}, []),
])
def test_options_validate_themselves(options, expected):
    from generator.plugin import TimelineConfig

    config = TimelineConfig()
    config.load_dict(options)
    errors, warnings = config.validate()
    assert [(name, str(error)) for name, error in errors] == expected
    assert warnings == []


def test_option_defaults_are_the_page_settings_defaults():
    from generator.pages import Settings
    from generator.plugin import TimelineConfig

    config = TimelineConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    assert (config.page_size, config.latest) == (Settings.page_size, Settings.latest)


def test_latest_zero_lists_no_event_on_the_home_page():
    from dataclasses import replace

    from generator.pages import render_home

    page = render_home(load_catalog(FIXTURE_SITE / "events"), replace(SETTINGS, latest=0))
    assert "Latest events" not in page.html and "tl-list" not in page.html and "4 events" in page.html


def test_search_is_the_sharded_index_unless_the_option_asks_for_material_s(fixture_site, tmp_path):
    page = (fixture_site / "about" / "index.html").read_text("utf-8")
    assert '<script src="../assets/timeline-search-setup.js"></script>' in page
    assert (fixture_site / "assets" / "timeline-search.js").is_file()
    source = tmp_path / "src"
    shutil.copytree(FIXTURE_SITE, source)
    config = source / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - timeline:\n", "  - timeline:\n      search: material\n"))
    site = built(config, tmp_path / "site")
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert "timeline" not in index["config"]
    assert sorted(doc["location"] for doc in index["docs"]) == sorted(row[0] for row in SearchReader(fixture_site)
                                                                      .documents())
    assert not (site / "search-index").exists()
    assert "timeline-search-setup.js" not in (site / "about" / "index.html").read_text("utf-8")
