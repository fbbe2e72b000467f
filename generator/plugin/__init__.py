"""The MkDocs plugin `timeline`: the edge of the generator. Only this package imports MkDocs or Material.

It loads and checks the events before MkDocs cleans site/ (invalid data fails the build and leaves the
old site alone), then hands the generated pages to MkDocs as virtual files. The modules beside this one are
the other MkDocs-aware parts (frames, workers, the preview's incremental rebuild); everything else in the
generator works on plain objects.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from .. import urls
from ..assets import Asset
from ..catalog import EVENTS_DIR, Catalog, load_catalog
from ..jobs import Job, site_jobs
from ..listing import Listings
from ..pages import Settings, render_problems_banner
from ..paths import leaving
from ..problems import Problem, ProblemsError
from ..progress import Progress, terminal_progress
from ..render import Summaries
from ..report import build_report
from ..searchindex import SearchIndex, publish_index
from ..store import Cache
from . import incremental
from .building import build_atomically, settings_from_config
from .config import TimelineConfig
from .frames import Conversion, Frames, GeneratedPage
from .parallel import Made, MadePage, Written, make, workers, write_asset
from .skeleton import PLACEHOLDER, fill_blocks, front_matter, page_markdown, page_skeleton

__all__ = ["PLACEHOLDER", "TimelineConfig", "TimelinePlugin", "build_atomically", "front_matter", "page_markdown",
           "page_skeleton", "settings_from_config"]

THEME_DIR = Path(__file__).parent.parent / "theme"
log = logging.getLogger("mkdocs.plugins.timeline")


class TimelinePlugin(BasePlugin[TimelineConfig]):
    """Generates the timeline's pages from the events folder."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.banner = ""
        self.cache: Cache | None = None
        self.preview: incremental.Preview | None = None
        self.serving = False
        """Whether the live-reload server runs (its threads do): no more forking from here on."""
        self.events_dir = Path(EVENTS_DIR)
        self.progress: Progress | None = None
        self.rendered = self.total = 0
        self.blocks: dict[str, bytes] = {}
        self.search_html: dict[str, str] = {}
        self.generated: set[str] = set()
        self.summaries = Summaries()
        self.memo: dict[str, Conversion] = {}
        """Markdown conversions of skeletons, shared by the pages whose skeleton is the same text."""
        self.memo_for = ""
        self.frames: Frames | None = None
        self.env: Environment | None = None
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.search_order: list[str] = []
        self.search_index: SearchIndex | None = None
        self.before: incremental.Before | None = None
        """Under `mkdocs serve`, what the full build under way found before it read anything."""

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup makes MkDocs keep this instance across `mkdocs serve` rebuilds, so the cache
        # of validated files and what the last build made live as long as the server; a one-off build has
        # nothing to reuse.
        self.cache = Cache() if command == "serve" else None
        self.preview = incremental.Preview() if command == "serve" and not dirty else None
        self.serving = False
        self.summaries, self.memo, self.memo_for = Summaries(), {}, ""
        self.search_index = None  # kept from build to build of one server only

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("timeline: expected use_directory_urls: true, got false (event permalinks are folders)")
        events_dir = Path(config.config_file_path or ".").parent / self.config.events_dir
        try:
            # Relative to where the command runs, so problems read exactly as `timeline check` prints them.
            self.events_dir = Path(os.path.relpath(events_dir))
        except ValueError:
            self.events_dir = events_dir
        # The theme folder first after the user's own: it escapes page titles that Material writes raw.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        config.extra_css.append(urls.ASSETS_CSS)  # copied from the theme folder
        config.extra_javascript.append(urls.ASSETS_JS)
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")  # generated headings carry their anchors: `## 2025 {#2025}`
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Runs before MkDocs cleans site/: bad data stops the build with the old site untouched.
        self.catalog = None
        if self.preview is not None:
            self.before = incremental.Before.now(config, self.events_dir)
        # MkDocs follows links in docs/ and copies what they point at (a key, a whole folder) into the site.
        outside = [f"{config.docs_dir}/{rel}: expected a file inside the docs folder, got {kind}"
                   for rel, kind in leaving(config.docs_dir)]
        if outside:
            raise PluginError("timeline: " + "\n".join(outside))
        try:
            self.catalog = self.load_catalog(progress=terminal_progress("timeline: checked"))
        except ProblemsError as error:
            raise PluginError(self._report(error.problems)) from None

    def load_catalog(self, progress: Progress | None = None, *, report: bool = True) -> Catalog:
        """The catalog of the events folder, and the banner of its problems.

        Under `mkdocs serve` (a cache), an edit in progress never stops the preview: a file with problems is
        shown at its last valid version, or left out, and every page lists the problems until they are fixed.
        """
        catalog = load_catalog(self.events_dir, cache=self.cache, lenient=self.cache is not None, progress=progress)
        # A plain string: Markup would escape the page it is added to.
        self.banner = str(render_problems_banner(catalog.problems)) if catalog.problems else ""
        if report:
            self.report_problems(catalog)
        return catalog

    def report_problems(self, catalog: Catalog) -> None:
        """Print a preview's problems on standard error, not as MkDocs warnings, which strict mode would turn
        into a failed preview."""
        if catalog.problems:
            print(f"{self._report(catalog.problems)}\ntimeline: the preview shows files with problems at their "
                  f"last valid version, or not at all, until they are fixed", file=sys.stderr)

    def _report(self, problems: list[Problem]) -> str:
        report = build_report(problems)  # a few of each kind per file, at most MAX_SHOWN lines
        lines = "\n".join(report.lines + ([report.closing] if report.cut else []))
        return f"timeline: {report.total} problem(s) in {self.events_dir}:\n{lines}"

    # Late, so that pages other plugins add exist first and a clash with a generated page is reported.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.catalog is not None
        settings = self.settings(config)
        markdown = repr((config.markdown_extensions, config.mdx_configs))
        if markdown != self.memo_for:  # conversions are only shared between builds of the same Markdown setup
            self.memo, self.memo_for = {}, markdown
        self.blocks, self.search_html, self.generated = {}, {}, set()
        preview = self.preview
        listings = Listings(self.catalog, self.summaries if preview is not None else None)
        page_jobs, asset_jobs = site_jobs(self.catalog, settings, listings, preview.memo if preview else None)
        jobs: list[Job[Any]] = [*page_jobs, *asset_jobs]
        # Under `mkdocs serve`, a job whose inputs did not change since the last build is not run again.
        todo = preview.todo(jobs) if preview is not None else range(len(jobs))
        processes = 1 if self.serving else workers(self.config.workers)
        made = make(jobs, todo, processes=processes, forced=self.config.workers > 1, files=files,
                    here={index for index in todo if jobs[index].memo}, config=config if self.config.frames else None,
                    converted=self.memo.update, site_dir=config.site_dir if preview is None else None)
        following = next(made, None)
        now: dict[tuple[Any, ...], tuple[tuple[Any, ...], list[Made]]] = {}
        for index, job in enumerate(jobs):
            if following is not None and following[0] == index:
                output, following = following[1], next(made, None)
            else:
                assert preview is not None
                output = preview.made[job.key][1]
            now[job.key] = (job.inputs, output)
            for item in output:
                if isinstance(item, MadePage):
                    self.add_page(item, files, config, settings)
                else:
                    self.add_file(item, files, config)
        if preview is not None:
            preview.made = now  # what this build made, from which inputs; jobs it no longer has are forgotten
        self.remember_search_order(self.catalog)
        self.catalog = None  # everything it was needed for is in the pages now
        # What exists now lives until the build ends; spare the collector from walking it again and again
        # while MkDocs renders the pages. on_post_build gives it back.
        gc.freeze()
        self.progress = terminal_progress("timeline: rendered")
        self.rendered, self.total = 0, len(files.documentation_pages())
        return files

    def add_page(self, made: MadePage, files: Files, config: MkDocsConfig, settings: Settings) -> None:
        """Hand a generated page to MkDocs: a virtual file, and its blocks and search text until it is written."""
        if files.get_file_from_path(made.path) is not None:
            raise PluginError(f"timeline: docs/{made.path} clashes with a generated page; rename it")
        inclusion = InclusionLevel.UNDEFINED if made.in_nav else InclusionLevel.NOT_IN_NAV
        self.set_page(made)
        file = File.generated(config, made.path, content=made.skeleton, inclusion=inclusion)
        if made.edit_file:
            # Material's edit button points at the event's YAML file, not at a page that does not exist.
            file.edit_uri = settings.events_path + made.edit_file
        if self.config.frames and not made.in_nav:
            GeneratedPage(file, config, self.memo)
        files.append(file)

    def set_page(self, made: MadePage) -> None:
        """Keep a page's blocks and search text until it is written (packed: pages wait in memory till then)."""
        self.blocks[made.path] = made.blocks
        self.generated.add(made.path)
        self.search_html.pop(made.path, None)
        if made.search_html is not None:
            self.search_html[made.path] = made.search_html

    def add_file(self, made: Asset | Written, files: Files, config: MkDocsConfig) -> None:
        """Hand a generated file that is not a page (a feed, an export, a flag) to MkDocs, already in place.

        It is written into the site now, if a worker has not done so (MkDocs has cleaned the folder before
        on_files), and handed over as a file whose source is its destination, which MkDocs' copy leaves alone:
        the feeds and exports, hundreds of megabytes at 50,000 events, are not held in memory till the build ends."""
        if files.get_file_from_path(made.path) is not None:
            raise PluginError(f"timeline: docs/{made.path} clashes with a generated file; rename it")
        if isinstance(made, Asset):
            write_asset(config.site_dir, made)
        file = File.generated(config, made.path, abs_src_path=os.path.join(config.site_dir, made.path))
        files.append(file)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env, self.files, self.frames = env, files, None
        return env

    # A generated page's content stays Markdown's rendering of its skeleton (headings and placeholders) until
    # the page is written; then its HTML blocks go in. The search plugin indexes page.content in its own
    # on_page_context: for an event page, only its date, place and summary are worth finding, so search is
    # shown just that part, and the page gets its full content after.
    @event_priority(100)
    def _fill_in_the_page(self, context, *, page, config: MkDocsConfig, nav):
        packed = self.blocks.pop(page.file.src_uri, None)
        if packed is None:
            return context
        content = fill_blocks(page.content or "", json.loads(zlib.decompress(packed)), page.file.src_uri)
        searchable = self.search_html.pop(page.file.src_uri, None)
        if searchable is not None:
            context["timeline_content"], page.content = content, searchable
        else:
            page.content = content
        return context

    # Last, so that the frame is filled with what every other plugin made of the page.
    @event_priority(-100)
    def _give_the_content_back(self, context, *, page, config: MkDocsConfig, nav):
        if "timeline_content" in context:
            page.content = context.pop("timeline_content")
        if isinstance(page, GeneratedPage):
            template = page.restore_template()
            if self.frames is None:
                assert self.env is not None and self.files is not None
                self.frames = Frames(self.env, self.files, nav)
            context["timeline_page"] = self.frames.render(context, page, template)
        return context

    on_page_context = CombinedEvent(_fill_in_the_page, _give_the_content_back)

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        if self.banner:
            # The preview's list of problems, at the top of every page's content.
            output = incremental.with_banner(output, self.banner)
        if page.file.src_uri in self.generated:
            # Written now; holding every page's HTML until the build ends is most of a large build's memory.
            page.content = None
        if self.progress:
            self.rendered += 1
            self.progress(self.rendered, self.total)
        return output

    # After Material's search plugin (priority 0) has written search/search_index.json.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()
        self._publish_search_index(config)
        if self.preview is not None and self.preview.rebuilding:
            return  # an incremental rebuild: what the last full build left stays
        if self.frames is not None:
            stats = self.frames.stats
            log.info(f"timeline: {stats.framed} pages filled into {stats.layouts} frames, {stats.ordinary} rendered "
                     f"the ordinary way")
            for reason in stats.rejected:
                log.debug(f"timeline: a frame was not used: {reason}")
        if self.preview is not None:
            assert self.files is not None and self.nav is not None and self.env is not None
            assert self.before is not None
            self.preview.last = incremental.LastBuild(config, self.files, self.nav, self.env, self.frames,
                                                      self.banner, self.before)
        else:
            self.memo = {}
        self.frames = None

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        if self.preview is not None:
            self.preview.forget()

    def settings(self, config: MkDocsConfig) -> Settings:
        """The page settings that this plugin's options and the site's config give."""
        edit_base = None
        if config.repo_url and config.edit_uri:
            edit_base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri.rstrip("/") + "/")
        events_from_docs = os.path.relpath(self.events_dir.resolve(), Path(config.docs_dir).resolve())
        return Settings(
            page_size=self.config.page_size,
            latest=self.config.latest,
            site_name=config.site_name,
            site_description=config.site_description or "",
            # Edit links are made relative to the docs folder's edit URL, which edit_uri names.
            edit_base=edit_base,
            events_path=Path(events_from_docs).as_posix().rstrip("/") + "/",
            site_url=config.site_url or None,
            feed_size=self.config.feed_size,
            data_licence=self.config.data_licence,
        )

    # -- search ----------------------------------------------------------------------------------------------

    def remember_search_order(self, catalog: Catalog) -> None:
        """The order of the events in the search index: newest first."""
        self.search_order = [urls.event_url(record.id) for record in reversed(catalog.events)]

    def _publish_search_index(self, config: MkDocsConfig) -> None:
        """Index what Material's search plugin collected, newest events first (searchindex.py)."""
        # Under `mkdocs serve` the last index is kept, and built again only when what search sees has changed.
        if self.config.search == "sharded":
            self.search_index = publish_index(Path(config.site_dir), self.search_order, self.search_index)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.events_dir))
        self.serving = True  # the server's threads start now: from here on no build forks
        if self.preview is not None and self.config.incremental:
            incremental.take_over(server, self)
        return server
