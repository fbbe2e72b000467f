"""A progress counter on standard error for a person at a terminal; silent in CI logs and pipes."""

from __future__ import annotations

import sys
from collections.abc import Callable

Progress = Callable[[int, int], None]


def terminal_progress(label: str, stream=None) -> Progress | None:
    """A `(done, total)` callback that rewrites one line, or None when the stream is not a terminal."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None
    last = -1

    def report(done: int, total: int) -> None:
        nonlocal last
        percent = done * 100 // max(total, 1)
        if percent != last or done == total:
            last = percent
            stream.write(f"\r{label} {done}/{total} ({percent}%)" + ("\n" if done == total else ""))
            stream.flush()

    return report
