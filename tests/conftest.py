"""Shared fixtures: a copy of a small valid events tree, and `timeline check` run on it in-process."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.pages import Settings

FIXTURES = Path(__file__).parent / "fixtures"
VALID_TREE = FIXTURES / "events-valid"
FIXTURE_SITE = FIXTURES / "sample-site"
"""A small site (page_size 3) whose pages are compared with tests/golden/sample-site/."""
SETTINGS = Settings(
    page_size=3,
    latest=3,
    site_name="Fixture timeline",
    site_description="A small timeline the tests build.",
    edit_base="https://github.com/news-timeline/news-timeline/edit/main/docs/",
    events_path="../events/",
)
"""What the plugin passes for tests/fixtures/sample-site/mkdocs.yml (page_size 3, latest 3, repo_url + edit_uri)."""
EVENT_FILE = "2025/2025-11-01-test-event.yml"
"""Where `check_event` writes the event under test, relative to the events folder."""
EVENT_PATH = f"events/{EVENT_FILE}"
"""How problems name that file."""
VALID_EVENT = """\
title: Lee hosts Xi
date: 2025-11-01
countries: [KR, CN]
summary: Lee hosted Xi.
sources:
  - publisher: Reuters
    title: Lee asks Xi for help
    date: 2025-11-01
    quote: Lee hosted Xi.
"""
"""A small valid event, for tests that change one thing in it."""


def run_check(*args: str) -> Result:
    """Run `timeline check ARGS` in-process; stdout and stderr stay apart."""
    return CliRunner().invoke(main, ["check", *args])


@pytest.fixture
def events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid events tree copied to ./events of a temporary working folder, so problems read `events/...`."""
    shutil.copytree(VALID_TREE, tmp_path / "events")
    monkeypatch.chdir(tmp_path)
    return Path("events")


def write(root: Path, rel: str, content: str | bytes) -> Path:
    """Write a file under root, creating its folders; text is written as UTF-8 exactly as given."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


@pytest.fixture
def check_event(events: Path) -> Callable[..., list[str]]:
    """Add one file to the valid tree, run `timeline check events`, and return the lines it printed."""

    def check(content: str | bytes, rel: str = EVENT_FILE) -> list[str]:
        write(events, rel, content)
        result = run_check("events")
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == (1 if result.stdout else 0), result.output
        return result.stdout.splitlines()

    return check
