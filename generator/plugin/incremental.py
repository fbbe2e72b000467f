"""The preview's rebuild after an edit of the events: only the pages and files whose inputs changed.

MkDocs' own rebuild under `mkdocs serve` cleans the site folder and renders every page again. This module takes
over the live-reload server's builder. When nothing but the events folder changed since the last full build (same
mkdocs.yml, docs folder, watched paths and theme folders, the same day), it loads the catalog, runs the jobs whose
inputs changed, and passes each page whose output changed through MkDocs' own page steps (_populate_page and
_build_page, so every plugin's page events run for it) with the files, navigation and theme of the last build;
files that changed are written again, and the post-build events run (the search index is written again).
Anything else is left to MkDocs' full build: a change outside the events folder, pages or files added or removed
(an event added, removed or renamed, a timeline getting a second page), a page in the navigation changing its
title, a new day (pages carry the build date). The output is a clean build's, byte for byte (tests/test_preview.py).
"""

from __future__ import annotations

import gc
import logging
import os
import sysconfig
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date, meta

from ..assets import Asset
from ..jobs import Job, Memo, site_jobs
from ..listing import Listings
from ..problems import ProblemsError
from .frames import Frames
from .parallel import Made, MadePage, make

if TYPE_CHECKING:
    from . import TimelinePlugin

log = logging.getLogger("mkdocs.plugins.timeline")

CONTENT = '<article class="md-content__inner md-typeset">'
"""Where Material's template opens a page's content: the preview's banner of problems goes right after it."""


def with_banner(output: str, banner: str) -> str:
    """A page with the preview's banner of problems at the top of its content."""
    return output.replace(CONTENT, CONTENT + str(banner), 1)  # str: adding Markup to a str would escape the str


def _installed(path: str) -> bool:
    roots = {sysconfig.get_paths()[name] for name in ("purelib", "platlib")}
    return any(Path(path).resolve().is_relative_to(Path(root).resolve()) for root in roots)


def outside_events(config: MkDocsConfig, events_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of every file whose change needs a full build: mkdocs.yml, the docs folder,
    watched paths, and the theme folders that are not installed packages (the user's, the generator's).

    Links are not followed (a link's own times count; the docs folder's links stay inside it, which the build
    checks) and a file that vanishes while it is looked at is left out: editors' lock links that point nowhere
    and their short-lived files are ordinary in a folder being edited."""
    roots = [config.config_file_path or "", config.docs_dir, *config.watch]
    roots += [folder for folder in config.theme.dirs if not _installed(folder)]
    events = os.path.realpath(events_dir)
    seen = []
    for root in dict.fromkeys(roots):
        if not root or os.path.realpath(root) == events or not os.path.exists(root):
            continue
        for path in _files_under(root, events):
            try:
                stat = os.stat(path, follow_symlinks=False)
            except OSError:
                continue
            seen.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(seen))


def _files_under(root: str, events: str) -> list[str]:
    """Every name under root but folders, the events folder left out (os.walk follows no folder link)."""
    if not os.path.isdir(root):
        return [root]
    found = []
    for folder, folders, names in os.walk(root):
        folders[:] = [name for name in folders if os.path.realpath(os.path.join(folder, name)) != events]
        found += [os.path.join(folder, name) for name in names]
    return found


@dataclass(frozen=True)
class Before:
    """What a full build is about to read, taken before it reads anything: a file saved while it runs is then
    a change the next rebuild sees, and a build that runs past midnight is not taken for the new day's."""

    outside: tuple[tuple[str, int, int], ...]
    date: str

    @classmethod
    def now(cls, config: MkDocsConfig, events_dir: Path) -> Before:
        """The files outside the events and the build date, as they are now."""
        return cls(outside_events(config, events_dir), get_build_date())


@dataclass
class LastBuild:
    """What a full build leaves for the rebuilds after it."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment
    frames: Frames | None
    banner: str
    before: Before


@dataclass
class Preview:
    """What `mkdocs serve` keeps between builds: each job's inputs and output, and the last full build."""

    made: dict[tuple[Any, ...], tuple[tuple[Any, ...], list[Made]]] = field(default_factory=dict)
    memo: Memo = field(default_factory=Memo)
    last: LastBuild | None = None
    rebuilding: bool = False

    def todo(self, jobs: Sequence[Job[Any]]) -> list[int]:
        """The numbers of the jobs to run: those the last build did not have, or whose inputs changed since."""
        return [index for index, job in enumerate(jobs)
                if job.key not in self.made or self.made[job.key][0] != job.inputs]

    def forget(self) -> None:
        """Forget everything: the next build starts afresh."""
        self.made, self.last = {}, None


def take_over(server: Any, plugin: TimelinePlugin) -> None:
    """Make the live-reload server rebuild incrementally when it can, with MkDocs' full build otherwise."""
    full: Callable[[], None] = server.builder

    def rebuild() -> None:
        # The collector would walk the whole site's objects again and again for the few made here.
        enabled = gc.isenabled()
        gc.disable()
        try:
            if rebuild_incrementally(plugin):
                return
        except Exception as error:  # a full build is always a right answer; say why it is needed
            log.warning(f"timeline: the incremental rebuild failed ({error!r}); building everything")
        finally:
            if enabled:
                gc.enable()
            if plugin.preview is not None:
                plugin.preview.rebuilding = False
        if plugin.preview is not None:
            plugin.preview.last = None
        full()

    server.builder = rebuild


@dataclass
class _Change:
    pages: list[MadePage]
    assets: list[Asset]
    made: dict[tuple[Any, ...], tuple[tuple[Any, ...], list[Made]]]


def rebuild_incrementally(plugin: TimelinePlugin) -> bool:
    """Rebuild what an edit of the events changed; False (nothing touched) when a full build is needed."""
    preview, last = plugin.preview, plugin.preview.last if plugin.preview else None
    if preview is None or last is None:
        return False
    started = time.perf_counter()
    if Before.now(last.config, plugin.events_dir) != last.before:
        return False
    try:
        catalog = plugin.load_catalog(report=False)
    except ProblemsError:
        return False  # no events folder: the full build says so
    settings = plugin.settings(last.config)
    page_jobs, asset_jobs = site_jobs(catalog, settings, Listings(catalog, plugin.summaries), preview.memo)
    jobs: list[Job[Any]] = [*page_jobs, *asset_jobs]
    if {job.key for job in jobs} != preview.made.keys():
        return False  # a page or file added or removed: the file list, sitemap and search index change
    todo = preview.todo(jobs)
    change = _Change([], [], {})
    for index, output in make(jobs, todo, processes=1):
        before = preview.made[jobs[index].key][1]
        if [item.path for item in output] != [item.path for item in before]:
            return False
        change.made[jobs[index].key] = (jobs[index].inputs, output)
        for old, new in zip(before, output, strict=True):
            if new != old:
                if isinstance(new, MadePage):
                    change.pages.append(new)
                else:
                    assert isinstance(new, Asset)
                    change.assets.append(new)
    if any(_retitled(last, page) for page in change.pages):
        return False  # a page in the navigation changed its title: every page's navigation changes
    preview.rebuilding = True
    plugin.report_problems(catalog)
    plugin.remember_search_order(catalog)  # a date edited moves an event in it
    _apply(plugin, last, change)
    preview.made.update(change.made)
    log.info(f"timeline: rebuilt {len(change.pages)} page(s) and {len(change.assets)} other file(s) that changed, "
             f"in {time.perf_counter() - started:.2f} s")
    return True


def _retitled(last: LastBuild, made: MadePage) -> bool:
    """Whether a page in the navigation changed its title (which every page's navigation shows)."""
    file = last.files.get_file_from_path(made.path)
    assert file is not None and file.page is not None
    if file.page.parent is None and file.page not in last.nav.pages:
        return False
    return meta.get_data(made.skeleton)[1].get("title") != meta.get_data(file.content_string)[1].get("title")


def _apply(plugin: TimelinePlugin, last: LastBuild, change: _Change) -> None:
    """Write what changed: each changed page through MkDocs' page steps, each changed file as it is."""
    config, files = last.config, last.files
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    changed = {made.path for made in change.pages}
    if plugin.banner != last.banner:
        # Every page shows the problems: those not rendered again get the new banner in place of the old one.
        for file in doc_files:
            if file.src_uri not in changed and os.path.isfile(file.abs_dest_path):
                _replace_banner(file.abs_dest_path, last.banner, plugin.banner)
        last.banner = plugin.banner
    plugin.frames, plugin.env, plugin.files, plugin.nav = last.frames, last.env, files, last.nav
    plugin.progress = None
    search = _search_index(config)
    for made in change.pages:
        found = files.get_file_from_path(made.path)
        assert found is not None and found.page is not None
        found.content_string = made.skeleton
        plugin.set_page(made)
        page = found.page
        _rebuild_page(page, config, files, doc_files, last, search)
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    for asset in change.assets:
        target = files.get_file_from_path(asset.path)
        assert target is not None
        target.content_bytes = asset.content
        target.copy_file()
    config.plugins.on_post_build(config=config)


def _rebuild_page(page: Page, config: MkDocsConfig, files: Files, doc_files: Any, last: LastBuild,
                  search: Any) -> None:
    """One page through MkDocs' own steps; its search entries go back where they were, as in a clean build."""
    position = None
    if search is not None:
        mine = {index for index, entry in enumerate(search.entries) if _located_on(entry["location"], page.url)}
        position = min(mine) if mine else None
        search.entries = [entry for index, entry in enumerate(search.entries) if index not in mine]
        before = len(search.entries)
    mkdocs_build._populate_page(page, config, files)
    mkdocs_build._build_page(page, config, doc_files, last.nav, last.env)
    if search is not None:
        added = search.entries[before:]
        if added and position is None:
            raise RuntimeError(f"{page.file.src_uri} is searchable now and was not")
        if added:
            del search.entries[before:]
            search.entries[position:position] = added


def _located_on(location: str, url: str) -> bool:
    return location == url or location.startswith(url + "#")


def _search_index(config: MkDocsConfig) -> Any:
    """Material's search index of the last build (its entries, in page order), if the site has search."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            return plugin.search_index
    return None


def _replace_banner(path: str, old: str, new: str) -> None:
    """Put the new banner where the page had the old one (right after the first opening of its content, as
    on_post_page puts it), encoded as MkDocs writes pages."""
    with open(path, "rb") as handle:
        text = handle.read()
    content = CONTENT.encode()
    text = text.replace(content + old.encode("utf-8", errors="xmlcharrefreplace"), content, 1)
    if new:
        text = text.replace(content, content + new.encode("utf-8", errors="xmlcharrefreplace"), 1)
    with open(path, "wb") as handle:
        handle.write(text)
