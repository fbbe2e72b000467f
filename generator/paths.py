"""Finding and reading files under a folder without ever leaving it.

Git commits symbolic links and a checkout recreates them, so a pull request can put a link to any path of the
machine that builds it (a key, /dev/zero, a whole folder) where a data file belongs. Here a folder is walked
without following links, only regular files are opened, a read stops one byte past its cap, and every other
kind of entry is named for what it is, so the caller can refuse it. The folder itself is the caller's to
vouch for (the catalog and the plugin refuse one that is a link).
"""

from __future__ import annotations

import os
import stat

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
# O_NOFOLLOW refuses a link put in place after the walk; O_NONBLOCK keeps a named pipe from blocking the open.

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))

LINK = "a symbolic link"
HIDDEN_FOLDER = "a hidden folder"


class Refused(Exception):
    """A path that is not a regular file inside the folder; the message names what it is."""


class TooLarge(Exception):
    """A regular file over the size cap; it was not read."""

    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def walk(root: str | os.PathLike, *, into_hidden: bool = False) -> tuple[list[str], list[tuple[str, str]]]:
    """Regular files under root as sorted relative POSIX paths, and every other entry with what it is.

    Links are never followed (a linked folder is one entry); hidden folders are one entry too unless
    into_hidden. Nothing is opened but the folders of root itself.
    """
    files: list[str] = []
    others: list[tuple[str, str]] = []
    folders = [""]
    base = os.fspath(root)
    while folders:
        prefix = folders.pop()
        try:
            with os.scandir(os.path.join(base, prefix) if prefix else base) as entries:
                for entry in entries:
                    rel = prefix + entry.name
                    if entry.is_symlink():
                        others.append((rel, LINK))
                    elif entry.is_dir(follow_symlinks=False):
                        if entry.name.startswith(".") and not into_hidden:
                            others.append((rel, HIDDEN_FOLDER))
                        else:
                            folders.append(rel + "/")
                    elif entry.is_file(follow_symlinks=False):
                        files.append(rel)
                    else:
                        others.append((rel, _kind(entry.stat(follow_symlinks=False).st_mode)))
        except OSError as error:
            others.append((prefix.rstrip("/") or ".", f"a folder that cannot be read ({error.strerror})"))
    return sorted(files), sorted(others)


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file, or raise Refused (not a regular file), TooLarge or OSError.

    The size is checked before reading, and the read stops at limit + 1 bytes in case the file grows.
    """
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if os.path.islink(path):
            raise Refused(LINK) from None
        raise error
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(_kind(info.st_mode))
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(handle, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def leaving(root: str | os.PathLike) -> list[tuple[str, str]]:
    """Every entry under root that resolves outside it, or that is not a file, folder or link, with why.

    For a folder a tool copies whole and follows links in (MkDocs' docs folder): a link is fine while its
    target stays inside root, since the walk covers that target too.
    """
    base = os.path.realpath(root)
    found: list[tuple[str, str]] = []
    if os.path.islink(root):
        found.append((".", f"{LINK} to a folder"))
    _, others = walk(root, into_hidden=True)
    for rel, kind in others:
        if kind != LINK:
            found.append((rel, kind))
            continue
        target = os.path.realpath(os.path.join(base, rel))
        if os.path.commonpath([base, target]) != base:
            found.append((rel, f"{LINK} to a path outside the folder"))
    return found


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"
