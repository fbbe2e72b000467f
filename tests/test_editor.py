"""Editor support: the committed schemas are current, read YAML as editors do, and offer the registry's ids.

Editors (VS Code's YAML extension, yaml-language-server) read YAML 1.2: an unquoted `2017` is a number and
`2025-11-01` is text. The tests read files the same way and validate them with a JSON Schema validator.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath

import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.editor import editor_schema
from generator.registry import load_registry
from generator.schema import SCHEMAS

from .conftest import VALID_EVENT, VALID_TREE

REPO = Path(__file__).parent.parent


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML with the YAML 1.2 core schema's plain scalars, as editors resolve them: no dates, no `yes`."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", list("-+.0123456789")),
]:
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)


def editor_errors(schema_file: Path, text: str) -> list[str]:
    """What an editor would flag in a file: each schema error as `path: message`."""
    validator = Draft202012Validator(json.loads(schema_file.read_text(encoding="utf-8")))
    data = yaml.load(text, Loader=Yaml12Loader)
    return sorted(f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
                  for error in validator.iter_errors(data))


def stale_schemas(folder: Path, events_dir: Path) -> list[str]:
    """The committed schema files that differ from what the models and the registry give, with what to do."""
    registry = load_registry(events_dir)
    return [
        f"{folder.name}/{name}.schema.json is not what the models and the registry give: run `timeline schema` "
        f"and commit the result"
        for name in SCHEMAS
        if not (folder / f"{name}.schema.json").exists()
        or (folder / f"{name}.schema.json").read_text(encoding="utf-8") != editor_schema(name, registry)
    ]


# Staleness ----------------------------------------------------------------------------------------------------------


def test_committed_schemas_are_generated_from_the_models_and_the_registry():
    assert stale_schemas(REPO / "schema", REPO / "events") == []


def test_a_stale_schema_is_caught(tmp_path):
    folder = tmp_path / "schema"
    folder.mkdir()
    registry = load_registry(VALID_TREE)
    for name in SCHEMAS:
        (folder / f"{name}.schema.json").write_text(editor_schema(name, registry), encoding="utf-8")
    assert stale_schemas(folder, VALID_TREE) == []
    # A new tag makes the event schema stale: editors would not offer it, and would flag it as unknown.
    events = tmp_path / "events"
    events.mkdir()
    for part in VALID_TREE.iterdir():
        if part.is_file():
            (events / part.name).write_text(part.read_text(encoding="utf-8"), encoding="utf-8")
    (events / "tags.yml").write_text((VALID_TREE / "tags.yml").read_text(encoding="utf-8")
                                     + "trade: {label: Trade, description: Tariffs.}\n", encoding="utf-8")
    (folder / "tags.schema.json").unlink()
    assert stale_schemas(folder, events) == [
        "schema/event.schema.json is not what the models and the registry give: run `timeline schema` and commit "
        "the result",
        "schema/tags.schema.json is not what the models and the registry give: run `timeline schema` and commit "
        "the result",
    ]


# Completions --------------------------------------------------------------------------------------------------------


def test_registry_fields_offer_the_ids_with_their_labels():
    schema = json.loads(editor_schema("event", load_registry(VALID_TREE)))
    tags = schema["properties"]["tags"]["items"]
    assert tags["enum"] == ["diplomacy", "summit"]
    assert tags["enumDescriptions"] == ["Diplomacy: Visits, talks and statements between governments.",
                                        "Summits: Meetings of heads of state or government."]
    leaders = schema["properties"]["leaders"]["items"]
    assert leaders["enum"] == ["lee-jae-myung", "xi-jinping"]
    assert leaders["enumDescriptions"] == ["Lee Jae Myung (South Korea)", "Xi Jinping (China)"]
    countries = schema["properties"]["countries"]["items"]
    assert ("KR", "South Korea") in zip(countries["enum"], countries["enumDescriptions"], strict=True)
    assert "SUHH" in countries["enum"] and len(countries["enum"]) > 270
    # Editors say this instead of listing every valid code.
    assert countries["errorMessage"] == ("expected an ISO 3166 country code such as 'KR'; `timeline list countries` "
                                         "shows them all")
    assert "timeline list tags" in tags["errorMessage"] and "timeline list leaders" in leaders["errorMessage"]


def test_editors_say_what_a_date_should_be_as_the_check_does():
    from generator.dates import EXPECTED

    date = json.loads(editor_schema("event", load_registry(VALID_TREE)))["properties"]["date"]
    assert date["anyOf"][0]["errorMessage"] == f"expected {EXPECTED}"


def test_a_leader_file_offers_country_codes():
    country = json.loads(editor_schema("leader", load_registry(VALID_TREE)))["properties"]["country"]
    assert country["enum"][:2] == ["AD", "AE"]


# What editors flag --------------------------------------------------------------------------------------------------


def shipped_files() -> list[tuple[str, Path]]:
    events = REPO / "events"
    return ([("tags", events / "tags.yml")] + [("leader", path) for path in sorted(events.glob("leaders/*.yml"))]
            + [("event", path) for path in sorted(events.glob("[0-9][0-9][0-9][0-9]/*.yml"))])


@pytest.mark.parametrize(("name", "path"), shipped_files(), ids=lambda value: getattr(value, "name", value))
def test_no_false_error_on_any_shipped_file(name, path):
    assert editor_errors(REPO / "schema" / f"{name}.schema.json", path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("date", ["2017", "2017~", "2025-06", "2025-11-01", "2025-10-31/2025-11-01", "../2025-11-01"])
def test_dates_as_editors_read_them_are_accepted(date):
    text = VALID_EVENT.replace("date: 2025-11-01\ncountries", f"date: {date}\ncountries")
    assert editor_errors(REPO / "schema" / "event.schema.json", text) == []


def test_editors_flag_what_the_check_refuses():
    text = VALID_EVENT.replace("[KR, CN]", "[KR, Korea]").replace("    quote: Lee hosted Xi.\n", "")
    errors = editor_errors(REPO / "schema" / "event.schema.json", text + "tags: [diplomcy]\ndate: 20250301\n")
    assert [error.split(":")[0] for error in errors] == ["countries/1", "date", "sources/0", "tags/0"]


# Settings -----------------------------------------------------------------------------------------------------------


def test_vscode_maps_each_kind_of_file_to_its_schema_and_no_other():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert {Path(schema).name for schema in mapping} == {f"{name}.schema.json" for name in SCHEMAS}
    assert all((REPO / schema).is_file() for schema in mapping)
    for name, path in shipped_files():
        rel = PurePosixPath(path.relative_to(REPO).as_posix())
        matched = [Path(schema).name for schema, patterns in mapping.items()
                   if any(rel.match(pattern) for pattern in patterns)]
        assert matched == [f"{name}.schema.json"], rel


def test_vscode_recommends_the_yaml_extension():
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
