"""Hostile pull requests (issue 14): links, devices and odd names in events/ and docs/, and floods of problems.

Each test puts the attack in place as a pull request would and runs `timeline check` (or the build) on it.
Checks that could hang or read gigabytes if the defence broke run in a subprocess with a timeout, under an
audit hook that records every file the process opens.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.loader import MAX_FILE_BYTES
from generator.paths import Refused, TooLarge, leaving, read_regular
from generator.problems import Problem
from generator.report import ANNOTATIONS, MAX_SHOWN, build_report

from .conftest import VALID_EVENT, run_check, write

KEY = ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
       "QyNTUxOQAAACBGQUtFLUtFWS1GT1ItVEhFLVRFU1RTLU9OTFktTk9ULUEtU0VDUkVU\n-----END OPENSSH PRIVATE KEY-----\n")
"""A fake key: its body must never show in any output."""
SECRET_PARTS = [line for line in KEY.splitlines() if "PRIVATE KEY" not in line] + ["PRIVATE KEY"]
REFUSED = ("file: expected a regular file or folder, got {}; put the file itself here (links are never followed, "
           "devices and pipes never read)")

DRIVER = textwrap.dedent("""
    import json, os, sys
    opened = []
    sys.addaudithook(lambda event, args: opened.append(os.fsdecode(args[0]))
                     if event == "open" and isinstance(args[0], (str, bytes)) else None)
    from generator.cli import main
    try:
        main(sys.argv[1:])
    finally:
        with open(os.environ["OPENED"], "w") as out:
            json.dump(opened, out)
""")


def check_in_subprocess(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, list[str], str]:
    """`timeline check ARGS` in a fresh process: its result, every path it opened, and the step summary."""
    record, summary = tmp_path / "opened.json", tmp_path / "summary.md"
    summary.write_text("")
    env = {**os.environ, "OPENED": str(record), "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run([sys.executable, "-c", DRIVER, "check", *args], capture_output=True, text=True,
                            env=env, timeout=120)
    opened = [os.path.realpath(path) for path in json.loads(record.read_text())]
    return result, opened, summary.read_text()


def assert_never_shown(secret: str, *outputs: str) -> None:
    for part in SECRET_PARTS if secret == KEY else [secret]:
        for output in outputs:
            assert part not in output


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the events folder: a private key, and an event that would pass the check."""
    folder = tmp_path / "outside"
    write(folder, "id_ed25519", KEY)
    write(folder, "2025-11-02-smuggled.yml", VALID_EVENT.replace("2025-11-01", "2025-11-02"))
    return folder


# Links, devices, pipes -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["parsable", "github"])
def test_a_link_to_a_key_is_refused_never_opened_never_printed(events, outside, tmp_path, style):
    (events / "2025/2025-11-02-key.yml").symlink_to(outside / "id_ed25519")
    result, opened, summary = check_in_subprocess(tmp_path, "--format", style, "events")
    assert result.returncode == 1
    problem = Problem("events/2025/2025-11-02-key.yml", 1, 1, "file", REFUSED.format("a symbolic link")[6:])
    expected = (f"::error file=events/2025/2025-11-02-key.yml,line=1,col=1,title=file::{problem.message}"
                if style == "github" else str(problem))
    assert result.stdout.splitlines() == [expected]
    assert str(outside / "id_ed25519") not in opened
    assert_never_shown(KEY, result.stdout, result.stderr, summary)
    assert "Traceback" not in result.stderr


def test_a_link_to_a_valid_event_elsewhere_is_refused(events, outside):
    (events / "2025/2025-11-02-smuggled.yml").symlink_to(outside / "2025-11-02-smuggled.yml")
    result = run_check("events")
    assert result.stdout.splitlines() == [
        "events/2025/2025-11-02-smuggled.yml:1:1: " + REFUSED.format("a symbolic link"),
    ]


def test_a_linked_folder_is_one_problem_and_nothing_in_it_is_read(events, outside, tmp_path):
    (events / "2026").symlink_to(outside, target_is_directory=True)
    result, opened, _ = check_in_subprocess(tmp_path, "events")
    assert result.stdout.splitlines() == ["events/2026:1:1: " + REFUSED.format("a symbolic link")]
    assert not [path for path in opened if path.startswith(str(outside))]


def test_a_link_to_dev_zero_is_refused_without_reading_it(events, tmp_path):
    (events / "2025/2025-11-02-zero.yml").symlink_to("/dev/zero")
    result, opened, _ = check_in_subprocess(tmp_path, "events")
    assert result.stdout.splitlines() == ["events/2025/2025-11-02-zero.yml:1:1: " + REFUSED.format("a symbolic link")]
    assert "/dev/zero" not in opened


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(events, tmp_path):
    os.mkfifo(events / "2025/2025-11-02-pipe.yml")
    result, _, _ = check_in_subprocess(tmp_path, "events")  # a blocking open would time out here
    assert result.stdout.splitlines() == [
        "events/2025/2025-11-02-pipe.yml:1:1: " + REFUSED.format("a named pipe (FIFO)"),
    ]


def test_a_read_checks_the_kind_and_size_before_reading(tmp_path):
    huge = tmp_path / "huge.yml"
    with open(huge, "wb") as handle:
        handle.truncate(3_000_000_000)  # sparse: 3 GB that take no disk
    with pytest.raises(TooLarge) as large:
        read_regular(huge, MAX_FILE_BYTES)
    assert large.value.size == 3_000_000_000
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(Refused, match="named pipe"):
        read_regular(tmp_path / "pipe", MAX_FILE_BYTES)
    (tmp_path / "link").symlink_to(huge)
    with pytest.raises(Refused, match="symbolic link"):
        read_regular(tmp_path / "link", MAX_FILE_BYTES)


@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="needs Linux's /proc")
def test_a_read_stops_one_byte_past_the_cap_whatever_the_size_says():
    # /proc files are regular files that say they are empty and then give more: the cap still holds.
    assert os.stat("/proc/self/maps").st_size == 0
    assert len(read_regular("/proc/self/maps", 10)) == 11


def test_a_huge_sparse_file_is_one_problem(events):
    with open(events / "2025/2025-11-02-huge.yml", "wb") as handle:
        handle.truncate(3_000_000_000)
    assert run_check("events").stdout.splitlines() == [
        f"events/2025/2025-11-02-huge.yml:1:1: file: expected at most {MAX_FILE_BYTES} bytes, got 3000000000",
    ]


def test_a_problem_quotes_at_most_80_characters_of_a_value(events):
    write(events, "2025/2025-11-02-text.yml", KEY.replace("\n", " ") * 20)
    [line] = run_check("events").stdout.splitlines()
    assert line == ("events/2025/2025-11-02-text.yml:1:1: (document): expected a mapping of fields, got "
                    "'-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAA'"
                    "... (4159 characters)")


def test_links_in_docs_that_leave_it_are_found(tmp_path, outside):
    docs = tmp_path / "docs"
    write(docs, "index.md", "# Home\n")
    (docs / "key.md").symlink_to(outside / "id_ed25519")
    (docs / "all").symlink_to(outside, target_is_directory=True)
    (docs / "home.md").symlink_to("index.md")  # inside: fine
    (docs / ".hidden").mkdir()
    (docs / ".hidden" / "root").symlink_to("/", target_is_directory=True)
    os.mkfifo(docs / "pipe.md")
    assert leaving(docs) == [
        (".hidden/root", "a symbolic link to a path outside the folder"),
        ("all", "a symbolic link to a path outside the folder"),
        ("key.md", "a symbolic link to a path outside the folder"),
        ("pipe.md", "a named pipe (FIFO)"),
    ]


def test_the_build_fails_on_a_link_in_docs_and_never_copies_its_target(tmp_path, outside):
    project = tmp_path / "project"
    write(project, "mkdocs.yml", "site_name: Test\nplugins: [search, timeline]\n")
    write(project, "events/2025/2025-11-01-lee-hosts-xi.yml", VALID_EVENT)
    write(project, "docs/about.md", "# About\n")
    (project / "docs" / "key.txt").symlink_to(outside / "id_ed25519")
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    docs = os.path.realpath(project / "docs")
    assert (f"timeline: {docs}/key.txt: expected a file inside the docs folder, got a symbolic link to a path "
            f"outside the folder") in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("build failed: the site was left as it was")
    assert not (project / "site").exists()
    assert_never_shown(KEY, result.stdout, result.stderr)


# File names ----------------------------------------------------------------------------------------------------


STRAY = {
    "2025/2025-11-02-shouting.YML": "expected the extension .yml in lower case, got .YML "
                                    "(rename it to 2025-11-02-shouting.yml)",
    "2025/2025-11-02-long.yaml": "expected the extension .yml, got .yaml (rename it to 2025-11-02-long.yml)",
    "2025/.2025-11-02-draft.yml": "expected no hidden files here, got '.2025-11-02-draft.yml'; delete it or move "
                                  "it out of events/",
    "2025/2025-11-01-lee-xi-gyeongju-summit.yml~": "expected no backup or editor files here, got "
                                                   "'2025-11-01-lee-xi-gyeongju-summit.yml~'; delete it",
    "2025/2025-11-01-lee-xi-gyeongju-summit.yml.orig": "expected no backup or editor files here, got "
                                                       "'2025-11-01-lee-xi-gyeongju-summit.yml.orig'; delete it",
    "README.md": "expected only .yml files of events, leaders and tags here, got 'README.md'; move it out of events/",
}


def test_every_stray_file_is_reported_once(events):
    for rel in STRAY:
        write(events, rel, VALID_EVENT)
    assert run_check("events").stdout.splitlines() == sorted(
        f"events/{rel}:1:1: file: {message}" for rel, message in STRAY.items())


def test_a_line_break_in_a_file_name_stays_on_one_line_in_every_format(events, tmp_path):
    write(events, "2025/2025-11-02-a\nb.yml", VALID_EVENT)
    message = r"expected a file name of printable characters, got '2025/2025-11-02-a\nb.yml'; rename it"
    assert run_check("events").stdout.splitlines() == [rf"events/2025/2025-11-02-a\nb.yml:1:1: file: {message}"]
    result, _, summary = check_in_subprocess(tmp_path, "--format", "github", "events")
    assert result.stdout.splitlines() == [f"::error file=events/2025/2025-11-02-a%0Ab.yml,line=1,col=1,title=file::"
                                          f"{message}"]
    [row] = [line for line in summary.splitlines() if line.startswith("| `")]
    assert row == rf"| ` events/2025/2025-11-02-a\nb.yml ` | 1:1 | ` file ` | error | ` {message} ` |"


# Floods of problems --------------------------------------------------------------------------------------------


def test_ten_files_of_thousands_of_mistakes_print_a_few_lines_each(events):
    unknown = "".join(f"key{index}: x\n" for index in range(5000))
    for number in range(10):
        write(events, f"2025/2025-11-{number + 10}-flood.yml",
              VALID_EVENT.replace("2025-11-01", f"2025-11-{number + 10}") + unknown)
    result = run_check("events")
    lines = result.stdout.splitlines()
    assert len(lines) == 10 * 21
    assert lines[19:21] == [
        "events/2025/2025-11-10-flood.yml:29:1: key19: unknown field; expected one of: title, date, countries, "
        "leaders, organisations, tags, location, summary, sources, related, status, corrections",
        "events/2025/2025-11-10-flood.yml:30:1: key20: and 4980 more problems in this file, not shown (at most 3 of "
        "a kind and 20 per file are shown)",
    ]
    assert result.stderr == "50000 problems in 10 file(s)\n"


def test_past_the_total_cap_the_rest_is_counted(events):
    for number in range(MAX_SHOWN + 100):
        write(events, f"2025/2025-11-01-x{number:04d}.yml", "title: [\n")
    result = run_check("events")
    assert len(result.stdout.splitlines()) == MAX_SHOWN
    assert result.stderr == (f"{MAX_SHOWN + 100} problems in {MAX_SHOWN + 100} file(s); the last 100 in 100 file(s) "
                             f"are not shown (at most {MAX_SHOWN} lines are printed)\n")


def test_github_annotates_ten_and_the_step_summary_lists_all(events, tmp_path):
    for number in range(30):
        write(events, f"2025/2025-11-01-x{number:02d}.yml", "title: [\n")
    result, _, summary = check_in_subprocess(tmp_path, "--format", "github", "events")
    lines = result.stdout.splitlines()
    assert [line.startswith("::error ") for line in lines] == [True] * ANNOTATIONS + [False] * 20
    assert lines[ANNOTATIONS] == ("events/2025/2025-11-01-x10.yml:2:1: yaml: while parsing a flow node: did not "
                                  "find expected node content")
    rows = [line for line in summary.splitlines() if line.startswith("| `")]
    assert len(rows) == 30
    assert summary.splitlines()[0] == "### timeline check: 30 problems in 30 file(s)"
    assert summary.splitlines()[-1] == ("10 of 30 problems are annotated on the lines at fault; 20 are not (GitHub "
                                        "shows at most 10 errors and 10 warnings of a step): see the table above "
                                        "and the log.")


def test_the_step_summary_shows_contributor_text_literally():
    hostile = "got '![x](https://evil.example/t.png) <img src=x onerror=alert(1)> a|b ``c``'"
    report = build_report([Problem("events/2025/x|y.yml", 3, 5, "title", hostile)], "github")
    [row] = [line for line in report.summary.splitlines() if line.startswith("| `")]
    assert row == (r"| ` events/2025/x\|y.yml ` | 3:5 | ` title ` | error | ``` got '![x](https://evil.example/t.png) "
                   r"<img src=x onerror=alert(1)> a\|b ``c``' ``` |")


def test_warnings_are_annotated_as_warnings_and_limited_apart():
    problems = [Problem(f"events/2025/x{number:02d}.yml", 1, 1, "title", "possibly a duplicate", "warning")
                for number in range(12)]
    report = build_report(problems, "github")
    assert [line.startswith("::warning ") for line in report.lines] == [True] * ANNOTATIONS + [False] * 2
    assert report.lines[-1] == "events/2025/x11.yml:1:1: title: warning: possibly a duplicate"
    assert "| warning |" in report.summary


def test_a_linked_file_named_on_the_command_line_is_reported_once(events, outside):
    (events / "2025/2025-11-02-smuggled.yml").symlink_to(outside / "2025-11-02-smuggled.yml")
    result = run_check("events/2025/2025-11-02-smuggled.yml")
    assert result.stdout.splitlines() == [
        "events/2025/2025-11-02-smuggled.yml:1:1: " + REFUSED.format("a symbolic link"),
    ]


def test_a_long_key_is_cut_in_the_field_too(check_event):
    assert check_event(VALID_EVENT + "k" * 500 + ": x\n") == [
        "events/2025/2025-11-01-test-event.yml:10:1: " + "k" * 80 + "...: unknown field; expected one of: title, "
        "date, countries, leaders, organisations, tags, location, summary, sources, related, status, corrections",
    ]
