"""What the site's search relies on in Material, which Material does not document as an interface: an upgrade that
changes any of it fails here, naming what changed, rather than leaving a search box that finds nothing.

The search box stays Material's; only its worker is the timeline's (generator/theme/assets/timeline-search.js),
pointed at by timeline-search-setup.js before Material's bundle starts. Material's TypeScript is read from the
source maps it ships beside its bundle and its worker.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from generator import searchindex

MATERIAL = Path(importlib.util.find_spec("material").submodule_search_locations[0])
THEME = Path(__file__).parents[1] / "generator" / "theme"
WORKER = (THEME / "assets" / "timeline-search.js").read_text("utf-8")
SETUP = (THEME / "assets" / "timeline-search-setup.js").read_text("utf-8")
BASE = (MATERIAL / "templates" / "base.html").read_text("utf-8")


def block(template: str, name: str) -> str:
    """The text of one Jinja block of a template."""
    match = re.search(rf"\{{% block {name} %\}}(.*?)\{{% endblock %\}}", template, re.DOTALL)
    assert match, f"Material's base.html has no block {name} any more"
    return match[1]


def shipped(kind: str) -> Path:
    """Material's `bundle` or `workers/search`, as base.html names it (the names carry a hash of the content)."""
    match = re.search(rf"'assets/javascripts/({kind}\.[0-9a-f]+\.min\.js)'|\"assets/javascripts/({kind}\.[0-9a-f]+"
                      r"\.min\.js)\"", BASE)
    assert match, f"Material's base.html no longer names assets/javascripts/{kind}.<hash>.min.js"
    return MATERIAL / "templates" / "assets" / "javascripts" / (match[1] or match[2])


def source_file(kind: str, key: str) -> str:
    """One source file of Material's bundle or worker, from the source map shipped beside it."""
    mapping = shipped(kind).with_name(shipped(kind).name + ".map")
    assert mapping.is_file(), f"Material no longer ships {mapping.name}: check its search protocol by hand"
    data = json.loads(mapping.read_text("utf-8"))
    files = dict(zip(data["sources"], data["sourcesContent"], strict=True))
    assert key in files, f"Material's {key} is gone: its search protocol moved"
    return files[key]


def source(kind: str, path: str) -> str:
    """One of Material's TypeScript files, by its path under assets/javascripts/."""
    return source_file(kind, f"src/templates/assets/javascripts/{path}")


def test_the_worker_s_address_is_a_config_key_read_before_the_bundle_runs():
    config = block(BASE, "config")
    # The setup script runs after Material's config script (block config) and before its bundle (block scripts).
    assert re.search(r'<script id="__config" type="application/json">', config)
    assert re.search(r'"search": "assets/javascripts/workers/search\.[0-9a-f]+\.min\.js" \| url', config)
    assert BASE.index("{% block config %}") < BASE.index("{% block scripts %}")
    assert "assets/javascripts/bundle." in block(BASE, "scripts")
    # The search box is there when Material's search plugin is, as "material/search" (main.html asks the same).
    header = (MATERIAL / "templates" / "partials" / "header.html").read_text("utf-8")
    assert '{% if "material/search" in config.plugins %}' in header
    # The bundle reads #__config once, when it is evaluated, and starts the worker from its `search` key.
    assert "const config: Config = JSON.parse(script.textContent!)" in source("bundle", "_/index.ts")
    assert "search: string                       /* Search worker URL */" in source("bundle", "_/index.ts")
    assert "setupSearchWorker(config.search, index$)" in source("bundle", "components/search/_/index.ts")
    # A classic worker, made by `new Worker(url)`: the timeline's worker is a plain script.
    assert "url: string, worker = new Worker(url)" in source("bundle", "browser/worker/index.ts")
    assert "new Worker(" in shipped("bundle").read_text("utf-8")


def test_the_setup_script_comes_after_material_s_config_in_our_template():
    ours = (THEME / "main.html").read_text("utf-8")
    config = block(ours, "config")
    assert config.index("{{ super() }}") < config.index("assets/timeline-search-setup.js")
    assert 'document.getElementById("__config")' in SETUP and "config.search = worker" in SETUP


def test_the_message_numbers_are_material_s():
    enum = re.search(r"export const enum SearchMessageType \{(.*?)\}",
                     source("bundle", "integrations/search/worker/message/index.ts"), re.DOTALL)
    assert enum, "Material's SearchMessageType is gone"
    names = re.findall(r"^\s*([A-Z]+),?\s", enum[1], re.MULTILINE)
    assert names == ["SETUP", "READY", "QUERY", "RESULT"], "Material's search messages changed"
    ours = re.search(r"var SETUP = (\d), READY = (\d), QUERY = (\d), RESULT = (\d);", WORKER)
    assert ours and [int(number) for number in ours.groups()] == [0, 1, 2, 3]
    assert "event.data.type === 3" in SETUP  # RESULT


def test_setup_hands_the_worker_the_config_of_search_index_json_untouched():
    assert 'new URL("search/search_index.json", config.base)' in source("bundle", "bundle.ts")
    assert "search/search_index.json" in shipped("bundle").read_text("utf-8")
    worker = source("bundle", "integrations/search/worker/_/index.ts")
    assert re.search(r"\.subscribe\(\(\{ config, docs \}\) => worker\$\.next\(\{\s*type: SearchMessageType\.SETUP,"
                     r"\s*data: \{\s*config,\s*docs,", worker), "Material's SETUP message changed"
    # Material's search plugin writes {config, docs} there; the timeline plugin reads it after.
    plugin = (MATERIAL / "plugins" / "search" / "plugin.py").read_text("utf-8")
    assert 'os.path.join(config.site_dir, "search")' in plugin and '"search_index.json"' in plugin
    assert searchindex.MATERIAL_INDEX == "search/search_index.json"
    assert 'data = { "config": config, "docs": self.entries }' in plugin
    assert re.search(r'entry = \{\s*"location": url,\s*"title": title,\s*"text": text\s*\}', plugin)


def test_a_result_is_material_s_search_items_grouped_by_page():
    result = source("workers/search", "integrations/search/_/index.ts")
    assert re.search(r"export interface SearchItem\s+extends SearchDocument\s*\{\s*score: number\s.*?"
                     r"terms: SearchQueryTerms\s", result, re.DOTALL)
    assert re.search(r"export interface SearchResult \{\s*items: SearchItem\[\]\[\]\s", result)
    document = source("workers/search", "integrations/search/config/index.ts")
    assert re.search(r"export interface SearchDocument \{\s*location: string\s.*?title: string\s.*?text: string\s",
                     document, re.DOTALL)
    # Material shows the title and text of each item as HTML: the worker escapes them (test_search.py).
    render = source("bundle", "templates/search/index.tsx")
    assert "{parent <= 0 && <h2>{document.title}</h2>}" in render and "document.text\n" in render


def test_the_count_line_is_material_s_number_of_items():
    result = source("bundle", "components/search/result/index.ts")
    assert "const count = round(items.length)" in result
    assert 'translation("search.result.other", count)' in result
    assert 'const meta = getElement(":scope > :first-child", el)' in result
    partial = (THEME / "partials" / "search.html").read_text("utf-8")
    assert re.search(r'<div class="md-search-result" data-md-component="search-result">\s*'
                     r'<div class="md-search-result__meta">', partial)
    assert '".md-search-result__meta"' in SETUP


def test_the_worker_reads_the_format_the_index_is_written_in():
    assert re.search(rf"var FORMAT = {searchindex.FORMAT};", WORKER)


def test_stop_words_are_those_of_material_s_lunr():
    lunr = source_file("workers/search", "node_modules/lunr/lunr.js")
    stop = re.search(r"lunr\.stopWordFilter = lunr\.generateStopWordFilter\(\[(.*?)\]\)", lunr, re.DOTALL)
    assert stop, "lunr's stop word filter moved"
    assert set(re.findall(r"'(\w+)'", stop[1])) == searchindex.STOP_WORDS
