"""The theme's copies of Material's partials (generator/theme/partials/) differ from Material's own only by their
intended change, so an upgrade of Material that changes one of them fails here rather than being hidden by an
old copy.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

PARTIALS = Path(__file__).parents[1] / "generator" / "theme" / "partials"
MATERIAL = Path(importlib.util.find_spec("material").submodule_search_locations[0]) / "templates" / "partials"
CHANGES = {
    # A name for the search dialog (axe: aria-dialog-name).
    "search.html": [('role="dialog">', """role="dialog" aria-label="{{ lang.t('search') }}">""")],
    # No repository facts fetched from api.github.com; the link stays.
    "source.html": [(' data-md-component="source"', "")],
}


def without_leading_comment(template: str) -> str:
    return re.sub(r"\A\{#-.*?-#\}\n", "", template, flags=re.DOTALL)


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_an_override_is_materials_partial_with_only_its_change(name):
    ours = without_leading_comment((PARTIALS / name).read_text("utf-8"))
    theirs = without_leading_comment((MATERIAL / name).read_text("utf-8"))
    for old, new in CHANGES[name]:
        assert theirs.count(old) == 1, f"Material's {name} changed: {old!r} is gone; redo the override"
        theirs = theirs.replace(old, new)
    assert ours == theirs


def test_every_override_is_checked():
    assert sorted(path.name for path in PARTIALS.iterdir()) == sorted(CHANGES)
