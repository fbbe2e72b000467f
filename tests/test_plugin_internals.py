"""The MkDocs edge: only the plugin package imports MkDocs or Material, and the internals it relies on are still
there and still behave as relied on.

When one of the internals tests fails after an upgrade, read the new MkDocs or Material code before changing
the expectation: the frames, the workers or the incremental rebuild may have to change with it.
"""

from __future__ import annotations

import ast
from pathlib import Path

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
