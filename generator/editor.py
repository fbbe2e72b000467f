"""The JSON Schema files editors use (schema/): the models' schema, with the registry's ids as completions.

The ids come from the events folder (tags, leaders) and pycountry (countries), so the files are written again
by `timeline schema` whenever a tag or a leader is added; a test fails while they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from .catalog import Catalog
from .registries import REGISTRIES
from .registry import KINDS, load_registry
from .schema import SCHEMAS, json_schema

COMPLETIONS = {
    "event": {"countries": "countries", **{registry.field: registry.field for registry in REGISTRIES}},
    "leader": {"country": "countries"},
    "organisation": {"country": "countries"},
}
"""For each kind of file, its fields whose values are registry ids, and the kind of id."""

UNKNOWN = {
    "countries": "expected an ISO 3166 country code such as 'KR'; `timeline list countries` shows them all",
    **{registry.field: f"expected the id of a {registry.noun} declared in events/{registry.where()}, such as "
                       f"'{registry.example}'; `timeline list {registry.field}` shows them (after adding one, run "
                       f"`timeline schema`)"
       for registry in REGISTRIES},
}
"""What editors say of an id that is not in the registry, instead of listing every valid one."""


def editor_schema(name: str, catalog: Catalog) -> str:
    """The JSON Schema of one kind of file, its registry fields offering the registry's ids with their labels."""
    schema = json.loads(json_schema(name))
    kinds = {kind.name: kind for kind in KINDS}
    for field, kind_name in COMPLETIONS.get(name, {}).items():
        entries = kinds[kind_name].entries(catalog)
        if not entries:
            continue
        prop = schema["properties"][field]
        target = prop.get("items", prop)  # a list's items, or the field itself
        # An optional field (`country` of an organisation) is one of its type or null: complete the first.
        target = next((option for option in target.get("anyOf", []) if option.get("type") != "null"), target)
        target.pop("pattern", None)  # the list of ids says it all, and one mistake is one error
        target["enum"] = [key for key, _ in entries]
        target["enumDescriptions"] = [label for _, label in entries]
        target["errorMessage"] = UNKNOWN[kind_name]
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path, events_dir: str | Path) -> list[Path]:
    """Write every kind's editor schema into folder; raise ProblemsError when the registry has problems."""
    catalog = load_registry(events_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        target = folder / f"{name}.schema.json"
        target.write_text(editor_schema(name, catalog), encoding="utf-8")
        written.append(target)
    return written
