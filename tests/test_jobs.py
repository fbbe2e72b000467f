"""jobs: the one list of the site's pages and files, each once and in a stable order, and a job whose inputs did
not change after an edit gives what it gave before (the incremental preview relies on it)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from generator import urls
from generator.catalog import load_catalog
from generator.jobs import Job, Memo, site_jobs
from generator.listing import Listings
from generator.pages import Settings, render_left_out
from generator.store import Cache

from .conftest import SETTINGS
from .sites import make_site


def run(jobs: list[Job]) -> list:
    return [item for job in jobs for item in job.run()]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated")
    make_site("generated", root, events=120)
    return root / "events"


@pytest.mark.parametrize("kind", ["fixture", "generated", "browser"])
@pytest.mark.parametrize("settings", [SETTINGS, replace(SETTINGS, site_url=None, page_size=7, latest=0)])
def test_jobs_make_every_page_and_file_once_in_a_stable_order(kind, settings, tmp_path):
    make_site(kind, tmp_path, events=120)
    catalog = load_catalog(tmp_path / "events")
    pages, files = site_jobs(catalog, settings, Listings(catalog))
    assert len({job.key for job in pages + files}) == len(pages + files)
    made = run(pages)
    addresses = [page.url for page in made]
    assert len(set(addresses)) == len(addresses)
    events = [urls.event_url(record.id) for record in catalog.events]
    assert addresses[:3 + len(events)] == [urls.HOME, urls.FORMAT, urls.DATA, *events]
    timelines = [section.url(key) for section in catalog.sections for key in catalog.timelines[section.name]]
    first_pages = [address for address in addresses if address in timelines]
    assert first_pages == timelines
    assert {urls.section_url(section.name) for section in catalog.sections} <= set(addresses)
    paths = [asset.path for asset in run(files)]
    assert len(set(paths)) == len(paths)
    assert {urls.EVENTS_JSON, urls.EVENTS_SCHEMA, urls.EVENTS_CSV} <= set(paths)
    assert ("feed.xml" in paths) == bool(settings.site_url)  # feeds need absolute addresses
    again_pages, again_files = site_jobs(catalog, settings, Listings(catalog))
    assert run(again_pages) == made and [asset.path for asset in run(again_files)] == paths


def test_jobs_make_the_pages_of_files_left_out_in_a_preview(tmp_path):
    make_site("fixture", tmp_path)
    (tmp_path / "events" / "2025" / "2025-11-02-broken.yml").write_text("title: Broken\ndate: 2025-11-02\n")
    catalog = load_catalog(tmp_path / "events", cache=Cache(), lenient=True)
    pages, _ = site_jobs(catalog, SETTINGS, Listings(catalog))
    left_out = list(render_left_out(catalog))
    assert catalog.left_out and left_out and run(pages)[-len(left_out):] == left_out


def edit(rel: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """Replace text in an events file, failing when it is not there."""

    def change(events: Path) -> None:
        path = next(events.glob(rel))
        text = path.read_text(encoding="utf-8")
        assert re.search(old, text, re.M), (path, old)
        path.write_text(re.sub(old, new, text, count=count, flags=re.M), encoding="utf-8")

    return change


EDITS = {
    "title": edit("*/*-event-000003.yml", r"^title: ", "title: Edited "),
    "summary": edit("*/*-event-000010.yml", r"^summary: ", "summary: Edited. "),
    "country": edit("*/*-event-000020.yml", r"^countries:\n", "countries:\n- KR\n"),
    "related": lambda events: edit("*/*-event-000030.yml", r"^sources:",
                                   f"related:\n- {next(events.glob('*/*-event-000031.yml')).stem}\nsources:")(events),
    "status": edit("*/*-event-000040.yml", r"^sources:", "status: disputed\nsources:"),
    "approximate date": edit("*/*-event-00005[0-9].yml", r"^date: '?([0-9-]+)'?$", r"date: \1~"),
    "leader's name": edit("leaders/leader-00002.yml", r"^name: .*$", "name: Renamed Leader"),
    "leader's office": edit("leaders/leader-00003.yml", r"^  start: '?([0-9]{4})'?$", r"  start: '\1-06'"),
    "tag's label": edit("tags.yml", r"label: Topic 3$", "label: Topic three"),
    "organisation's name": edit("organisations/organisation-00001.yml", r"^name: .*$", "name: Renamed Org"),
}


def outputs(events: Path, cache: Cache, settings: Settings, memo: Memo | None = None) -> dict[tuple, tuple]:
    catalog = load_catalog(events, cache=cache, lenient=True)
    assert catalog.problems == []
    pages, assets = site_jobs(catalog, settings, Listings(catalog), memo)
    return {job.key: (job.inputs, job.run()) for job in pages + assets}


@pytest.mark.parametrize("name", EDITS)
def test_a_job_whose_inputs_did_not_change_makes_what_it_made(name, generated, tmp_path):
    events = tmp_path / "events"
    shutil.copytree(generated, events)
    cache, memo = Cache(), Memo()
    before = outputs(events, cache, SETTINGS, memo)
    EDITS[name](events)
    after = outputs(events, cache, SETTINGS, memo)
    same = [key for key in after if key in before and after[key][0] == before[key][0]]
    assert [key for key in same if after[key][1] != before[key][1]] == []
    changed = [key for key in after if after[key][1] != before.get(key, (None, None))[1]]
    assert changed and len(same) > len(after) // 2  # the edit changed something, and far from everything
    # What the memo kept makes what a build without it makes.
    assert {key: output for key, (_, output) in after.items()} == {
        key: output for key, (_, output) in outputs(events, Cache(), SETTINGS).items()}
