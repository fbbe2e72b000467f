"""Sites for the tests of the fast paths: the fixture site, the browser corpus and a generated one, and ways to
compare what builds write."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import yaml

from generator.catalog import event_file
from generator.dates import EventDate

from .browser.corpus import read_config
from .browser.corpus import write_corpus as write_browser_corpus

REPO = Path(__file__).parents[1]
FIXTURE_SITE = Path(__file__).parent / "fixtures" / "sample-site"
sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import write_corpus  # noqa: E402

OPEN_DATES = ["../2021-03-04", "2019-05/..", "../2020-11", "2022~/..", "../1999"]
"""The date forms the benchmark's corpus does not write: on or before a date, and since a date."""


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder by its relative path, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def current(site: dict[str, bytes]) -> dict[str, bytes]:
    """A served site without the search index folders its search/search_index.json no longer names.

    Under `mkdocs serve`, the search index keeps the previous build's folder beside the new one (searchindex.py:
    a page opened before the rebuild may still read it); a full rebuild cleans the site first, so only the
    incremental preview leaves it.
    """
    stub = json.loads(site.get("search/search_index.json", b'{"config": {}}'))
    index = stub["config"].get("timeline", {}).get("index", "")
    return {path: data for path, data in site.items() if not path.startswith("search-index/") or
            path.startswith(index)}


def differences(expected: dict[str, bytes], got: dict[str, bytes]) -> list[str]:
    """The paths that one tree lacks or that differ, for an assertion that names them."""
    return sorted(path for path in expected.keys() | got.keys() if expected.get(path) != got.get(path))


def make_site(kind: str, root: Path, events: int = 300) -> Path:
    """Write a site of one kind under root and return its mkdocs.yml: `fixture` (tests/fixtures/sample-site),
    `browser` (the browser tests' corpus, with the shipped mkdocs.yml) or `generated` (`events` events in every
    date form, some related, the fixture site's config)."""
    if kind == "browser":
        return write_browser_corpus(root)
    shutil.copytree(FIXTURE_SITE, root, dirs_exist_ok=True)
    if kind == "generated":
        shutil.rmtree(root / "events")
        write_generated(root, events)
    return root / "mkdocs.yml"


def write_generated(root: Path, count: int) -> None:
    """The benchmark's corpus of `count` events, with events in the open date forms and related links added."""
    events = write_corpus(root, count)
    files = sorted(path for path in events.glob("[0-9]*/*.yml"))
    for number, text in enumerate(OPEN_DATES):
        data = yaml.safe_load(files[number].read_text(encoding="utf-8"))
        data["date"] = text
        for source in data["sources"]:
            source["date"] = EventDate.parse(text).prefix
        path = events / event_file(EventDate.parse(text), f"open-{number}")
        path.parent.mkdir(exist_ok=True)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    for number in range(0, len(files) - 1, 7):
        data = yaml.safe_load(files[number].read_text(encoding="utf-8"))
        data["related"] = [files[number + 1].stem]
        if number % 3 == 0:
            data["status"] = "developing"
        files[number].write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def configure(config_file: Path, name: str, **options: object) -> Path:
    """A copy of a mkdocs.yml beside it, with the timeline plugin's options changed."""
    config = read_config(config_file)
    plugins = []
    for plugin in config["plugins"]:
        if plugin == "timeline" or (isinstance(plugin, dict) and "timeline" in plugin):
            settings = dict(plugin["timeline"] or {}) if isinstance(plugin, dict) else {}
            plugin = {"timeline": {**settings, **options}}
        plugins.append(plugin)
    config["plugins"] = plugins
    path = config_file.parent / name
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
