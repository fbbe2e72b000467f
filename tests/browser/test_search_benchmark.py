"""A smoke run of the search benchmark (benchmarks/search.py: 20 events, one run of one word, both searches), so
that it cannot silently rot. It asserts that every measure is reported, never how long anything took.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import REPO, find_chromium, unavailable


def test_search_benchmark_smoke_run_reports_every_measure(tmp_path):
    chromium = find_chromium()
    if chromium is None:
        unavailable("Chromium not found: the search benchmark drives it")
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "search.py"), "--sizes", "20", "--runs", "1", "--wait", "0",
         "--words", "minister", "--workdir", str(tmp_path), "--json", "-"],
        check=True, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TIMELINE_CHROMIUM": chromium},
    )
    results = json.loads(result.stdout)
    assert "cores" in results["machine"]
    assert [(row["events"], row["engine"], row["word"]) for row in results["searches"]] == [
        (20, "sharded", "minister"), (20, "material", "minister")]
    for row in results["searches"]:
        assert row["bytes"] > 0 and row["gzip_bytes"] > 0 and row["requests"] > 0 and row["ms"] >= 0, row
        assert row["first"].endswith("/") and row["count_line"].endswith(("document", "documents")), row
        assert row["index_files"] >= 1 and row["index_bytes"] > 0 and row["build_s"] > 0, row
    [reindex] = results["reindex"]
    assert reindex["events"] == 20 and min(reindex["index_s"], reindex["unchanged_s"], reindex["changed_s"]) > 0
