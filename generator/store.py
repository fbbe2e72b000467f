"""Reading and validating the data files one at a time, through the preview's cache when there is one."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .loader import load_yaml, read_source
from .problems import Problem, limit
from .validate import validate_document


class Cache:
    """What `mkdocs serve` keeps between rebuilds: each file's validation, keyed on its name and content, so an
    unchanged file is never validated twice; and each file's last valid version, which stands in for the file
    while an edit in progress breaks it."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], object] = {}
        self.valid: dict[str, object] = {}
        """The last valid version of each file, by its path relative to the events folder."""

    def get(self, key: tuple[str, str]) -> object | None:
        return self._entries.get(key)

    def put(self, key: tuple[str, str], value: object) -> None:
        self._entries[key] = value

    def keep_only(self, keys: set[tuple[str, str]]) -> None:
        """Forget files that are gone or changed, and the last valid version of files that are gone."""
        self._entries = {key: value for key, value in self._entries.items() if key in keys}
        present = {rel for rel, _ in keys}
        self.valid = {rel: value for rel, value in self.valid.items() if rel in present}


class FileLoader:
    """Reads, parses and validates single files; problems go to a shared list."""

    def __init__(self, root: Path, display: str, cache: Cache | None, problems: list[Problem]):
        self.root, self.display, self.cache, self.problems = root, display, cache, problems
        self.keys: set[tuple[str, str]] = set()
        self.held: set[str] = set()
        """Files with problems whose last valid version was given instead."""

    def load(self, rel: str, model: type, *, hold: bool = False):
        """The file's object, or None when it has problems; with `hold`, its last valid version, if any, instead."""
        path = f"{self.display}/{rel}"
        data = read_source(os.path.join(self.root, rel), path)
        if isinstance(data, Problem):
            self.problems.append(data)
            return self._held(rel) if hold else None
        key = (rel, hashlib.blake2b(data, digest_size=16).hexdigest())
        self.keys.add(key)
        result = self.cache.get(key) if self.cache is not None else None
        if result is None:
            result = self._validate(path, data, model)
            if self.cache is not None:
                self.cache.put(key, result)
        if isinstance(result, list):
            self.problems.extend(result)
            return self._held(rel) if hold else None
        return result

    def _held(self, rel: str):
        previous = self.last_valid(rel)
        if previous is not None:
            self.held.add(rel)
        return previous

    def last_valid(self, rel: str):
        """The file's last valid version, under `mkdocs serve`; else None."""
        return self.cache.valid.get(rel) if self.cache is not None else None

    def keep(self, rel: str, value: object) -> None:
        """Remember a file's version as valid (it passed every check), to stand in for it if it breaks."""
        if self.cache is not None and rel not in self.held:
            self.cache.valid[rel] = value

    @staticmethod
    def _validate(path: str, data: bytes, model: type):
        document = load_yaml(path, data)
        if isinstance(document, Problem):
            return [document]
        result = validate_document(document, model)
        # A file can hold tens of thousands of mistakes; keeping a few of each kind bounds memory and output.
        return limit(result) if isinstance(result, list) else result
