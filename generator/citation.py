"""How to cite an event: a line to copy into a text, and BibTeX (biblatex) entries for it and its sources."""

from __future__ import annotations

import re
from collections.abc import Callable

from .catalog import EventRecord
from .dates import EventDate

_LATEX_SPECIAL = re.compile(r"([\\{}%$&#_^~])")
_LATEX_REPLACEMENT = {"\\": r"\textbackslash{}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


def _latex(text: str) -> str:
    """Text as a BibTeX field value: LaTeX's special characters escaped, one line."""
    text = " ".join(text.split())
    return _LATEX_SPECIAL.sub(lambda match: _LATEX_REPLACEMENT.get(match[1], "\\" + match[1]), text)


def _url(url: str) -> str:
    # A url field is verbatim in biblatex; only braces, which would end the field, are percent-encoded.
    return url.replace("{", "%7B").replace("}", "%7D")


_VERBATIM: dict[str, Callable[[str], str]] = {"url": _url, "date": str}
"""Fields biblatex reads as they are: a URL, and an ISO 8601-2 date (whose `~` means approximate)."""


def _biblatex_date(when: EventDate) -> str | None:
    """The date in biblatex's ISO 8601-2 form, which keeps precision and `~`; None for open-ended dates."""
    if when.start is None or when.open_end:
        return None
    return str(when)


def citation_line(record: EventRecord, *, site_name: str, permalink: str) -> str:
    """One line to cite the event by: site, title, date as shown, permalink."""
    event = record.event
    return f"{site_name}, “{event.title}” ({event.date.display()}), {permalink}"


def bibtex(record: EventRecord, *, site_name: str, permalink: str) -> str:
    """biblatex entries: the event as @online, then each of its sources as @article, keyed by the event's id."""
    event = record.event
    entries = [_entry("online", record.id, [
        ("title", event.title), ("organization", site_name), ("date", _biblatex_date(event.date)),
        ("note", None if _biblatex_date(event.date) else event.date.display()), ("url", permalink),
    ])]
    for number, source in enumerate(event.sources, 1):
        entries.append(_entry("article", f"{record.id}-source-{number}", [
            ("title", source.title), ("journaltitle", source.publisher), ("date", _biblatex_date(source.date)),
            ("url", source.url), ("note", f"archived at {source.archive_url}" if source.archive_url else None),
        ]))
    return "\n\n".join(entries) + "\n"


def _entry(kind: str, key: str, fields: list[tuple[str, str | None]]) -> str:
    lines = [f"@{kind}{{{key},"]
    lines += [f"  {name} = {{{_VERBATIM[name](value) if name in _VERBATIM else _latex(value)}}},"
              for name, value in fields if value]
    return "\n".join(lines) + "\n}"
