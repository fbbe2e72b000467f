"""The way out: the shipped site builds the same with ProperDocs, the maintained continuation of MkDocs 1.x.

MkDocs 1.x is unmaintained and MkDocs 2.0 drops plugins; ProperDocs is a drop-in that keeps `mkdocs.yml`, the
plugin API and Material. This test keeps that door open: the same pages, byte for byte, except the generator tag.
"""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import REPO, build, require

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def contents(site: Path) -> dict[str, bytes]:
    """Every file of a built site, with the tag naming the engine taken out."""
    return {path.relative_to(site).as_posix(): GENERATOR_TAG.sub(b"", path.read_bytes())
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(shipped_site, tmp_path):
    require("properdocs", "the ProperDocs build is compared with the MkDocs one")
    result = build(REPO / "mkdocs.yml", tmp_path / "site", engine="properdocs")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    ours, theirs = contents(tmp_path / "site"), contents(shipped_site)
    assert sorted(ours) == sorted(theirs)
    differing = [path for path in ours if ours[path] != theirs[path]]
    assert differing == []
    assert b"ProperDocs" in (tmp_path / "site" / "index.html").read_bytes()  # it really was the other engine
