"""The preview's incremental rebuild (plugin/incremental.py): after any sequence of edits, the served folder is
what MkDocs' full rebuild makes in the same session, and, while the data is valid, what a clean `mkdocs serve`
would show; only an edit that adds or removes pages, or touches something besides the events, builds it all."""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.plugin import TimelinePlugin

from .search_reader import SearchReader
from .serving import Reference, Session, clean_build
from .sites import configure, current, differences, make_site, tree

SEED = int(os.environ.get("TIMELINE_PREVIEW_SEED", "20251101"))
"""The edits are drawn at random from this seed; set TIMELINE_PREVIEW_SEED to try others."""


@dataclass
class Project:
    root: Path
    rng: random.Random
    broken: dict[Path, str]
    """Files an edit broke, with the text that fixes them."""

    def events(self) -> list[Path]:
        return sorted(path for path in (self.root / "events").glob("[0-9]*/*.yml") if path not in self.broken)

    def pick(self) -> Path:
        return self.rng.choice(self.events())

    def edit(self, path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert re.search(old, text, flags=re.M), (path, old)
        path.write_text(re.sub(old, new, text, count=1, flags=re.M), encoding="utf-8")


Edit = Callable[[Project], None]


def change_title(project: Project) -> None:
    project.edit(project.pick(), r"^title: ", f"title: Edited {project.rng.randint(0, 999)} ")


def change_summary(project: Project) -> None:
    path = project.pick()
    project.edit(path, r"^summary: ", f"summary: Zebrafinch{project.rng.randint(100, 999)} said so. ")


def change_date(project: Project) -> None:
    # Within the file's own date prefix: approximate, or no longer approximate.
    for path in project.rng.sample(project.events(), len(project.events())):
        text = path.read_text(encoding="utf-8")
        if match := re.search(r"^date: '?([0-9]{4}(?:-[0-9]{2}){0,2})(~?)'?$", text, flags=re.M):
            project.edit(path, re.escape(match[0]), f"date: '{match[1]}{'' if match[2] else '~'}'")
            return
    raise AssertionError("no event with a plain date")


def change_country(project: Project) -> None:
    project.edit(project.pick(), r"^countries:\n- [A-Z]{2}$", f"countries:\n- {project.rng.choice(['KR', 'JP', 'FR'])}")


def add_related(project: Project) -> None:
    path, other = project.rng.sample(project.events(), 2)
    text = path.read_text(encoding="utf-8")
    if "related:" in text:
        project.edit(path, r"^related:\n", f"related:\n- {other.stem}\n")
    else:
        project.edit(path, r"^sources:", f"related:\n- {other.stem}\nsources:")


def rename_leader(project: Project) -> None:
    leader = project.rng.choice(sorted((project.root / "events" / "leaders").glob("*.yml")))
    project.edit(leader, r"^name: .*$", f"name: Leader Renamed {project.rng.randint(0, 999)}")


def change_tag_label(project: Project) -> None:
    project.edit(project.root / "events" / "tags.yml", r"label: Topic (\d+)$", r"label: Subject \1")


def break_a_file(project: Project) -> None:
    path = project.pick()
    project.broken[path] = path.read_text(encoding="utf-8")
    project.edit(path, r"^countries:\n- [A-Z]{2}$", "countries:\n- Korea")


def fix_the_file(project: Project) -> None:
    for path, text in project.broken.items():
        path.write_text(text, encoding="utf-8")
    project.broken.clear()


def add_an_event(project: Project) -> None:
    source = project.pick()
    source.with_name(source.stem.replace("-event-", "-added-") + ".yml").write_text(source.read_text("utf-8"), "utf-8")


def remove_an_event(project: Project) -> None:
    project.pick().unlink()


INCREMENTAL: list[Edit] = [change_title, change_summary, change_date, add_related, rename_leader, change_tag_label,
                           break_a_file, fix_the_file]
"""Edits that never add or remove a page: the preview renders again only what they change."""
EITHER: list[Edit] = [change_country]
"""An edit that may give a timeline another page, or none."""
FULL: list[Edit] = [add_an_event, remove_an_event]
"""Edits that add or remove pages: MkDocs builds the whole site again."""


def edits(rng: random.Random) -> list[Edit]:
    """A random sequence of every kind of edit, some twice, with each broken file fixed later on."""
    chosen = [*INCREMENTAL, *EITHER, *FULL, *rng.sample([change_title, change_summary, change_country, add_related], 3)]
    chosen.remove(fix_the_file)
    rng.shuffle(chosen)
    broken = chosen.index(break_a_file)
    chosen.insert(rng.randint(broken + 2, len(chosen)), fix_the_file)
    return chosen


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = make_site("generated", tmp_path / "project", events=40)
    monkeypatch.chdir(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("TIMELINE_VERIFY_FRAMES", "1")
    return config


def test_after_random_edits_the_preview_is_what_a_full_build_makes(project, tmp_path):
    state = Project(project.parent, random.Random(SEED), {})
    reference_config = configure(project, "reference.yml", incremental=False)
    cleans = 0
    with (Session(project, tmp_path / "served") as session,
          Reference(reference_config, tmp_path / "reference") as reference):
        for step, edit in enumerate(edits(state.rng)):
            full_builds = session.full_builds
            edit(state)
            session.rebuild()
            reference.rebuild()
            served, label = current(tree(tmp_path / "served")), f"step {step}, {edit.__name__} (seed {SEED})"
            assert differences(tree(tmp_path / "reference"), served) == [], label
            if edit in INCREMENTAL:
                assert session.full_builds == full_builds, f"{label}: a full build"
            elif edit in FULL:
                assert session.full_builds == full_builds + 1, label
            if b'class="tl-problems"' not in served["index.html"]:  # valid data: what a clean start would show
                clean_build(project, tmp_path / f"clean-{step}")
                assert differences(tree(tmp_path / f"clean-{step}"), served) == [], f"{label}: against a clean build"
                cleans += 1
        assert cleans >= 3


def test_search_finds_an_edited_event_s_new_word_after_an_incremental_rebuild(project, tmp_path):
    with Session(project, tmp_path / "served") as session:
        state = Project(project.parent, random.Random(SEED), {})
        path = state.pick()
        word = path.read_text(encoding="utf-8").split("summary: ")[1].split()[0].strip("'.").lower()
        assert f"events/{path.stem}/" in SearchReader(tmp_path / "served").find(word)
        state.edit(path, r"^summary: .*$", "summary: A wandering albatross landed.")
        session.rebuild()
        assert session.full_builds == 1
        assert SearchReader(tmp_path / "served").find("albatross") == [f"events/{path.stem}/"]


@pytest.mark.parametrize("outside", ["docs/about.md", "mkdocs.yml"])
def test_an_edit_outside_the_events_builds_everything(outside, project, tmp_path):
    with Session(project, tmp_path / "served") as session:
        with (project.parent / outside).open("a", encoding="utf-8") as handle:
            handle.write("\n# One more line.\n")
        session.rebuild()
        assert session.full_builds == 2


def test_a_new_file_with_problems_gets_a_page_until_it_is_fixed(project, tmp_path):
    with Session(project, tmp_path / "served") as session:
        state = Project(project.parent, random.Random(SEED), {})
        source = state.pick()
        added = source.with_name(source.stem.replace("-event-", "-added-") + ".yml")
        added.write_text(source.read_text(encoding="utf-8").replace("countries:\n- ", "countries:\n- Korea\n- "),
                         encoding="utf-8")
        session.rebuild()  # a page added: the page saying what is wrong with the file
        page = (tmp_path / "served" / "events" / added.stem / "index.html").read_text(encoding="utf-8")
        assert "(not shown: it has problems)" in page and "got &#39;Korea&#39;" in page
        added.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        session.rebuild()  # the event's own page in its place, and on the listings: a full build
        assert session.full_builds == 3
        clean_build(project, tmp_path / "clean")
        assert differences(tree(tmp_path / "clean"), current(tree(tmp_path / "served"))) == []


def test_a_docs_file_saved_during_a_full_build_is_built_again(project, tmp_path, monkeypatch):
    about = project.parent / "docs" / "about.md"
    on_post_page = TimelinePlugin.on_post_page
    saved = []

    def save_after_it_was_read(self, output, *, page, config):
        if page.file.src_uri == "about.md" and not saved:  # MkDocs has read and rendered it: now it changes
            about.write_text(about.read_text(encoding="utf-8") + "\nSaved while the site was building.\n", "utf-8")
            saved.append(page.file.src_uri)
        return on_post_page(self, output, page=page, config=config)

    monkeypatch.setattr(TimelinePlugin, "on_post_page", save_after_it_was_read)
    with Session(project, tmp_path / "served") as session:
        assert saved and "Saved while" not in (tmp_path / "served" / "about" / "index.html").read_text("utf-8")
        session.rebuild()  # what the watcher asks for after the save
        assert session.full_builds == 2
        assert "Saved while the site was building." in (tmp_path / "served" / "about" / "index.html").read_text("utf-8")


def test_an_editor_s_lock_link_in_the_docs_does_not_stop_the_incremental_rebuild(project, tmp_path):
    # Emacs marks a file being edited with a link that points nowhere: docs/.#about.md -> user@host.1234:1700000000
    (project.parent / "docs" / ".#about.md").symlink_to("user@host.1234:1700000000")
    with Session(project, tmp_path / "served") as session:
        state = Project(project.parent, random.Random(SEED), {})
        state.edit(state.pick(), r"^summary: ", "summary: Edited beside a lock link. ")
        session.rebuild()
        assert session.full_builds == 1
