"""Cross-file checks over the whole events folder, and the indexes the pages are made from."""

from __future__ import annotations

import bisect
import difflib
import gc
import os
import re
import unicodedata
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .dates import EventDate
from .loader import Finding, locate, refused
from .paths import HIDDEN_FOLDER, walk
from .problems import PER_KIND, Problem, ProblemsError, excerpt, limit
from .progress import Progress
from .registries import REGISTRIES, Registry
from .schema import (
    DATE_PREFIX_PATTERN,
    MAX_SLUG_LENGTH,
    RESERVED_NAMES,
    SLUG_PATTERN,
    Event,
    Leader,
    Organisation,
    Tag,
    is_slug,
)
from .sections import SECTIONS, Key, Section
from .store import Cache, FileLoader

EVENTS_DIR = "events"
"""The events folder a site's commands and plugin use unless told otherwise."""
_EVENT_NAME = re.compile(rf"(?P<prefix>{DATE_PREFIX_PATTERN})-(?P<slug>{SLUG_PATTERN})")


@dataclass(frozen=True, slots=True)
class EventRecord:
    """A valid event with its id and the file it came from (relative to the events folder)."""

    id: str
    file: str
    event: Event


@dataclass
class Catalog:
    """Every valid event and registry entry (leader, organisation, tag), in a stable order, with each section's
    timelines. The registries are attributes named as the fields of registries.REGISTRIES."""

    events: list[EventRecord]
    leaders: dict[str, Leader]
    tags: dict[str, Tag]
    organisations: dict[str, Organisation] = field(default_factory=dict)
    sections: tuple[Section, ...] = SECTIONS
    timelines: dict[str, dict[Key, list[EventRecord]]] = field(init=False)
    """For each section by name: its keys in order, each with its events in date order."""
    problems: list[Problem] = field(default_factory=list)
    """In a lenient preview: the problems found, which no page has hidden (else a catalog has none)."""
    left_out: dict[str, str] = field(default_factory=dict)
    """In a lenient preview: event files with problems and no valid version to stand in, by id."""
    related: dict[str, list[EventRecord]] = field(init=False)
    """For each event id: the events it names in `related` or that name it there, in date order."""

    def __post_init__(self) -> None:
        self.events = sorted(self.events, key=lambda record: (record.event.date.sort_key, record.id))
        self.timelines = {}
        for section in self.sections:
            listing: dict[Key, list[EventRecord]] = {key: [] for key in section.registered(self)}
            for record in self.events:
                for key in dict.fromkeys(section.select(record.event)):
                    listing.setdefault(key, []).append(record)
            self.timelines[section.name] = dict(sorted(listing.items()))
        self.related = _related_both_ways(self.events)


def _related_both_ways(events: list[EventRecord]) -> dict[str, list[EventRecord]]:
    # A link written in one file shows on both pages; events are in date order already.
    position = {record.id: index for index, record in enumerate(events)}
    linked: dict[str, set[int]] = {}
    for record in events:
        for other in record.event.related:
            if other in position and other != record.id:
                linked.setdefault(record.id, set()).add(position[other])
                linked.setdefault(other, set()).add(position[record.id])
    return {event_id: [events[index] for index in sorted(indexes)] for event_id, indexes in linked.items()}


@dataclass
class _Tree:
    events: list[str] = field(default_factory=list)
    declared: dict[str, list[str]] = field(default_factory=lambda: {registry.field: [] for registry in REGISTRIES})
    """For each registry, the files that declare its ids (one file for a registry declared in one)."""
    problems: list[Problem] = field(default_factory=list)


def load_catalog(events_dir: str | Path, *, only: Iterable[str] | None = None, cache: Cache | None = None,
                 progress: Progress | None = None, sections: tuple[Section, ...] = SECTIONS,
                 warnings: list[Problem] | None = None, lenient: bool = False) -> Catalog:
    """Load and check every file under events_dir; raise ProblemsError listing every problem found.

    With `only`, just those event files (paths) are checked, against the whole registry of ids, leaders
    and tags, and the catalog holds just them. With a `warnings` list, the whole-catalog checks of rules.py
    (unused tags and leaders, possible duplicates) add theirs to it, once a whole folder has no problems.
    `lenient` is for a preview while files are being edited: nothing is raised; a file with problems is
    replaced by its last valid version in the cache, if it has one, or left out; the catalog lists the
    problems and the event files left out.
    """
    root = Path(events_dir)
    display = str(events_dir).rstrip("/") or "."
    if os.path.islink(display):
        raise ProblemsError([Problem(display, 1, 1, "events", "expected a folder of events, got a symbolic link; "
                                                              "name the folder itself")])
    if not root.is_dir():
        raise ProblemsError([Problem(display, 1, 1, "events", "expected a folder of events, got no such folder")])
    tree = _scan(root, display)
    problems = list(tree.problems)
    loader = FileLoader(root, display, cache, problems)
    tables, declared = _load_registries(tree, loader, lenient)
    ids = _event_ids(tree.events, display, problems)
    chosen = tree.events if only is None else _select(root, display, tree.events, only, problems)
    known = _Known(_Ids(ids), declared, display)
    records: list[EventRecord] = []
    left_out: dict[str, str] = {}  # lenient: event files with problems and no valid version to stand in
    undeclared: dict[str, list[str]] = {}  # events naming ids of a registry whose one file is missing
    total = len(chosen)
    with _collector_paused():
        for done, rel in enumerate(chosen, 1):
            event = loader.load(rel, Event, hold=lenient)
            record = EventRecord(_stem(rel), rel, event) if event is not None else None
            if record is not None:
                for registry in REGISTRIES:
                    if registry.file and not tree.declared[registry.field] and getattr(event, registry.field):
                        undeclared.setdefault(registry.field, []).append(rel)
                found = _check_event(record, known)
                if found:
                    problems.extend(limit(locate((Finding(rel, key_path, message) for key_path, message in found),
                                                 root, display)))
                    record = _stand_in(record, loader, known) if lenient else None
                else:
                    loader.keep(rel, event)
            if record is not None:
                records.append(record)
            elif lenient:
                left_out[_stem(rel)] = rel
            if progress:
                progress(done, total)
    for registry in REGISTRIES:
        if registry.field in undeclared:
            # One problem for the missing file, not one per event that names an id declared there.
            using = undeclared[registry.field]
            problems.append(Problem(f"{display}/{registry.file}", 1, 1, "file",
                                    f"expected the file that declares the {registry.field} events name, got no such "
                                    f"file ({len(using)} event(s) name {registry.field}, e.g. {display}/{using[0]})"))
    if cache is not None and only is None:
        cache.keep_only(loader.keys)
    if problems and not lenient:
        raise ProblemsError(problems)
    with _collector_paused():  # the catalog's indexes: many small lists and tuples again, and no cycles
        catalog = Catalog(records, **tables, sections=sections, problems=sorted(problems), left_out=left_out)
        if warnings is not None and only is None:
            from .rules import check_catalog  # imported here: rules.py builds on this module's Catalog

            warnings.extend(check_catalog(catalog, root, display))
    return catalog


def _load_registries(tree: _Tree, loader: FileLoader,
                     lenient: bool) -> tuple[dict[str, dict], dict[str, _Ids | None]]:
    """Every registry's entries by id, and the ids events may name: a registry file with problems of its own is
    reported once, not again by every event that names an id from it (its ids are then unknown: None). In a
    lenient preview events may name only what loaded, so that no page names an entry it cannot show."""
    tables: dict[str, dict] = {}
    declared: dict[str, _Ids | None] = {}
    for registry in REGISTRIES:
        files = tree.declared[registry.field]
        if registry.file:
            loaded = loader.load(registry.file, registry.model, hold=lenient) if files else None
            if loaded is not None:
                loader.keep(registry.file, loaded)
            tables[registry.field] = dict(sorted(loaded.root.items())) if loaded is not None else {}
            declared[registry.field] = _Ids(tables[registry.field]) if loaded is not None or lenient else None
            continue
        entries = {}
        for rel in files:
            entry = loader.load(rel, registry.model, hold=lenient)
            if entry is not None:
                loader.keep(rel, entry)
                entries[_stem(rel)] = entry
        tables[registry.field] = dict(sorted(entries.items()))
        declared[registry.field] = _Ids(entries if lenient else (_stem(rel) for rel in files))
    return tables, declared


def _stand_in(record: EventRecord, loader: FileLoader, known: _Known) -> EventRecord | None:
    """In a preview, the last valid version of an event whose new version fails a cross-file check, if it still
    passes them all."""
    previous = loader.last_valid(record.file)
    if previous is None or previous is record.event:
        return None
    stand_in = EventRecord(record.id, record.file, previous)
    return stand_in if not _check_event(stand_in, known) else None


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while files load: each file makes many small, long-lived objects
    and no cycles, and full collections over a growing heap would otherwise cost more than the loading."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _stem(rel: str) -> str:
    return rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]


_BACKUP_SUFFIXES = frozenset({"bak", "orig", "rej", "swp", "swo", "swx", "tmp", "old", "save"})


def _scan(root: Path, display: str) -> _Tree:
    tree = _Tree()
    files, others = walk(root)
    for rel, kind in others:
        if kind == HIDDEN_FOLDER:
            tree.problems.append(Problem(f"{display}/{rel}", 1, 1, "file",
                                         f"expected no hidden folders here, got {excerpt(rel.rsplit('/', 1)[-1])}; "
                                         f"move it out of {display}/ (nothing in it is read)"))
        else:
            tree.problems.append(refused(f"{display}/{rel}", kind))
    for rel in files:
        parts = rel.split("/")
        stem, _, suffix = parts[-1].rpartition(".")
        if not rel.isprintable():
            tree.problems.append(Problem(f"{display}/{rel}", 1, 1, "file",
                                         f"expected a file name of printable characters, got {excerpt(rel)}; "
                                         f"rename it"))
        elif stray := _stray(parts[-1], stem, suffix, display):
            tree.problems.append(Problem(f"{display}/{rel}", 1, 1, "file", stray))
        elif registry := _registry_of(parts):
            if registry.file or is_slug(stem):
                tree.declared[registry.field].append(rel)
            else:
                slug = suggest_slug(stem, fallback="")
                hint = f" (try '{slug}.yml')" if slug and slug != stem else ""
                if stem in RESERVED_NAMES:
                    hint = " (a reserved device name: add a word)"
                tree.problems.append(Problem(f"{display}/{rel}", 1, 1, "file",
                                             f"expected {registry.a_noun} id such as '{registry.example}' as the "
                                             f"file name, got {excerpt(stem)}{hint}"))
        else:
            tree.events.append(rel)
    return tree


def _registry_of(parts: list[str]) -> Registry | None:
    """The registry a file of the events folder declares ids of, or None (an event, or a stray file)."""
    for registry in REGISTRIES:
        if (registry.file and parts == [registry.file]) or (len(parts) == 2 and parts[0] == registry.folder):
            return registry
    return None


def _stray(name: str, stem: str, suffix: str, display: str) -> str | None:
    """Why a file is not one the events folder may hold, or None: every other file is reported, once."""
    if name.startswith("."):
        return f"expected no hidden files here, got {excerpt(name)}; delete it or move it out of {display}/"
    if name.endswith("~") or suffix.lower() in _BACKUP_SUFFIXES:
        return f"expected no backup or editor files here, got {excerpt(name)}; delete it"
    if suffix == "yml" and stem:
        return None
    if suffix.lower() == "yaml":
        return f"expected the extension .yml, got .{suffix} (rename it to {stem}.yml)"
    if suffix.lower() == "yml":
        return f"expected the extension .yml in lower case, got .{suffix} (rename it to {stem}.yml)"
    return (f"expected only .yml files of events, leaders and tags here, got {excerpt(name)}; "
            f"move it out of {display}/")


def _event_ids(files: list[str], display: str, problems: list[Problem]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for rel in files:
        stem = _stem(rel)
        if stem in ids:
            problems.append(Problem(f"{display}/{rel}", 1, 1, "file",
                                    f"expected a unique id, got {excerpt(stem)} also used by {display}/{ids[stem]}"))
        else:
            ids[stem] = rel
    return ids


def _select(root: Path, display: str, files: list[str], only: Iterable[str], problems: list[Problem]) -> list[str]:
    known = set(files)
    chosen = []
    base = Path(os.path.realpath(root))
    for given in only:
        # The folders on the way are resolved, not the file itself: a link is refused by the walk, never followed.
        folder, name = os.path.split(os.path.abspath(given))
        try:
            rel = (Path(os.path.realpath(folder)) / name).relative_to(base).as_posix()
        except ValueError:
            rel = None
        if rel in known:
            chosen.append(rel)
        elif rel is not None and _registry_of(rel.split("/")):
            continue  # the registries are always checked
        elif rel is not None and os.path.islink(root / rel):
            continue  # the walk reported it
        else:
            problems.append(Problem(given, 1, 1, "file", f"expected an event file under {display}/, got {given!r}"))
    return sorted(set(chosen))


class _Ids:
    """A set of ids, with a bounded search for the one closest to an id that is not among them."""

    NEIGHBOURS = 8
    """How many ids on each side of a mistyped id, in two sort orders, are compared with it."""

    def __init__(self, ids: Iterable[str]):
        self.ids = frozenset(ids)
        self._orders: tuple[list[str], list[str]] | None = None

    def __contains__(self, value: object) -> bool:
        return value in self.ids

    def closest(self, value: str) -> str | None:
        """The closest id by difflib's ratio (at least 0.75) among the neighbours of value when the ids are
        sorted as written and sorted by their reversed text: a typo late in an id leaves it beside the right
        id in the first order, an early one in the second. At most 4 * NEIGHBOURS comparisons, whatever the
        number of ids; a few far-off matches are missed."""
        if self._orders is None:
            self._orders = sorted(self.ids), sorted(id_[::-1] for id_ in self.ids)
        candidates = set(self._around(self._orders[0], value))
        candidates.update(id_[::-1] for id_ in self._around(self._orders[1], value[::-1]))
        close = difflib.get_close_matches(value, sorted(candidates), n=1, cutoff=0.75)
        return close[0] if close else None

    def _around(self, order: list[str], value: str) -> list[str]:
        at = bisect.bisect_left(order, value)
        return order[max(0, at - self.NEIGHBOURS):at + self.NEIGHBOURS]

    def listing(self, most: int = 10) -> str:
        """The first ids in order, for a message: at most `most`, then how many more."""
        first = sorted(self.ids)[:most]
        more = len(self.ids) - len(first)
        return ", ".join(first) + (f" and {more} more" if more else "")


@dataclass(frozen=True)
class _Known:
    events: _Ids
    declared: dict[str, _Ids | None]
    """For each registry, the ids events may name; None when its one file could not be read."""
    display: str


def _check_event(record: EventRecord, known: _Known) -> list[tuple[tuple, str]]:
    """Checks that need more than the file itself; each finding is (key path, message)."""
    found: list[tuple[tuple, str]] = []
    event = record.event
    match = _EVENT_NAME.fullmatch(record.id)
    # Without a valid name, keep the words after any date-like prefix: 2025-11-01-Lee-Xi -> lee-xi.
    slug = match["slug"] if match else suggest_slug(re.sub(rf"^{DATE_PREFIX_PATTERN}\b", "", record.id))
    expected = event_file(event.date, slug)
    root = known.display
    if len(record.id) > MAX_SLUG_LENGTH:
        found.append(((), f"expected a file name of at most {MAX_SLUG_LENGTH} characters before .yml, "
                          f"got {len(record.id)}; shorten the slug"))
    if record.file != expected:
        found.append((("date",), f"expected this event (dated {event.date}) at {root}/{expected}, "
                                 f"got {root}/{record.file}"))
    references = [(registry.field, known.declared[registry.field], f"{root}/{registry.where()}", bool(registry.file))
                  for registry in REGISTRIES]
    for name, known_ids, where, vocabulary in [*references, ("related", known.events, f"{root}/", False)]:
        if known_ids is None:
            continue
        unknown = 0
        for index, value in enumerate(getattr(event, name)):
            if value not in known_ids or (name == "related" and value == record.id):
                if value == record.id:
                    found.append(((name, index), "expected the id of another event, got this event's own id"))
                    continue
                unknown += 1
                hint = ""
                # Only as many suggestions as a file's output shows for one field: the rest would be thrown away.
                if unknown <= PER_KIND:
                    close = known_ids.closest(value)
                    if close:
                        hint = f" (did you mean '{close}'?)"
                    elif vocabulary and known_ids.ids:
                        hint = f" (the {name} are: {known_ids.listing()})"
                found.append(((name, index), f"expected an id defined in {where}, got {excerpt(value)}{hint}"))
    return found


def event_file(date: EventDate, slug: str) -> str:
    """Where an event of this date and slug lives, relative to the events folder: `2025/2025-11-01-slug.yml`."""
    return f"{date.year:04d}/{date.prefix}-{slug}.yml"


def suggest_slug(text: str, fallback: str = "event") -> str:
    """A slug close to the given text, for suggestions only; the fallback when no ASCII letter or digit is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or fallback
