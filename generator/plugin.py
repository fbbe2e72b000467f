"""The MkDocs plugin `timeline`: the only module that imports MkDocs.

It loads and checks the events before MkDocs cleans site/ (invalid data fails the build and leaves the
old site alone), then hands the generated pages to MkDocs as virtual files.
"""

from __future__ import annotations

import gc
import html
import json
import logging
import os
import re
import sys
import zlib
from itertools import chain
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.commands.build import build
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import urls
from .atomic import BuildFailed, failure_reason, staging_folder, swap_in
from .catalog import EVENTS_DIR, Catalog, load_catalog
from .listing import Listings
from .outputs import render_assets
from .pages import Heading, Page, Settings, render_left_out, render_pages, render_problems_banner
from .paths import leaving
from .problems import Problem, ProblemsError
from .progress import Progress, terminal_progress
from .report import build_report
from .searchindex import SearchIndex, publish_index
from .store import Cache

THEME_DIR = Path(__file__).parent / "theme"


class _Count(c.BaseConfigOption[int]):
    """A whole number of at least `minimum`."""

    def __init__(self, minimum: int, default: int) -> None:
        super().__init__()
        self.minimum, self.default = minimum, default

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise c.ValidationError(f"Expected a whole number of at least {self.minimum}, but received: {value!r}")
        return value


class TimelineConfig(base.Config):
    """The plugin's options in mkdocs.yml; the defaults are the page settings' own."""

    events_dir = c.Type(str, default=EVENTS_DIR)
    """The folder of event, leader and tag files, relative to mkdocs.yml."""
    page_size = _Count(1, default=Settings.page_size)
    """Events per timeline page, and rows per index page; longer listings continue on page/2/ and on."""
    latest = _Count(0, default=Settings.latest)
    """How many of the latest events the home page lists."""
    feed_size = _Count(1, default=Settings.feed_size)
    """How many of the newest events each Atom feed holds (feeds need the site's site_url)."""
    data_licence = c.Type(str, default=Settings.data_licence)
    """The licence of the published data, stated in events.json and on the data page."""
    search = c.Choice(("sharded", "material"), default="sharded")
    """sharded: search fetches the few index files a query needs (searchindex.py); material: Material's own
    index, downloaded whole on every first search (it grows by about 500 bytes an event)."""


class TimelinePlugin(BasePlugin[TimelineConfig]):
    """Generates the timeline's pages from the events folder."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.banner = ""
        self.cache: Cache | None = None
        self.events_dir = Path(EVENTS_DIR)
        self.progress: Progress | None = None
        self.rendered = self.total = 0
        self.blocks: dict[str, bytes] = {}
        self.search_html: dict[str, str] = {}
        self.generated: set[str] = set()
        self.search_order: list[str] = []
        self.search_index: SearchIndex | None = None

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup makes MkDocs keep this instance across `mkdocs serve` rebuilds, so the cache
        # of validated files lives as long as the server; a one-off build has nothing to reuse.
        self.cache = Cache() if command == "serve" else None
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
        # MkDocs follows links in docs/ and copies what they point at (a key, a whole folder) into the site.
        outside = [f"{config.docs_dir}/{rel}: expected a file inside the docs folder, got {kind}"
                   for rel, kind in leaving(config.docs_dir)]
        if outside:
            raise PluginError("timeline: " + "\n".join(outside))
        # Under `mkdocs serve` (a cache), an edit in progress never stops the preview: a file with problems is
        # shown at its last valid version, or left out, and every page lists the problems until they are fixed.
        try:
            self.catalog = load_catalog(self.events_dir, cache=self.cache, lenient=self.cache is not None,
                                        progress=terminal_progress("timeline: checked"))
        except ProblemsError as error:
            raise PluginError(self._report(error.problems)) from None
        self.banner = render_problems_banner(self.catalog.problems) if self.catalog.problems else ""
        if self.catalog.problems:
            # On standard error, not as MkDocs warnings, which strict mode would turn into a failed preview.
            print(f"{self._report(self.catalog.problems)}\ntimeline: the preview shows files with problems at their "
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
        self.blocks, self.search_html, self.generated = {}, {}, set()
        listings = Listings(self.catalog)
        for page in chain(render_pages(self.catalog, settings, listings), render_left_out(self.catalog)):
            path = urls.source_path(page.url)
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"timeline: docs/{path} clashes with a generated page; rename it")
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            skeleton, blocks = page_skeleton(page)
            # Kept compressed until the page is written: MkDocs holds every page's content from reading to
            # writing, and the HTML of tens of thousands of pages is most of a large build's memory.
            self.blocks[path] = zlib.compress(json.dumps(blocks).encode(), 1)
            self.generated.add(path)
            if page.searchable and page.search_html is not None:
                self.search_html[path] = page.search_html
            file = File.generated(config, path, content=skeleton, inclusion=inclusion)
            if page.edit_file:
                # Material's edit button points at the event's YAML file, not at a page that does not exist.
                file.edit_uri = settings.events_path + page.edit_file
            files.append(file)
        for asset in render_assets(self.catalog, settings, listings.summaries):
            if files.get_file_from_path(asset.path) is not None:
                raise PluginError(f"timeline: docs/{asset.path} clashes with a generated file; rename it")
            files.append(File.generated(config, asset.path, content=asset.content))
        self.search_order = [urls.event_url(record.id) for record in reversed(self.catalog.events)]
        self.catalog = None  # everything it was needed for is in the pages now
        # What exists now lives until the build ends; spare the collector from walking it again and again
        # while MkDocs renders the pages. on_post_build gives it back.
        gc.freeze()
        self.progress = terminal_progress("timeline: rendered")
        self.rendered, self.total = 0, len(files.documentation_pages())
        return files

    # A generated page's content stays Markdown's rendering of its skeleton (headings and placeholders) until
    # the page is written; then its HTML blocks go in. The search plugin indexes page.content in its own
    # on_page_context: for an event page, only its date, place and summary are worth finding, so search is
    # shown just that part, and the page gets its full content after.
    @event_priority(100)
    def _fill_in_the_page(self, context, *, page, config: MkDocsConfig, nav):
        packed = self.blocks.pop(page.file.src_uri, None)
        if packed is None:
            return context
        content = _fill(page.content or "", json.loads(zlib.decompress(packed)), page.file.src_uri)
        searchable = self.search_html.pop(page.file.src_uri, None)
        if searchable is not None:
            context["timeline_content"], page.content = content, searchable
        else:
            page.content = content
        return context

    @event_priority(-100)
    def _give_the_content_back(self, context, *, page, config: MkDocsConfig, nav):
        if "timeline_content" in context:
            page.content = context.pop("timeline_content")
        return context

    on_page_context = CombinedEvent(_fill_in_the_page, _give_the_content_back)

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        if self.banner:
            # The preview's list of problems, at the top of every page's content.
            output = output.replace(_CONTENT, _CONTENT + self.banner, 1)
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

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()

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

    def on_serve(self, server, *, config: MkDocsConfig, builder) -> None:
        server.watch(str(self.events_dir))

    # -- search ----------------------------------------------------------------------------------------------

    def _publish_search_index(self, config: MkDocsConfig) -> None:
        """Index what Material's search plugin collected, newest events first (searchindex.py)."""
        # Under `mkdocs serve` the last index is kept, and built again only when what search sees has changed.
        if self.config.search == "sharded":
            self.search_index = publish_index(Path(config.site_dir), self.search_order, self.search_index)


_CONTENT = '<article class="md-content__inner md-typeset">'
"""Where Material's template opens a page's content."""


def front_matter(page: Page) -> str:
    """Escaped title and description and Material's search setting, serialized as JSON (which is YAML)."""
    meta: dict[str, object] = {"title": html.escape(page.title), "description": html.escape(page.description)}
    if not page.searchable:
        meta["search"] = {"exclude": True}
    if page.feed:
        meta["timeline_feed"] = page.feed  # advertised in the page's head by the theme override
    if page.kind:
        meta["timeline_kind"] = page.kind
    # JSON is YAML: a serializer's output, never text pasted together, and many times faster to write.
    return "---\n" + json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n---\n\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^])")


def _heading(heading: Heading) -> str:
    # Markdown reads the heading for the table of contents: its text escaped for HTML and for Markdown.
    text = html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", heading.text), quote=False)
    return f"## {text} {{#{heading.anchor}}}"


def page_markdown(page: Page) -> str:
    """The page as a Markdown file any MkDocs site can build (`timeline pages`): front matter, headings, HTML."""
    parts = [_heading(block) if isinstance(block, Heading) else str(block) for block in page.blocks]
    return front_matter(page) + "\n\n".join(parts) + "\n"


def page_skeleton(page: Page) -> tuple[str, list[str]]:
    """The page with each HTML block replaced by a placeholder comment, and the blocks in order.

    The headings are all Markdown has to read (they make the table of contents); the HTML is final, so it is
    put back after Markdown has run instead of being parsed again.
    """
    parts: list[str] = []
    blocks: list[str] = []
    for block in page.blocks:
        if isinstance(block, Heading):
            parts.append(_heading(block))
        else:
            parts.append(_placeholder(len(blocks)))
            blocks.append(str(block))
    return front_matter(page) + "\n\n".join(parts) + "\n", blocks


def _placeholder(index: int) -> str:
    return f"<!--timeline-block-{index}-->"


PLACEHOLDER = re.compile(r"<!--timeline-block-([0-9]+)-->")


def _fill(content: str, blocks: list[str], src_uri: str) -> str:
    """Put each HTML block where Markdown left its placeholder: in one pass, so a block's own text is never
    searched for placeholders; a placeholder that went missing is a bug, not a page to publish."""
    used: list[int] = []

    def block(match: re.Match[str]) -> str:
        used.append(int(match[1]))
        return blocks[int(match[1])]

    content = PLACEHOLDER.sub(block, content)
    if sorted(used) != list(range(len(blocks))):
        raise PluginError(f"timeline: {src_uri}: generated blocks went missing in Markdown")
    return content


def settings_from_config(config_file: str) -> tuple[Path, Settings]:
    """The events folder and page settings of the timeline plugin in a mkdocs.yml, for `timeline pages`."""
    config = load_config(config_file)
    plugin = config.plugins.get("timeline")
    if not isinstance(plugin, TimelinePlugin):
        raise PluginError(f"{config_file}: expected the timeline plugin in plugins, got none")
    plugin.on_config(config)
    return plugin.events_dir, plugin.settings(config)


def build_atomically(config_file: str, *, site_dir: str | None = None, strict: bool | None = None) -> Path:
    """Build the site into a fresh folder beside site_dir, then swap it in; a failed build changes nothing.

    Raises BuildFailed for a build that MkDocs stopped (bad data, bad config, strict warnings) or that an OS
    error stopped (a full disk); KeyboardInterrupt (atomic.Terminated for SIGTERM) after cleaning up.
    """
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        config = load_config(config_file, site_dir=site_dir, strict=strict)  # MkDocs drops options given as None
    except MkDocsException as error:
        raise BuildFailed(str(error)) from error
    final = Path(config.site_dir)
    try:
        with staging_folder(final) as staging:
            config.site_dir = str(staging)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            except MkDocsException as error:  # MkDocs has already logged what went wrong
                raise BuildFailed(str(error)) from error
            finally:
                config.plugins.on_shutdown()
            swap_in(staging, final)
    except OSError as error:  # a full disk, a folder that cannot be written: one line, not a traceback
        raise BuildFailed(failure_reason(error)) from error
    return final
