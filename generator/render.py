"""Contributor Markdown to safe HTML: rendered once per event, then sanitized with an allowlist."""

from __future__ import annotations

from typing import TYPE_CHECKING

import markdown
import nh3
from markupsafe import Markup

if TYPE_CHECKING:
    from .catalog import EventRecord

ALLOWED_TAGS = {
    "p", "br", "hr", "a", "em", "strong", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "sub", "sup", "del", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_markdown = markdown.Markdown(extensions=["sane_lists"], output_format="html")


def render_markdown(text: str) -> str:
    """Render contributor Markdown and keep only the allowed tags, attributes and URL schemes."""
    _markdown.reset()
    return sanitize(_markdown.convert(text))


class Summaries:
    """Each event's summary rendered and sanitized once, for its page, its feeds and the exports; kept by its text,
    so that a preview's rebuilds render only the summaries that changed."""

    def __init__(self) -> None:
        self._html: dict[str, Markup] = {}

    def __call__(self, record: EventRecord) -> Markup:
        """The summary of one event as safe HTML."""
        text = record.event.summary
        found = self._html.get(text)
        if found is None:
            found = self._html[text] = Markup(render_markdown(text))
        return found


def sanitize(html: str) -> str:
    """Strip everything outside the allowlist: scripts and their content, on* attributes, bad links."""
    clean = _clean(html)
    # What one pass leaves can read differently when parsed again (a <p> inside a <p> once a stray tag is
    # gone): clean until the output is its own cleaning. Two passes in practice, and one for ordinary text.
    for _ in range(3):
        again = _clean(clean)
        if again == clean:
            break
        clean = again
    return clean


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    ).replace("<pre>\n", "<pre>\n\n")  # the serializer forgets that a parser drops a <pre>'s first line break
