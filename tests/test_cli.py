"""`timeline check` and `timeline schema`: exit status, output formats, and no traceback for any data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.editor import editor_schema
from generator.registry import load_registry
from generator.schema import SCHEMAS

from .conftest import VALID_TREE, run_check, write

SUMMIT = "events/2025/2025-11-01-lee-xi-gyeongju-summit.yml"
THAAD = "events/2017/2017-thaad-deployed.yml"


def break_files(events: Path) -> None:
    """Two problems in one event, one in another, one in a leader: four lines across three files."""
    summit = events / "2025/2025-11-01-lee-xi-gyeongju-summit.yml"
    summit.write_text(summit.read_text().replace("title: Lee", "titel: Lee").replace("[KR, CN]", "[KR, Korea]"))
    thaad = events / "2017/2017-thaad-deployed.yml"
    thaad.write_text(thaad.read_text().replace("    date: 2017\n", "    date: 2017\n    url: ftp://example.com/100%\n"))
    write(events, "leaders/xi-jinping.yml", "name: Xi Jinping\ncountry: CN\ncountry: CN\n")


def test_valid_folder_exits_0(events):
    result = run_check("events")
    assert (result.exit_code, result.stdout, result.stderr) == \
        (0, "", "3 events, 2 leaders, 0 organisations, 2 tags: no problems\n")


def test_events_dir_is_the_default_folder(events):
    assert run_check().exit_code == 0


def test_every_problem_of_every_file_in_one_run_sorted(events):
    break_files(events)
    result = run_check("events")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{THAAD}:9:10: sources[0].url: expected an http or https URL, got 'ftp://example.com/100%'",
        f"{SUMMIT}:1:1: titel: unknown field; expected one of: title, date, countries, leaders, organisations, "
        f"tags, location, summary, sources, related, status, corrections (did you mean 'title'?)",
        f"{SUMMIT}:1:1: title: required field is missing",
        f"{SUMMIT}:3:17: countries[1]: expected an ISO 3166-1 alpha-2 code such as 'KR', or an ISO 3166-3 code of "
        f"a former state such as 'SUHH', got 'Korea'",
        "events/leaders/xi-jinping.yml:3:1: country: duplicate key 'country' (first on line 2)",
    ]
    assert result.stderr == "5 problems in 3 file(s)\n"


def test_github_format(events):
    break_files(events)
    result = run_check("--format", "github", "events")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file={THAAD},line=9,col=10,title=sources[0].url::expected an http or https URL, "
        f"got 'ftp://example.com/100%25'",
        f"::error file={SUMMIT},line=1,col=1,title=titel::unknown field; expected one of: title, date, countries, "
        f"leaders, organisations, tags, location, summary, sources, related, status, corrections "
        f"(did you mean 'title'?)",
        f"::error file={SUMMIT},line=1,col=1,title=title::required field is missing",
        f"::error file={SUMMIT},line=3,col=17,title=countries[1]::expected an ISO 3166-1 alpha-2 code such as 'KR', "
        f"or an ISO 3166-3 code of a former state such as 'SUHH', got 'Korea'",
        "::error file=events/leaders/xi-jinping.yml,line=3,col=1,title=country::duplicate key 'country' "
        "(first on line 2)",
    ]


def test_github_format_escapes_properties(events):
    write(events, "2025/a,b: c.yml", "title: [\n")
    assert run_check("--format", "github", "events").stdout.splitlines() == [
        "::error file=events/2025/a%2Cb%3A c.yml,line=2,col=1,title=yaml::while parsing a flow node: "
        "did not find expected node content",
    ]


def test_single_file_is_checked_against_the_folder(events):
    break_files(events)
    (events / "leaders/xi-jinping.yml").write_text("name: Xi Jinping\ncountry: CN\n")
    result = run_check("events/2025/2025-10-apec-in-gyeongju.yml", "--events-dir", "events")
    assert (result.exit_code, result.stdout, result.stderr) == \
        (0, "", "1 events, 2 leaders, 0 organisations, 2 tags: no problems\n")
    result = run_check(THAAD, "--events-dir", "events")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{THAAD}:9:10: sources[0].url: expected an http or https URL, got 'ftp://example.com/100%'",
    ]


def test_single_file_still_checks_leaders_and_tags(events):
    write(events, "tags.yml", "diplomacy: {label: Diplomacy}\nsummit: {label: Summits, description: x}\n")
    result = run_check("events/2025/2025-10-apec-in-gyeongju.yml", "--events-dir", "events")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["events/tags.yml:1:12: diplomacy.description: required field is missing"]


def test_single_file_outside_the_folder(events, tmp_path):
    write(tmp_path, "draft/2025-11-02-x.yml", "title: x\n")
    result = run_check("draft/2025-11-02-x.yml", "--events-dir", "events")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "draft/2025-11-02-x.yml:1:1: file: expected an event file under events/, got 'draft/2025-11-02-x.yml'",
    ]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["events", "events"], "Error: give one events folder, or event files"),
        (["events", SUMMIT], "Error: give one events folder, or event files"),
        (["events/2025/nope.yml"],
         "Error: Invalid value for '[PATHS]...': Path 'events/2025/nope.yml' does not exist."),
        (["--format", "json", "events"],
         "Error: Invalid value for '--format': 'json' is not one of 'parsable', 'github'."),
    ],
)
def test_usage_error_exits_2(events, args, error):
    result = run_check(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == error


def test_unknown_option_exits_2(events):
    result = run_check("--pedantic", "events")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("Error: No such option")  # click's wording varies by version


def test_missing_folder_is_a_usage_error(events):
    result = run_check("--events-dir", "no-such-folder")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'no-such-folder' does not exist" in result.stderr  # click's wording around it varies by version


def test_no_traceback_for_broken_data(events):
    write(events, "tags.yml", b"\x00\xff\xfe garbage")
    write(events, "leaders/xi-jinping.yml", "- a list\n")
    write(events, "2025/2025-11-02-binary.yml", bytes(range(256)))
    write(events, "2025/2025-11-03-null.yml", "~\n")
    write(events, "2025/2025-11-04-text.yml", "just text\n")
    write(events, "2025/2025-11-05-nested.yml", "title: " + "[" * 5000 + "\n")
    write(events, "2025/2025-11-06-tags.yml", "title: !!python/object/new:os.system [ls]\n")
    write(events, "2025/2025-11-07-ids.yml", "title: x\nrelated: [{a: b}, [c], ~, true]\ncountries: [[KR]]\n")
    (events / "2025/2025-11-08-dangling.yml").symlink_to("nowhere.yml")
    (events / "2025/2025-11-09-folder.yml").mkdir()
    result = run_check("events")
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stdout.splitlines() == [
        "events/2025/2025-11-02-binary.yml:2:118: file: expected UTF-8 text, got byte 0x80",
        "events/2025/2025-11-03-null.yml:1:1: (document): expected a mapping of fields, got nothing",
        "events/2025/2025-11-04-text.yml:1:1: (document): expected a mapping of fields, got 'just text'",
        "events/2025/2025-11-05-nested.yml:1:1007: yaml: while increasing flow level: exceeded maximum nesting depth",
        "events/2025/2025-11-06-tags.yml:1:8: title: expected no tag or a core tag such as !!str, "
        "got !!python/object/new:os.system",
        "events/2025/2025-11-07-ids.yml:1:1: date: required field is missing",
        "events/2025/2025-11-07-ids.yml:1:1: sources: required field is missing",
        "events/2025/2025-11-07-ids.yml:1:1: summary: required field is missing",
        "events/2025/2025-11-07-ids.yml:2:11: related[0]: expected text, got a mapping",
        "events/2025/2025-11-07-ids.yml:2:19: related[1]: expected text, got a list",
        "events/2025/2025-11-07-ids.yml:2:24: related[2]: expected text, got nothing",
        "events/2025/2025-11-07-ids.yml:2:27: related[3]: expected text, got true "
        "(a boolean; quote it if you mean text)",
        "events/2025/2025-11-07-ids.yml:3:13: countries[0]: expected text, got a list",
        "events/2025/2025-11-08-dangling.yml:1:1: file: expected a regular file or folder, got a symbolic link; "
        "put the file itself here (links are never followed, devices and pipes never read)",
        "events/leaders/xi-jinping.yml:1:1: (document): expected a mapping of fields, got a list",
        "events/tags.yml:1:2: file: expected UTF-8 text, got byte 0xff",
    ]
    assert result.stderr == "16 problems in 9 file(s)\n"


def test_installed_command_prints_no_traceback(events):
    # The console script itself, as CI runs it: click's own error handling, not CliRunner's.
    write(events, "tags.yml", "diplomacy: [\n")
    script = Path(sys.executable).parent / "timeline"
    result = subprocess.run([str(script), "check", "events"], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "events/tags.yml:2:1: yaml: while parsing a flow node: did not find expected node content\n",
        "1 problem in 1 file(s)\n",
    )


def test_schema_command_writes_what_the_models_and_the_registry_give(events):
    result = CliRunner().invoke(main, ["schema", "out"])
    assert result.exit_code == 0
    registry = load_registry("events")
    for name in SCHEMAS:
        assert Path(f"out/{name}.schema.json").read_text(encoding="utf-8") == editor_schema(name, registry)


def test_schema_command_needs_a_valid_registry(events):
    write(events, "tags.yml", "diplomacy: {label: Diplomacy}\n")
    result = CliRunner().invoke(main, ["schema", "out"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "events/tags.yml:1:12: diplomacy.description: required field is missing",
        "no schema written: fix these problems first",
    ]
    assert not Path("out").exists()


def test_valid_fixture_tree_is_valid():
    result = run_check(str(VALID_TREE))
    assert (result.exit_code, result.stdout) == (0, "")
