"""Measure `timeline check` and the site build on synthetic corpora, and write benchmarks/RESULTS.md.

    python benchmarks/run.py                       # N = 1,000 and 10,000, 3 runs each, naive baseline at 10,000
    python benchmarks/run.py --sizes 50000 --repeat 1 --no-naive     # the opt-in large run
    python benchmarks/run.py --sizes 200 --repeat 1 --no-naive --out -   # the smoke run the tests use

Every measurement runs in a fresh process. Times are medians of the repeated runs; peak memory is the
largest resident set of the build process (os.wait4). Nothing here asserts a duration: it reports.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import write_corpus  # noqa: E402

NAV = ["Home: index.md", "Countries: countries/index.md", "Leaders: leaders/index.md", "Years: years/index.md",
       "Tags: tags/index.md"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

CHECK_SNIPPET = """
import glob, json, sys, time, yaml
from generator.catalog import load_catalog
root = sys.argv[1]
files = sorted(glob.glob(root + "/**/*.yml", recursive=True))
start = time.perf_counter()
for name in files:
    with open(name, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
bare = time.perf_counter() - start
start = time.perf_counter()
load_catalog(root)
check = time.perf_counter() - start
print(json.dumps({"bare": bare, "check": check, "files": len(files)}))
"""


GENERATOR_SNIPPET = """
import json, sys, time
from generator.plugin import settings_from_config
events_dir, settings = settings_from_config(sys.argv[1])  # MkDocs loaded, as in a build
from generator.catalog import load_catalog
from generator.pages import render_pages
start = time.perf_counter()
catalog = load_catalog(events_dir)
loaded = time.perf_counter()
from generator.plugin import page_skeleton
pages = sum(1 for page in render_pages(catalog, settings) if page_skeleton(page))
print(json.dumps({"load": loaded - start, "render": time.perf_counter() - loaded, "pages": pages}))
"""


def run_measured(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in bytes of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    error = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{error}")
    return elapsed, usage.ru_maxrss * 1024


def write_config(folder: Path, *, plugin: bool, docs_dir: str = "docs", nav: bool = True) -> Path:
    config: dict = {"site_name": "Benchmark", "docs_dir": docs_dir, "theme": {"name": "material"}}
    if plugin:
        config["plugins"] = ["search", "timeline"]
    else:
        # The same pages as ordinary files: the same theme folder and stylesheet the plugin adds.
        config["plugins"] = ["search"]
        config["theme"]["custom_dir"] = str(Path(__import__("generator").__file__).parent / "theme")
        config["extra_css"] = ["assets/timeline.css"]
        config["validation"] = {"nav": {"omitted_files": "ignore"}}
    if nav:
        config["nav"] = [dict([entry.split(": ")]) for entry in NAV]
    path = folder / ("mkdocs.yml" if plugin else f"mkdocs-{docs_dir}.yml")
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def site_stats(site: Path, events: int) -> dict:
    pages = list(site.rglob("*.html"))
    index = site / "search" / "search_index.json"
    total = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    largest = max(pages, key=lambda path: path.stat().st_size)
    return {
        "pages": len(pages),
        "largest_page": largest.stat().st_size,
        "largest_page_path": str(largest.relative_to(site)),
        "site_bytes": total,
        "html_bytes": sum(path.stat().st_size for path in pages),
        "search_bytes": index.stat().st_size,
        "search_per_event": index.stat().st_size / max(events, 1),
    }


def write_naive(folder: Path, events_dir: Path) -> None:
    """The site a MkDocs user would write by hand: a page per country, leader and year with every event's text."""
    from generator.catalog import load_catalog
    from generator.countries import country_name

    catalog = load_catalog(events_dir)
    docs = folder / "naive-docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Naive timeline\n", encoding="utf-8")

    def page(path: str, title: str, records) -> None:
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        parts = [f"# {title}\n"]
        for record in records:
            event = record.event
            parts.append(f"## {event.title}\n\n*{event.date.display()}*, {event.location or ''}\n\n{event.summary}\n")
            for source in event.sources:
                title = f"[{source.title}]({source.url})" if source.url else source.title
                parts.append(f"- {source.publisher}: {title} ({source.date.display()})\n")
        target.write_text("\n".join(parts), encoding="utf-8")

    for code, records in catalog.timelines["countries"].items():
        page(f"countries/{code.lower()}.md", country_name(code), records)
    for leader, records in catalog.timelines["leaders"].items():
        page(f"leaders/{leader}.md", catalog.leaders[leader].name, records)
    for year, records in catalog.timelines["years"].items():
        page(f"years/{year}.md", str(year), records)
    config = {"site_name": "Naive", "docs_dir": "naive-docs", "theme": {"name": "material"}, "plugins": ["search"]}
    (folder / "mkdocs-naive.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


def measure(count: int, repeat: int, naive: bool, workdir: Path) -> dict:
    folder = workdir / f"n{count}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    events_dir = write_corpus(folder, count)
    (folder / "docs").mkdir()
    python = sys.executable
    result: dict = {"events": count}

    checks = []
    for _ in range(repeat):
        output = subprocess.run([python, "-c", CHECK_SNIPPET, str(events_dir)], env=ENV, check=True,
                                capture_output=True, text=True).stdout
        checks.append(json.loads(output))
    result["bare_parse_s"] = statistics.median(item["bare"] for item in checks)
    result["check_s"] = statistics.median(item["check"] for item in checks)
    result["check_ratio"] = statistics.median(item["check"] / item["bare"] for item in checks)

    plugin_config = write_config(folder, plugin=True)
    builds = [run_measured([python, "-m", "mkdocs", "build", "-q", "-f", str(plugin_config), "-d", "site"], folder)
              for _ in range(repeat)]
    result["build_s"] = statistics.median(seconds for seconds, _ in builds)
    result["build_peak_bytes"] = max(peak for _, peak in builds)
    result.update(site_stats(folder / "site", count))

    run_measured([python, "-m", "generator", "pages", "-f", str(plugin_config), str(folder / "pages")], folder)
    files_config = write_config(folder, plugin=False, docs_dir="pages")
    plain = [run_measured([python, "-m", "mkdocs", "build", "-q", "-f", str(files_config), "-d", "site-files"],
                          folder) for _ in range(repeat)]
    result["files_build_s"] = statistics.median(seconds for seconds, _ in plain)
    result["generator_share"] = (result["build_s"] - result["files_build_s"]) / result["build_s"]
    own = [json.loads(subprocess.run([python, "-c", GENERATOR_SNIPPET, str(plugin_config)], env=ENV, check=True,
                                     capture_output=True, text=True, cwd=folder).stdout) for _ in range(repeat)]
    result["generator_load_s"] = statistics.median(item["load"] for item in own)
    result["generator_render_s"] = statistics.median(item["render"] for item in own)
    result["generator_own_share"] = (result["generator_load_s"] + result["generator_render_s"]) / result["build_s"]

    if naive:
        write_naive(folder, events_dir)
        seconds, peak = run_measured([python, "-m", "mkdocs", "build", "-q", "-f", "mkdocs-naive.yml", "-d",
                                      "site-naive"], folder)
        result["naive_build_s"] = seconds
        result["naive_peak_bytes"] = peak
        stats = site_stats(folder / "site-naive", count)
        result.update({f"naive_{key}": value for key, value in stats.items()})
        result["speedup_vs_naive"] = seconds / result["build_s"]
    shutil.rmtree(folder)
    return result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        memory_gib = int(memory.split()[1]) / 1024 / 1024
    except (OSError, StopIteration):
        memory_gib = 0
    from importlib.metadata import version

    return (f"{cpu}, {os.cpu_count()} cores, {memory_gib:.0f} GiB RAM; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, "
            f"PyYAML {version('pyyaml')} with libyaml, pydantic {version('pydantic')}")


def mb(value: float) -> str:
    return f"{value / 1e6:.1f} MB"


def kb(value: float) -> str:
    return f"{value / 1e3:.0f} KB"


def report(results: list[dict], repeat: int, command: str) -> str:
    rows = [
        ("timeline check", lambda r: f"{r['check_s']:.2f} s"),
        ("bare CSafeLoader parse", lambda r: f"{r['bare_parse_s']:.2f} s"),
        ("check / bare parse (target <= 2x)", lambda r: f"{r['check_ratio']:.2f}x"),
        ("mkdocs build with the plugin", lambda r: f"{r['build_s']:.1f} s"),
        ("build per event", lambda r: f"{r['build_s'] / r['events'] * 1000:.2f} ms"),
        ("same pages as ordinary files", lambda r: f"{r['files_build_s']:.1f} s"),
        ("generator's share: (plugin build - files build) / plugin build (target <= 15%)",
         lambda r: f"{r['generator_share'] * 100:.0f}%"),
        ("generator's own work: load + check, render pages", lambda r: f"{r['generator_load_s']:.1f} s + "
                                                                       f"{r['generator_render_s']:.1f} s"),
        ("generator's own work / plugin build", lambda r: f"{r['generator_own_share'] * 100:.0f}%"),
        ("peak memory of the build (target < 1 GB at 50,000)", lambda r: mb(r["build_peak_bytes"])),
        ("HTML pages", lambda r: f"{r['pages']:,}"),
        ("largest HTML page (target <= 400 KB)", lambda r: f"{kb(r['largest_page'])} ({r['largest_page_path']})"),
        ("site size", lambda r: mb(r["site_bytes"])),
        ("search index", lambda r: mb(r["search_bytes"])),
        ("search index per event (target < 2 KB)", lambda r: f"{r['search_per_event']:.0f} B"),
        ("naive baseline build", lambda r: f"{r['naive_build_s']:.1f} s" if "naive_build_s" in r else "-"),
        ("naive: pages, HTML, largest page",
         lambda r: (f"{r['naive_pages']:,}, {mb(r['naive_html_bytes'])}, {kb(r['naive_largest_page'])}")
         if "naive_pages" in r else "-"),
        ("plugin build speed-up over naive (target >= 4x)",
         lambda r: f"{r['speedup_vs_naive']:.1f}x" if "speedup_vs_naive" in r else "-"),
    ]
    header = "| measure | " + " | ".join(f"N = {r['events']:,}" for r in results) + " |"
    lines = [header, "|---|" + "---|" * len(results)]
    lines += [f"| {name} | " + " | ".join(cell(r) for r in results) + " |" for name, cell in rows]
    by_count = {r["events"]: r for r in results}
    if 1000 in by_count and 10000 in by_count:
        ratio = by_count[10000]["build_s"] / by_count[1000]["build_s"]
        lines.append(f"\nBuild time 10,000 / 1,000 events: {ratio:.1f}x (target <= 11x: linear).")
    return textwrap.dedent(f"""\
        Machine: {machine()}.
        Command: `{command}`; medians of {repeat} run(s) each.

        """) + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-naive", dest="naive", action="store_false", help="skip the naive baseline")
    parser.add_argument("--naive-at", type=int, default=10000, help="build the naive baseline at this N only")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--out", default="-", help="'-' prints the table; a path writes it there")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    results = []
    for count in args.sizes:
        print(f"measuring N = {count} ...", file=sys.stderr)
        results.append(measure(count, args.repeat, args.naive and count == args.naive_at, workdir))
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    text = report(results, args.repeat, command.strip())
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.out == "-":
        print(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
