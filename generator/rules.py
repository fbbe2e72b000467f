"""Whole-catalog checks, which no single file shows: unused tags and leaders, and possible duplicate events.

They find possible mistakes, not certain ones, so each finding is a warning: `timeline check` prints it and
fails only with `--strict`. The work is bounded at any size: events are compared only within buckets of a
shared country and a shared uncommon title word, and only while their dates overlap.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .catalog import Catalog, EventRecord, _collector_paused
from .loader import Finding, KeyPath, locate
from .problems import WARNING, Problem
from .registries import REGISTRIES, Registry

SIMILAR_TITLES = 0.5
"""Two titles are similar when at least this share of their words (Jaccard, stop words left out) is common."""

# Words that say nothing about which event a title names.
_STOP_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "as", "is", "are",
    "was", "were", "be", "been", "its", "it", "his", "her", "their", "after", "before", "over", "into", "than",
    "that", "this",
})
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def check_catalog(catalog: Catalog, root: Path, display: str) -> list[Problem]:
    """Every whole-catalog warning, located in its file; `display` is how messages name the events folder."""
    return locate([*find_unused(catalog, REGISTRIES), *find_duplicates(catalog.events, display)], root, display)


def find_unused(catalog: Catalog, registries: tuple[Registry, ...]) -> list[Finding]:
    """Declared ids that no event names: a tag no event uses, a leader or an organisation in no event."""
    found = []
    for registry in registries:
        used = {name for record in catalog.events for name in getattr(record.event, registry.field)}
        for name in getattr(catalog, registry.field):
            if name not in used:
                found.append(Finding(registry.declared_in(name), registry.key_of(name),
                                     f"no event names this {registry.noun} ({name}); {registry.advice}", WARNING,
                                     key=True))
    return found


@dataclass(slots=True)
class Comparisons:
    """How many pairs of events the duplicate search looked at (by title): the measure of its work."""

    count: int = 0


def find_duplicates(events: list[EventRecord], root: str, comparisons: Comparisons | None = None) -> list[Finding]:
    """Pairs of events that may be one event written twice: each of the two is warned, naming the other.

    Both are warned so that a pull request adding one of them shows the warning on its own file.
    `events` are in the catalog's order; `root` is how messages name the events folder.
    """
    comparisons = comparisons if comparisons is not None else Comparisons()
    with _collector_paused():  # many small tuples and sets, no cycles
        spans = [_span(record) for record in events]
        pairs = [*_same_quotes(events, spans), *_similar_titles(events, spans, comparisons)]
    found: dict[tuple[str, str], Finding] = {}
    for first, second, why, first_at, second_at in pairs:
        if _related(first, second) or (first.id, second.id) in found:
            continue  # listed as related: known to be two events; or found already, by the other kind
        for this, this_at, other in ((first, first_at, second), (second, second_at, first)):
            found[this.id, other.id] = Finding(
                this.file, this_at,
                f"possibly the same event as {root}/{other.file} ({why}); merge the two files, or, if they "
                f"are different events, name one in the other's related", WARNING,
            )
    return list(found.values())


def _related(first: EventRecord, second: EventRecord) -> bool:
    return first.id in second.event.related or second.id in first.event.related


Pair = tuple[EventRecord, EventRecord, str, KeyPath, KeyPath]
"""Two events that may be one, why, and where in each file to say so."""


def _same_quotes(events: list[EventRecord], spans: list[tuple[date, date]]) -> Iterator[Pair]:
    # One sentence often reports several happenings on different dates ("... marking his first visit in
    # 11 years"): the same words only hint at one event written twice when the dates overlap too.
    citing: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for index, record in enumerate(events):
        for number, source in enumerate(record.event.sources):
            where = source.url or (_normal(source.publisher or ""), _normal(source.title))
            citing[where, _normal(source.quote)].append((index, number))
    for cited in citing.values():
        if len(cited) < 2:
            continue
        source_of = dict(cited)
        for first, second in _overlapping(list(source_of), spans):
            yield (events[first], events[second], "dates that overlap, the same words quoted from the same source",
                   ("sources", source_of[first], "quote"), ("sources", source_of[second], "quote"))


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split())


def _similar_titles(events: list[EventRecord], spans: list[tuple[date, date]],
                    comparisons: Comparisons) -> Iterator[Pair]:
    words = [_title_words(record.event.title) for record in events]
    frequency = Counter(word for title in words for word in title)
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (record, title) in enumerate(zip(events, words, strict=True)):
        # Prefix filtering: two titles sharing at least SIMILAR_TITLES of their words share one of each
        # title's len - ceil(SIMILAR_TITLES * len) + 1 least common words, so only those need a bucket.
        rare = sorted(title, key=lambda word: (frequency[word], word))
        for word in rare[:len(rare) - math.ceil(SIMILAR_TITLES * len(rare)) + 1]:
            for country in set(record.event.countries):
                buckets[word, country].append(index)
    seen: set[tuple[int, int]] = set()
    for (_, country), members in sorted(buckets.items()):
        if len(members) < 2:
            continue
        for first, second in _overlapping(members, spans):
            comparisons.count += 1
            if (first, second) in seen:
                continue
            seen.add((first, second))
            if _jaccard(words[first], words[second]) >= SIMILAR_TITLES:
                yield (events[first], events[second], f"dates that overlap, both in {country}, similar titles",
                       ("title",), ("title",))


def _title_words(title: str) -> frozenset[str]:
    words = (word.removesuffix("s") if len(word) > 3 else word for word in _WORD.findall(_normal(title)))
    return frozenset(word for word in words if word not in _STOP_WORDS)


def _span(record: EventRecord) -> tuple[date, date]:
    # The sort key is the first and the last day the date covers.
    return record.event.date.sort_key


def _overlapping(members: list[int], spans: list[tuple[date, date]]) -> Iterator[tuple[int, int]]:
    """Pairs (earlier index, later index) of members whose spans overlap: a sweep in start order."""
    active: list[tuple[date, int]] = []  # a heap of (last day, index) of the spans still open
    for index in sorted(members, key=lambda member: (spans[member][0], member)):
        start = spans[index][0]
        while active and active[0][0] < start:
            heapq.heappop(active)
        for _, other in active:
            yield (min(index, other), max(index, other))
        heapq.heappush(active, (spans[index][1], index))


def _jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    union = len(first | second)
    return len(first & second) / union if union else 0.0
