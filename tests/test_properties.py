"""Properties that hold for any input: the loader never breaks, dates round-trip, ids make safe paths, and
sanitized HTML carries no script, event handler or dangerous link.
"""

from __future__ import annotations

import calendar
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from generator import urls
from generator.dates import DateError, DatePoint, EventDate
from generator.loader import Document, load_yaml
from generator.problems import Problem
from generator.render import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES, render_markdown, sanitize
from generator.schema import EVENT_ID_PATTERN, MAX_SLUG_LENGTH, SLUG_PATTERN, EventId, LeaderId

PATH = "events/2025/2025-11-01-test-event.yml"

some = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
many = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# 1. The loader: a Document or one located, one-line Problem for any input ----------------------------------

def assert_loaded_or_located(result: object) -> None:
    assert isinstance(result, (Document, Problem)), result
    if isinstance(result, Problem):
        assert result.line >= 1 and result.col >= 1, result
        assert str(result).splitlines() == [str(result)], result  # one line, field and message included
        assert result.message.strip() == result.message and result.message
    else:
        assert_plain(result.value)
        assert all(line >= 1 and col >= 1 for line, col in result.positions.values())


def assert_plain(value: object) -> None:
    """Only what the strict subset allows: text, true/false, null, lists and mappings with text keys."""
    if isinstance(value, dict):
        assert all(isinstance(key, str) for key in value)
        for item in value.values():
            assert_plain(item)
    elif isinstance(value, list):
        for item in value:
            assert_plain(item)
    else:
        assert value is None or isinstance(value, (str, bool)), value


PLAIN_WORDS = ["title", "date", "NO", "yes", "true", "False", "null", "~", "2025", "2025-06-03", "12:30",
               "0x1F", "0o17", "1e3", ".inf", ".NaN", "-", "?", ":", "<<", "=", "a b", "é", "‮x", "%x"]
ESCAPES = ["\\n", "\\t", "\\x41", "\\u00e9", "\\ud800", "\\U0001F600", "\\0", "\\e", "\\N", "\\_", "\\q", "\\"]
TAGS = ["!!str", "!!int", "!!bool", "!!null", "!!float", "!!map", "!!seq", "!!binary", "!!timestamp", "!!set",
        "!!omap", "!!python/object/apply:os.system", "!foo", "!", "!e!x", "!<tag:yaml.org,2002:x%0Ay>",
        "!<tag:yaml.org,2002:str>", "!!x%0Ay", "!<!>"]
NOISE = ["\t", "\r", "\n", "\x00", "\x85", "\u2028", "\ufeff", "\x7f", "#", "&", "*", "!", "|", ">", "'", '"',
         "{", "}", "[", "]", ",", "---", "...", "%YAML 1.2\n", "%TAG !e! tag:x,2000:\n", " ", "\\", "\ud7ff"]

words = st.sampled_from(PLAIN_WORDS) | st.text(st.characters(codec="utf-8"), min_size=1, max_size=6)
double_quoted = st.lists(st.sampled_from(ESCAPES) | st.text(max_size=3), max_size=4).map(
    lambda parts: '"' + "".join(parts).replace('"', "") + '"')
single_quoted = st.text(max_size=6).map(lambda text: "'" + text.replace("'", "''") + "'")
anchor = st.sampled_from(["", "&a ", "&b ", "&a&b "])
scalar = st.one_of(
    words, double_quoted, single_quoted,
    st.tuples(st.sampled_from(TAGS), words | double_quoted).map(" ".join),
    st.tuples(anchor, words).map("".join),
    st.sampled_from(["*a", "*b", "* a", "*"]),
    st.sampled_from(["|\n  a\n  b", ">-\n  a", "|2-\n   x", "|\n\tx"]),
)
key = st.one_of(words, double_quoted, single_quoted,
                st.sampled_from(["<<", "? a", "? [a]", "[a]", "{a: b}", "*a", '"a\\nb"', '"\\u2028"', "'a\n\n  b'"]))
flow = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(key, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"),
    ),
    max_leaves=8,
)


@st.composite
def block(draw, indent: int = 0, depth: int = 0) -> str:
    """A block value starting right after `key:` or `-`: a scalar, a flow value, a mapping or a list."""
    kinds = ["scalar", "flow"] + (["map", "seq"] if depth < 4 else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "scalar":
        return " " + draw(scalar)
    if kind == "flow":
        return " " + draw(flow)
    head = draw(st.sampled_from(["", " &a", " !!map" if kind == "map" else " !!seq", " !foo"]))
    pad = " " * (indent + draw(st.sampled_from([2, 2, 2, 1, 4])))
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        value = draw(block(len(pad), depth + 1))
        lines.append(f"\n{pad}{draw(key)}:{value}" if kind == "map" else f"\n{pad}-{value}")
    return head + "".join(lines)


@st.composite
def yamlish(draw) -> str:
    """A document of `key: value` lines from the grammar above, with a few characters of noise spliced in."""
    text = "".join(f"{draw(key)}:{draw(block())}\n" for _ in range(draw(st.integers(1, 4))))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(NOISE)) + text[at:]
    return draw(st.sampled_from(["", "---\n", "\ufeff", "%YAML 1.2\n---\n"])) + text


def utf8(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")


@many
@given(st.binary(max_size=300))
def test_any_bytes_load_or_give_a_problem(data):
    assert_loaded_or_located(load_yaml(PATH, data))


@many
@given(st.text(max_size=200))
def test_any_text_loads_or_gives_a_problem(text):
    assert_loaded_or_located(load_yaml(PATH, utf8(text)))


@many
@given(yamlish())
@example('"a\\nb": 1\n"a\\nb": 2\n')  # a duplicate key with a line break in it
@example('x: !<tag:yaml.org,2002:x%0Ay> 1\n')  # a tag with a line break in it
@example('x: !!x%0Ay 1\n')
def test_yaml_like_text_loads_or_gives_a_problem(text):
    assert_loaded_or_located(load_yaml(PATH, utf8(text)))


@some
@given(st.integers(0, 1200), st.sampled_from(["[", "{a: ", "- "]))
def test_deep_nesting_gives_a_problem_not_a_crash(depth, opener):
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    text = "a: " + opener * depth + "x" + closer * depth if opener != "- " else \
        "a:\n" + "".join(" " * (2 * i + 2) + "-\n" for i in range(depth)) + " " * (2 * depth + 2) + "x\n"
    assert_loaded_or_located(load_yaml(PATH, text.encode()))


# 2. Dates: round trips, order and precision -----------------------------------------------------------------

@st.composite
def date_points(draw) -> DatePoint:
    year = draw(st.integers(1, 9999))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    month = draw(st.integers(1, 12)) if precision != "year" else None
    day = draw(st.integers(1, calendar.monthrange(year, month)[1])) if precision == "day" else None
    return DatePoint(year, month, day, draw(st.booleans()))


@st.composite
def event_dates(draw) -> EventDate:
    start = draw(date_points())
    form = draw(st.sampled_from(["point", "interval", "on or before", "since"]))
    if form == "point":
        return EventDate(start)
    if form == "on or before":
        return EventDate(None, start)
    if form == "since":
        return EventDate(start, open_end=True)
    end = draw(date_points())
    assume(end.earliest > start.earliest and end.latest > start.latest)
    return EventDate(start, end)


@many
@given(event_dates())
def test_dates_round_trip_through_text(date):
    assert EventDate.parse(str(date)) == date
    assert str(EventDate.parse(str(date))) == str(date)


@many
@given(event_dates(), event_dates())
def test_sort_key_follows_the_anchor_day(a, b):
    # The anchor is the start, or END for `../END`: an undated fact sorts by the date it is known by.
    if a.anchor.earliest < b.anchor.earliest:
        assert a.sort_key < b.sort_key
    if a.anchor.earliest == b.anchor.earliest:
        assert a.sort_key[0] == b.sort_key[0]


@many
@given(event_dates())
def test_id_prefix_and_folder_follow_the_anchor(date):
    assert date.prefix == date.anchor.exact_text
    assert date.year == date.anchor.year
    assert str(date).startswith(date.prefix) or str(date) == f"../{date.end}"


@many
@given(event_dates())
def test_display_never_invents_a_day(date):
    points = [point for point in (date.start, date.end) if point is not None]
    assume(all(point.year >= 100 for point in points))  # so that no year reads like a day
    numbers = [word for word in date.display().replace("–", " ").split() if word.isdigit()]
    days = [number for number in numbers if number not in {str(point.year) for point in points}]
    assert len(days) <= sum(point.day is not None for point in points), date.display()
    assert set(days) <= {str(point.day) for point in points if point.day}, date.display()
    assert all(point.earliest <= point.latest for point in points)


@many
@given(st.text(alphabet="0123456789-/~ W", max_size=24) | st.text(max_size=12))
def test_date_text_parses_or_raises_date_error(text):
    try:
        date = EventDate.parse(text)
    except DateError as error:
        assert "\n" not in str(error)
        return
    assert str(date) == text
    assert date.sort_key[0] <= date.sort_key[1]


# 3. Ids: whatever passes the schema makes a path inside the output folder; whatever fails, urls refuses ------

slugs = st.from_regex(SLUG_PATTERN, fullmatch=True).filter(lambda slug: len(slug) <= MAX_SLUG_LENGTH)
event_ids = st.from_regex(EVENT_ID_PATTERN, fullmatch=True).filter(lambda i: len(i) <= MAX_SLUG_LENGTH)
TRICKS = ["/", "..", "../", "\\", "\n", "\x00", ".", "%2e", "%2f", "A", "_", " ", "é", "１", "ı", "-", "--", "~",
          "?", "#", ":"]


@st.composite
def near_misses(draw, valid: st.SearchStrategy[str]) -> str:
    """A valid id with a path trick spliced in, or any short text."""
    if draw(st.booleans()):
        return draw(st.text(max_size=20))
    text = draw(valid)
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.sampled_from(TRICKS)) + text[at:]


SLUG_SCHEMA = TypeAdapter(LeaderId)
EVENT_ID_SCHEMA = TypeAdapter(EventId)


def schema_accepts(schema: TypeAdapter, value: str) -> bool:
    try:
        schema.validate_python(value)
    except ValidationError:
        return False
    return True


def assert_inside(out: Path, url: str) -> None:
    target = (out / urls.source_path(url)).resolve()
    assert target.is_relative_to(out.resolve()), (url, target)
    assert target != out.resolve()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("site")


@some
@given(slug=slugs, page=st.integers(1, 1000))
def test_valid_slugs_make_paths_inside_the_output(out, slug, page):
    assert schema_accepts(SLUG_SCHEMA, slug)
    for make in (urls.leader_url, urls.tag_url):
        assert_inside(out, make(slug, page))


@some
@given(event_ids)
def test_valid_event_ids_make_paths_inside_the_output(out, event_id):
    assert schema_accepts(EVENT_ID_SCHEMA, event_id)
    assert_inside(out, urls.event_url(event_id))


@many
@given(near_misses(slugs))
def test_slugs_the_schema_refuses_are_refused_by_urls(out, text):
    assume(len(text) <= MAX_SLUG_LENGTH)  # the schema caps length, urls only the pattern
    if schema_accepts(SLUG_SCHEMA, text):
        assert_inside(out, urls.leader_url(text))
        return
    for make in (urls.leader_url, urls.tag_url):
        with pytest.raises(ValueError, match="refusing to make a URL"):
            make(text)


@many
@given(near_misses(event_ids))
def test_event_ids_the_schema_refuses_are_refused_by_urls(out, text):
    assume(len(text) <= MAX_SLUG_LENGTH)
    if schema_accepts(EVENT_ID_SCHEMA, text):
        assert_inside(out, urls.event_url(text))
        return
    with pytest.raises(ValueError, match="refusing to make a URL"):
        urls.event_url(text)


# 4. The sanitizer: idempotent, and no script, handler or dangerous link survives -----------------------------

SCHEMES = ["javascript:", "JaVaScRiPt:", "data:", "vbscript:", "VBScript:", " javascript:", "\tjavascript:",
           "java\tscript:", "java\nscript:", "java\rscript:", "\x01javascript:", "javascript&colon;",
           "javascript&#58;", "javascript&#x3a;", "&#106;avascript:", "&#x6A;avascript:", "&#0000106avascript:",
           "jav&#x09;ascript:", "jav&#9;ascript:", "javas&#99;ript:", "&#x20;javascript:", "java&NewLine;script:",
           "data&colon;", "%6Aavascript:", "javascript%3A", "http:", "https:", "HTTPS:", "mailto:", "ftp:",
           "file:", "//", "/", "", "\u200bjavascript:", "javascript\u0000:", "jav\u00adascript:"]
PAYLOADS = ["alert(1)", "//example.org/x", "text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "msgbox(1)", "a@example.org", "example.org/\"onmouseover=alert(1)//"]
RAW_TAGS = ["a", "p", "img", "svg", "div", "b", "abbr", "ol", "script", "SCRIPT", "ScRiPt", "style", "iframe",
            "IFRAME", "object", "embed", "form", "math", "template", "noscript", "textarea", "title", "xmp",
            "plaintext", "base", "meta", "link", "video", "source", "details", "marquee", "frameset"]
ATTRIBUTES = ["onclick", "ONERROR", "onmouseover", "OnLoad", "onfocus", "on", "onbegin", "href", "src",
              "style", "formaction", "xlink:href", "action", "srcdoc", "title", "start", "background",
              "data", "poster", "rel", "target", "class", "id"]

links = st.tuples(st.sampled_from(SCHEMES), st.sampled_from(PAYLOADS)).map("".join)
text = st.text(max_size=12) | st.sampled_from(["alert(1)", "x", "<", ">", "&", "&amp;", "&lt;script&gt;", "*"])
quote = st.sampled_from(['"', "'", ""])


@st.composite
def raw_tags(draw) -> str:
    name = draw(st.sampled_from(RAW_TAGS))
    attributes = []
    for _ in range(draw(st.integers(0, 3))):
        q = draw(quote)
        value = draw(links | text).replace(q, "") if q else draw(links).replace(" ", "")
        attributes.append(f"{draw(st.sampled_from(ATTRIBUTES))}={q}{value}{q}")
    separator = draw(st.sampled_from([" ", "/", "\n", "\t"]))
    opening = f"<{name}" + "".join(separator + attribute for attribute in attributes) + draw(
        st.sampled_from([">", "/>", " >", ""]))
    closing = draw(st.sampled_from([f"</{name}>", "", f"</{name}", f"</{name.upper()} >"]))
    return opening + draw(text) + closing


markdown_links = st.one_of(
    st.tuples(text, links).map(lambda pair: f"[{pair[0]}]({pair[1]})"),
    st.tuples(text, links).map(lambda pair: f"[{pair[0]}](<{pair[1]}>)"),
    links.map(lambda link: f"<{link}>"),
    st.tuples(text, links).map(lambda pair: f"[{pair[0]}][r]\n\n[r]: {pair[1]}\n"),
    st.tuples(text, links).map(lambda pair: f"![{pair[0]}]({pair[1]})"),
    st.tuples(text, links).map(lambda pair: f'[{pair[0]}](https://example.org/ "{pair[1]}")'),
)
markdown = st.lists(
    st.one_of(text, markdown_links, raw_tags(), st.sampled_from(["\n\n", "\n", "    ", "`", "```\n", "> ", "- "])),
    max_size=8,
).map("".join)


GENERIC_ATTRIBUTES = {"lang", "title"}
"""What nh3 (ammonia) keeps on every allowed tag by default besides the allowlist: inert text."""


class _Collector(HTMLParser):
    """Every start tag with its attributes (values unescaped, as a browser reads them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def assert_safe(html: str) -> None:
    lowered = html.lower()
    for tag in ("<script", "<iframe", "<style"):
        assert tag not in lowered, html
    parser = _Collector()
    parser.feed(html)
    parser.close()
    for tag, attributes in parser.tags:
        assert tag in ALLOWED_TAGS, html
        for name, value in attributes:
            assert not name.startswith("on"), html
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | GENERIC_ATTRIBUTES | ({"rel"} if tag == "a" else set())
            if name == "href":
                # urlsplit strips and drops what the WHATWG URL parser does (C0 controls, spaces, tabs, newlines).
                assert urlsplit(value or "").scheme in URL_SCHEMES | {""}, html


@many
@given(markdown)
@example("<MARQUEE>")  # <p><p></p></p> after one pass of nh3, three paragraphs after the next
@example("<pre>\n\nx</pre>")  # the parser drops the first line break of a <pre>, each time
def test_rendered_markdown_is_safe(source):
    html = render_markdown(source)
    assert_safe(html)
    assert sanitize(html) == html


@many
@given(st.lists(raw_tags() | text | links, max_size=6).map("".join))
def test_sanitized_html_is_safe_and_idempotent(html):
    clean = sanitize(html)
    assert_safe(clean)
    assert sanitize(clean) == clean


@some
@given(st.text(max_size=60))
def test_sanitize_is_idempotent_on_any_text(html):
    clean = sanitize(html)
    assert_safe(clean)
    assert sanitize(clean) == clean
