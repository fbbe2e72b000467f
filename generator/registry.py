"""The ids that events name, each with the label people know it by: for `timeline list` and editor completions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, load_catalog
from .countries import country_codes, country_name


@dataclass(frozen=True)
class Kind:
    """One kind of id, named by the Event field of the same name."""

    name: str
    """The Event field, and the argument of `timeline list`: `tags`."""
    entries: Callable[[Catalog], list[tuple[str, str]]]
    """Every valid id with its label, in id order."""
    from_events: bool = True
    """Whether the ids are declared in the events folder (tags, leaders), or fixed (countries)."""


KINDS = (
    Kind("tags", lambda catalog: [(tag_id, f"{tag.label}: {tag.description}")
                                  for tag_id, tag in catalog.tags.items()]),
    Kind("leaders", lambda catalog: [(leader_id, f"{leader.name} ({country_name(leader.country)})")
                                     for leader_id, leader in catalog.leaders.items()]),
    Kind("countries", lambda catalog: [(code, country_name(code)) for code in country_codes()], from_events=False),
)
"""Every kind of id events name; a new kind (organisations) is one more line."""


def load_registry(events_dir: str | Path) -> Catalog:
    """The tags and leaders of an events folder, checked, without loading any event; raise ProblemsError."""
    return load_catalog(events_dir, only=())


def entries(kind: Kind, events_dir: str | Path) -> list[tuple[str, str]]:
    """The ids of one kind with their labels; the events folder is read only for kinds declared there."""
    return kind.entries(load_registry(events_dir) if kind.from_events else Catalog([], {}, {}))
