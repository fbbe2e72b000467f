"""The shipped data passes `timeline check --strict`, warnings included.

Every rule about the data lives in the check, which names file, line and field; none is enforced only here.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import run_check

REPO = Path(__file__).parent.parent


def test_the_shipped_events_pass_the_strict_check(monkeypatch):
    monkeypatch.chdir(REPO)
    result = run_check("--strict", "events")
    assert (result.exit_code, result.stdout) == (0, ""), result.stdout
