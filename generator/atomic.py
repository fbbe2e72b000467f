"""Replacing a built site in one step: build into a fresh folder beside it, then swap the two.

MkDocs empties site/ and writes page by page, so a crash halfway would leave half a site. Here the old site
stays in place, complete, until the new one is complete. Builds into one folder take turns (a lock on the
folder), SIGTERM stops a build as Ctrl-C does, and a build removes what killed builds left behind.
"""

from __future__ import annotations

import ctypes
import glob
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: builds are not serialised there
    fcntl = None  # type: ignore[assignment]


class BuildFailed(Exception):
    """A build that stopped before its site was complete; the live site was left as it was."""


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived during a build: it unwinds like Ctrl-C, so every cleanup runs."""


def staging_name(final: Path) -> str:
    """The prefix of the staging folders of builds of final: `.site.new-` for site/."""
    return f".{final.name}.new-"


@contextmanager
def staging_folder(final: Path) -> Iterator[Path]:
    """A fresh, empty folder beside final to build into, removed afterwards whatever happens.

    Only one build in final's folder holds one at a time; the first thing it does is remove the staging
    folders of builds of final that were killed before they could.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    with _turn(final), _sigterm_as_interrupt():
        _remove_stale(final)
        staging = Path(tempfile.mkdtemp(prefix=staging_name(final), dir=final.parent))
        try:
            # mkdtemp makes a private folder; the published site gets the mode any new folder would get.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(staging, 0o777 & ~umask)
            yield staging
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, final: Path) -> None:
    """Put staging where final is; afterwards staging holds the old site (or nothing)."""
    with _signals_held():
        if not final.exists():
            os.rename(staging, final)
            return
        if _exchange(staging, final):
            return
        # No atomic exchange on this system: two renames, with the old site kept until the new one is in place.
        old = staging.with_name(staging.name + ".old")
        os.rename(final, old)
        os.rename(staging, final)
        os.rename(old, staging)


def failure_reason(error: OSError) -> str:
    """One line for an OS error: what went wrong, and with which file when known."""
    reason = error.strerror or str(error) or type(error).__name__
    if error.filename and error.filename2:  # a copy or a rename: from where, to where
        return f"{reason}: {error.filename} -> {error.filename2}"
    return f"{reason}: {error.filename}" if error.filename else reason


@contextmanager
def _turn(final: Path) -> Iterator[None]:
    """Hold the lock of the folder that final is in, waiting (and saying so) while another build holds it.

    The folder itself is locked, so no lock file is left behind and none can be removed under a build.
    """
    if fcntl is None:
        yield
        return
    handle = os.open(final.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"timeline: another build in {final.parent} is running; waiting for it to finish",
                  file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock, as the end of the process does


def _remove_stale(final: Path) -> None:
    # Under the lock no other build is using one: whatever matches was left by a build that was killed.
    for path in final.parent.glob(glob.escape(staging_name(final)) + "*"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread can install a signal handler
        return

    def stop(signum, frame):
        raise Terminated(f"stopped by signal {signal.Signals(signum).name}")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Defer SIGINT and SIGTERM while the site is swapped, so neither can fall between two renames."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step with Linux's renameat2(RENAME_EXCHANGE); False where it is missing."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return result == 0
