"""What surrounds a pull request: pre-commit hooks, the pull request template, the issue forms."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

REPO = Path(__file__).parent.parent
GITHUB = REPO / ".github"


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def hooks() -> list[dict]:
    local = [hook for repo in load(REPO / ".pre-commit-config.yaml")["repos"] for hook in repo["hooks"]]
    return load(REPO / ".pre-commit-hooks.yaml") + local


@pytest.mark.parametrize("hook", [hook for hook in hooks() if hook["entry"].startswith("timeline ")],
                         ids=lambda hook: hook["id"])
def test_each_timeline_hook_runs_a_real_command_on_the_right_files(hook):
    args = shlex.split(hook["entry"])[1:]
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0, result.output
    files = re.compile(hook["files"])
    assert files.search("events/2025/2025-11-01-lee-xi-gyeongju-summit.yml") or files.search("events/tags.yml")
    assert not files.search("docs/about.md")


def test_the_repository_checks_changed_files_and_keeps_the_editor_schemas_current():
    local = {hook["id"]: hook for repo in load(REPO / ".pre-commit-config.yaml")["repos"] for hook in repo["hooks"]}
    schema = re.compile(local["timeline-schema"]["files"])
    assert schema.search("events/tags.yml") and schema.search("events/leaders/xi-jinping.yml")
    assert not schema.search("events/2025/2025-11-01-lee-xi-gyeongju-summit.yml")
    assert local["timeline-check"].get("pass_filenames", True) is True
    assert local["timeline-check-strict"]["stages"] == ["pre-push"]


def test_other_repositories_get_installable_hooks():
    for hook in load(REPO / ".pre-commit-hooks.yaml"):
        assert hook["language"] == "python"  # pre-commit installs this package for them
        assert {"id", "name", "entry", "description"} <= set(hook)


def test_the_pull_request_template_has_the_checklist():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, flags=re.MULTILINE)
    assert len(boxes) >= 6
    assert any("timeline check --strict events" in box for box in boxes)
    assert any("the host included" in box for box in boxes)


@pytest.mark.parametrize("name", ["suggest-event.yml", "report-error.yml"])
def test_issue_forms_are_well_formed(name):
    form = load(GITHUB / "ISSUE_TEMPLATE" / name)
    assert {"name", "description", "body"} <= set(form)
    ids = [element["id"] for element in form["body"] if element["type"] != "markdown"]
    assert len(ids) == len(set(ids))
    for element in form["body"]:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert element["attributes"].get("label" if element["type"] != "markdown" else "value")
        if element["type"] == "dropdown":
            assert element["attributes"]["options"]
    assert any(element.get("validations", {}).get("required") for element in form["body"])


def test_the_issue_chooser_links_to_the_contributing_guide():
    [link] = load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")["contact_links"]
    repo_url = re.search(r"^repo_url: (\S+)$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)[1]
    assert link["url"] == f"{repo_url}/blob/main/CONTRIBUTING.md"
