"""`timeline list`: the ids an event may name, with their labels, from the events folder or pycountry."""

from __future__ import annotations

from click.testing import CliRunner, Result

from generator.cli import main

from .conftest import write


def run_list(*args: str) -> Result:
    return CliRunner().invoke(main, ["list", *args])


def test_list_tags(events):
    result = run_list("tags")
    assert (result.exit_code, result.stdout) == (0, (
        "diplomacy  Diplomacy: Visits, talks and statements between governments.\n"
        "summit     Summits: Meetings of heads of state or government.\n"
    ))


def test_list_leaders(events):
    result = run_list("leaders", "--events-dir", "events")
    assert (result.exit_code, result.stdout) == (0, (
        "lee-jae-myung  Lee Jae Myung (South Korea)\n"
        "xi-jinping     Xi Jinping (China)\n"
    ))


def test_list_countries_needs_no_events_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_list("countries")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "KR    South Korea" in lines and "KP    North Korea" in lines and "NO    Norway" in lines
    assert "SUHH  USSR, Union of Soviet Socialist Republics" in lines
    assert lines.index("ZW    Zimbabwe") < lines.index("SUHH  USSR, Union of Soviet Socialist Republics")


def test_the_events_are_not_read(events):
    write(events, "2025/2025-11-02-broken.yml", "title: [\n")
    assert run_list("tags").exit_code == 0


def test_a_broken_registry_is_reported(events):
    write(events, "leaders/kim-jong-un.yml", "name: Kim Jong Un\n")
    result = run_list("leaders")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "events/leaders/kim-jong-un.yml:1:1: country: required field is missing",
        "cannot list leaders: fix these problems first",
    ]


def test_an_unknown_kind_is_a_usage_error(events):
    result = run_list("presidents")
    assert result.exit_code == 2
    assert "'presidents' is not one of 'leaders', 'organisations', 'tags', 'countries'" in result.stderr
