"""plugin.build_atomically (`timeline build`): whole builds swapped in at once, and sites at the edges.

Builds run in-process on tiny corpora. A failed build, from bad data or a crash halfway through rendering,
must leave the previous site exactly as it was, with no staging folder left behind.
"""

from __future__ import annotations

import json
import shutil
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.structure.files import Files

from generator.atomic import BuildFailed
from generator.cli import main as timeline
from generator.plugin import TimelinePlugin, build_atomically

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "sample-site"
SUMMIT = "events/2025/2025-11-01-lee-xi-gyeongju-summit.yml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture site copied to a temporary folder, which is also the working folder."""
    shutil.copytree(FIXTURE_SITE, tmp_path / "project")
    monkeypatch.chdir(tmp_path / "project")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return tmp_path / "project"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if path.name.startswith(".site"))


def write_event(project: Path, rel: str, text: str) -> None:
    path = project / "events" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def event_yaml(title: str, date: str, countries: str = "[KR]", extra: str = "") -> str:
    return (f"title: {title}\ndate: {date}\ncountries: {countries}\nsummary: {title}.\n{extra}"
            f"sources:\n  - publisher: Reuters\n    title: A report\n    date: {date.split('/')[0]}\n"
            f"    quote: It happened.\n")


# Atomic builds -------------------------------------------------------------------------------------------------


def test_build_creates_the_site(project):
    site = build_atomically("mkdocs.yml")
    assert site == Path("site") or site.resolve() == (project / "site").resolve()
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / "events" / "2025-11-01-lee-xi-gyeongju-summit" / "index.html").is_file()
    assert (project / "site").stat().st_mode & 0o777 != 0o700  # not the private mode of a temporary folder
    assert leftovers(project) == []


def test_bad_data_leaves_the_old_site_whole(project):
    build_atomically("mkdocs.yml")
    before = snapshot(project / "site")
    (project / SUMMIT).write_text((project / SUMMIT).read_text().replace("date: 2025-11-01\n", "date: 2025-11-31\n"))
    with pytest.raises(BuildFailed):
        build_atomically("mkdocs.yml")
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_crash_halfway_through_rendering_leaves_the_old_site_whole(project, monkeypatch):
    build_atomically("mkdocs.yml")
    before = snapshot(project / "site")
    written = []
    real_post_page = TimelinePlugin.on_post_page

    def crash_after_five(self, output, *, page, config):
        # A plugin event fires as each page is written: crash there, as a killed or failing build would.
        if len(written) == 5:
            raise MemoryError("simulated crash while rendering")
        written.append(page.file.src_uri)
        return real_post_page(self, output, page=page, config=config)

    monkeypatch.setattr(TimelinePlugin, "on_post_page", crash_after_five)
    with pytest.raises(MemoryError):
        build_atomically("mkdocs.yml")
    assert len(written) == 5
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_new_build_replaces_the_old_one_whole(project):
    build_atomically("mkdocs.yml")
    (project / "site" / "stale.html").write_text("left over from an old build")
    write_event(project, "2025/2025-11-02-xi-leaves-gyeongju.yml", event_yaml("Xi leaves Gyeongju", "2025-11-02"))
    build_atomically("mkdocs.yml")
    assert (project / "site" / "events" / "2025-11-02-xi-leaves-gyeongju" / "index.html").is_file()
    assert not (project / "site" / "stale.html").exists()
    assert leftovers(project) == []


def test_timeline_build_command(project):
    result = CliRunner().invoke(timeline, ["build"])
    assert result.exit_code == 0, result.output
    assert (project / "site" / "index.html").is_file()
    (project / SUMMIT).write_text("title: [broken\n")
    result = CliRunner().invoke(timeline, ["build"])
    assert result.exit_code == 1
    assert "build failed: the site was left as it was" in result.output


# Sites at the edges --------------------------------------------------------------------------------------------


def text_of(project: Path, url: str) -> str:
    return (project / "site" / url / "index.html").read_text(encoding="utf-8")


def test_an_empty_events_folder_builds_a_site_that_says_so(project):
    shutil.rmtree(project / "events")
    (project / "events").mkdir()
    build_atomically("mkdocs.yml")
    assert "0 events" in text_of(project, "")
    assert "No events yet." in text_of(project, "")
    for section in ("countries", "leaders", "years", "tags"):
        assert "Nothing here yet." in text_of(project, f"{section}/")
    assert not (project / "site" / "events").exists()


def test_one_event_without_leaders_or_tags(project):
    shutil.rmtree(project / "events")
    write_event(project, "2025/2025-11-01-only-event.yml", event_yaml("The only event", "2025-11-01"))
    build_atomically("mkdocs.yml")
    assert "1 event from 2025" in text_of(project, "")
    page = text_of(project, "events/2025-11-01-only-event/")
    assert "The only event" in page and "Leaders</dt>" not in page and "Tags</dt>" not in page
    assert "1 event, 2025." in text_of(project, "years/2025/")
    assert "Nothing here yet." in text_of(project, "leaders/")


def test_a_leader_with_no_events_gets_a_page(project):
    (project / "events" / "leaders" / "nobody-yet.yml").write_text("name: Nobody Yet\ncountry: NO\n")
    build_atomically("mkdocs.yml")
    page = text_of(project, "leaders/nobody-yet/")
    assert "Nobody Yet" in page and "No events yet." in page and "0 events" in page
    assert "Norway" in page


# mkdocs serve -------------------------------------------------------------------------------------------------


def break_the_summit_date(project: Path) -> None:
    text = (project / SUMMIT).read_text()
    (project / SUMMIT).write_text(text.replace("\ndate: 2025-11-01\n", "\ndate: 2025-11-31\n", 1))


def plugin_for(command: str):
    from mkdocs.config import load_config

    config = load_config("mkdocs.yml")
    config.plugins.on_startup(command=command, dirty=False)
    config = config.plugins.on_config(config)
    return config, config.plugins["timeline"]


def titles(plugin) -> dict[str, str]:
    return {record.id: record.event.title for record in plugin.catalog.events}


def test_serve_holds_only_the_broken_file_at_its_last_valid_version(project, capsys):
    config, plugin = plugin_for("serve")
    plugin.on_pre_build(config=config)
    before = titles(plugin)
    break_the_summit_date(project)
    apec = project / "events" / "2025" / "2025-10-apec-leaders-meet-in-gyeongju.yml"
    apec.write_text(apec.read_text().replace("title: APEC leaders meet", "title: APEC leaders gather"))
    plugin.on_pre_build(config=config)
    after = titles(plugin)
    assert after["2025-11-01-lee-xi-gyeongju-summit"] == before["2025-11-01-lee-xi-gyeongju-summit"]  # held
    assert after["2025-10-apec-leaders-meet-in-gyeongju"] == "APEC leaders gather in Gyeongju"  # the edit shows
    assert [str(problem) for problem in plugin.catalog.problems] == [
        f"{SUMMIT}:2:7: date: expected a day from 01 to 30 for November 2025, got '2025-11-31'"]
    assert capsys.readouterr().err.splitlines() == [
        "timeline: 1 problem(s) in events:",
        f"{SUMMIT}:2:7: date: expected a day from 01 to 30 for November 2025, got '2025-11-31'",
        "timeline: the preview shows files with problems at their last valid version, or not at all, until they "
        "are fixed",
    ]


def test_serve_starts_with_invalid_data_and_shows_a_new_broken_event_s_problems_at_its_address(project):
    write_event(project, "2025/2025-11-02-xi-leaves.yml", "title: Xi leaves\ndate: 2025-11-02\n")
    config, plugin = plugin_for("serve")
    plugin.on_pre_build(config=config)  # no error: the preview starts
    assert "2025-11-02-xi-leaves" not in titles(plugin)
    assert plugin.catalog.left_out == {"2025-11-02-xi-leaves": "2025/2025-11-02-xi-leaves.yml"}
    files = plugin.on_files(Files([]), config=config)
    page = files.get_file_from_path("events/2025-11-02-xi-leaves/index.md")
    assert page is not None and "(not shown: it has problems)" in page.content_string
    body = "".join(json.loads(zlib.decompress(plugin.blocks["events/2025-11-02-xi-leaves/index.md"])))
    assert "its file has problems" in body
    assert "events/2025/2025-11-02-xi-leaves.yml:1:1: countries: required field is missing" in body
    output = plugin.on_post_page('<article class="md-content__inner md-typeset"><h1>x</h1>',
                                 page=page.page or _Page(page), config=config)
    assert output.startswith('<article class="md-content__inner md-typeset"><div class="tl-problems" role="alert"')
    assert "3 problems in the data." in output


def test_serve_banner_goes_away_once_the_data_is_fixed(project):
    config, plugin = plugin_for("serve")
    break_the_summit_date(project)
    plugin.on_pre_build(config=config)
    assert plugin.banner
    (project / SUMMIT).write_text((project / SUMMIT).read_text().replace("2025-11-31", "2025-11-01"))
    plugin.on_pre_build(config=config)
    assert plugin.banner == "" and plugin.catalog.problems == []


class _Page:
    """Just what on_post_page reads of a page."""

    def __init__(self, file):
        self.file = file


def test_a_build_never_falls_back_to_old_events(project):
    from mkdocs.exceptions import PluginError

    config, plugin = plugin_for("build")
    plugin.on_pre_build(config=config)
    break_the_summit_date(project)
    with pytest.raises(PluginError, match="date: expected a day from 01 to 30"):
        plugin.on_pre_build(config=config)


# mkdocs serve: search ------------------------------------------------------------------------------------------


def rebuild(site: Path) -> None:
    """One build as `mkdocs serve` makes it: the config read again (MkDocs keeps the plugins), the site cleaned."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config("mkdocs.yml", site_dir=str(site)), serve_url="http://127.0.0.1:8000/")


def test_serve_indexes_search_again_only_when_what_search_sees_changed(project, tmp_path, monkeypatch):
    from mkdocs.config import load_config

    from generator import searchindex

    from .search_reader import SearchReader

    built = []
    build_index = searchindex.build_index
    monkeypatch.setattr(searchindex, "build_index",
                        lambda docs, stop: built.append(len(docs)) or build_index(docs, stop))
    load_config("mkdocs.yml").plugins.on_startup(command="serve", dirty=False)
    site = tmp_path / "served"
    rebuild(site)
    assert len(built) == 1
    # A source's quote is on the event's page but not in what search sees: the index is kept (and written again
    # into the cleaned site).
    (project / SUMMIT).write_text((project / SUMMIT).read_text().replace("state summit and dinner.",
                                                                         "state summit and a dinner."))
    rebuild(site)
    assert len(built) == 1
    assert SearchReader(site).find("banquet") == ["events/2025-11-01-lee-xi-gyeongju-summit/"]
    (project / SUMMIT).write_text((project / SUMMIT).read_text().replace("banquet", "quokka"))
    rebuild(site)
    assert len(built) == 2
    assert SearchReader(site).find("quokka") == ["events/2025-11-01-lee-xi-gyeongju-summit/"]
    assert SearchReader(site).find("banquet") == []
