"""Where a build's time goes: cProfile over one `mkdocs build` of a synthetic corpus, summed by stage.

    python benchmarks/profile_build.py -n 10000

cProfile slows Python code down about 2.5 times, unevenly; read the shares, not the seconds. The build profiled
is the plugin's serial path (`frames: false, workers: 1`): cProfile sees one process only, and with workers the
pages are made in others while this one waits.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus
from run import write_config


def cumulative(stats: pstats.Stats, suffix: str, name: str) -> float:
    """The cumulative time of every function of that name in a file whose path ends with suffix."""
    return sum(entry[3] for (path, _, function), entry in stats.stats.items()
               if path.endswith(suffix) and function == name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--count", type=int, default=10000)
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    folder = Path(tempfile.mkdtemp(prefix="timeline-profile-"))
    write_corpus(folder, args.count)
    (folder / "docs").mkdir()
    config_file = write_config(folder, plugin=True, serial=True)
    os.chdir(folder)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(folder / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    profile = cProfile.Profile()
    profile.enable()
    build(config)
    profile.disable()
    stats = pstats.Stats(profile)
    total = cumulative(stats, "mkdocs/commands/build.py", "build")
    load = cumulative(stats, "generator/plugin/__init__.py", "on_pre_build")
    generate = cumulative(stats, "generator/plugin/__init__.py", "on_files")
    fill = cumulative(stats, "generator/plugin/__init__.py", "_fill_in_the_page")
    markdown = cumulative(stats, "mkdocs/structure/pages.py", "render")
    search = cumulative(stats, "material/plugins/search/plugin.py", "on_page_context")
    write = cumulative(stats, "mkdocs/utils/__init__.py", "write_file")
    pages = cumulative(stats, "mkdocs/commands/build.py", "_build_page")
    theme = pages - search - fill - write
    rows = [
        ("timeline: load and check the events (on_pre_build)", load),
        ("timeline: render the pages (on_files)", generate),
        ("timeline: fill in each page's HTML as it is written", fill),
        ("MkDocs: Markdown of each page (Page.render)", markdown),
        ("Material search: index each page", search),
        ("Material theme: render each page's template, and the plugin hooks around it", theme),
        ("MkDocs: write the files", write),
    ]
    rows.append(("everything else (navigation, files, sitemap, assets, anchors, garbage collection)",
                 total - sum(seconds for _, seconds in rows)))
    print(f"N = {args.count:,}: {total:.1f} s under cProfile")
    for label, seconds in rows:
        print(f"| {label} | {seconds / total * 100:.0f}% |")


if __name__ == "__main__":
    main()
