"""One problem shape, printed as `path:line:col: field: message` or as a GitHub Actions annotation."""

from __future__ import annotations

import pytest

from generator.problems import Problem, ProblemsError, format_field, format_problem

PROBLEM = Problem("events/2025/x.yml", 4, 14, "countries[1]", "expected an ISO 3166-1 alpha-2 code, got 'Korea'")


def test_parsable():
    assert format_problem(PROBLEM) == (
        "events/2025/x.yml:4:14: countries[1]: expected an ISO 3166-1 alpha-2 code, got 'Korea'"
    )


def test_github():
    assert format_problem(PROBLEM, "github") == (
        "::error file=events/2025/x.yml,line=4,col=14,title=countries[1]::"
        "expected an ISO 3166-1 alpha-2 code, got 'Korea'"
    )


def test_github_keeps_an_annotation_on_one_line():
    problem = Problem("a,b:c.yml", 1, 1, "x", "50% of\r\nit")
    assert format_problem(problem, "github") == "::error file=a%2Cb%3Ac.yml,line=1,col=1,title=x::50%25 of%0D%0Ait"


@pytest.mark.parametrize(
    ("key_path", "field"),
    [((), "(document)"), (("title",), "title"), (("sources", 0, "url"), "sources[0].url"), (("a", 1, 2), "a[1][2]")],
)
def test_format_field(key_path, field):
    assert format_field(key_path) == field


def test_problems_error_sorts_and_lists_every_problem():
    later = Problem("events/2025/y.yml", 1, 1, "title", "required field is missing")
    error = ProblemsError([later, PROBLEM])
    assert error.problems == [PROBLEM, later]
    assert str(error) == f"{PROBLEM}\n{later}"


def test_a_key_with_a_line_break_keeps_the_problem_on_one_line():
    assert format_field(("sources", 0, "qu\note\t", "한국")) == "sources[0].qu\\note\\t.한국"


def test_a_warning_says_so_in_both_formats():
    warning = Problem("events/2025/x.yml", 1, 1, "title", "possibly the same event as events/2025/y.yml", "warning")
    assert format_problem(warning) == \
        "events/2025/x.yml:1:1: title: warning: possibly the same event as events/2025/y.yml"
    assert format_problem(warning, "github").startswith("::warning file=events/2025/x.yml,line=1,col=1,title=title::")
