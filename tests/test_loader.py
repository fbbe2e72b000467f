"""The strict YAML loader: what it keeps as written, and one located problem for everything it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.loader import MAX_DEPTH, MAX_FILE_BYTES, Document, load_yaml
from generator.problems import Problem

from .conftest import EVENT_PATH, FIXTURES, VALID_EVENT

PATH = EVENT_PATH
VALID = VALID_EVENT


def load(text: str | bytes) -> Document | Problem:
    return load_yaml(PATH, text.encode() if isinstance(text, str) else text)


def value(text: str) -> object:
    document = load(text)
    assert isinstance(document, Document), document
    return document.value


# What stays as written ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NO", "NO"),  # Norway, not YAML 1.1's false
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("Off", "Off"),
        ("y", "y"),
        ("12:30", "12:30"),  # not YAML 1.1's sexagesimal 750
        ("2025", "2025"),  # a year keeps its form, not the int 2025
        ("2025-06-03", "2025-06-03"),  # not a datetime.date
        ("2025-06", "2025-06"),
        ("2025-10-27~/2025-10-31~", "2025-10-27~/2025-10-31~"),
        ("010", "010"),
        ("0x1F", "0x1F"),
        ("1e3", "1e3"),
        (".inf", ".inf"),
        ("!!int 12", "12"),
        ("!!str 2025", "2025"),
        ("'true'", "true"),
        ("true", True),
        ("False", False),
        ("TRUE", True),
        ("null", None),
        ("~", None),
        ("", None),
    ],
)
def test_scalars_keep_the_form_they_were_written_in(text, expected):
    assert value(f"a: {text}\n") == {"a": expected}


def test_norway_loads_as_a_country_code(check_event):
    assert value("countries: [KR, NO]\n") == {"countries": ["KR", "NO"]}
    assert check_event(VALID.replace("[KR, CN]", "[KR, NO]")) == []


def test_positions_are_one_based_lines_and_columns_of_values_and_keys():
    document = load(VALID)
    assert document.positions[("countries", 1)] == (3, 17)
    assert document.positions[("sources", 0, "quote")] == (9, 12)
    assert document.key_positions[("sources", 0, "quote")] == (9, 5)
    assert document.position(("sources", 0, "url")) == (6, 5)  # missing: its nearest ancestor


def test_utf8_bom_is_accepted_and_takes_no_column(check_event):
    assert check_event(b"\xef\xbb\xbf" + VALID.encode()) == []
    document = load(b"\xef\xbb\xbf" + VALID.encode())
    assert document.value["title"] == "Lee hosts Xi"
    assert document.positions[("title",)] == (1, 8)


def test_crlf_line_endings_are_accepted(check_event):
    assert check_event(VALID.replace("\n", "\r\n")) == []


# What is refused, as `timeline check` prints it ----------------------------------------------------------------


def test_duplicate_key(check_event):
    assert check_event("title: Lee hosts Xi\ndate: 2025-11-01\ntitle: Xi visits\n") == [
        f"{PATH}:3:1: title: duplicate key 'title' (first on line 1)",
    ]


def test_duplicate_key_in_a_source(check_event):
    assert check_event("sources:\n  - publisher: Reuters\n    date: 2025\n    publisher: AP\n") == [
        f"{PATH}:4:5: sources[0].publisher: duplicate key 'publisher' (first on line 2)",
    ]


def test_alias_is_located_where_it_is_used(check_event):
    assert check_event("title: &t Lee hosts Xi\nsummary: *t\n") == [
        f"{PATH}:2:10: summary: aliases (*name) are not allowed; write the value out",
    ]


def test_alias_in_a_list_is_located_where_it_is_used(check_event):
    assert check_event("countries: &c [KR]\nsources:\n  - publisher: x\n  - *c\n") == [
        f"{PATH}:4:5: sources[1]: aliases (*name) are not allowed; write the value out",
    ]


def test_alias_as_a_key(check_event):
    assert check_event("&k title: Lee\n*k : Xi\n") == [
        f"{PATH}:2:1: (document): aliases (*name) are not allowed; write the value out",
    ]


def test_billion_laughs_is_refused_at_the_first_alias_without_expanding_it(check_event):
    # Nine levels of nine aliases: 9**9 strings if anything expanded it. The loader stops at the first alias.
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    assert check_event("\n".join(lines) + "\n") == [
        f"{PATH}:2:10: a1[0]: aliases (*name) are not allowed; write the value out",
    ]


def test_merge_key(check_event):
    assert check_event("source: &s {publisher: Reuters}\nsources:\n  - <<: *s\n    title: x\n") == [
        f"{PATH}:3:5: sources[0]: merge keys (<<) are not allowed; write the keys out",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: !!python/object/apply:os.system ['echo hi']\n",
         "1:8: title: expected no tag or a core tag such as !!str, got !!python/object/apply:os.system"),
        ("title: !!python/name:os.system\n",
         "1:8: title: expected no tag or a core tag such as !!str, got !!python/name:os.system"),
        ("title: !custom Lee\n", "1:8: title: expected no tag or a core tag such as !!str, got '!custom'"),
        ("date: !!timestamp 2025-11-01\n",
         "1:7: date: expected no tag or a core tag such as !!str, got !!timestamp"),
        ("title: !!binary TGVl\n", "1:8: title: expected no tag or a core tag such as !!str, got !!binary"),
        ("tags: !!set {a, b}\n", "1:7: tags: expected no tag or a core tag such as !!str, got !!set"),
        ("tags: !!omap [a: 1]\n", "1:7: tags: expected no tag or a core tag such as !!str, got !!omap"),
        ("title: !!int Lee\n", "1:8: title: expected a value of type !!int, got 'Lee'"),
        ("tags: !!map [a]\n", "1:7: tags: expected a list to have no tag or !!seq, got !!map"),
        ("tags: !!seq {a: b}\n", "1:7: tags: expected a mapping to have no tag or !!map, got !!seq"),
        ("title: !!seq Lee\n", "1:8: title: expected a list, got text"),
    ],
)
def test_python_and_other_non_core_tags(check_event, text, expected):
    assert check_event(text) == [f"{PATH}:{expected}"]


def test_several_documents(check_event):
    assert check_event("title: Lee hosts Xi\n---\ntitle: Xi visits\n") == [
        f"{PATH}:2:1: yaml: expected a single YAML document, got several (remove the extra '---')",
    ]


def test_tab_indentation(check_event):
    assert check_event("sources:\n\t- publisher: Reuters\n") == [
        f"{PATH}:2:1: yaml: while scanning for the next token: found character that cannot start any token "
        f"(a tab: indent with spaces)",
    ]


def test_tab_after_a_value(check_event):
    assert check_event("title: Lee\n\tdate: 2025\n") == [
        f"{PATH}:2:1: yaml: while scanning a plain scalar: found a tab character that violates indentation "
        f"(a tab: indent with spaces)",
    ]


def test_non_utf8_bytes(check_event):
    assert check_event(b"title: Lee\nlocation: Gyeongju\nsummary: caf" + b"\xe9 talks\n") == [
        f"{PATH}:3:13: file: expected UTF-8 text, got byte 0xe9",
    ]


def test_utf16_file(check_event):
    assert check_event(VALID.encode("utf-16")) == [f"{PATH}:1:1: file: expected UTF-8 text, got byte 0xff"]


def test_control_character(check_event):
    assert check_event("title: Lee\nsummary: Lee é\x07 Xi\n") == [
        f"{PATH}:2:15: file: expected printable characters, got U+0007; delete it",
    ]


def test_oversized_file(check_event):
    data = VALID.encode() + b"#" * (MAX_FILE_BYTES + 1 - len(VALID.encode()))
    assert len(data) == 262_145
    assert check_event(data) == [f"{PATH}:1:1: file: expected at most 262144 bytes, got 262145"]


def test_file_at_the_size_cap_is_read(check_event):
    data = VALID.encode() + b"#" * (MAX_FILE_BYTES - len(VALID.encode()))
    assert check_event(data) == []


def test_deep_nesting_over_the_cap(check_event):
    assert MAX_DEPTH == 32
    index = "[0]" * 31
    assert check_event("tags: " + "[" * 40 + "]" * 40 + "\n") == [
        f"{PATH}:1:38: tags{index}: expected at most 32 levels of nesting",
    ]


def test_deep_nesting_of_mappings_over_the_cap(check_event):
    assert check_event("tags: " + "{a: " * 40 + "x" + "}" * 40 + "\n") == [
        f"{PATH}:1:131: tags{'.a' * 31}: expected at most 32 levels of nesting",
    ]


def test_nesting_past_libyaml_own_limit(check_event):
    assert check_event("tags: " + "[" * 2000 + "]" * 2000 + "\n") == [
        f"{PATH}:1:1006: yaml: while increasing flow level: exceeded maximum nesting depth",
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_file(check_event, text):
    assert check_event(text) == [f"{PATH}:1:1: (document): expected a YAML mapping, got an empty file"]


def test_complex_key(check_event):
    assert check_event("? [title]\n: Lee\n") == [
        f"{PATH}:1:3: (document): expected a plain text key, got a complex key",
    ]


def test_syntax_error(check_event):
    assert check_event("title: Lee\ncountries: [KR, CN\n") == [
        f"{PATH}:3:1: yaml: while parsing a flow sequence: did not find expected ',' or ']'",
    ]


# The public YAML test suite -----------------------------------------------------------------------------------

SUITE = FIXTURES / "yaml-test-suite"
SUITE_CASES = sorted(SUITE.glob("*.yaml"))

# Cases the suite marks invalid that libyaml (and so CSafeLoader) parses anyway, each into a plain value the
# loader has no reason to refuse. Listed so that a new acceptance fails the test instead of passing unseen.
LIBYAML_ACCEPTS = {
    "9C9N",  # flow sequence continued at a lower indentation than its key
    "9JBA",  # comment right after ']' with no space before '#'
    "CVW2",  # comment right after ',' with no space before '#'
    "DK95-01",  # tab at the start of a continuation line of a double-quoted scalar
    "G5U8",  # '-' as a plain scalar inside a flow sequence
    "MUS6-00",  # comment with no space after a %YAML directive
    "QB6E",  # continuation lines of a multi-line quoted scalar not indented
    "S98Z",  # block scalar with more-indented leading empty lines
    "SU5Z",  # comment right after a closing quote with no space before '#'
    "X4QW",  # comment right after a block scalar indicator with no space before '#'
    "Y79Y-003",  # tab as indentation inside a flow sequence
    "YJV2",  # '-' alone inside a flow sequence
}


def test_suite_is_copied_in_full():
    assert len(SUITE_CASES) == 402
    assert len(list(SUITE.glob("*.error"))) == 94
    assert {path.stem for path in SUITE.glob("*.error")} >= LIBYAML_ACCEPTS


@pytest.mark.parametrize("path", SUITE_CASES, ids=[path.stem for path in SUITE_CASES])
def test_yaml_test_suite_case_ends_in_a_document_or_one_located_problem(path: Path):
    result = load_yaml(f"suite/{path.name}", path.read_bytes())
    assert isinstance(result, (Document, Problem))
    invalid = path.with_suffix(".error").exists()
    if isinstance(result, Problem):
        assert result.path == f"suite/{path.name}"
        assert result.line >= 1 and result.col >= 1
        assert result.field and result.message
        assert "\n" not in str(result) and "\r" not in str(result)
    if invalid and path.stem not in LIBYAML_ACCEPTS:
        assert isinstance(result, Problem), f"{path.name} is invalid YAML but loaded as {result.value!r}"
    if path.stem in LIBYAML_ACCEPTS:
        assert isinstance(result, Document), f"{path.name} is now refused: remove it from LIBYAML_ACCEPTS"
