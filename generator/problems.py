"""One shape for every problem found in the data, the limits on how many are kept, and the ways to print one."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"

EXCERPT_LENGTH = 80
"""A message quotes at most this many characters of a value: enough to find it, never a whole file."""

PER_KIND = 3
"""At most this many problems of one kind (one field, whatever its list index) are kept for a file."""

PER_FILE = 20
"""At most this many problems are kept for a file; one more line counts the rest."""


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """A located problem: which file, where in it, which field, and what is wrong."""

    path: str
    line: int
    col: int
    field: str
    message: str
    level: str = "error"
    """`error`, which fails a check; `warning` (a possible mistake), which fails only `check --strict`; `notice`."""
    omitted: int = 0
    """On the closing line of a file with too many problems: how many it stands for, not shown."""

    def __str__(self) -> str:
        mark = "" if self.level == ERROR else f"{self.level}: "
        return f"{printable(self.path)}:{self.line}:{self.col}: {self.field}: {mark}{printable(self.message)}"

    @property
    def count(self) -> int:
        """How many problems this line is: one, or the number a closing line stands for."""
        return self.omitted or 1


def format_problem(problem: Problem, style: str = "parsable") -> str:
    """Format a problem as `path:line:col: field: message` or as a GitHub Actions annotation."""
    if style == "github":
        return (
            f"::{problem.level} file={_escape_property(problem.path)},line={problem.line},col={problem.col},"
            f"title={_escape_property(problem.field)}::{_escape_data(problem.message)}"
        )
    return str(problem)


def excerpt(value: object) -> str:
    """A value as a message quotes it: on one line, and cut to EXCERPT_LENGTH characters with its length."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= EXCERPT_LENGTH:
        return repr(text)
    return f"{text[:EXCERPT_LENGTH]!r}... ({len(text)} characters)"


def limit(problems: Iterable[Problem]) -> list[Problem]:
    """Keep at most PER_KIND problems of a kind and PER_FILE in all for each file, sorted; a closing line
    per file counts the rest. Closing lines already there are merged, so limiting twice changes nothing."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    kept: list[Problem] = []
    for path in sorted(by_file):
        kinds: Counter[tuple[str, str]] = Counter()
        shown: list[Problem] = []
        hidden: list[Problem] = []
        for problem in sorted(by_file[path]):
            kind = (problem.level, _INDEX.sub("", problem.field))
            if problem.omitted or kinds[kind] >= PER_KIND or len(shown) >= PER_FILE:
                hidden.append(problem)
            else:
                kinds[kind] += 1
                shown.append(problem)
        if len(hidden) == 1 and not hidden[0].omitted:
            kept.extend(sorted(shown + hidden))  # a closing line would take the line it saves
        else:
            kept.extend(shown)
            if hidden:
                kept.append(_closing_line(path, hidden))
    return kept


_INDEX = re.compile(r"\[[0-9]+\]")


def _closing_line(path: str, hidden: list[Problem]) -> Problem:
    first = next((problem for problem in hidden if not problem.omitted), hidden[0])
    count = sum(problem.count for problem in hidden)
    level = ERROR if any(problem.level == ERROR for problem in hidden) else WARNING
    noun = "problem" if count == 1 else "problems"
    return Problem(path, first.line, first.col, first.field,
                   f"and {count} more {noun} in this file, not shown (at most {PER_KIND} of a kind and {PER_FILE} "
                   f"per file are shown)", level, count)


def _escape_data(text: str) -> str:
    # GitHub's workflow-command encoding: a message must stay on one line.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class ProblemsError(Exception):
    """Raised by a stage that found problems; carries all of them, sorted."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(map(str, self.problems)))


def format_field(key_path: tuple[str | int, ...]) -> str:
    """Spell a key path the way a contributor reads it: `sources[0].url`."""
    out = ""
    for part in key_path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = printable(str(part))
            if len(part) > EXCERPT_LENGTH:
                part = part[:EXCERPT_LENGTH] + "..."
            out += f".{part}" if out else part
    return out or "(document)"


def printable(text: str) -> str:
    """Text on one line: a line break or another control character in a name or key is shown escaped."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)
