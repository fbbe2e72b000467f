"""Frames: the theme's page rendered once per layout, and each generated page made by filling its own values in.

Rendering Material's template is most of the time a page costs, and generated pages of one kind differ only in
a few values: title, description, canonical and edit URLs, content and table of contents. A *layout* is
everything else the template reads: the template, where the page sits relative to every link target (the
navigation, the home page, static files), which values are present, the shape of the table of contents and
the rest of the page's metadata. The frame of a layout is the template rendered with markers in place of the
values; a page of that layout is its frame with the page's values put in.

Guards, so that the output is the ordinary rendering's, byte for byte: a marker holds characters that every
escaping, tag-stripping, whitespace or case filter changes, so a template that transforms a value is seen
(some of a marker shows without the whole of it) and its layout is rendered the ordinary way; the first two
pages of every layout are also rendered the ordinary way and compared, and a difference sends the layout to
the ordinary way too; TIMELINE_VERIFY_FRAMES=1 compares every page (the tests do). Pages in the navigation,
pages with neighbours, and pages whose context another plugin added to are rendered the ordinary way.

Limit: a plugin that changes the context in an on_page_context running after this plugin's last one (priority
-100) is not seen by the frames.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

TEMPLATE = "timeline-page.html"
"""The template MkDocs is given for a framed page: it writes out what the plugin put together."""
VERIFY = "TIMELINE_VERIFY_FRAMES"
"""Set to 1, every framed page is also rendered the ordinary way and must be the same."""
CHECKED = 2
"""How many pages of each layout are also rendered the ordinary way and compared."""

_PROBE = "|<&\"'  Aa|"
_START, _END = "\ue000tl", "\ue001"
STANDARD_CONTEXT = frozenset({"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version",
                              "build_date_utc", "config", "page"})
"""The keys of MkDocs' page context (mkdocs/commands/build.py, get_context)."""


def marker(name: str) -> str:
    """What stands for a value in a frame."""
    return f"{_START}{name}{_PROBE}{_END}"


@dataclass
class Frame:
    """The literal text between the values, and which value goes in each gap, as it is or HTML-escaped."""

    parts: list[str]
    slots: list[tuple[str, bool]]

    def fill(self, values: dict[str, str]) -> str:
        """The page: the literal parts with the values between them."""
        out = [self.parts[0]]
        for (name, escaped), part in zip(self.slots, self.parts[1:], strict=True):
            out += (str(escape(values[name])) if escaped else values[name], part)
        return "".join(out)


@dataclass
class Stats:
    """What the frames did in one build, for the log."""

    layouts: int = 0
    framed: int = 0
    ordinary: int = 0
    rejected: list[str] = field(default_factory=list)


class Frames:
    """The frames of one build: its theme environment, and every link target a frame holds."""

    def __init__(self, env: Environment, files: Files, nav: Navigation) -> None:
        self.env = env
        self.cache: dict[tuple[Any, ...], tuple[Frame | None, int]] = {}
        self.stats = Stats()
        self.verify = os.environ.get(VERIFY) == "1"
        targets = {""} | {page.url for page in nav.pages}
        targets |= {item.url for item in _walk(nav.items) if getattr(item, "url", None)}
        targets |= {file.url.split("/", 1)[0] + "/" for file in files if not file.is_documentation_page()}
        self.targets = sorted(targets)
        self._by_folder: dict[tuple[str, int], tuple[str, ...]] = {}

    def render(self, context: dict[str, Any], page: Page, template: str) -> str:
        """The page's HTML: its layout's frame filled in, or the ordinary rendering when it has none."""
        key = self._key(context, page, template)
        if key is None:
            return self._ordinary(context, template)
        frame, checked = self.cache.get(key) or (self._frame(context, page, template), 0)
        output = frame.fill(_values(page)) if frame is not None else None
        if frame is not None and (checked < CHECKED or self.verify):
            expected = self._ordinary(context, template, count=False)
            if output != expected:
                if checked >= CHECKED:
                    raise AssertionError(f"{page.file.src_uri}: the framed page differs from the ordinary rendering")
                self.stats.rejected.append(f"{page.file.src_uri}: the framed page differs from the ordinary one")
                frame = None
        self.cache[key] = (frame, checked + 1)
        if frame is None or output is None:
            return self._ordinary(context, template)
        self.stats.framed += 1
        return output

    def _ordinary(self, context: dict[str, Any], template: str, *, count: bool = True) -> str:
        if count:
            self.stats.ordinary += 1
        return self.env.get_template(template).render(context)

    def _key(self, context: dict[str, Any], page: Page, template: str) -> tuple[Any, ...] | None:
        if not STANDARD_CONTEXT.issuperset(context) or context.get("page") is not page:
            return None  # another plugin added to the context of this page: render it the ordinary way
        if page.parent is not None or page.previous_page or page.next_page or page.is_homepage:
            return None
        meta = {key: value for key, value in page.meta.items() if key not in ("title", "description")}
        return (
            template,
            context["base_url"],
            self._relative(page.url),
            "title" in page.meta, "description" in page.meta,
            page.canonical_url is None, page.edit_url is None,
            "<h1" in (page.content or ""),
            _shape(page.toc),
            repr(sorted(meta.items())),
        )

    def _relative(self, url: str) -> tuple[str, ...]:
        """Every link target as a page at `url` reaches it. Pages in one folder reach targets outside their own
        folders the same way, so that is worked out once per folder."""
        folder = url.rstrip("/").rpartition("/")[0]
        if any(target.startswith(url) for target in self.targets):
            return tuple(get_relative_url(target, url) for target in self.targets)
        found = self._by_folder.get((folder, url.count("/")))
        if found is None:
            found = self._by_folder[folder, url.count("/")] = tuple(get_relative_url(target, url)
                                                                    for target in self.targets)
        return found

    def _frame(self, context: dict[str, Any], page: Page, template: str) -> Frame | None:
        self.stats.layouts += 1
        probe = copy.copy(page)
        probe.meta = dict(page.meta)
        names = [name for name in ("title", "description") if name in page.meta]
        for name in names:
            probe.meta[name] = marker(name)
        if page.canonical_url is not None:
            probe.canonical_url, names = marker("canonical"), [*names, "canonical"]
        if page.edit_url is not None:
            probe.edit_url, names = marker("edit"), [*names, "edit"]
        # Material adds a heading when the content has none: the probe's content says whether it has one.
        probe.content = marker("content") + ("<h1" if "<h1" in (page.content or "") else "")
        names.append("content")
        probe.toc = TableOfContents(_probe_toc(page.toc, names))
        text = self.env.get_template(template).render(dict(context, page=probe))
        raw = {name: marker(name) for name in names}
        raw["content"] = probe.content
        # A value is written as it is, or through Jinja's escape filter (`| e`): both are filled in exactly.
        slot_of = {mark: (name, False) for name, mark in raw.items()}
        slot_of |= {str(escape(mark)): (name, True) for name, mark in raw.items()}
        for name, mark in raw.items():
            if text.count(f"{_START}{name}{_PROBE[0]}") != text.count(mark) + text.count(str(escape(mark))):
                self.stats.rejected.append(f"{page.file.src_uri}: the theme transforms the page's {name}")
                return None
        pattern = re.compile("|".join(re.escape(mark) for mark in sorted(slot_of, key=len, reverse=True)))
        parts, slots, start = [], [], 0
        for match in pattern.finditer(text):
            parts.append(text[start:match.start()])
            slots.append(slot_of[match[0]])
            start = match.end()
        parts.append(text[start:])
        if any(_START in part or _END in part for part in parts):
            self.stats.rejected.append(f"{page.file.src_uri}: a piece of a marker was left over")
            return None
        return Frame(parts, slots)


def _walk(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        if getattr(item, "children", None):
            yield from _walk(item.children)


def _shape(toc: Iterable[AnchorLink]) -> tuple[Any, ...]:
    return tuple((item.level, hasattr(item, "typeset"), _shape(item.children)) for item in toc)


def _probe_toc(toc: Iterable[AnchorLink], names: list[str], counter: list[int] | None = None) -> list[AnchorLink]:
    counter = counter if counter is not None else [0]
    items = []
    for item in toc:
        index = counter[0]
        counter[0] += 1
        names += [f"toc{index}title", f"toc{index}id"]
        probe = AnchorLink(marker(f"toc{index}title"), marker(f"toc{index}id"), item.level)
        probe.children = _probe_toc(item.children, names, counter)
        items.append(probe)
    return items


def _values(page: Page) -> dict[str, str]:
    values = {"content": page.content or ""}
    values |= {name: str(page.meta[name]) for name in ("title", "description") if name in page.meta}
    if page.canonical_url is not None:
        values["canonical"] = page.canonical_url
    if page.edit_url is not None:
        values["edit"] = page.edit_url
    counter = 0

    def walk(toc: Iterable[AnchorLink]) -> None:
        nonlocal counter
        for item in toc:
            values[f"toc{counter}title"], values[f"toc{counter}id"] = str(item.title), item.id
            counter += 1
            walk(item.children)

    walk(page.toc)
    return values


Conversion = tuple[str, TableOfContents, str | None, set[str] | None, dict[File, dict[str, str]] | None]
"""What MkDocs' Markdown conversion sets on a page: content, toc, title from the content, anchor ids, links."""
_COMMENT = re.compile(r"<!--timeline-block-[0-9]+-->")
_PLACED = re.compile(r"[\[<!&]|^ {4}|^\t", re.M)
"""Markdown whose conversion may depend on where the page is (links, images, raw HTML, entities, code)."""


def shareable(markdown: str) -> bool:
    """Whether a skeleton's conversion is the same for every page: no syntax besides headings and placeholders."""
    return not _PLACED.search(_COMMENT.sub("", markdown))


def conversion(page: Page) -> Conversion:
    """What a page's Markdown conversion set on it."""
    return page.content or "", page.toc, page._title_from_render, page.present_anchor_ids, page.links_to_anchors


class GeneratedPage(Page):
    """A generated page outside the navigation, rendered through its layout's frame; pages whose Markdown is the
    same text share one conversion (a skeleton holds no links, which would depend on where the page is)."""

    def __init__(self, file: File, config: MkDocsConfig, memo: dict[str, Conversion]) -> None:
        super().__init__(None, file, config)
        self.memo = memo
        self.template: str | None = None
        """The template the page's metadata names, if any."""

    def read_source(self, config: MkDocsConfig) -> None:
        super().read_source(config)
        # MkDocs takes the page's template from its metadata (the documented `template` key): it is given the
        # one that writes out what the plugin puts together, and the theme's is rendered in on_page_context.
        self.template = self.meta.get("template")
        self.meta["template"] = TEMPLATE

    def restore_template(self) -> str:
        """Give the page's metadata its own template back, now that MkDocs has taken TEMPLATE; return it."""
        if self.template is None:
            self.meta.pop("template", None)
        else:
            self.meta["template"] = self.template
        return self.template or "main.html"

    def render(self, config: MkDocsConfig, files: Files) -> None:
        assert self.markdown is not None
        shared = self.memo.get(self.markdown)
        if shared is None:
            super().render(config, files)
            if shareable(self.markdown):
                self.memo[self.markdown] = conversion(self)
            return
        # The table of contents is shared too: nothing changes it once made.
        (self.content, self.toc, self._title_from_render, self.present_anchor_ids,
         self.links_to_anchors) = shared
