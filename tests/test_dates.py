"""Event dates: the forms accepted, the problems refused, how they sort and how readers see them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.dates import DateError, DatePoint, EventDate

PATH = "events/2025/2025-11-01-test-event.yml"
EXPECTED = ("expected a date such as 2025-06-03, 2025-06 or 2025, optionally ending in ~, an interval START/END, "
            "../END (on or before END) or START/.. (since START)")


def event_with_date(text: str) -> str:
    return (
        "title: Lee hosts Xi\n"
        f"date: {text}\n"
        "countries: [KR]\n"
        "summary: Lee hosted Xi.\n"
        "sources:\n"
        "  - publisher: Reuters\n"
        "    title: Lee asks Xi for help\n"
        "    date: 2025-11-01\n"
        "    quote: Lee hosted Xi.\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-02-30", f"{PATH}:2:7: date: expected a day from 01 to 28 for February 2025, got '2025-02-30'"),
        ("2024-02-30", f"{PATH}:2:7: date: expected a day from 01 to 29 for February 2024, got '2024-02-30'"),
        ("2025-06-00", f"{PATH}:2:7: date: expected a day from 01 to 30 for June 2025, got '2025-06-00'"),
        ("2025-13", f"{PATH}:2:7: date: expected a month from 01 to 12, got '2025-13'"),
        ("2025-00-01", f"{PATH}:2:7: date: expected a month from 01 to 12, got '2025-00-01'"),
        ("0000", f"{PATH}:2:7: date: expected a year from 0001, got '0000'"),
        ("2025-3-1", f"{PATH}:2:7: date: {EXPECTED}, got '2025-3-1'"),
        ("20250301", f"{PATH}:2:7: date: {EXPECTED}, got '20250301'"),
        ("2025-W09", f"{PATH}:2:7: date: {EXPECTED}, got '2025-W09'"),
        ("2025-11-01T10:00", f"{PATH}:2:7: date: {EXPECTED}, got '2025-11-01T10:00'"),
        ("'2025-11-01 '", f"{PATH}:2:7: date: {EXPECTED}, got '2025-11-01 '"),
        ("~2025", f"{PATH}:2:7: date: {EXPECTED}, got '~2025'"),
        ("25", f"{PATH}:2:7: date: {EXPECTED}, got '25'"),
        ("2025-11-01/", f"{PATH}:2:7: date: {EXPECTED}, got '2025-11-01/'"),
        ("2025/2026/2027", f"{PATH}:2:7: date: {EXPECTED}, got '2025/2026/2027'"),
        ("2025-11-01/2025-10-31",
         f"{PATH}:2:7: date: expected the end of the interval to come after its start, got '2025-11-01/2025-10-31'"),
        ("2025-11-01/2025-11-01",
         f"{PATH}:2:7: date: expected the end of the interval to come after its start, got '2025-11-01/2025-11-01'"),
        ("2025-06/2025-06-05",
         f"{PATH}:2:7: date: expected the end of the interval to come after its start, got '2025-06/2025-06-05'"),
        ("2025-11-01/2025-11-31",
         f"{PATH}:2:7: date: expected a day from 01 to 30 for November 2025, got '2025-11-31'"),
        ("true", f"{PATH}:2:7: date: expected text, got true (a boolean; quote it if you mean text)"),
        ("../..", f"{PATH}:2:7: date: {EXPECTED}, got '../..'"),
        ("'..'", f"{PATH}:2:7: date: {EXPECTED}, got '..'"),
        ("../", f"{PATH}:2:7: date: {EXPECTED}, got '../'"),
        ("/..", f"{PATH}:2:7: date: {EXPECTED}, got '/..'"),
        ("2025-11-01/../2026", f"{PATH}:2:7: date: {EXPECTED}, got '2025-11-01/../2026'"),
        ("'.../2025-11-01'", f"{PATH}:2:7: date: {EXPECTED}, got '.../2025-11-01'"),
        ("../2025-11-31", f"{PATH}:2:7: date: expected a day from 01 to 30 for November 2025, got '2025-11-31'"),
        ("2025-13/..", f"{PATH}:2:7: date: expected a month from 01 to 12, got '2025-13'"),
    ],
)
def test_bad_event_date(check_event, text, expected):
    assert check_event(event_with_date(text)) == [expected]


def test_bad_source_date(check_event):
    text = event_with_date("2025-11-01").replace("    date: 2025-11-01", "    date: 2025-11-1")
    assert check_event(text) == [f"{PATH}:8:11: sources[0].date: {EXPECTED}, got '2025-11-1'"]


@pytest.mark.parametrize(
    ("text", "rel"),
    [
        ("2025-11-01", "2025/2025-11-01-test-event.yml"),
        ("2025-11-01~", "2025/2025-11-01-test-event.yml"),
        ("2025-11~", "2025/2025-11-test-event.yml"),
        ("2025~", "2025/2025-test-event.yml"),
        ("2025-10-31/2025-11-01", "2025/2025-10-31-test-event.yml"),
        ("2024-12-31~/2025-01-03~", "2024/2024-12-31-test-event.yml"),
        # An undated fact is filed by the date it is known by: the end, as written.
        ("../2025-11-01", "2025/2025-11-01-test-event.yml"),
        ("../2025-11", "2025/2025-11-test-event.yml"),
        ("../2026-01-02~", "2026/2026-01-02-test-event.yml"),
        ("2025-06/..", "2025/2025-06-test-event.yml"),
        ("2024-12-31~/..", "2024/2024-12-31-test-event.yml"),
    ],
)
def test_good_event_date(check_event, text, rel):
    assert check_event(event_with_date(text), rel) == []


def test_leap_day():
    assert EventDate.parse("2024-02-29").start == DatePoint(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2025-06-03", "3 June 2025"),
        ("2025-06", "June 2025"),
        ("2025", "2025"),
        ("2025-10~", "c. October 2025"),
        ("2025-06-03~", "c. 3 June 2025"),
        ("2025~", "c. 2025"),
        ("2025-10-31/2025-11-01", "31 October – 1 November 2025"),
        ("2025-06-03/2025-06-05", "3–5 June 2025"),
        ("2025-10/2025-11", "October – November 2025"),
        ("2025/2026", "2025–2026"),
        ("2024-12-30/2025-01-02", "30 December 2024 – 2 January 2025"),
        ("2025-06-03/2025-07", "3 June 2025 – July 2025"),
        ("2025-10-27~/2025-10-31~", "c. 27–31 October 2025"),
        ("2025-10-27/2025-10-31~", "27–c. 31 October 2025"),
        ("../2025-11-01", "before 1 November 2025"),
        ("../2025-11", "before November 2025"),
        ("../2025~", "before c. 2025"),
        ("2025-06/..", "since June 2025"),
        ("2025-06-04/..", "since 4 June 2025"),
        ("2017~/..", "since c. 2017"),
    ],
)
def test_display(text, shown):
    assert EventDate.parse(text).display() == shown


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2025-02", date(2025, 2, 1), date(2025, 2, 28)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-06-03~", date(2025, 6, 3), date(2025, 6, 3)),
        ("2025-10-31/2025-11", date(2025, 10, 31), date(2025, 11, 30)),
        ("../2025-11-01", date(2025, 11, 1), date(2025, 11, 1)),
        ("../2025-11~", date(2025, 11, 1), date(2025, 11, 30)),
        ("2025-06/..", date(2025, 6, 1), date(2025, 6, 30)),
    ],
)
def test_sort_key_is_first_day_then_last_day(text, start, end):
    assert EventDate.parse(text).sort_key == (start, end)


def test_open_dates_sort_as_their_known_end():
    # DESIGN.md: `../END` sorts as END, `START/..` as START.
    for open_form, known in (("../2025-11-01", "2025-11-01"), ("2025-06/..", "2025-06"), ("../2025~", "2025~")):
        assert EventDate.parse(open_form).sort_key == EventDate.parse(known).sort_key


def test_dates_sort_by_start_then_by_end():
    texts = ["2025-11-01", "2025", "2025-10-27~/2025-10-31~", "2024-12", "2025-11", "2025-10-27", "2025-11-01~"]
    ordered = sorted(texts, key=lambda text: EventDate.parse(text).sort_key)
    # Equal keys keep their order (sorted is stable); the catalog breaks such ties by id.
    assert ordered == ["2024-12", "2025", "2025-10-27", "2025-10-27~/2025-10-31~", "2025-11-01", "2025-11-01~",
                       "2025-11"]


@pytest.mark.parametrize(
    ("text", "precision", "prefix", "year"),
    [
        ("2025", "year", "2025", 2025),
        ("2025-06~", "month", "2025-06", 2025),
        ("2025-06-03", "day", "2025-06-03", 2025),
        ("2024-12-30~/2025-01-02", "day", "2024-12-30", 2024),
        ("../2025-11-01", "day", "2025-11-01", 2025),
        ("../2025-11~", "month", "2025-11", 2025),
        ("2025-06/..", "month", "2025-06", 2025),
        ("2017/..", "year", "2017", 2017),
    ],
)
def test_precision_and_id_prefix_are_the_anchor_as_written(text, precision, prefix, year):
    parsed = EventDate.parse(text)
    assert (parsed.anchor.precision, parsed.prefix, parsed.year) == (precision, prefix, year)
    assert str(parsed) == text


@pytest.mark.parametrize(
    ("text", "start", "end", "open_end"),
    [
        ("../2025-11-01", None, DatePoint(2025, 11, 1), False),
        ("2025-06/..", DatePoint(2025, 6), None, True),
        ("2025-06~/..", DatePoint(2025, 6, approximate=True), None, True),
    ],
)
def test_open_forms_keep_which_end_is_known(text, start, end, open_end):
    parsed = EventDate.parse(text)
    assert (parsed.start, parsed.end, parsed.open_end) == (start, end, open_end)
    assert parsed.approximate == text.replace("/..", "").endswith("~")


def test_an_open_date_needs_a_known_end():
    with pytest.raises(DateError, match=r"^expected a known start or a known end, got neither$"):
        EventDate(None)
    with pytest.raises(DateError, match=r"^expected an open end or an end, got both$"):
        EventDate(DatePoint(2025), DatePoint(2026), open_end=True)


def test_error_is_a_value_error():
    with pytest.raises(ValueError, match=r"^expected a month from 01 to 12, got '2025-13'$"):
        EventDate.parse("2025-13")
    with pytest.raises(DateError):
        EventDate.parse(2025)  # type: ignore[arg-type]


_points = st.builds(
    lambda year, month, day, approx, precision: (
        f"{year:04d}"
        + (f"-{month:02d}" if precision != "year" else "")
        + (f"-{day:02d}" if precision == "day" else "")
        + ("~" if approx else "")
    ),
    st.integers(1, 9999), st.integers(1, 12), st.integers(1, 28), st.booleans(),
    st.sampled_from(["year", "month", "day"]),
)


@settings(max_examples=200, deadline=None)
@given(_points, st.sampled_from(["{}", "../{}", "{}/.."]))
def test_precision_is_never_invented(point, form):
    text = form.format(point)
    parsed = EventDate.parse(text)
    assert str(parsed) == text
    shown = parsed.display()
    lead = {"{}": "", "../{}": "before ", "{}/..": "since "}[form]
    assert shown.startswith(lead), shown
    words = shown.removeprefix(lead).removeprefix("c. ").split(" ")
    expected_words = {"year": 1, "month": 2, "day": 3}[parsed.anchor.precision]
    assert len(words) == expected_words, shown
    assert shown.removeprefix(lead).startswith("c. ") == point.endswith("~")


@pytest.mark.parametrize(
    ("text", "rel", "expected"),
    [
        ("../2025-11-01", "2024/2024-test-event.yml", "events/2025/2025-11-01-test-event.yml"),
        ("2025-06/..", "2025/2025-06-01-test-event.yml", "events/2025/2025-06-test-event.yml"),
    ],
)
def test_open_date_in_the_wrong_file_is_told_the_right_path(check_event, text, rel, expected):
    assert check_event(event_with_date(text), rel) == [
        f"events/{rel}:2:7: date: expected this event (dated {text}) at {expected}, got events/{rel}"
    ]
