"""`timeline new`: a named, placed, complete skeleton, checked as soon as it is written, never an overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator import cli
from generator.scaffold import slug_for

from .conftest import run_check, write

NEW = "events/2025/2025-11-02-xi-leaves-gyeongju.yml"
OPTIONS = ["--title", "Xi leaves Gyeongju", "--date", "2025-11-02", "--countries", "CN,KR",
           "--leaders", "xi-jinping", "--tags", "diplomacy"]
SKELETON = """\
# yaml-language-server: $schema=../../schema/event.schema.json
title: Xi leaves Gyeongju
date: 2025-11-02
countries: [CN, KR]
leaders: [xi-jinping]
tags: [diplomacy]
location:      # where it happened, as precisely as the sources say; or leave it empty
summary: |     # what happened, in a few sentences of Markdown, from the sources only

sources:
  - title:       # the article's headline, as published
    publisher:   # who published it, e.g. Reuters; leave it empty if the article names none and give its url
    date:        # when the article was published, e.g. 2025-11-01
    url:         # the article's address, copied from it; leave it empty rather than guess one
    quote: |     # the article's own words that support the event, copied exactly

related: []     # ids (file names without .yml) of events this one follows from or leads to
"""


def run_new(*args: str, terminal: bool = False, answers: str | None = None,
            monkeypatch: pytest.MonkeyPatch | None = None) -> Result:
    if monkeypatch is not None:
        monkeypatch.setattr(cli, "_on_terminal", lambda: terminal)
    return CliRunner().invoke(cli.main, ["new", *args], input=answers)


def test_writes_a_named_and_placed_skeleton_and_lists_what_is_left(events):
    result = run_new(*OPTIONS)
    assert result.exit_code == 0, result.output
    assert Path(NEW).read_text(encoding="utf-8") == SKELETON
    assert result.stderr.splitlines() == [
        f"wrote {NEW}", "still to fill in (timeline check lists these until they are done):",
    ]
    assert result.stdout.splitlines() == [
        f"{NEW}:8:10: summary: expected text, got an empty value",
        f"{NEW}:11:11: sources[0].title: expected text, got nothing",
        f"{NEW}:13:10: sources[0].date: expected text, got nothing",
        f"{NEW}:15:12: sources[0].quote: expected text, got an empty value",
    ]
    assert run_check("events").stdout == result.stdout


def test_the_filled_in_skeleton_passes_the_strict_check(events):
    run_new(*OPTIONS)
    text = Path(NEW).read_text(encoding="utf-8")
    for blank, value in [
        ("location:      # where", "location: Gyeongju, South Korea  # where"),
        ("summary: |     # what happened, in a few sentences of Markdown, from the sources only\n",
         "summary: |\n  Xi left Gyeongju after the summit.\n"),
        ("publisher:   #", "publisher: Reuters  #"),
        ("  - title:       #", "  - title: Xi leaves  #"),
        ("    date:        #", "    date: 2025-11-02  #"),
        ("quote: |     # the article's own words that support the event, copied exactly\n",
         "quote: |\n      Xi left Gyeongju.\n"),
    ]:
        assert blank in text, blank
        text = text.replace(blank, value)
    Path(NEW).write_text(text, encoding="utf-8")
    result = run_check("--strict", "events")
    assert (result.exit_code, result.stdout) == (0, "")


def test_any_optional_line_can_be_deleted_without_breaking_the_file(events):
    # An article that names no publisher: its line goes, and the url is given.
    run_new(*OPTIONS)
    lines = [line for line in Path(NEW).read_text(encoding="utf-8").splitlines(keepends=True)
             if not line.lstrip().startswith(("location:", "publisher:"))]
    text = "".join(lines)
    for blank, value in [
        ("summary: |     # what happened, in a few sentences of Markdown, from the sources only\n",
         "summary: |\n  Xi left Gyeongju after the summit.\n"),
        ("  - title:       #", "  - title: Xi leaves  #"),
        ("    date:        #", "    date: 2025-11-02  #"),
        ("    url:         #", "    url: https://www.reuters.com/world/xi-leaves/  #"),
        ("quote: |     # the article's own words that support the event, copied exactly\n",
         "quote: |\n      Xi left Gyeongju.\n"),
    ]:
        assert blank in text, blank
        text = text.replace(blank, value)
    Path(NEW).write_text(text, encoding="utf-8")
    assert run_check("--strict", "events").stdout == ""


@pytest.mark.parametrize(
    ("date", "path"),
    [
        ("2025-10~", "events/2025/2025-10-xi-leaves-gyeongju.yml"),
        ("2024-12-30/2025-01-02", "events/2024/2024-12-30-xi-leaves-gyeongju.yml"),
        ("../2025-11-01", "events/2025/2025-11-01-xi-leaves-gyeongju.yml"),
        ("2025-06/..", "events/2025/2025-06-xi-leaves-gyeongju.yml"),
        ("2017", "events/2017/2017-xi-leaves-gyeongju.yml"),
    ],
)
def test_the_file_name_comes_from_the_date_as_the_check_wants_it(events, date, path):
    result = run_new(*OPTIONS[:2], "--date", date, *OPTIONS[4:])
    assert result.stderr.splitlines()[0] == f"wrote {path}"
    assert [line for line in run_check("events").stdout.splitlines() if ": date:" in line] == []


def test_an_existing_id_is_an_error_and_never_overwritten(events):
    write(events, "2025/2025-11-01-lee-xi-gyeongju-summit.yml.bak", "")  # not an event: not in the way
    before = Path("events/2025/2025-11-01-lee-xi-gyeongju-summit.yml").read_bytes()
    result = run_new("--title", "Lee, Xi: Gyeongju summit", "--date", "2025-11-01", "--countries", "KR",
                     "--slug", "lee-xi-gyeongju-summit")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "the id '2025-11-01-lee-xi-gyeongju-summit' is taken by events/2025/2025-11-01-lee-xi-gyeongju-summit.yml: "
        "choose another --slug (nothing written)",
    ]
    assert Path("events/2025/2025-11-01-lee-xi-gyeongju-summit.yml").read_bytes() == before


def test_an_id_taken_in_another_folder_is_an_error_too(events):
    write(events, "2024/2025-11-02-xi-leaves-gyeongju.yml", "title: misplaced\n")
    result = run_new(*OPTIONS)
    assert result.exit_code == 1
    assert "is taken by events/2024/2025-11-02-xi-leaves-gyeongju.yml" in result.stderr
    assert not Path(NEW).exists()


def test_invalid_options_leave_nothing_behind(events):
    result = run_new("--title", "Xi leaves Gyeongju", "--date", "2025-11-02", "--countries", "CN,Korea",
                     "--leaders", "xi-jinpin", "--tags", "Diplomacy")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "--countries: countries[1]: expected an ISO 3166-1 alpha-2 code such as 'KR', or an ISO 3166-3 code of a "
        "former state such as 'SUHH', got 'Korea'",
        "--tags: tags[0]: expected lower-case words of a-z and 0-9 joined by '-', such as 'diplomacy', "
        "got 'Diplomacy'",
        "nothing written: fix these and run it again",
    ]
    assert not Path(NEW).exists()
    result = run_new(*OPTIONS[:-4], "--leaders", "xi-jinpin")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "--leaders: leaders[0]: expected an id defined in events/leaders/, got 'xi-jinpin' (did you mean "
        "'xi-jinping'?)")
    assert not Path(NEW).exists()


def test_a_bad_date_says_what_was_expected(events):
    result = run_new(*OPTIONS[:2], "--date", "2025-13-01", *OPTIONS[4:])
    assert result.exit_code == 1
    assert result.stderr == "--date: expected a month from 01 to 12, got '2025-13-01'\n"


def test_a_bad_slug_is_refused(events):
    result = run_new(*OPTIONS, "--slug", "Xi_Leaves")
    assert result.exit_code == 1
    assert result.stderr == ("--slug: expected lower-case words of a-z and 0-9 joined by '-', such as "
                             "'lee-xi-gyeongju-summit', got 'Xi_Leaves'\n")


def test_without_a_terminal_missing_options_are_a_usage_error(events, monkeypatch):
    result = run_new("--title", "Xi leaves", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: missing --date, --countries (or run it on a terminal to be "
                                              "asked)")


def test_on_a_terminal_missing_options_are_asked_each_answer_checked(events, monkeypatch):
    answers = "Xi leaves Gyeongju\n2025-11-31\n2025-11-02\nCN kr\nCN KR\nxi-jinpin\nxi-jinping\n\n"
    result = run_new(terminal=True, answers=answers, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "Error: expected a day from 01 to 30 for November 2025, got '2025-11-31'" in result.stdout
    assert "(did you mean 'KR', South Korea?)" in result.stdout
    assert "Error: not in the registry: xi-jinpin (see timeline list leaders)" in result.stdout
    assert Path(NEW).read_text(encoding="utf-8") == SKELETON.replace("tags: [diplomacy]", "tags: []")


@pytest.mark.parametrize(
    ("title", "written"),
    [
        ("Lee: 'the summit was a success'", "title: \"Lee: 'the summit was a success'\""),
        ('"Pipe dream", says North Korea', 'title: "\\"Pipe dream\\", says North Korea"'),
        ("2025", 'title: "2025"'),
        ("Élysée talks # 2", 'title: "Élysée talks # 2"'),
    ],
)
def test_titles_are_written_so_that_they_read_back_as_given(events, title, written):
    result = run_new("--title", title, *OPTIONS[2:], "--slug", "a-title")
    assert result.exit_code == 0
    lines = Path("events/2025/2025-11-02-a-title.yml").read_text(encoding="utf-8").splitlines()
    assert lines[1] == written
    assert not any(line.split(": ")[1] == "title" for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Xi leaves Gyeongju", "xi-leaves-gyeongju"),
        ("Lee hosts Xi for a state summit in Gyeongju, the first in 11 years", "lee-hosts-xi-state-summit-gyeongju"),
        ("習近平", "event"),
        ("Con", "con-event"),
    ],
)
def test_a_slug_is_suggested_from_the_title(title, slug):
    assert slug_for(title, "2025-11-02") == slug


def test_a_suggested_slug_fits_in_an_id():
    slug = slug_for(" ".join(["internationalisation"] * 6), "2025-11-02")
    assert len("2025-11-02-" + slug) <= 100
    assert slug == "-".join(["internationalisation"] * 4)
