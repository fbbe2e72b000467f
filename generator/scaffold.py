"""`timeline new`: an event file with every field to fill in, named and placed by the catalog's own rules.

The file opens with the line that tells YAML editors its schema, and is checked as soon as it is written:
what the options said must be valid (or nothing is kept), and what is left blank is listed as still to do.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import click
from pydantic import TypeAdapter, ValidationError

from .catalog import event_file, load_catalog, suggest_slug
from .dates import DateError, EventDate
from .problems import Problem, ProblemsError
from .schema import MAX_SLUG_LENGTH, RESERVED_NAMES, CountryCode, is_slug

GIVEN = ("title", "date", "countries", "leaders", "tags")
"""The fields a new event is made from (options or prompts); every other field is left to fill in."""

SLUG_WORDS = 6
"""A suggested slug keeps at most this many words of the title: enough to tell events apart."""

# Words that make a title read well and a file name long.
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "with", "as", "by", "from"})
# Text that YAML reads back unchanged without quotes, in a block and in a flow list `[a, b]`.
_PLAIN = re.compile(r"[A-Za-z0-9][^:#\n]*[^:#\s]|[A-Za-z0-9]")
_PLAIN_ITEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.~/-]*")
_NOT_TEXT = re.compile(r"(?i:true|false|null|~)|[-+]?[0-9][0-9_.eE+-]*|0x[0-9a-fA-F]+|0o[0-7]+")


class ScaffoldError(Exception):
    """A new event that cannot be written: its id is taken, or what it was given is not valid."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()):
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class NewEvent:
    """What a new event is made from."""

    title: str
    date: str
    countries: tuple[str, ...]
    leaders: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    slug: str | None = None
    """The words after the date in the file name; suggested from the title when not given."""


@dataclass(frozen=True)
class Written:
    """A new event file, and what is still to fill in (every problem the check finds in it)."""

    path: Path
    todo: list[Problem]


def parse_date(text: str) -> EventDate:
    """The date a new event is filed by; raise ScaffoldError saying what was expected."""
    try:
        return EventDate.parse(text)
    except DateError as error:
        raise ScaffoldError(f"--date: {error}") from None


def slug_for(title: str, prefix: str) -> str:
    """A slug suggested from a title: its first words, small ones left out, within the id's length."""
    words = [word for word in suggest_slug(title).split("-") if word not in _SMALL_WORDS] or ["event"]
    words = words[:SLUG_WORDS]
    while len(words) > 1 and len(prefix) + 1 + len("-".join(words)) > MAX_SLUG_LENGTH:
        words.pop()
    slug = "-".join(words)
    return slug if slug not in RESERVED_NAMES else f"{slug}-event"


def write_event(events_dir: str | Path, new: NewEvent) -> Written:
    """Write the new event's file and check it; raise ScaffoldError (leaving nothing behind) when it cannot be."""
    root = Path(events_dir)
    date = parse_date(new.date)
    slug = new.slug or slug_for(new.title, date.prefix)
    if not is_slug(slug):
        raise ScaffoldError(f"--slug: expected lower-case words of a-z and 0-9 joined by '-', such as "
                            f"'lee-xi-gyeongju-summit', got {slug!r}")
    rel = event_file(date, slug)
    event_id = Path(rel).stem
    taken = sorted(str(path) for path in root.rglob(f"{event_id}.yml"))
    if taken:
        raise ScaffoldError(f"the id {event_id!r} is taken by {taken[0]}: choose another --slug (nothing written)")
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even a file made a moment ago
            # First with every blank filled: the check looks across files (at leaders, tags) only at a
            # complete event, and what the options say is checked before anything is kept.
            handle.write(skeleton(new, "", filled=True))
    except FileExistsError:
        raise ScaffoldError(f"the id {event_id!r} is taken by {path}: choose another --slug (nothing written)") \
            from None
    given = [problem for problem in _check(root, path) if _field_root(problem.field) in GIVEN]
    if given:
        path.unlink()
        raise ScaffoldError("nothing written: fix these and run it again",
                            tuple(f"--{_field_root(problem.field)}: {problem.field}: {problem.message}"
                                  for problem in given))
    path.write_text(skeleton(new, schema_line(root, path)), encoding="utf-8")
    return Written(path, _check(root, path))


def schema_line(root: Path, path: Path) -> str:
    """The modeline that gives editors the event schema: schema/ beside the events folder, relative to the file."""
    schema = root.resolve().parent / "schema" / "event.schema.json"
    return f"# yaml-language-server: $schema={Path(os.path.relpath(schema, path.parent.resolve())).as_posix()}\n"


_BLANKS = (
    # Each line as written, and a valid stand-in, only ever in the file while the options are checked. A
    # source opens with its title, so that an optional line below it can be deleted without breaking the list.
    ("location:      # where it happened, as precisely as the sources say; or leave it empty", "location: x"),
    ("summary: |     # what happened, in a few sentences of Markdown, from the sources only", "summary: x"),
    ("", ""),
    ("sources:", "sources:"),
    ("  - title:       # the article's headline, as published", "  - title: x"),
    ("    publisher:   # who published it, e.g. Reuters; leave it empty if the article names none and give its url",
     "    publisher: x"),
    ("    date:        # when the article was published, e.g. 2025-11-01", "    date: 2025"),
    ("    url:         # the article's address, copied from it; leave it empty rather than guess one", ""),
    ("    quote: |     # the article's own words that support the event, copied exactly", "    quote: x"),
    ("", ""),
    ("related: []     # ids (file names without .yml) of events this one follows from or leads to", "related: []"),
)


def skeleton(new: NewEvent, first_line: str, *, filled: bool = False) -> str:
    """The whole file: the given fields filled in, every other field present and blank, with what goes there."""
    given = [
        f"title: {_text(new.title)}",
        f"date: {new.date}",  # checked by parse_date: a date form, which YAML keeps as written
        f"countries: {_items(new.countries)}",
        f"leaders: {_items(new.leaders)}",
        f"tags: {_items(new.tags)}",
    ]
    return first_line + "\n".join(given + [stand_in if filled else blank for blank, stand_in in _BLANKS]) + "\n"


def split_ids(text: str | None) -> tuple[str, ...]:
    """Ids as typed: separated by commas or spaces."""
    return tuple(part for part in re.split(r"[\s,]+", text or "") if part)


def ask(given: dict[str, str | None], known: dict[str, set[str]]) -> dict[str, str | None]:
    """Ask on the terminal for every field not given, each answer checked before the next question.

    `known` holds the registry's leader and tag ids, to catch a mistyped one at once.
    """
    questions = {
        "title": ("Title: one line saying what happened", None, _check_title),
        "date": ("Date: 2025-11-01, 2025-11 or 2025 (+ ~ if approximate), START/END, or ../2025-11-01 for "
                 "'on or before' (a fact the article gives no date for)", None, _check_date),
        "countries": ("Countries: every one involved, the host included, as ISO codes (KR CN; timeline list "
                      "countries)", None, _check_countries),
        "leaders": ("Leaders: ids, or nothing (lee-jae-myung; timeline list leaders)", "",
                    lambda text: _check_known(text, known.get("leaders"), "leaders")),
        "tags": ("Tags: ids, or nothing (diplomacy; timeline list tags)", "",
                 lambda text: _check_known(text, known.get("tags"), "tags")),
    }
    answers: dict[str, str | None] = {}
    for field, (question, default, check) in questions.items():
        value = given.get(field)
        answers[field] = value if value is not None else click.prompt(question, default=default, value_proc=check,
                                                                      show_default=False)
    return answers


def _check_title(text: str) -> str:
    if not text.strip():
        raise click.BadParameter("expected one line saying what happened")
    return text.strip()


def _check_date(text: str) -> str:
    try:
        parse_date(text.strip())
    except ScaffoldError as error:
        raise click.BadParameter(str(error).removeprefix("--date: ")) from None
    return text.strip()


def _check_countries(text: str) -> str:
    codes = split_ids(text)
    if not codes:
        raise click.BadParameter("expected at least one country code, such as KR")
    for code in codes:
        try:
            TypeAdapter(CountryCode).validate_python(code)
        except ValidationError as error:
            raise click.BadParameter(error.errors()[0]["msg"]) from None
    return " ".join(codes)


def _check_known(text: str, ids: set[str] | None, kind: str) -> str:
    unknown = [value for value in split_ids(text) if ids is not None and value not in ids]
    if unknown:
        raise click.BadParameter(f"not in the registry: {', '.join(unknown)} (see timeline list {kind})")
    return text


def _check(root: Path, path: Path) -> list[Problem]:
    try:
        load_catalog(root, only=[str(path)])
    except ProblemsError as error:
        return error.problems
    return []


def _field_root(field: str) -> str:
    return re.split(r"[.\[]", field, maxsplit=1)[0]


def _text(value: str) -> str:
    if _PLAIN.fullmatch(value) and not _NOT_TEXT.fullmatch(value) and "  " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _items(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(value if _PLAIN_ITEM.fullmatch(value) and not _NOT_TEXT.fullmatch(value)
                           else json.dumps(value, ensure_ascii=False) for value in values) + "]"
