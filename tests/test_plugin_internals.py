"""The MkDocs edge: only the plugin package imports MkDocs or Material, and the internals it relies on are still
there and still behave as relied on.

When one of the internals tests fails after an upgrade, read the new MkDocs or Material code before changing
the expectation: the frames, the workers or the incremental rebuild may have to change with it.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import meta
from mkdocs.utils import templates as mkdocs_templates

from generator.plugin import incremental
from generator.plugin.frames import STANDARD_CONTEXT, conversion

from .conftest import FIXTURE_SITE

GENERATOR = Path(__file__).parents[1] / "generator"
EDGE = GENERATOR / "plugin"


def imported(path: Path) -> set[str]:
    """The top-level packages a module imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_plugin_package_imports_mkdocs_or_material():
    offenders = sorted(str(path.relative_to(GENERATOR.parent)) for path in GENERATOR.rglob("*.py")
                       if EDGE not in path.parents and imported(path) & {"mkdocs", "material"})
    assert offenders == [], "only generator/plugin/ may import mkdocs or material"


def test_the_scan_sees_the_plugin_s_own_imports():
    assert "mkdocs" in imported(EDGE / "__init__.py")


# The internals. Each test names what the plugin relies on; the versions tested are the pins in pyproject.toml.

def source(function: object) -> str:
    return inspect.getsource(function)  # type: ignore[arg-type]


def in_order(text: str, *parts: str) -> bool:
    places = [text.find(part) for part in parts]
    return -1 not in places and places == sorted(places)


def test_mkdocs_builds_the_page_a_plugin_put_on_a_file():
    # frames.GeneratedPage is created in on_files; MkDocs makes a Page only for a file without one.
    assert "if file.page is None and file.inclusion.is_not_in_nav():" in source(mkdocs_build.build), \
        "mkdocs.commands.build.build no longer keeps a Page a plugin set on file.page (frames.GeneratedPage)"


def test_a_build_fires_the_events_in_the_order_the_plugin_relies_on():
    # Data checked before the site is cleaned; pages made in on_files, before the navigation; frames made from
    # the environment of on_env, before any page is rendered; the preview's last build recorded at the end.
    assert in_order(source(mkdocs_build.build), "on_pre_build(", "clean_directory(", "on_files(",
                    "get_navigation(", "on_nav(", "_populate_page(", "on_env(", "copy_static_files(",
                    "_build_page(", "validate_anchor_links(", "on_post_build("), \
        "mkdocs.commands.build.build fires its events in another order than the timeline plugin relies on"


def test_build_page_takes_the_template_from_the_page_s_meta_then_fires_page_context_then_renders():
    text = source(mkdocs_build._build_page)
    assert in_order(text, "get_context(", "env.get_template(page.meta.get('template', 'main.html'))",
                    "on_page_context(", "template.render(context)", "on_post_page(", "write_file("), \
        "mkdocs.commands.build._build_page changed the order frames rely on: template from page.meta, " \
        "on_page_context, render, on_post_page, write"


def test_populate_page_and_build_page_take_what_the_preview_passes():
    assert list(inspect.signature(mkdocs_build._populate_page).parameters) == ["page", "config", "files", "dirty"], \
        "mkdocs.commands.build._populate_page changed its signature (incremental._rebuild_page calls it)"
    assert list(inspect.signature(mkdocs_build._build_page).parameters) == [
        "page", "config", "doc_files", "nav", "env", "dirty", "excluded"], \
        "mkdocs.commands.build._build_page changed its signature (incremental._rebuild_page calls it)"
    assert in_order(source(mkdocs_build._populate_page), "on_pre_page(", "page.read_source(config)",
                    "on_page_markdown(", "page.render(config, files)", "on_page_content("), \
        "mkdocs.commands.build._populate_page changed its steps"


def test_page_render_sets_only_what_a_shared_conversion_copies(tmp_path):
    config = load_config(str(FIXTURE_SITE / "mkdocs.yml"), site_dir=str(tmp_path))
    page = Page(None, File("x/index.md", str(tmp_path), str(tmp_path), True), config)
    page.markdown, page.meta = "## A {#a}\n\n<!--timeline-block-0-->\n", {}
    before = dict(vars(page))
    page.render(config, Files([]))
    changed = {name for name, value in vars(page).items() if name not in before or before[name] is not value}
    copied = {"content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors"}
    assert changed <= copied, f"Page.render now also sets {sorted(changed - copied)}, which frames.conversion " \
                              f"does not copy to the pages that share a conversion"
    assert conversion(page)[0].startswith('<h2 id="a">') and [item.id for item in page.toc] == ["a"]


def test_the_page_context_has_mkdocs_own_keys_only(tmp_path):
    config = load_config(str(FIXTURE_SITE / "mkdocs.yml"), site_dir=str(tmp_path))
    page = Page(None, File("x/index.md", str(tmp_path), str(tmp_path), True), config)
    assert set(mkdocs_build.get_context(None, Files([]), config, page)) == STANDARD_CONTEXT, \
        "mkdocs.commands.build.get_context gives other keys: update frames.STANDARD_CONTEXT (frames render a page " \
        "the ordinary way when its context has keys besides these)"


def test_the_url_filter_is_the_relative_url_of_the_frames_key():
    assert "normalize_url(str(value), page=context['page'], base=context['base_url'])" in source(
        mkdocs_templates.url_filter), "MkDocs' url filter changed: frames key layouts on get_relative_url"


def test_a_page_is_dated_by_the_build_date():
    # The sitemap dates pages by the day of the build: the preview builds it all on a new day.
    assert "self.update_date: str = get_build_date()" in source(Page.__init__), \
        "Page.update_date no longer comes from get_build_date (incremental.LastBuild.date)"


def test_front_matter_is_read_by_meta_get_data():
    assert meta.get_data('---\n{"title": "A &amp; B"}\n---\n\nbody\n') == ("body\n", {"title": "A &amp; B"}), \
        "mkdocs.utils.meta.get_data reads front matter differently (the workers split skeletons with it)"


def test_the_live_reload_server_calls_its_builder_attribute():
    assert "self.builder()" in source(LiveReloadServer._build_loop), \
        "mkdocs.livereload.LiveReloadServer._build_loop no longer calls self.builder() (incremental.take_over)"


def test_plugins_with_on_startup_keep_their_instance_between_loads(tmp_path):
    first = load_config(str(FIXTURE_SITE / "mkdocs.yml"), site_dir=str(tmp_path)).plugins["timeline"]
    again = load_config(str(FIXTURE_SITE / "mkdocs.yml"), site_dir=str(tmp_path)).plugins["timeline"]
    assert first is again, "MkDocs no longer keeps a plugin instance that has on_startup (the preview keeps " \
                           "its state on it between rebuilds)"


def test_a_generated_file_is_rewritten_from_its_new_content(tmp_path):
    file = File("feed.xml", src_dir=None, dest_dir=str(tmp_path), use_directory_urls=True)
    file.content_bytes = b"new"
    file.copy_file()
    assert (tmp_path / "feed.xml").read_bytes() == b"new", "File.content_bytes or File.copy_file changed"
    assert callable(InclusionLevel.is_in_serve), "InclusionLevel.is_in_serve is gone (the preview's doc_files)"
    assert "log_level" in inspect.signature(Page.validate_anchor_links).parameters


def test_material_search_keeps_entries_in_page_order_and_writes_them_after_the_build():
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    index = SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={})
    assert index.entries == [], "Material's SearchIndex.entries is no longer a list"
    assert '"location": url' in source(SearchIndex.create_entry_for_section), \
        "Material's search entries no longer give the page's URL as their location (incremental._rebuild_page)"
    assert "self.search_index.add_entry_from_context(page)" in source(SearchPlugin.on_page_context)
    assert "self.search_index.generate_search_index(" in source(SearchPlugin.on_post_build), \
        "Material's search no longer writes its index from SearchPlugin.search_index in on_post_build"


def test_material_opens_the_content_where_the_preview_puts_its_banner():
    import material

    base = Path(material.__file__).parent / "templates" / "base.html"
    assert incremental.CONTENT in base.read_text(encoding="utf-8"), \
        "Material's base.html no longer opens the content with incremental.CONTENT"
