"""Replacing a built site in one step: build into a fresh folder beside it, then swap the two.

MkDocs empties site/ and writes page by page, so a crash halfway would leave half a site. Here the old site
stays in place, complete, until the new one is complete.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class BuildFailed(Exception):
    """A build that stopped before its site was complete; the live site was left as it was."""


@contextmanager
def staging_folder(final: Path) -> Iterator[Path]:
    """A fresh, empty folder beside final to build into; it is removed afterwards, whatever happens."""
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.new-", dir=final.parent))
    # mkdtemp makes a private folder; the published site gets the mode any new folder would get.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(staging, 0o777 & ~umask)
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, final: Path) -> None:
    """Put staging where final is; afterwards staging holds the old site (or nothing)."""
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
