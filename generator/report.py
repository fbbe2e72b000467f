"""Printing the problems of a run, bounded: plain lines, GitHub annotations, and a GitHub step summary.

A hostile or broken pull request can hold millions of problems. Each file shows a few of each kind (see
`problems.limit`), a run prints at most MAX_SHOWN lines, and every number left out is said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .problems import ERROR, WARNING, Problem, format_problem, limit, printable

MAX_SHOWN = 500
"""At most this many problem lines are printed, and listed in the step summary, in one run."""

ANNOTATIONS = 10
"""GitHub shows at most 10 error and 10 warning annotations of a step (and 50 of a job): the rest would be
lost, so only the first ones become annotations and the log and step summary carry everything."""

_CELL_LENGTH = 1_000


@dataclass
class Report:
    """What a run prints: lines for standard output, a closing count for standard error, a step summary."""

    lines: list[str] = field(default_factory=list)
    closing: str = ""
    summary: str = ""
    total: int = 0
    """How many problems there are, shown or not."""
    cut: bool = False
    """Whether lines were left out to keep to MAX_SHOWN (the closing count says how many)."""


def build_report(problems: list[Problem], style: str = "parsable") -> Report:
    """Every problem, limited per file and in all; `github` annotates the first errors and warnings."""
    kept = limit(problems)
    shown, rest = kept[:MAX_SHOWN], kept[MAX_SHOWN:]
    total = sum(problem.count for problem in kept)
    files = len({problem.path for problem in kept})
    report = Report(total=total, cut=bool(rest))
    annotated = {ERROR: 0, WARNING: 0}
    marked = 0  # problems annotated on their own line; a closing line's count is not
    for problem in shown:
        if style == "github" and annotated.get(problem.level, ANNOTATIONS) < ANNOTATIONS:
            annotated[problem.level] += 1
            report.lines.append(format_problem(problem, "github"))
            marked += 0 if problem.omitted else 1
        else:
            report.lines.append(format_problem(problem))
    closing = f"{_count(total, 'problem')} in {files} file(s)"
    if rest:
        hidden = sum(problem.count for problem in rest)
        closing += (f"; the last {hidden} in {len({problem.path for problem in rest})} file(s) are not shown "
                    f"(at most {MAX_SHOWN} lines are printed)")
    report.closing = closing
    if style == "github":
        report.summary = _step_summary(shown, total, marked, closing)
    return report


def _step_summary(shown: list[Problem], total: int, annotated: int, closing: str) -> str:
    rows = ["| file | line | field | level | problem |", "| --- | --- | --- | --- | --- |"]
    for problem in shown:
        rows.append(f"| {_cell(problem.path)} | {problem.line}:{problem.col} | {_cell(problem.field)} | "
                     f"{problem.level} | {_cell(problem.message)} |")
    rest = total - annotated
    return "\n".join([
        f"### timeline check: {closing}", "", *rows, "",
        f"{annotated} of {_count(total, 'problem')} {'is' if annotated == 1 else 'are'} annotated on the lines "
        f"at fault; {rest} {'is' if rest == 1 else 'are'} not (GitHub shows at most {ANNOTATIONS} errors and "
        f"{ANNOTATIONS} warnings of a step): see the table above and the log.", "",
    ])


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _cell(text: str) -> str:
    """Contributor text as a table cell that GitHub renders literally: a code span, so no link, image or
    HTML in it is live, with pipes escaped as GFM tables require even inside code spans."""
    text = printable(text)
    if len(text) > _CELL_LENGTH:
        text = text[:_CELL_LENGTH] + "..."
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text.replace('|', chr(92) + '|')} {fence}"
