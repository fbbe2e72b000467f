"""The shipped data: it passes `timeline check`, and keeps the editorial rules a schema cannot state.

Each rule lists every offender and says how to fix it, so one run tells a contributor everything.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalog import Catalog, load_catalog

from .conftest import VALID_TREE, run_check

REPO = Path(__file__).parent.parent

def unused_tags(catalog: Catalog) -> list[str]:
    return [tag for tag, records in catalog.timelines["tags"].items() if not records]


def unused_leaders(catalog: Catalog) -> list[str]:
    return [leader for leader, records in catalog.timelines["leaders"].items() if not records]


def repeated_related(catalog: Catalog) -> list[str]:
    return [f"events/{record.file}" for record in catalog.events
            if len(set(record.event.related)) != len(record.event.related)]


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(REPO / "events")


def test_timeline_check_passes(monkeypatch):
    monkeypatch.chdir(REPO)
    result = run_check("events")
    assert (result.exit_code, result.stdout) == (0, "")


def test_every_declared_tag_is_used(shipped):
    offenders = unused_tags(shipped)
    assert offenders == [], f"no event uses these tags of events/tags.yml; tag an event or remove them: {offenders}"


def test_every_leader_appears_in_an_event(shipped):
    offenders = unused_leaders(shipped)
    assert offenders == [], f"no event names these leaders; add them to an event or remove the file: {offenders}"


def test_no_related_event_is_listed_twice(shipped):
    offenders = repeated_related(shipped)
    assert offenders == [], "these events list a related event twice; remove the repeat:\n" + "\n".join(offenders)


def test_rules_find_offenders():
    fixture = load_catalog(VALID_TREE)
    assert unused_tags(fixture) == unused_leaders(fixture) == repeated_related(fixture) == []
