"""Bounds on the structure of contributor Markdown, checked without rendering it.

Python-Markdown takes time superlinear in some structures: 20,000 `[` in a summary take it 46 seconds,
a few hundred nested list markers exhaust its recursion. `timeline check` refuses what the build could not
render in a moment, in time linear in the text, and without importing the renderer.
"""

from __future__ import annotations

import re

MAX_LINES = 400
"""Lines in one Markdown text: a long summary hard-wrapped at 50 characters. Each block costs the renderer
more than the last, so their number is bounded."""

MAX_MARKUP = 300
"""Characters that start inline Markdown (\\ ` * _ [ < &) in one text: each match makes Python-Markdown
rebuild the text around it."""

MAX_NESTING = 8
"""Lists and quotes inside each other (by indentation or markers such as `> 1. -`): the renderer recurses
per level and fails past a few hundred."""

MAX_REACH = 10_000
"""Characters scanned, summed over every `[` and `<`, from it to its closing `]` or `>` (or the end of its
paragraph when there is none): Python-Markdown scans that far, character by character, several times."""

_MARKUP = "\\`*_[<&"
# A line that opens more than MAX_NESTING containers: indentation by 4 spaces or a tab, `>`, or a list marker.
_TOO_DEEP = re.compile(rf"^(?: {{4}}|\t| {{0,3}}(?:>|[*+-][ \t]|[0-9]{{1,9}}[.)][ \t])){{{MAX_NESTING + 1}}}", re.M)
_SCANNED = re.compile(r"\]\(|[\[\]<>)]|\n[ \t]*\n")
_CLOSES = {"]": "[", ">": "<", ")": "("}


def markdown_problem(text: str) -> str | None:
    """Why the renderer could not render this text quickly, or None; a bound on its structure, O(length)."""
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        return f"expected Markdown of at most {MAX_LINES} lines, got {lines}"
    markup = sum(map(text.count, _MARKUP))
    if markup > MAX_MARKUP:
        return (f"expected at most {MAX_MARKUP} Markdown markup characters ({' '.join(_MARKUP)}), got {markup}; "
                f"write plainer text")
    deep = _TOO_DEEP.search(text)
    if deep:
        line = text.count("\n", 0, deep.start()) + 1
        return f"expected lists and quotes nested at most {MAX_NESTING} deep, got more on line {line}"
    reach = _reach(text) if "[" in text or "<" in text else 0
    if reach > MAX_REACH:
        return (f"expected each '[', '<' and link '(' closed soon after by ']', '>' and ')', got {reach} "
                f"characters between them in all (at most {MAX_REACH}); close them, or escape them as \\[ and \\<")
    return None


def _reach(text: str) -> int:
    total = 0
    open_at: dict[str, list[int]] = {"[": [], "<": [], "(": []}
    for match in _SCANNED.finditer(text):
        found, at = match[0], match.start()
        if found in open_at:
            open_at[found].append(at)
        elif found[0] in _CLOSES:
            starts = open_at[_CLOSES[found[0]]]
            if starts:
                total += at - starts.pop()
            if found == "](":  # a link's address, scanned to its ')'
                open_at["("].append(at + 1)
        else:  # a paragraph ends: whatever is still open was scanned to here
            total += sum(at - start for starts in open_at.values() for start in starts)
            open_at = {opener: [] for opener in open_at}
        if total > MAX_REACH:
            return total
    return total + sum(len(text) - start for starts in open_at.values() for start in starts)
