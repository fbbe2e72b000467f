"""A smoke run of the benchmark (N = 200, one run, naive baseline and preview included), so it cannot silently rot.

It asserts that every measure is reported, never how long anything took.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


def test_benchmark_smoke_run_reports_every_measure(tmp_path):
    raw = tmp_path / "results.json"
    table = tmp_path / "RESULTS.md"
    subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--sizes", "200", "--repeat", "1", "--naive-at", "200",
         "--preview-at", "200",
         "--workdir", str(tmp_path / "work"), "--json", str(raw), "--out", str(table)],
        check=True, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    [result] = json.loads(raw.read_text())
    assert result["events"] == 200
    assert result["pages"] > 200  # an event page each, and the listings
    assert 0 < result["largest_page"] <= 400 * 1024
    assert result["search_bytes"] > 0 and result["naive_pages"] > 0
    for key in ("check_s", "bare_parse_s", "build_s", "build_cpu_s", "files_build_s", "naive_build_s",
                "serial_build_s", "build_peak_bytes", "generator_load_s", "generator_render_s", "serve_first_build_s",
                "preview_edit_s", "preview_added_s"):
        assert result[key] > 0, key
    text = table.read_text()
    assert text.startswith("Machine: ") and "| N = 200 |" in text
    assert "plugin build speed-up over naive" in text and "preview: an event saved" in text
