"""The registries: every kind of id that events name and that is declared in the events folder.

Tags are all declared in one file; leaders and organisations have a file each in a folder of their own.
Loading, reference checks, unused-id warnings, `timeline list` and editor completions loop over this
declaration: a new kind is one declaration here and its model in schema.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .countries import country_name
from .schema import Leader, Organisation, Tags


@dataclass(frozen=True)
class Registry:
    """One kind of declared id, named by the Event field (and held in the Catalog attribute) of `field`."""

    field: str
    """The Event field that names them and the Catalog attribute that holds them: `leaders`."""
    noun: str
    """What one of them is called in messages: `leader`."""
    example: str
    """An id of this kind, for messages: `xi-jinping`."""
    model: type[BaseModel]
    """The model of one file: of one entry (a leader), or of the whole table (tags.yml)."""
    label: Callable[[Any], str]
    """How `timeline list` and editors describe one entry."""
    advice: str
    """What to do about one that no event names."""
    folder: str | None = None
    """The folder of one file per id (`leaders/<id>.yml`), or None."""
    file: str | None = None
    """The one file that declares them all (`tags.yml`), or None."""

    @property
    def a_noun(self) -> str:
        """The noun with its article: `a leader`, `an organisation`."""
        return ("an " if self.noun[0] in "aeiou" else "a ") + self.noun

    def declared_in(self, item_id: str) -> str:
        """The file that declares one id, relative to the events folder."""
        return self.file if self.file else f"{self.folder}/{item_id}.yml"

    def where(self) -> str:
        """Where ids of this kind are declared, for messages: `leaders/` or `tags.yml`."""
        return self.file if self.file else f"{self.folder}/"

    def key_of(self, item_id: str) -> tuple[str, ...]:
        """Where in its file an entry starts: its key in a shared file, its name in a file of its own."""
        return (item_id,) if self.file else ("name",)


REGISTRIES: tuple[Registry, ...] = (
    Registry("leaders", "leader", "xi-jinping", Leader, folder="leaders",
             label=lambda leader: f"{leader.name} ({country_name(leader.country)})",
             advice="name them in an event's leaders, or remove the file"),
    Registry("organisations", "organisation", "apec", Organisation, folder="organisations",
             label=lambda organisation: organisation.name + (f" ({country_name(organisation.country)})"
                                                             if organisation.country else ""),
             advice="name it in an event's organisations, or remove the file"),
    Registry("tags", "tag", "diplomacy", Tags, file="tags.yml",
             label=lambda tag: f"{tag.label}: {tag.description}",
             advice="tag an event with it, or remove it from tags.yml"),
)
"""Every kind of declared id, in the order the data format lists them."""
LEADERS, ORGANISATIONS, TAGS = REGISTRIES
