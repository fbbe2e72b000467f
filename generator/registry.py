"""The ids that events name, each with the label people know it by: for `timeline list` and editor completions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, load_catalog
from .countries import country_codes, country_name
from .registries import REGISTRIES, Registry


@dataclass(frozen=True)
class Kind:
    """One kind of id, named by the Event field of the same name."""

    name: str
    """The Event field, and the argument of `timeline list`: `tags`."""
    entries: Callable[[Catalog], list[tuple[str, str]]]
    """Every valid id with its label, in id order."""
    from_events: bool = True
    """Whether the ids are declared in the events folder (the registries), or fixed (countries)."""


def _declared(registry: Registry) -> Callable[[Catalog], list[tuple[str, str]]]:
    return lambda catalog: [(item_id, registry.label(item))
                            for item_id, item in getattr(catalog, registry.field).items()]


KINDS = (
    *(Kind(registry.field, _declared(registry)) for registry in REGISTRIES),
    Kind("countries", lambda catalog: [(code, country_name(code)) for code in country_codes()], from_events=False),
)
"""Every kind of id events name: the registries of the events folder, and the countries of ISO 3166."""


def load_registry(events_dir: str | Path) -> Catalog:
    """The registries of an events folder (tags, leaders, organisations), checked, without loading any event;
    raise ProblemsError."""
    return load_catalog(events_dir, only=())


def entries(kind: Kind, events_dir: str | Path) -> list[tuple[str, str]]:
    """The ids of one kind with their labels; the events folder is read only for kinds declared there."""
    return kind.entries(load_registry(events_dir) if kind.from_events else Catalog([], {}, {}))
