"""The fast build (frames and workers) writes the bytes of MkDocs' own path, on every kind of site, and falls back
where it cannot be sure: a theme that changes a value, a template that writes something of each page's own."""

from __future__ import annotations

import multiprocessing
import re
import signal
import sys
from pathlib import Path

import pytest

from generator import atomic
from generator.assets import Asset
from generator.catalog import load_catalog
from generator.jobs import Job, site_jobs
from generator.listing import Listings
from generator.plugin import parallel

from .conftest import SETTINGS, build, built
from .sites import configure, differences, make_site, tree

SERIAL = {"frames": False, "workers": 1}
"""MkDocs' own path: every page read, converted and rendered by MkDocs, the pages made in the build's process."""
FAST = {"frames": True, "workers": 2}
"""Frames, and the pages made by two forked workers whatever the size of the site."""


def both_ways(config: Path, tmp_path: Path, **env: str) -> tuple[dict[str, bytes], dict[str, bytes], str]:
    """The site built the serial way and the fast way (every framed page checked), and the fast build's log."""
    serial = tree(built(configure(config, "serial.yml", **SERIAL), tmp_path / "serial", **env))
    result = build(configure(config, "fast.yml", **FAST), tmp_path / "fast", TIMELINE_VERIFY_FRAMES="1", **env)
    assert result.returncode == 0, result.stderr
    return serial, tree(tmp_path / "fast"), result.stderr


@pytest.mark.parametrize("kind", ["fixture", "browser", "generated"])
def test_the_fast_build_writes_the_serial_build_s_bytes(kind, tmp_path):
    config = make_site(kind, tmp_path / "site", events=300)
    serial, fast, log = both_ways(config, tmp_path)
    assert differences(serial, fast) == []
    assert "0 rendered the ordinary way" in log  # every generated page outside the navigation was framed


THEMES = {
    "transforms a value": '{% if page %}<div class="x-title">{{ page.meta.title | upper }}</div>{% endif %}\n',
    "writes each page's own address": '{% if page %}<div class="x-url">/{{ page.url }}</div>{% endif %}\n',
}
"""Overrides of a partial every page includes (Material's footer), that the frames cannot fill in."""


@pytest.mark.parametrize("theme", THEMES)
def test_a_theme_the_frames_cannot_fill_in_gets_the_ordinary_rendering(theme, tmp_path):
    config = make_site("fixture", tmp_path / "site")
    (tmp_path / "site" / "overrides" / "partials").mkdir(parents=True)
    (tmp_path / "site" / "overrides" / "partials" / "copyright.html").write_text(THEMES[theme], encoding="utf-8")
    theme_line = "  name: material\n"
    text = config.read_text(encoding="utf-8").replace(theme_line, theme_line + "  custom_dir: overrides\n")
    config.write_text(text, encoding="utf-8")
    serial, fast, log = both_ways(config, tmp_path)
    assert differences(serial, fast) == []
    framed, layouts, ordinary = map(int, re.findall(r"timeline: (\d+) pages filled into (\d+) frames, (\d+) rendered "
                                                    r"the ordinary way", log)[0])
    if theme == "transforms a value":  # seen in the frame itself: no page is framed
        assert framed == 0 and ordinary > layouts
    else:  # seen when a layout's second page differs: only each layout's first page is framed
        assert framed == layouts and ordinary > 0


def test_the_workers_make_what_the_build_s_own_process_makes(tmp_path):
    make_site("generated", tmp_path, events=120)
    catalog = load_catalog(tmp_path / "events")
    pages, assets = site_jobs(catalog, SETTINGS, Listings(catalog))
    jobs = [*pages, *assets]
    here = list(parallel.make(jobs, range(len(jobs)), processes=1))
    forked = list(parallel.make(jobs, range(len(jobs)), processes=2, forced=True))
    assert forked == here and [index for index, _ in here] == list(range(len(jobs)))


@pytest.mark.parametrize("system", ["no fork", "macOS"])
def test_without_fork_the_jobs_run_here_in_order(system, tmp_path, monkeypatch):
    make_site("fixture", tmp_path)
    catalog = load_catalog(tmp_path / "events")
    pages, _ = site_jobs(catalog, SETTINGS, Listings(catalog))
    if system == "macOS":  # fork exists there, but is not safe once system frameworks are loaded
        monkeypatch.setattr(sys, "platform", "darwin")
    else:
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", pytest.fail)  # no pool is started
    made = list(parallel.make(pages, [2, 0, 1], processes=4, forced=True))
    assert [index for index, _ in made] == [2, 0, 1]
    assert [item.path for _, items in made for item in items] == [
        "data/index.md", "index.md", "format/index.md"]


def _signals_in_the_worker() -> list[Asset]:
    handlers = (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM))
    return [Asset("signals.txt", repr(handlers).encode())]


def test_workers_leave_stopping_to_the_build(tmp_path):
    # `timeline build` turns SIGTERM into an interrupt; a worker that kept that handler printed a traceback when
    # the pool ended it, and every worker printed one on Ctrl-C.
    job = Job(("signals",), (), _signals_in_the_worker)
    with atomic._sigterm_as_interrupt():
        [(_, [made])] = list(parallel.make([job], [0], processes=2, forced=True))
    assert made.content == repr((signal.SIG_IGN, signal.SIG_DFL)).encode()
