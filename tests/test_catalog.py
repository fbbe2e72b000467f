"""Cross-file checks over an events folder, and the indexes the pages are made from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.catalog import load_catalog, suggest_slug
from generator.problems import Problem, ProblemsError
from generator.store import Cache

from .conftest import VALID_EVENT, VALID_TREE, write

EVENT = VALID_EVENT.replace("\ndate: 2025-11-01\n", "\ndate: {date}\n", 1)
SUMMIT = "2025/2025-11-01-lee-xi-gyeongju-summit.yml"


def problems(events_dir: str | Path = "events", **options) -> list[str]:
    with pytest.raises(ProblemsError) as raised:
        load_catalog(events_dir, **options)
    return [str(problem) for problem in raised.value.problems]


def edit(events: Path, rel: str, old: str, new: str) -> None:
    path = events / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# The valid tree ------------------------------------------------------------------------------------------------


def test_valid_tree_gives_a_catalog_in_date_order():
    catalog = load_catalog(VALID_TREE)
    assert [record.id for record in catalog.events] == [
        "2017-thaad-deployed", "2025-10-apec-in-gyeongju", "2025-11-01-lee-xi-gyeongju-summit",
    ]
    assert [record.file for record in catalog.events] == [
        "2017/2017-thaad-deployed.yml", "2025/2025-10-apec-in-gyeongju.yml", SUMMIT,
    ]
    assert list(catalog.leaders) == ["lee-jae-myung", "xi-jinping"]
    assert list(catalog.tags) == ["diplomacy", "summit"]


def test_indexes():
    catalog = load_catalog(VALID_TREE)
    ids = lambda records: [record.id for record in records]  # noqa: E731
    assert {code: ids(records) for code, records in catalog.timelines["countries"].items()} == {
        "CN": ["2025-11-01-lee-xi-gyeongju-summit"],
        "KR": ["2017-thaad-deployed", "2025-10-apec-in-gyeongju", "2025-11-01-lee-xi-gyeongju-summit"],
        "US": ["2017-thaad-deployed"],
    }
    assert {year: ids(records) for year, records in catalog.timelines["years"].items()} == {
        2017: ["2017-thaad-deployed"],
        2025: ["2025-10-apec-in-gyeongju", "2025-11-01-lee-xi-gyeongju-summit"],
    }
    assert {tag: ids(records) for tag, records in catalog.timelines["tags"].items()} == {
        "diplomacy": ["2025-11-01-lee-xi-gyeongju-summit"],
        "summit": ["2025-10-apec-in-gyeongju", "2025-11-01-lee-xi-gyeongju-summit"],
    }
    assert {leader: ids(records) for leader, records in catalog.timelines["leaders"].items()} == {
        "lee-jae-myung": ["2025-11-01-lee-xi-gyeongju-summit"],
        "xi-jinping": ["2025-11-01-lee-xi-gyeongju-summit"],
    }
    assert {record.id: record for record in catalog.events}["2017-thaad-deployed"].event.date.display() == "2017"


def test_same_catalog_whatever_the_file_order(events):
    first = load_catalog(events)
    for path in sorted(events.rglob("*.yml"), reverse=True):
        path.write_bytes(path.read_bytes())  # new modification times, same content
    assert [record.id for record in load_catalog(events).events] == [record.id for record in first.events]


def test_hidden_files_and_other_extensions_are_reported_never_read(events):
    write(events, ".drafts/2025-11-02-draft.yml", "not: an event\n")
    write(events, ".drafts/2025-11-03-draft.yml", "not: an event\n")
    write(events, "2025/.2025-11-02-draft.yml", "not: an event\n")
    write(events, "2025/notes.txt", "notes")
    assert problems(events) == [
        "events/.drafts:1:1: file: expected no hidden folders here, got '.drafts'; move it out of events/ "
        "(nothing in it is read)",
        "events/2025/.2025-11-02-draft.yml:1:1: file: expected no hidden files here, got '.2025-11-02-draft.yml'; "
        "delete it or move it out of events/",
        "events/2025/notes.txt:1:1: file: expected only .yml files of events, leaders and tags here, got "
        "'notes.txt'; move it out of events/",
    ]


def test_no_such_folder():
    assert problems("no-such-folder") == ["no-such-folder:1:1: events: expected a folder of events, got no such folder"]


def test_cache_validates_an_unchanged_file_once(events, monkeypatch):
    from generator import store

    cache = Cache()
    load_catalog(events, cache=cache)
    calls = []
    monkeypatch.setattr(store.FileLoader, "_validate", staticmethod(lambda *args: calls.append(args[0])))
    load_catalog(events, cache=cache)
    assert calls == []


def test_cache_validates_only_the_changed_file(events, monkeypatch):
    from generator import store

    cache = Cache()
    load_catalog(events, cache=cache)
    edit(events, SUMMIT, "title: ", "title: Changed ")
    validated = []
    original = store.FileLoader._validate
    monkeypatch.setattr(store.FileLoader, "_validate",
                        staticmethod(lambda path, *rest: validated.append(path) or original(path, *rest)))
    catalog = load_catalog(events, cache=cache)
    assert validated == [f"events/{SUMMIT}"]
    titles = {record.id: record.event.title for record in catalog.events}
    assert titles["2025-11-01-lee-xi-gyeongju-summit"].startswith("Changed ")


def test_progress_counts_every_event(events):
    seen = []
    load_catalog(events, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


# Files in the wrong place ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "date", "right"),
    [
        ("2024/2025-11-02-xi-leaves-gyeongju.yml", "2025-11-02", "2025/2025-11-02-xi-leaves-gyeongju.yml"),
        ("2025/2025-11-01-xi-leaves-gyeongju.yml", "2025-11-02~", "2025/2025-11-02-xi-leaves-gyeongju.yml"),
        ("2025/2025-11-01-xi-leaves-gyeongju.yml", "2025-11", "2025/2025-11-xi-leaves-gyeongju.yml"),
        ("2025/2025-01-02-new-year-talks.yml", "2024-12-30/2025-01-02", "2024/2024-12-30-new-year-talks.yml"),
    ],
    ids=["wrong year folder", "prefix disagrees with the date", "prefix more precise than the date",
         "interval filed under its start"],
)
def test_file_whose_path_disagrees_with_its_date(events, rel, date, right):
    write(events, rel, EVENT.format(date=date))
    assert problems() == [
        f"events/{rel}:2:7: date: expected this event (dated {date}) at events/{right}, got events/{rel}",
    ]


@pytest.mark.parametrize(
    ("rel", "right"),
    [
        ("2025/xi-leaves.yml", "2025/2025-11-02-xi-leaves.yml"),
        ("2025/2025-11-02-Xi_Leaves.yml", "2025/2025-11-02-xi-leaves.yml"),
        ("2025-11-02-xi-leaves.yml", "2025/2025-11-02-xi-leaves.yml"),
        ("2025/11/2025-11-02-xi-leaves.yml", "2025/2025-11-02-xi-leaves.yml"),
    ],
)
def test_misnamed_file_is_told_its_right_path(events, rel, right):
    write(events, rel, EVENT.format(date="2025-11-02"))
    assert problems() == [
        f"events/{rel}:2:7: date: expected this event (dated 2025-11-02) at events/{right}, got events/{rel}",
    ]


def test_right_path_names_the_folder_that_was_checked(tmp_path):
    shutil.copytree(VALID_TREE, tmp_path / "data")
    write(tmp_path / "data", "2024/2025-11-02-xi-leaves.yml", EVENT.format(date="2025-11-02"))
    root = tmp_path / "data"
    assert problems(root) == [
        f"{root}/2024/2025-11-02-xi-leaves.yml:2:7: date: expected this event (dated 2025-11-02) at "
        f"{root}/2025/2025-11-02-xi-leaves.yml, got {root}/2024/2025-11-02-xi-leaves.yml",
    ]


def test_yaml_extension(events):
    write(events, "2025/2025-11-02-xi-leaves.yaml", EVENT.format(date="2025-11-02"))
    assert problems() == [
        "events/2025/2025-11-02-xi-leaves.yaml:1:1: file: expected the extension .yml, got .yaml "
        "(rename it to 2025-11-02-xi-leaves.yml)",
    ]


def test_bad_leader_file_name(events):
    write(events, "leaders/Kim_Jong Un.yml", "name: Kim Jong Un\ncountry: KP\n")
    write(events, "leaders/문재인.yml", "name: Moon Jae-in\ncountry: KR\n")
    assert problems() == [
        "events/leaders/Kim_Jong Un.yml:1:1: file: expected a leader id such as 'xi-jinping' as the file name, "
        "got 'Kim_Jong Un' (try 'kim-jong-un.yml')",
        "events/leaders/문재인.yml:1:1: file: expected a leader id such as 'xi-jinping' as the file name, "
        "got '문재인'",
    ]


# Ids across files ------------------------------------------------------------------------------------------------


def test_duplicate_ids(events):
    write(events, "2024/2025-10-apec-in-gyeongju.yml", EVENT.format(date="2025-10"))
    assert problems() == [
        "events/2024/2025-10-apec-in-gyeongju.yml:2:7: date: expected this event (dated 2025-10) at "
        "events/2025/2025-10-apec-in-gyeongju.yml, got events/2024/2025-10-apec-in-gyeongju.yml",
        "events/2025/2025-10-apec-in-gyeongju.yml:1:1: file: expected a unique id, got '2025-10-apec-in-gyeongju' "
        "also used by events/2024/2025-10-apec-in-gyeongju.yml",
    ]


def test_unknown_leader_tag_and_related_with_did_you_mean(events):
    edit(events, SUMMIT, "leaders: [lee-jae-myung, xi-jinping]", "leaders: [lee-jae-myung, xi-jingping, trump]")
    edit(events, SUMMIT, "tags: [diplomacy, summit]", "tags: [diplomacy, sumit, trade]")
    edit(events, SUMMIT, "related: [2025-10-apec-in-gyeongju]", "related: [2025-10-apec-gyeongju, 2017-thaad]")
    assert problems() == [
        f"events/{SUMMIT}:4:26: leaders[1]: expected an id defined in events/leaders/, got 'xi-jingping' "
        f"(did you mean 'xi-jinping'?)",
        f"events/{SUMMIT}:4:39: leaders[2]: expected an id defined in events/leaders/, got 'trump'",
        f"events/{SUMMIT}:5:19: tags[1]: expected an id defined in events/tags.yml, got 'sumit' "
        f"(did you mean 'summit'?)",
        f"events/{SUMMIT}:5:26: tags[2]: expected an id defined in events/tags.yml, got 'trade' "
        f"(the tags are: diplomacy, summit)",
        f"events/{SUMMIT}:14:11: related[0]: expected an id defined in events/, got '2025-10-apec-gyeongju' "
        f"(did you mean '2025-10-apec-in-gyeongju'?)",
        f"events/{SUMMIT}:14:34: related[1]: expected an id defined in events/, got '2017-thaad'",
    ]


def test_related_to_itself(events):
    edit(events, SUMMIT, "related: [2025-10-apec-in-gyeongju]", "related:\n  - 2025-11-01-lee-xi-gyeongju-summit")
    assert problems() == [
        f"events/{SUMMIT}:15:5: related[0]: expected the id of another event, got this event's own id",
    ]


def test_broken_tags_and_leader_files_are_reported_once(events):
    # Events that use them are not blamed too: the fix is in the broken file.
    write(events, "tags.yml", "diplomacy: [\n")
    write(events, "leaders/xi-jinping.yml", "name: Xi Jinping\n")
    assert problems() == [
        "events/leaders/xi-jinping.yml:1:1: country: required field is missing",
        "events/tags.yml:2:1: yaml: while parsing a flow node: did not find expected node content",
    ]


def test_every_problem_of_every_file_sorted(events):
    write(events, "2025/2025-11-02-b.yml", "title: [\n")
    write(events, "2025/2025-11-02-a.yml", EVENT.format(date="2025-13") + "foo: 1\n")
    edit(events, SUMMIT, "tags: [diplomacy, summit]", "tags: [diplomacy, sumit]")
    assert problems() == [
        "events/2025/2025-11-01-lee-xi-gyeongju-summit.yml:5:19: tags[1]: expected an id defined in "
        "events/tags.yml, got 'sumit' (did you mean 'summit'?)",
        "events/2025/2025-11-02-a.yml:2:7: date: expected a month from 01 to 12, got '2025-13'",
        "events/2025/2025-11-02-a.yml:10:1: foo: unknown field; expected one of: title, date, countries, leaders, "
        "organisations, tags, location, summary, sources, related, status, corrections",
        "events/2025/2025-11-02-b.yml:2:1: yaml: while parsing a flow node: did not find expected node content",
    ]


# Checking some files against the whole folder -------------------------------------------------------------------


def test_only_checks_the_given_files_against_every_id(events):
    edit(events, "2017/2017-thaad-deployed.yml", "title: THAAD", "titel: THAAD")
    catalog = load_catalog(events, only=[f"events/{SUMMIT}"])
    assert [record.id for record in catalog.events] == ["2025-11-01-lee-xi-gyeongju-summit"]
    assert problems(only=["events/2017/2017-thaad-deployed.yml"])[0].startswith(
        "events/2017/2017-thaad-deployed.yml:1:1: titel: unknown field"
    )


def test_only_a_file_outside_the_folder(events, tmp_path):
    outside = write(tmp_path, "elsewhere/2025-11-02-x.yml", EVENT.format(date="2025-11-02"))
    assert problems(only=[str(outside)]) == [
        f"{outside}:1:1: file: expected an event file under events/, got {str(outside)!r}",
    ]


def test_problem_is_a_sortable_value():
    assert sorted([Problem("b", 1, 1, "x", "m"), Problem("a", 2, 1, "x", "m"), Problem("a", 1, 9, "x", "m")]) == [
        Problem("a", 1, 9, "x", "m"), Problem("a", 2, 1, "x", "m"), Problem("b", 1, 1, "x", "m"),
    ]


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Kim_Jong Un", "kim-jong-un"), ("Lê Minh", "le-minh"), ("  ", "event"), ("문재인", "event")],
)
def test_suggest_slug(text, slug):
    assert suggest_slug(text) == slug
    assert suggest_slug("문재인", fallback="") == ""


def test_a_file_name_too_long_to_be_an_id(events):
    slug = "-".join(["word"] * 20)  # 99 characters of slug after the 11 of the date prefix
    rel = f"2025/2025-11-02-{slug}.yml"
    write(events, rel, EVENT.format(date="2025-11-02"))
    assert problems() == [
        f"events/{rel}:1:1: (document): expected a file name of at most 100 characters before .yml, got 110; "
        "shorten the slug",
    ]


def test_a_leader_file_with_a_reserved_device_name(events):
    write(events, "leaders/con.yml", "name: Con\ncountry: KR\n")
    assert problems() == [
        "events/leaders/con.yml:1:1: file: expected a leader id such as 'xi-jinping' as the file name, got 'con' "
        "(a reserved device name: add a word)",
    ]


def test_a_missing_tag_vocabulary_is_one_problem(events):
    (events / "tags.yml").unlink()
    assert problems() == [
        "events/tags.yml:1:1: file: expected the file that declares the tags events name, got no such file "
        "(2 event(s) name tags, e.g. events/2025/2025-10-apec-in-gyeongju.yml)",
    ]
