"""Generated pages as MkDocs reads them: JSON front matter, Markdown headings, and placeholders for HTML blocks."""

from __future__ import annotations

import html
import json
import re

from mkdocs.exceptions import PluginError

from .. import urls
from ..pages import Heading, Page


def front_matter(page: Page) -> str:
    """Escaped title and description and Material's search setting, serialized as JSON (which is YAML)."""
    meta: dict[str, object] = {"title": html.escape(page.title), "description": html.escape(page.description)}
    if not page.searchable:
        meta["search"] = {"exclude": True}
    if page.feed:
        # Advertised in the page's head by the theme override. Relative to the page, as the link is written: the
        # frames share a layout between pages whose metadata is the same (every event page's feed is the site's).
        meta["timeline_feed"] = urls.relative(page.url, page.feed)
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


def fill_blocks(content: str, blocks: list[str], src_uri: str) -> str:
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
