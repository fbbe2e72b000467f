"""One shape for every problem found in the data, and the ways to print it."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """A located problem: which file, where in it, which field, and what is wrong."""

    path: str
    line: int
    col: int
    field: str
    message: str
    level: str = "error"
    """`error`, which fails a check, or `warning` (a possible mistake), which fails only `check --strict`."""

    def __str__(self) -> str:
        mark = "warning: " if self.level == WARNING else ""
        return f"{self.path}:{self.line}:{self.col}: {self.field}: {mark}{self.message}"


def format_problem(problem: Problem, style: str = "parsable") -> str:
    """Format a problem as `path:line:col: field: message` or as a GitHub Actions annotation."""
    if style == "github":
        return (
            f"::{problem.level} file={_escape_property(problem.path)},line={problem.line},col={problem.col},"
            f"title={_escape_property(problem.field)}::{_escape_data(problem.message)}"
        )
    return str(problem)


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
            part = _printable(str(part))
            out += f".{part}" if out else part
    return out or "(document)"


def _printable(text: str) -> str:
    # A key with a line break or another control character must not split a problem over two lines.
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)
