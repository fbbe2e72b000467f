"""The shipped data: it passes `timeline check`, and keeps the editorial rules a schema cannot state.

Each rule lists every offender and says how to fix it, so one run tells a contributor everything.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.catalog import Catalog, load_catalog

from .conftest import VALID_TREE, run_check

REPO = Path(__file__).parent.parent

# Hosts that only ever appear in a made-up URL.
PLACEHOLDER_HOSTS = {"example.com", "example.org", "example.net", "localhost", "127.0.0.1"}


def events_without_a_quote(catalog: Catalog) -> list[str]:
    return [f"events/{record.file}" for record in catalog.events
            if not any(source.quote for source in record.event.sources)]


def invented_urls(catalog: Catalog) -> list[str]:
    # A URL is only ever copied from the article itself, next to the words quoted from it.
    found = []
    for record in catalog.events:
        for index, source in enumerate(record.event.sources):
            for field in ("url", "archive_url"):
                url = getattr(source, field)
                if url is None:
                    continue
                host = (urlsplit(url).hostname or "").removeprefix("www.")
                if host in PLACEHOLDER_HOSTS or host.endswith((".example", ".invalid", ".test")) or "..." in url:
                    found.append(f"events/{record.file}: sources[{index}].{field} is a placeholder: {url}")
                elif not source.quote:
                    found.append(f"events/{record.file}: sources[{index}].{field} has no quote beside it: {url}")
    return found


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


def test_every_event_has_a_source_with_a_quote(shipped):
    offenders = events_without_a_quote(shipped)
    assert offenders == [], (
        "these events have no source with a `quote:`; copy the words of the article that support the event:\n"
        + "\n".join(offenders)
    )


def test_no_source_has_an_invented_url(shipped):
    # Shipped data without any `url` is fine: leave a URL out rather than guess one.
    offenders = invented_urls(shipped)
    assert offenders == [], (
        "remove these URLs unless they were copied from the article, and quote the article beside them:\n"
        + "\n".join(offenders)
    )


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
    # The fixture tree is valid to `timeline check` but breaks two editorial rules in its 2017 event.
    fixture = load_catalog(VALID_TREE)
    assert events_without_a_quote(fixture) == ["events/2017/2017-thaad-deployed.yml"]
    assert invented_urls(fixture) == [
        "events/2017/2017-thaad-deployed.yml: sources[0].url is a placeholder: https://example.com/thaad",
    ]
    assert unused_tags(fixture) == unused_leaders(fixture) == repeated_related(fixture) == []
