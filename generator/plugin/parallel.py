"""The generator's own work on every core: jobs run in a pool of forked processes, their output comes back in
order, with MkDocs' Markdown conversion of each distinct skeleton.

Nothing is pickled on the way in: the jobs, the catalog and MkDocs' config reach the workers by fork. What comes
back is each page as MkDocs will read it (skeleton, packed blocks, search text) and each file's bytes. A job is a
pure function of the catalog and the settings, and a conversion is MkDocs' own Page.render with the same config,
so the output does not depend on which process made it. Where fork is missing (Windows, and macOS by default),
everything runs here, in order.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import zlib
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import meta

from .. import urls
from ..assets import Asset
from ..jobs import Job
from ..pages import Page
from .frames import Conversion, conversion, shareable
from .skeleton import page_skeleton

SMALL = 200
"""Fewer jobs than this run here: starting a pool costs more than it saves."""


@dataclass(frozen=True)
class MadePage:
    """A generated page as the plugin hands it to MkDocs."""

    path: str
    """Its source path, e.g. `events/<id>/index.md`."""
    in_nav: bool
    skeleton: str
    """Front matter, headings and placeholders: what MkDocs reads and converts."""
    blocks: bytes
    """The HTML blocks that replace the placeholders, packed: pages wait in memory until they are written."""
    search_html: str | None
    """What search sees of a searchable page, when that is less than the whole page."""
    edit_file: str | None


@dataclass(frozen=True)
class Written:
    """A generated file that is not a page, already written into the site by the process that made it."""

    path: str


Made = MadePage | Asset | Written


def write_asset(site_dir: str, asset: Asset) -> Written:
    """Write a generated file into the site (MkDocs has cleaned the folder before on_files)."""
    target = os.path.join(site_dir, asset.path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(asset.content)
    return Written(asset.path)


def made_page(page: Page) -> MadePage:
    """A page of the generator as the plugin hands it to MkDocs."""
    skeleton, blocks = page_skeleton(page)
    return MadePage(urls.source_path(page.url), page.in_nav, skeleton, zlib.compress(json.dumps(blocks).encode(), 1),
                    page.search_html if page.searchable else None, page.edit_file)


@dataclass
class _Work:
    jobs: Sequence[Job[Any]]
    config: MkDocsConfig | None
    files: Files | None
    converted: dict[str, Conversion]
    site_dir: str | None


_WORK: _Work | None = None
"""What a worker was forked with."""


def _run(index: int) -> tuple[list[Made], dict[str, Conversion]]:
    """One job, in a worker: its output, and the conversions of skeletons this worker had not sent yet."""
    assert _WORK is not None
    made = _made(_WORK.jobs[index])
    if _WORK.site_dir is not None:  # written here: the build's process need not hold the bytes, even for a moment
        made = [write_asset(_WORK.site_dir, item) if isinstance(item, Asset) else item for item in made]
    new: dict[str, Conversion] = {}
    if _WORK.config is not None:
        for item in made:
            if isinstance(item, MadePage) and not item.in_nav:
                markdown = meta.get_data(item.skeleton)[0]
                if shareable(markdown) and markdown not in _WORK.converted:
                    new[markdown] = _WORK.converted[markdown] = _convert(item, markdown)
    return made, new


def _start_worker() -> None:
    """A worker leaves stopping to the build: Ctrl-C reaches the whole process group, and the parent's SIGTERM
    handler (`timeline build` turns SIGTERM into an interrupt) would make the pool's own terminate() print a
    traceback from every worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _convert(item: MadePage, markdown: str) -> Conversion:
    assert _WORK is not None and _WORK.config is not None and _WORK.files is not None
    page = MkDocsPage(None, File.generated(_WORK.config, item.path, content=item.skeleton), _WORK.config)
    page.markdown = markdown
    page.render(_WORK.config, _WORK.files)
    return conversion(page)


def workers(wanted: int) -> int:
    """How many processes to use: `wanted`, or one per core the process may run on when it is 0."""
    if wanted:
        return wanted
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def make(jobs: Sequence[Job[Any]], todo: Sequence[int], *, processes: int, forced: bool = False,
         here: Container[int] = (), config: MkDocsConfig | None = None, files: Files | None = None,
         converted: Callable[[dict[str, Conversion]], None] = lambda new: None,
         site_dir: str | None = None) -> Iterator[tuple[int, list[Made]]]:
    """The output of the jobs numbered in `todo`, in that order, with each job's number.

    On `processes` workers when there are enough jobs (or `forced`) and fork is available, except the jobs in
    `here`, which run in this process meanwhile (what they keep stays here); else everything here. With a config
    (frames on), workers also convert each distinct skeleton and hand the conversions to `converted`. With a
    site folder, workers write the files that are not pages into it and give back only their paths.
    """
    global _WORK
    if processes <= 1 or (len(todo) < SMALL and not forced) or not _can_fork():
        for index in todo:
            yield index, _made(jobs[index])
        return
    _WORK = _Work(jobs, config, files, {}, site_dir)
    away = [index for index in todo if index not in here]
    try:
        # Fork, explicitly: Python 3.14 makes forkserver the default on Linux, which would pickle everything.
        with multiprocessing.get_context("fork").Pool(processes, initializer=_start_worker) as pool:
            results = pool.imap(_run, away, chunksize=max(1, len(away) // (processes * 16)))
            done = {index: _made(jobs[index]) for index in todo if index in here}
            for index in todo:
                if index in done:
                    yield index, done.pop(index)
                    continue
                made, new = next(results)
                if new:
                    converted(new)
                yield index, made
    finally:
        _WORK = None


def _can_fork() -> bool:
    """Whether workers may be forked: where fork exists and is safe once libraries are loaded (not on macOS,
    whose system frameworks may crash in a forked child; Python itself stopped forking there by default)."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def _made(job: Job[Any]) -> list[Made]:
    return [made_page(item) if isinstance(item, Page) else item for item in job.run()]
