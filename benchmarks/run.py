"""Measure `timeline check`, the site build and the edit-preview loop on synthetic corpora, and print the table
for benchmarks/RESULTS.md.

    python benchmarks/run.py              # N = 1,000 and 10,000, 3 runs each, naive baseline and preview at 10,000
    python benchmarks/run.py --sizes 50000 --repeat 1 --no-naive --no-preview    # the opt-in large run
    python benchmarks/run.py --sizes 200 --repeat 1 --no-naive --out -   # the smoke run the tests use

Every measurement runs in a fresh process, and every build writes into a folder that does not exist yet (the
folders are deleted outside the timed part). Times are medians of the repeated runs; CPU is user + system time
of the build and its workers; peak memory is the largest resident set of the build process (os.wait4). The
preview is a real `mkdocs serve`: the time from saving an edited event to the server answering with the changed
page. The load average of the machine is reported with the figures. Nothing here asserts a duration: it reports.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
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
from generator.jobs import site_pages
start = time.perf_counter()
catalog = load_catalog(events_dir)
loaded = time.perf_counter()
from generator.plugin import page_skeleton
pages = sum(1 for page in site_pages(catalog, settings) if page_skeleton(page))
print(json.dumps({"load": loaded - start, "render": time.perf_counter() - loaded, "pages": pages}))
"""


@dataclass
class Run:
    """One measured command: wall time and CPU time in seconds, peak resident memory in bytes."""

    seconds: float
    cpu: float
    peak: int


def run_measured(command: list[str], cwd: Path) -> Run:
    """Run one command and measure it; its standard error is kept only to say why it failed."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode()}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def build_measured(config: Path, folder: Path, name: str) -> Run:
    """`mkdocs build` into a folder that does not exist yet (so MkDocs has nothing to clean)."""
    site = folder / name
    assert not site.exists(), site
    return run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], folder)


def builds(config: Path, folder: Path, name: str, repeat: int) -> list[Run]:
    """`repeat` builds, each into a fresh folder; the first is kept as `name`, the others deleted after timing."""
    runs = [build_measured(config, folder, name if number == 0 else f"{name}-{number}") for number in range(repeat)]
    for number in range(1, repeat):
        shutil.rmtree(folder / f"{name}-{number}")
    return runs


def write_config(folder: Path, *, plugin: bool, docs_dir: str = "docs", nav: bool = True,
                 serial: bool = False) -> Path:
    config: dict = {"site_name": "Benchmark", "docs_dir": docs_dir, "theme": {"name": "material"}}
    if serial:  # the plugin without frames or workers: MkDocs renders every page, one process makes them
        config["plugins"] = ["search", {"timeline": {"frames": False, "workers": 1}}]
    elif plugin:
        config["plugins"] = ["search", "timeline"]
    else:
        # The same pages as ordinary files: the same theme folder and stylesheet the plugin adds.
        config["plugins"] = ["search"]
        config["theme"]["custom_dir"] = str(Path(__import__("generator").__file__).parent / "theme")
        config["extra_css"] = ["assets/timeline.css"]
        config["validation"] = {"nav": {"omitted_files": "ignore"}}
    if nav:
        config["nav"] = [dict([entry.split(": ")]) for entry in NAV]
    path = folder / ("mkdocs-serial.yml" if serial else "mkdocs.yml" if plugin else f"mkdocs-{docs_dir}.yml")
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def site_stats(site: Path, events: int) -> dict:
    pages = list(site.rglob("*.html"))
    # Search: Material's search_index.json (a stub holding the worker's settings when the sharded index is on)
    # and every file of the sharded index; a reader fetches only a few of them (benchmarks/search.py).
    shards = (path for path in (site / "search-index").rglob("*") if path.is_file())
    index = [site / "search" / "search_index.json", *shards]
    search_bytes = sum(path.stat().st_size for path in index)
    total = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    largest = max(pages, key=lambda path: path.stat().st_size)
    return {
        "pages": len(pages),
        "largest_page": largest.stat().st_size,
        "largest_page_path": str(largest.relative_to(site)),
        "site_bytes": total,
        "html_bytes": sum(path.stat().st_size for path in pages),
        "search_bytes": search_bytes,
        "search_per_event": search_bytes / max(events, 1),
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


def measure(count: int, repeat: int, naive: bool, preview: bool, workdir: Path) -> dict:
    folder = workdir / f"n{count}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    events_dir = write_corpus(folder, count)
    (folder / "docs").mkdir()
    python = sys.executable
    result: dict = {"events": count, "load_before": os.getloadavg()[0]}

    checks = []
    for _ in range(repeat):
        output = subprocess.run([python, "-c", CHECK_SNIPPET, str(events_dir)], env=ENV, check=True,
                                capture_output=True, text=True).stdout
        checks.append(json.loads(output))
    result["bare_parse_s"] = statistics.median(item["bare"] for item in checks)
    result["check_s"] = statistics.median(item["check"] for item in checks)
    result["check_ratio"] = statistics.median(item["check"] / item["bare"] for item in checks)

    plugin_config = write_config(folder, plugin=True)
    result.update(summary("build", builds(plugin_config, folder, "site", repeat)))
    result.update(site_stats(folder / "site", count))

    run_measured([python, "-m", "generator", "pages", "-f", str(plugin_config), str(folder / "pages")], folder)
    files_config = write_config(folder, plugin=False, docs_dir="pages")
    result.update(summary("files_build", builds(files_config, folder, "site-files", repeat)))
    result["generator_share"] = (result["build_s"] - result["files_build_s"]) / result["build_s"]
    own = [json.loads(subprocess.run([python, "-c", GENERATOR_SNIPPET, str(plugin_config)], env=ENV, check=True,
                                     capture_output=True, text=True, cwd=folder).stdout) for _ in range(repeat)]
    result["generator_load_s"] = statistics.median(item["load"] for item in own)
    result["generator_render_s"] = statistics.median(item["render"] for item in own)
    result["generator_own_share"] = (result["generator_load_s"] + result["generator_render_s"]) / result["build_s"]

    if naive:
        write_naive(folder, events_dir)
        # The naive baseline between the plugin's builds, so that the ratios compare builds of one sitting.
        result.update(summary("naive_build", [build_measured(folder / "mkdocs-naive.yml", folder, "site-naive")]))
        stats = site_stats(folder / "site-naive", count)
        result.update({f"naive_{key}": value for key, value in stats.items()})
        serial_config = write_config(folder, plugin=True, serial=True)
        result.update(summary("serial_build", builds(serial_config, folder, "site-serial", repeat)))
        result["speedup_vs_naive"] = result["naive_build_s"] / result["build_s"]
        result["serial_speedup_vs_naive"] = result["naive_build_s"] / result["serial_build_s"]
    if preview:
        result.update(measure_preview(folder, plugin_config, events_dir))
    result["load_after"] = os.getloadavg()[0]
    shutil.rmtree(folder)
    return result


def summary(name: str, runs: list[Run]) -> dict:
    """The median wall and CPU time of some runs, and their largest peak memory."""
    return {f"{name}_s": statistics.median(run.seconds for run in runs),
            f"{name}_cpu_s": statistics.median(run.cpu for run in runs),
            f"{name}_peak_bytes": max(run.peak for run in runs)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> bytes | None:
    """The body at url, or None while the server is not answering yet."""
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.read()
    except (urllib.error.URLError, ConnectionError):
        return None


def wait_for(url: str, marker: bytes | None, deadline: float) -> float:
    """Poll url until it answers (with `marker` in the body, when given); the time it took, from now."""
    start = time.perf_counter()
    while time.perf_counter() < deadline:
        body = fetch(url)
        if body is not None and (marker is None or marker in body):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"mkdocs serve did not serve {marker!r} at {url} in time")


def measure_preview(folder: Path, config: Path, events_dir: Path, edits: int = 3) -> dict:
    """`mkdocs serve` on the corpus: its first build, then the time from saving an edited event to the server
    answering with the changed page (median of `edits`), and from saving a new event to its page (a full build)."""
    port = free_port()
    root = f"http://127.0.0.1:{port}/"
    files = sorted(events_dir.glob("[0-9]*/*.yml"))
    with (folder / "serve.log").open("wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a",
                                   f"127.0.0.1:{port}"], cwd=folder, env=ENV, stdout=log, stderr=log)
        try:
            first = wait_for(root, None, time.perf_counter() + 1800)
            times = []
            for number in range(edits):
                time.sleep(2)  # the watcher settles between edits
                path = files[(number + 1) * len(files) // (edits + 1)]
                text = path.read_text(encoding="utf-8")
                marker = f"Previewedit{number}"
                path.write_text(text.replace("title: ", f"title: {marker} ", 1), encoding="utf-8")
                times.append(wait_for(f"{root}events/{path.stem}/", marker.encode(), time.perf_counter() + 600))
            time.sleep(2)
            added = files[0].with_name(files[0].stem.replace("-event-", "-added-") + ".yml")
            shutil.copy(files[0], added)
            full = wait_for(f"{root}events/{added.stem}/", b"<html", time.perf_counter() + 1800)
        finally:
            server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve removes its temporary site
            try:
                server.wait(timeout=120)
            except subprocess.TimeoutExpired:
                server.kill()
    return {"serve_first_build_s": first, "preview_edit_s": statistics.median(times), "preview_edit_max_s": max(times),
            "preview_added_s": full}


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


def measured(key: str, show: Callable[[dict], str]) -> Callable[[dict], str]:
    """A row of a measure taken at some sizes only: "-" at the others."""
    return lambda r: show(r) if key in r else "-"


def report(results: list[dict], repeat: int, command: str) -> str:
    rows = [
        ("timeline check", lambda r: f"{r['check_s']:.2f} s"),
        ("bare CSafeLoader parse", lambda r: f"{r['bare_parse_s']:.2f} s"),
        ("check / bare parse (target <= 2x)", lambda r: f"{r['check_ratio']:.2f}x"),
        ("mkdocs build with the plugin (frames, workers)", lambda r: f"{r['build_s']:.1f} s"),
        ("its CPU time, workers included", lambda r: f"{r['build_cpu_s']:.1f} s"),
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
        ("search index, all files (a search fetches a few)", lambda r: mb(r["search_bytes"])),
        ("search index per event (target < 2 KB)", lambda r: f"{r['search_per_event']:.0f} B"),
        ("naive baseline build", measured("naive_build_s", lambda r: f"{r['naive_build_s']:.1f} s")),
        ("naive: pages, HTML, largest page",
         measured("naive_pages", lambda r: f"{r['naive_pages']:,}, {mb(r['naive_html_bytes'])}, "
                                           f"{kb(r['naive_largest_page'])}")),
        ("plugin build speed-up over naive (target >= 4x)",
         measured("speedup_vs_naive", lambda r: f"{r['speedup_vs_naive']:.1f}x")),
        ("plugin build without frames or workers (frames: false, workers: 1): time, CPU",
         measured("serial_build_s", lambda r: f"{r['serial_build_s']:.1f} s, {r['serial_build_cpu_s']:.1f} s")),
        ("its speed-up over naive",
         measured("serial_speedup_vs_naive", lambda r: f"{r['serial_speedup_vs_naive']:.1f}x")),
        ("mkdocs serve: first build, until the site is served",
         measured("serve_first_build_s", lambda r: f"{r['serve_first_build_s']:.1f} s")),
        ("preview: an event saved -> its changed page served (median, max; target <= 3 s)",
         measured("preview_edit_s", lambda r: f"{r['preview_edit_s']:.1f} s, {r['preview_edit_max_s']:.1f} s")),
        ("preview: an event added -> its page served (the whole site rebuilt)",
         measured("preview_added_s", lambda r: f"{r['preview_added_s']:.1f} s")),
        ("load average (1 min) before, after", lambda r: f"{r['load_before']:.1f}, {r['load_after']:.1f}"),
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
    parser.add_argument("--no-preview", dest="preview", action="store_false", help="skip the mkdocs serve measure")
    parser.add_argument("--preview-at", type=int, default=10000, help="measure mkdocs serve at this N only")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--out", default="-", help="'-' prints the table; a path writes it there")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    results = []
    for count in args.sizes:
        print(f"measuring N = {count} ...", file=sys.stderr)
        results.append(measure(count, args.repeat, args.naive and count == args.naive_at,
                               args.preview and count == args.preview_at, workdir))
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
