"""Measure search as a reader meets it: headless Chromium against the built site served from 127.0.0.1.

    python benchmarks/search.py                                 # 1,000, 10,000, 50,000 events, beside Material's
    python benchmarks/search.py --sizes 1000 --runs 1           # one size, one run per word
    python benchmarks/search.py --project . --words korea "currency swap"     # the repository's own site
    python benchmarks/search.py --sizes 20 --runs 1 --words minister --json - # the smoke run the tests use

For each size the benchmark's synthetic corpus (corpus.py) is built twice, with the timeline's index
(`search: sharded`) and with Material's own (`search: material`, today's search: `--no-baseline` skips it).
For each word, a fresh browser context (empty cache) opens the home page, waits for `load` and `--wait`
seconds, presses `s`, types the word (`--delay` ms between keys) and measures the time from the last key's
keyup to the moment Material's result list shows the answer to the whole word (a late answer to a prefix does
not count), and the bytes the server sent for search from opening the page to that moment: Material's
search_index.json, the worker and whatever it fetched (`gzip`: what a host that compresses would send).
Times are medians of `--runs` runs; bytes and requests are the most of any run. Chromium: $TIMELINE_CHROMIUM,
else /usr/bin/chromium. A second table times the index itself from Material's documents: built once (what it
adds to a build), and again as under `mkdocs serve` after a rebuild where nothing search sees changed, and where
one event changed. Nothing here asserts a duration: it reports, with the machine's load average.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import write_corpus  # noqa: E402

WORDS = ["minister", "1987", "harvest talks"]
"""In the synthetic corpus: a word in about 80% of events, a year (about 1%), and two dense words."""
SEARCH_PATHS = ("/search/", "/search-index/", "/assets/javascripts/workers/", "/assets/javascripts/lunr/",
                "/assets/timeline-search")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], site_dir=sys.argv[2])
config.plugins["timeline"].config.search = sys.argv[3]
config.plugins.on_startup(command="build", dirty=False)
try:
    build(config)
finally:
    config.plugins.on_shutdown()
"""

# Runs in the page before Material's bundle: notes each query sent to the search worker and each answer, so that
# the answer to the whole word can be told from a late answer to a prefix (Material's lunr worker answers every
# query in order; the timeline's names the query it answers), and when the result list shows it.
PROBE = """
(() => {
  const probe = window.__probe = {queries: [], results: [], lastKey: 0, shown: 0, target: null};
  const Native = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    const post = worker.postMessage.bind(worker);
    worker.postMessage = message => {
      if (message && message.type === 2) probe.queries.push(message.data);
      return post(message);
    };
    worker.addEventListener("message", event => {
      const message = event.data;
      if (message && message.type === 3) {
        const query = message.data.query !== undefined ? message.data.query : probe.queries[probe.results.length];
        probe.results.push({q: (query || "").trim(), t: performance.now()});
      }
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
  document.addEventListener("keyup", () => { probe.lastKey = performance.now(); }, true);
  new MutationObserver(() => {
    const list = document.querySelector(".md-search-result__list");
    if (!probe.target || probe.shown || !list || !list.children.length) return;
    if (probe.results.some(r => r.q === probe.target && r.t >= probe.lastKey)) probe.shown = performance.now();
  }).observe(document, {subtree: true, childList: true});
})();
"""


class Server:
    """A static file server on 127.0.0.1 that notes what it sends, and when."""

    def __init__(self, root: Path) -> None:
        self.sent: list[tuple[float, str, int]] = []
        sent = self.sent

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def copyfile(self, source, outputfile) -> None:
                data = source.read()
                outputfile.write(data)
                sent.append((time.time(), self.path.split("?")[0], len(data)))

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def build_site(config: Path, site: Path, engine: str) -> float:
    """Build a site with the given search, in a fresh interpreter; the seconds it took."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", BUILD, str(config), str(site), engine], cwd=config.parent, env=ENV,
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def index_size(site: Path) -> tuple[int, int]:
    """Files and bytes of the site's search data: Material's file, and the timeline's index if any."""
    paths = [site / "search" / "search_index.json", *(p for p in (site / "search-index").rglob("*") if p.is_file())]
    return len(paths), sum(path.stat().st_size for path in paths)


def search_once(browser, server: Server, site: Path, word: str, *, wait: float, delay: float, timeout: float) -> dict:
    """One search in a fresh browser context: milliseconds from the last key to the result, and bytes fetched."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(PROBE)
    start = time.time()
    page.goto(server.base, wait_until="load")
    page.wait_for_timeout(wait * 1000)
    page.evaluate("target => { window.__probe.target = target; }", word)
    page.keyboard.press("s")
    page.keyboard.type(word, delay=delay)
    page.wait_for_function("window.__probe.shown > 0", timeout=timeout * 1000, polling=20)
    probe = page.evaluate("window.__probe")
    meta = page.inner_text(".md-search-result__meta")
    first = page.get_attribute(".md-search-result__list a", "href")
    end = time.time()
    context.close()
    fetched = [(path, size) for stamp, path, size in server.sent
               if start <= stamp <= end and path.startswith(SEARCH_PATHS)]
    return {"ms": probe["shown"] - probe["lastKey"], "bytes": sum(size for _, size in fetched),
            "gzip_bytes": sum(_gzip_size(site, path) for path, _ in fetched), "requests": len(fetched),
            "count_line": meta, "first": first}


def _gzip_size(site: Path, path: str) -> int:
    return len(gzip.compress((site / path.lstrip("/")).read_bytes(), 6))


def measure_site(browser, site: Path, label: dict, args: argparse.Namespace) -> list[dict]:
    server = Server(site)
    rows = []
    try:
        for word in args.words:
            runs = [search_once(browser, server, site, word, wait=args.wait, delay=args.delay, timeout=args.timeout)
                    for _ in range(args.runs)]
            row = {**label, "word": word, "ms": statistics.median(run["ms"] for run in runs),
                   "all_ms": [round(run["ms"]) for run in runs], "load": round(os.getloadavg()[0], 1),
                   **{key: max(run[key] for run in runs) for key in ("bytes", "gzip_bytes", "requests")},
                   **{key: runs[-1][key] for key in ("count_line", "first")}}
            print(json.dumps(row), file=sys.stderr, flush=True)
            rows.append(row)
    finally:
        server.close()
    return rows


def measure_reindex(site: Path) -> dict:
    """Seconds publish_index takes in a build, and in rebuilds under `mkdocs serve`, for a `search: material` site."""
    from generator.searchindex import INDEX_DIR, MATERIAL_INDEX, publish_index

    material = json.loads((site / MATERIAL_INDEX).read_text("utf-8"))
    newest_first = sorted({doc["location"] for doc in material["docs"] if doc["location"].startswith("events/")},
                          reverse=True)
    work = site.with_name(site.name + "-reindex")
    (work / "search").mkdir(parents=True)

    def publish(docs: list, previous):
        shutil.rmtree(work / INDEX_DIR, ignore_errors=True)  # MkDocs cleans the site before each build
        (work / MATERIAL_INDEX).write_text(json.dumps(dict(material, docs=docs)), encoding="utf-8")
        start = time.perf_counter()
        index = publish_index(work, newest_first, previous)
        return index, time.perf_counter() - start

    index, first = publish(material["docs"], None)
    _, unchanged = publish(material["docs"], index)
    docs = [dict(doc) for doc in material["docs"]]
    changed = next(doc for doc in docs if doc["location"].startswith("events/"))
    changed["text"] += "<p>Quokka.</p>"
    _, one_changed = publish(docs, index)
    shutil.rmtree(work)
    return {"index_s": first, "unchanged_s": unchanged, "changed_s": one_changed}


def write_project(folder: Path, count: int) -> Path:
    """The synthetic corpus of `count` events and its mkdocs.yml, under folder."""
    write_corpus(folder, count)
    (folder / "docs").mkdir(exist_ok=True)
    config = {"site_name": "Benchmark", "theme": {"name": "material"}, "plugins": ["search", "timeline"]}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return folder / "mkdocs.yml"


def machine() -> str:
    cores = os.cpu_count()
    chromium = os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium")
    version = subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip()
    return f"{cores} cores, {version}, load average at start {os.getloadavg()[0]:.1f}"


def report(rows: list[dict], reindex: list[dict], setting: str) -> str:
    lines = [f"Machine: {setting}.", "",
             "| events | search | word | fetched for a first search (most), raw / gzip | requests | "
             "last key to first result, median (runs) | index files, bytes | build | load |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(
            f"| {row['events']:,} | {row['engine']} | {row['word']} | {_kb(row['bytes'])} / {_kb(row['gzip_bytes'])}"
            f" | {row['requests']} | {row['ms']:.0f} ms ({', '.join(map(str, row['all_ms']))}) | "
            f"{row['index_files']:,}, {_kb(row['index_bytes'])} | {row['build_s']:.1f} s | {row['load']} |")
    if reindex:
        lines += ["", "| events | search index built (added to a build) | rebuild under mkdocs serve, nothing search "
                  "sees changed | rebuild, one event changed |", "|---|---|---|---|"]
        lines += [f"| {row['events']:,} | {row['index_s']:.2f} s | {row['unchanged_s']:.2f} s | "
                  f"{row['changed_s']:.2f} s |" for row in reindex]
    return "\n".join(lines) + "\n"


def _kb(value: float) -> str:
    return f"{value / 1e6:.1f} MB" if value >= 1e6 else f"{value / 1e3:.0f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--project", type=Path, help="measure this folder's mkdocs.yml instead of synthetic corpora")
    parser.add_argument("--words", nargs="+", default=WORDS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--wait", type=float, default=1.0, help="seconds between `load` and the first key")
    parser.add_argument("--delay", type=float, default=0, help="milliseconds between keys")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for a result")
    parser.add_argument("--no-baseline", dest="baseline", action="store_false", help="skip Material's own search")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", help="also write the rows here ('-': print them instead of the table)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    setting = machine()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="timeline-search-bench-"))
    engines = ["sharded", "material"] if args.baseline else ["sharded"]
    rows: list[dict] = []
    reindex: list[dict] = []
    with sync_playwright() as playwright:
        executable = os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium")
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for count in [None] if args.project else args.sizes:
            folder = workdir / f"n{count}"
            if args.project:
                config = args.project.resolve() / "mkdocs.yml"
            else:
                print(f"building N = {count} ...", file=sys.stderr, flush=True)
                config = write_project(folder, count)
            for engine in engines:
                site = folder / f"site-{engine}"
                seconds = build_site(config, site, engine)
                files, size = index_size(site)
                events = sum(1 for _ in (site / "events").iterdir())
                label = {"events": events, "engine": engine, "build_s": seconds, "index_files": files,
                         "index_bytes": size}
                rows += measure_site(browser, site, label, args)
                if engine == "material":
                    reindex.append({"events": events, **measure_reindex(site)})
                    print(json.dumps(reindex[-1]), file=sys.stderr, flush=True)
                shutil.rmtree(site)
        browser.close()
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    results = {"machine": setting, "searches": rows, "reindex": reindex}
    if args.json == "-":
        print(json.dumps(results, indent=1))
        return
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(report(rows, reindex, setting))


if __name__ == "__main__":
    main()
