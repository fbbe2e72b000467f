"""Hostile pull requests (issue 14): small files that ask for unbounded work, refused with a located problem.

The work is counted (comparisons, suggestions, items validated), never timed; the one timed assertion gives
a bound hundreds of times what the case takes, for inputs that took Python-Markdown minutes.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import catalog, schema
from generator.catalog import _Ids, load_catalog
from generator.markup import MAX_LINES, MAX_MARKUP, MAX_NESTING, MAX_REACH, markdown_problem
from generator.problems import PER_KIND, ProblemsError
from generator.render import render_markdown
from generator.schema import MAX_LIST_LENGTH

from .conftest import EVENT_FILE, EVENT_PATH, VALID_EVENT, VALID_TREE, run_check, write

IDS = [f"2025-11-01-event-{number:06d}" for number in range(3_000)]
NEAR_MISSES = [event_id.replace("event", "evnet") for event_id in IDS]
HOSTILE = "2025/2025-11-01-hostile.yml"


@pytest.fixture(scope="module")
def crowd(tmp_path_factory) -> Path:
    """A working folder whose events/ holds the valid tree and IDS more event files: their names are all the
    id registry needs, and only the files under test are validated. Made once: creating files is slow here."""
    root = tmp_path_factory.mktemp("crowd")
    shutil.copytree(VALID_TREE, root / "events")
    for event_id in IDS:
        (root / "events" / "2025" / f"{event_id}.yml").touch()
    return root


@pytest.fixture
def crowded(crowd, monkeypatch) -> Iterator[Path]:
    """The crowded events folder as ./events; files a test adds under 2025/ with 'hostile' in their name go."""
    monkeypatch.chdir(crowd)
    yield Path("events")
    for path in (crowd / "events" / "2025").glob("*hostile*"):
        path.unlink()


@pytest.fixture
def compared(monkeypatch) -> list[int]:
    """How many ids each 'did you mean' search compared."""
    counts: list[int] = []
    real = catalog.difflib.get_close_matches

    def counting(word, possibilities, *args, **kwargs):
        counts.append(len(possibilities))
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(catalog.difflib, "get_close_matches", counting)
    return counts


def problems_of(events: Path, only: str) -> list[str]:
    with pytest.raises(ProblemsError) as error:
        load_catalog(events, only=[str(events / only)])
    return [str(problem) for problem in error.value.problems]


def test_near_miss_ids_at_scale_cost_a_bounded_number_of_comparisons(crowded, compared):
    write(crowded, HOSTILE, VALID_EVENT + f"related: [{', '.join(NEAR_MISSES[:MAX_LIST_LENGTH])}]\n")
    found = problems_of(crowded, HOSTILE)
    assert found[0] == (f"events/{HOSTILE}:10:11: related[0]: expected an id defined in events/, got "
                        f"'2025-11-01-evnet-000000' (did you mean '2025-11-01-event-000000'?)")
    assert found[-1] == (f"events/{HOSTILE}:10:86: related[3]: and 97 more problems in this file, not shown (at "
                         f"most 3 of a kind and 20 per file are shown)")
    # Every id against every unknown one would be 300,000 comparisons; here a few dozen per shown problem.
    assert len(compared) == PER_KIND
    assert sum(compared) <= PER_KIND * 4 * _Ids.NEIGHBOURS


def test_a_list_of_thousands_of_near_misses_is_one_problem_and_no_search(crowded, compared):
    write(crowded, HOSTILE, VALID_EVENT + f"related: [{', '.join(NEAR_MISSES * 3)}]\n")
    assert problems_of(crowded, HOSTILE) == [
        f"events/{HOSTILE}:10:10: related: expected at most {MAX_LIST_LENGTH} items, got {len(IDS) * 3}",
    ]
    assert compared == []


def test_many_hostile_files_cost_a_bounded_number_of_comparisons_each(crowded, compared):
    files = [f"2025/2025-11-01-hostile-{number:02d}.yml" for number in range(20)]
    for rel in files:
        write(crowded, rel, VALID_EVENT + f"related: [{', '.join(NEAR_MISSES[:MAX_LIST_LENGTH])}]\n")
    with pytest.raises(ProblemsError):
        load_catalog(crowded, only=[str(crowded / rel) for rel in files])
    assert len(compared) == len(files) * PER_KIND
    assert sum(compared) <= len(files) * PER_KIND * 4 * _Ids.NEIGHBOURS


def test_the_bounded_search_still_finds_typos_at_either_end():
    ids = _Ids(IDS)
    assert ids.closest("2025-11-01-event-001234x") == "2025-11-01-event-001234"
    assert ids.closest("x025-11-01-event-001234") == "2025-11-01-event-001234"
    assert ids.closest("2025-11-01-evnet-001234") == "2025-11-01-event-001234"
    assert ids.closest("an-unrelated-id") is None


def test_an_unknown_tag_without_a_close_match_lists_the_tags_capped(events):
    topics = "".join(f"topic-{number:02d}: {{label: T{number}, description: D.}}\n" for number in range(22))
    write(events, "tags.yml", (events / "tags.yml").read_text() + topics)
    write(events, EVENT_FILE, VALID_EVENT + "tags: [weather]\n")
    assert run_check("events").stdout.splitlines() == [
        f"{EVENT_PATH}:10:8: tags[0]: expected an id defined in events/tags.yml, got 'weather' (the tags are: "
        f"diplomacy, summit, topic-00, topic-01, topic-02, topic-03, topic-04, topic-05, topic-06, topic-07 "
        f"and 14 more)",
    ]


def test_country_suggestions_have_a_per_file_allowance(check_event, monkeypatch):
    calls = []
    real = schema.suggest_country
    monkeypatch.setattr(schema, "suggest_country", lambda text: calls.append(text) or real(text))
    names = ", ".join(f"Country number {number}" for number in range(MAX_LIST_LENGTH))
    lines = check_event(VALID_EVENT.replace("[KR, CN]", f"[{names}]"))
    assert len(calls) == PER_KIND
    assert len(lines) == PER_KIND + 1  # three problems, and a line for the other 97


def test_a_list_of_130000_codes_stops_at_the_cap(check_event, monkeypatch):
    checked = []
    real = schema.is_country
    monkeypatch.setattr(schema, "is_country", lambda code: checked.append(code) or real(code))
    event = VALID_EVENT.replace("[KR, CN]", "[" + ",".join(["Q"] * 130_000) + "]")
    assert len(event) < 262_144  # a file within the size cap
    assert check_event(event) == [
        f"{EVENT_PATH}:3:12: countries: expected at most {MAX_LIST_LENGTH} items, got 130000",
    ]
    assert checked.count("Q") <= MAX_LIST_LENGTH + 1  # not 130,000


@pytest.mark.parametrize(("field", "items", "position"), [
    ("countries", "[KR, CN, KR]", "3:21: countries[2]"),
    ("leaders", "[xi-jinping, lee-jae-myung, xi-jinping]", "10:38: leaders[2]"),
    ("tags", "[summit, summit]", "10:16: tags[1]"),
    ("related", "[2017-thaad-deployed, 2017-thaad-deployed]", "10:32: related[1]"),
])
def test_a_repeated_id_is_a_problem_at_the_repeated_item(check_event, field, items, position):
    event = VALID_EVENT.replace("[KR, CN]", items) if field == "countries" else VALID_EVENT + f"{field}: {items}\n"
    first = items.strip("[]").split(", ")[0]
    assert check_event(event) == [
        f"{EVENT_PATH}:{position}: expected each item once, got '{first}' again (first at {field}[0])",
    ]


def test_the_same_related_id_8450_times_is_refused(check_event):
    assert check_event(VALID_EVENT + "related: [" + ", ".join(["2017-thaad-deployed"] * 8450) + "]\n") == [
        f"{EVENT_PATH}:10:10: related: expected at most {MAX_LIST_LENGTH} items, got 8450",
    ]


# Markdown ------------------------------------------------------------------------------------------------------

REACH = (f"expected each '[', '<' and link '(' closed soon after by ']', '>' and ')', got {{}} characters between "
         f"them in all (at most {MAX_REACH}); close them, or escape them as \\[ and \\<")
NESTED = f"expected lists and quotes nested at most {MAX_NESTING} deep, got more on line {{}}"
MARKUP = f"expected at most {MAX_MARKUP} Markdown markup characters (\\ ` * _ [ < &), got {{}}; write plainer text"

PATHOLOGICAL = {
    # Python-Markdown 3.x, unbounded: 46 s for the first (as reported), a RecursionError for the fourth, up to
    # seconds for the others on a 2-core machine, all growing faster than the text.
    "20,000 [": ("[" * 20_000, MARKUP.format(20_000)),
    "100 [ before 19,900 letters": ("[" * 100 + "a" * 19_900, REACH.format(1_995_050)),
    "a link address never closed, 250 times": (("[a](" + "b" * 16) * 250, REACH.format(627_250)),
    "1. 700 times on a line": ("1. " * 700 + "a", NESTED.format(1)),
    "a quote 400 deep": (">" * 400 + " a", NESTED.format(1)),
    "a list indented 200 levels": ("\n".join("    " * level + "- a" for level in range(200)), NESTED.format(9)),
    "6,667 paragraphs": ("\n\n".join(["a"] * 6_667), f"expected Markdown of at most {MAX_LINES} lines, got 13333"),
    "10,000 *a": ("*a" * 10_000, MARKUP.format(10_000)),
    "10,000 backslashes": ("\\" * 10_000, MARKUP.format(10_000)),
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_check_refuses_what_the_renderer_takes_long_over(check_event, name):
    text, problem = PATHOLOGICAL[name]
    assert markdown_problem(text) == problem
    event = VALID_EVENT.replace("summary: Lee hosted Xi.", "summary: |-\n  " + text.replace("\n", "\n  "))
    assert check_event(event) == [f"{EVENT_PATH}:4:10: summary: {problem}"]


AT_THE_BOUNDS = {
    "links": "[a](b) " * 150,
    "brackets closed late": ("[" + "a" * 95 + "] ") * 100,
    "inline markup": "*a* `b` _c_ \\* &amp; " * 33 + "x" * 19_000,
    "nested lists": "\n".join("    " * (line % MAX_NESTING) + "- item" for line in range(MAX_LINES)),
    "quotes in lists": "\n".join("> - " * (MAX_NESTING // 2) + "a" for _ in range(MAX_LINES)),
    "paragraphs": "\n\n".join(["word " * 90] * (MAX_LINES // 2)),
}


def test_what_check_passes_renders_in_a_moment():
    started = time.perf_counter()
    for text in AT_THE_BOUNDS.values():
        assert markdown_problem(text) is None
        render_markdown(text)
    # About 0.3 s in all on a 2-core runner; unbounded, the cases above took from seconds to minutes each.
    assert time.perf_counter() - started < 20
