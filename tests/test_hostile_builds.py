"""Unlucky runners (issue 14): killed builds, a full disk, concurrent builds; and the supply chain.

Builds that must be killed or raced at a precise moment run as subprocesses with a MkDocs hook that, when
asked, stops once the new site is written (before the swap) and waits for the test. Nothing waits on a clock
except generous timeouts that fail a test which would otherwise hang.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import mkdocs.utils
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from generator.atomic import BuildFailed
from generator.plugin import build_atomically

REPO = Path(__file__).parents[1]
FIXTURE_SITE = Path(__file__).parent / "fixtures" / "sample-site"
PAUSE_HOOK = '''
import os, time
from pathlib import Path

def on_post_build(config, **kwargs):
    folder = os.environ.get("TIMELINE_TEST_PAUSE")
    if folder:
        Path(folder, "ready").write_text(config.site_dir)
        deadline = time.monotonic() + 120
        while not Path(folder, "go").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
'''
"""A MkDocs hook: with TIMELINE_TEST_PAUSE set to a folder, a build says `ready` there once its site is written
and waits for `go` (at most two minutes)."""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture site with the pause hook, in a temporary working folder."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE_SITE, project)
    (project / "pause.py").write_text(PAUSE_HOOK)
    with open(project / "mkdocs.yml", "a") as config:
        config.write("\nhooks:\n  - pause.py\n")
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return project


def start_build(project: Path, pause: Path | None = None) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if pause:
        pause.mkdir(exist_ok=True)
        env["TIMELINE_TEST_PAUSE"] = str(pause)
    return subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=project, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(path: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 240
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached its pause"
        time.sleep(0.05)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def staging(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if path.name.startswith(".site.new-"))


@pytest.fixture
def built(project: Path) -> dict[str, bytes]:
    """The project with a site built, and that site's content."""
    build_atomically("mkdocs.yml")
    return snapshot(project / "site")


# Killed builds -------------------------------------------------------------------------------------------------


def test_sigterm_cleans_up_like_ctrl_c_and_leaves_the_site_whole(project, built, tmp_path):
    build = start_build(project, pause=tmp_path / "pause")
    wait_for(tmp_path / "pause" / "ready", build)
    assert len(staging(project)) == 1  # the new site, written, not yet swapped in
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 143
    assert err.splitlines()[-1] == "build failed: the site was left as it was (stopped by signal SIGTERM)"
    assert "Traceback" not in err
    assert staging(project) == []
    assert snapshot(project / "site") == built


def test_a_later_build_removes_what_a_killed_build_left(project, built, tmp_path):
    build = start_build(project, pause=tmp_path / "pause")
    wait_for(tmp_path / "pause" / "ready", build)
    build.kill()  # SIGKILL: nothing can clean up
    build.communicate(timeout=120)
    [left] = staging(project)
    (project / f"{left}.old").mkdir()  # what the two-rename swap leaves if killed between renames
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not ours")
    (project / ".site.new-link").symlink_to(elsewhere, target_is_directory=True)
    build_atomically("mkdocs.yml")
    assert staging(project) == [".site.new-link"]  # a link is never followed, nor removed
    assert (elsewhere / "keep.txt").read_text() == "not ours"
    assert snapshot(project / "site") == built


def test_concurrent_builds_take_turns_and_say_so(project, built, tmp_path):
    first = start_build(project, pause=tmp_path / "pause")
    wait_for(tmp_path / "pause" / "ready", first)
    second = start_build(project)
    waiting = ""
    while "another build" not in waiting:
        line = second.stderr.readline()
        assert line, "the second build never said it was waiting"
        waiting = line
    assert waiting == f"timeline: another build in {project.resolve()} is running; waiting for it to finish\n"
    assert staging(project) and len(staging(project)) == 1  # the second has not started building
    (tmp_path / "pause" / "go").touch()
    assert first.wait(timeout=240) == 0
    _, err = second.communicate(timeout=240)
    assert second.returncode == 0, err
    assert staging(project) == []
    assert snapshot(project / "site") == built


# A full disk ---------------------------------------------------------------------------------------------------


def test_an_os_error_halfway_is_the_one_line_failure(project, built, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "site/.site.new-x/index.html")

    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    with pytest.raises(BuildFailed, match=r"^No space left on device: site/\.site\.new-x/index\.html$"):
        build_atomically("mkdocs.yml")
    assert staging(project) == []
    assert snapshot(project / "site") == built


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 64 MB tmpfs, where this machine lets the tests mount one (root, in a container that allows it)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("a full disk needs a small tmpfs, which only root can mount: run the tests as root to include it")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not allow mounting a tmpfs: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_is_the_one_line_failure_and_the_site_stays_whole(small_disk):
    project = small_disk / "project"
    shutil.copytree(FIXTURE_SITE, project)
    first = start_build(project)
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    before = snapshot(project / "site")
    free = os.statvfs(small_disk)
    with open(small_disk / "filler", "wb") as filler:  # leave 100 KB: too little for a new site
        filler.truncate(0)
        filler.write(b"\0" * (free.f_bavail * free.f_frsize - 100_000))
    second = start_build(project)
    _, err = second.communicate(timeout=300)
    assert second.returncode == 1
    assert re.fullmatch(r"build failed: the site was left as it was \(No space left on device(: .*)?\)",
                        err.splitlines()[-1]), err
    assert "Traceback" not in err
    assert staging(project) == []
    assert snapshot(project / "site") == before


# The supply chain ----------------------------------------------------------------------------------------------


def locked() -> dict[str, tuple[str, list[str]]]:
    """requirements.lock.txt as {name: (version, hashes)}."""
    text = (REPO / "requirements.lock.txt").read_text()
    entries = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9._-]+)==(\S+)", block)
        if match:
            entries[canonicalize_name(match[1])] = (match[2], re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
    return entries


def test_the_lock_covers_every_declared_dependency_with_hashes():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = [*project["dependencies"], *(requirement for extra in project.get("optional-dependencies", {}).values()
                                           for requirement in extra)]
    lock = locked()
    missing = []
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        if name not in lock or lock[name][0] not in requirement.specifier:
            missing.append(text)
    assert missing == [], ("requirements.lock.txt does not cover these dependencies of pyproject.toml; regenerate it "
                           "with the command in the README (section Security)")
    assert all(hashes for _, hashes in lock.values())


def test_workflows_pin_actions_to_commits_and_install_only_locked_packages():
    for workflow in sorted((REPO / ".github" / "workflows").glob("*.yml")):
        text = workflow.read_text()
        for action in re.findall(r"uses:\s*(\S+)(.*)", text):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action[0]), (workflow.name, action)
            assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", action[1]), (workflow.name, action)
        installs = re.findall(r"pip install .*", text)
        assert installs == ["pip install --require-hashes -r requirements.lock.txt",
                            "pip install --no-deps --no-build-isolation -e ."], workflow.name
