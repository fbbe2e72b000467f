"""Shared fixtures: a copy of a small valid events tree, and `timeline check` run on it in-process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.pages import Settings

REPO = Path(__file__).parents[1]
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


SOURCE_DATE_EPOCH = "1700000000"
"""Builds in the tests are reproducible: dates in the sitemap come from here, not from the clock."""


def build(config: Path, site_dir: Path, *, engine: str = "mkdocs", **env: str) -> subprocess.CompletedProcess[str]:
    """Run `<engine> build --strict` (mkdocs or properdocs) on a config file into site_dir, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True, text=True, cwd=config.parent, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **env},
    )


def built(config: Path, site_dir: Path, **env: str) -> Path:
    """site_dir after a successful build; a failed build fails the test with MkDocs' own output."""
    result = build(config, site_dir, **env)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped events built with the shipped mkdocs.yml, once per test session."""
    return built(REPO / "mkdocs.yml", tmp_path_factory.mktemp("shipped") / "site")


def require(module: str, why: str) -> None:
    """Skip a test, with the reason shown, when an optional tool is missing; in CI (CI=true) fail instead."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        message = f"{module} is not installed: {why} (bash .ci/run installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
