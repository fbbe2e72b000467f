"""Per-file validation: a loaded document against its model, every problem located and worded for a person."""

from __future__ import annotations

import pytest

from generator.loader import Document, load_yaml
from generator.problems import Problem
from generator.schema import Event, Leader, Tags
from generator.validate import describe, validate_document


def validate(text: str, model=Event, path: str = "x.yml"):
    document = load_yaml(path, text.encode())
    assert isinstance(document, Document), document
    return validate_document(document, model)


def lines(result) -> list[str]:
    assert isinstance(result, list), result
    return [str(problem) for problem in result]


def test_valid_document_gives_the_model():
    leader = validate("name: Xi Jinping\ncountry: CN\noffices:\n  - title: President of China\n", Leader)
    assert isinstance(leader, Leader)
    assert leader.offices[0].title == "President of China"
    assert leader.offices[0].start is None


def test_every_problem_of_a_file_at_once():
    text = "title: true\ndate: 2025-3-1\ncountries: []\nsummary: x\nsources: []\nfoo: 1\n"
    assert lines(validate(text)) == [
        "x.yml:1:8: title: expected text, got true (a boolean; quote it if you mean text)",
        "x.yml:2:7: date: expected a date such as 2025-06-03, 2025-06 or 2025, optionally ending in ~, "
        "an interval START/END, ../END (on or before END) or START/.. (since START), got '2025-3-1'",
        "x.yml:3:12: countries: expected at least 1 item(s), got none",
        "x.yml:5:10: sources: expected at least 1 item(s), got none",
        "x.yml:6:1: foo: unknown field; expected one of: title, date, countries, leaders, organisations, tags, "
        "location, summary, sources, related, status, corrections",
    ]


def test_problems_are_problem_objects():
    (problem,) = validate("name: Xi\n", Leader)
    assert problem == Problem("x.yml", 1, 1, "country", "required field is missing")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n", "x.yml:1:1: (document): expected a mapping of fields, got a list"),
        ("hello\n", "x.yml:1:1: (document): expected a mapping of fields, got 'hello'"),
        ("---\n", "x.yml:2:1: (document): expected a mapping of fields, got nothing"),
    ],
)
def test_document_that_is_not_a_mapping(text, expected):
    assert lines(validate(text, Leader)) == [expected]


def test_unknown_field_in_a_nested_model_lists_that_model_s_fields():
    text = "name: Xi\ncountry: CN\noffices:\n  - title: President\n    strat: 2013\n"
    assert lines(validate(text, Leader)) == [
        "x.yml:5:5: offices[0].strat: unknown field; expected one of: title, start, end, source "
        "(did you mean 'start'?)",
    ]


def test_unknown_field_of_a_tag():
    assert lines(validate("trade:\n  label: Trade\n  description: x\n  colour: red\n", Tags)) == [
        "x.yml:4:3: trade.colour: unknown field; expected one of: label, description",
    ]


def test_bad_tag_id_points_at_the_key():
    assert lines(validate("trade: {label: Trade, description: x}\nHuman Rights: {label: H, description: x}\n",
                          Tags)) == [
        "x.yml:2:1: Human Rights: expected lower-case words of a-z and 0-9 joined by '-', such as 'diplomacy', "
        "got 'Human Rights'",
    ]


def test_too_long_text_counts_characters():
    text = f"name: {'x' * 301}\ncountry: CN\n"
    assert lines(validate(text, Leader)) == ["x.yml:1:7: name: expected at most 300 characters, got 301"]


@pytest.mark.parametrize(
    ("value", "described"),
    [
        (None, "nothing"),
        (True, "true (a boolean; quote it if you mean text)"),
        (False, "false (a boolean; quote it if you mean text)"),
        ([], "a list"),
        ({}, "a mapping"),
        ("NO", "'NO'"),
    ],
)
def test_describe(value, described):
    assert describe(value) == described
