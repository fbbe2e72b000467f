"""A reader of the search index in Python, for the tests: what the worker (generator/theme/assets/timeline-search.js)
answers a query with, read from the same files by the same rules, so that tests can ask what search finds.
The browser tests check that the worker and this reader agree.
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Hit:
    """One document found: where it is, its title and teaser as stored, its score, and which query words it has."""

    location: str
    title: str
    text: str
    score: int
    terms: dict[str, bool]


class SearchReader:
    """The index of a built site, read the way the worker reads it."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.settings = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["config"]["timeline"]
        self.folder = site / self.settings["index"]
        self.stop = set(self.settings["stop"])

    def file(self, path: str) -> object:
        return json.loads((self.folder / path).read_text("utf-8"))

    def words(self, query: str) -> list[str]:
        return [word for word in WORD.findall(unicodedata.normalize("NFC", query).lower()) if word not in self.stop]

    def term_files(self, word: str) -> list[int] | None:
        """The term files holding every term that starts with word (None: too many for a short word)."""
        chosen, below = [], []
        for prefix, (number, size) in self.settings["terms"].items():
            if word.startswith(prefix):
                chosen.append(number)
            elif prefix.startswith(word):
                chosen.append(number)
                below.append(size)
        return None if len(below) > 1 and sum(below) > self.settings["prefix_bytes"] else chosen

    def scores(self, word: str) -> list[int]:
        """Each document's best tier for word (3: in the title, 2: twice or more in the text, 1: once, 0: not)."""
        scores = [0] * self.settings["docs"]
        files = self.term_files(word)
        assert files is not None, f"{word!r} is too short to search"
        for number in files:
            for term, tiers in self.file(f"t/{number}.json").items():
                if term.startswith(word):
                    for tier, packed in zip((3, 2, 1), tiers, strict=True):
                        for doc in decode(packed, self.settings["docs"]):
                            scores[doc] = max(scores[doc], tier)
        return scores

    def documents(self) -> list[list[str]]:
        """Every document of the index in its order: [location, title, text, page title]."""
        size, count = self.settings["doc_file"], self.settings["docs"]
        return [row for number in range(0, count, size) for row in self.file(f"d/{number // size}.json")]

    def search(self, query: str) -> tuple[list[Hit], int]:
        """The documents the worker would send for query, best first, and how many matched in all."""
        words = self.words(query)
        per_word = [self.scores(word) for word in words]
        scored = [(sum(8 + scores[doc] for scores in per_word if scores[doc]), doc)
                  for doc in range(self.settings["docs"])]
        matched = sorted(((-score, doc) for score, doc in scored if score))
        wanted = len(matched) if len(matched) <= self.settings["all_below"] else self.settings["limit"]
        rows = self.documents()
        hits = [Hit(rows[doc][0], rows[doc][1], rows[doc][2], -score,
                    {word: bool(scores[doc]) for word, scores in zip(words, per_word, strict=True)})
                for score, doc in matched[:wanted]]
        return hits, len(matched)

    def find(self, query: str) -> list[str]:
        """The locations found for query, best first."""
        return [hit.location for hit in self.search(query)[0]]


def decode(packed: str, count: int) -> list[int]:
    """A set of document numbers as the index stores it: "b" bitset, "d" delta varints, "" empty."""
    if not packed:
        return []
    raw = base64.b64decode(packed[1:])
    if packed[0] == "b":
        return [doc for doc in range(count) if raw[doc >> 3] & (1 << (doc & 7))]
    assert packed[0] == "d", packed
    found, current, delta, shift = [], -1, 0, 0
    for byte in raw:
        delta |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        current += delta + 1
        found.append(current)
        delta = shift = 0
    return found
