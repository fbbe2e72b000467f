"""Date phrases resolved against a publication date, at the precision the words give."""

from __future__ import annotations

from datetime import date

import pytest

from generator.relative_dates import find_date_phrases, on_or_before

SATURDAY = date(2025, 11, 1)
THURSDAY = date(2025, 10, 30)


def dates(sentence: str, published: date = SATURDAY) -> list[tuple[str, str]]:
    return [(phrase.text, str(phrase.date)) for phrase in find_date_phrases(sentence, published)]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # A weekday is the one on or before publication; the same day when published that day.
        ("Lee met Xi on Saturday.", SATURDAY, [("on Saturday", "2025-11-01")]),
        ("Xi arrived on Thursday.", SATURDAY, [("on Thursday", "2025-10-30")]),
        ("Xi arrived on Friday.", THURSDAY, [("on Friday", "2025-10-24")]),
        # ... or after it when the sentence is about what is to come.
        ("Xi is due to arrive in Seoul on Saturday.", THURSDAY, [("on Saturday", "2025-11-01")]),
        ("The leaders will meet on Monday.", SATURDAY, [("on Monday", "2025-11-03")]),
        ("Kim, who will retire next year, said on Tuesday he was tired.", SATURDAY,
         [("next year", "2026"), ("on Tuesday", "2025-10-28")]),
        ("Ishiba is due to fly to Washington on Monday, his second trip since he took office in October.",
         date(2025, 3, 13), [("on Monday", "2025-03-17"), ("in October", "2024-10")]),
        ("They met last Friday.", date(2025, 10, 31), [("last Friday", "2025-10-24")]),
        ("They meet next Friday.", SATURDAY, [("next Friday", "2025-11-07")]),
        ("Saturday's summit ended late.", SATURDAY, [("Saturday's", "2025-11-01")]),
        ("He spoke late on Friday night.", SATURDAY, [("late on Friday night", "2025-10-31")]),
        # Days counted from publication.
        ("The vote was yesterday.", SATURDAY, [("yesterday", "2025-10-31")]),
        ("It happened three days ago.", SATURDAY, [("three days ago", "2025-10-29")]),
        ("It happened two weeks ago.", SATURDAY, [("two weeks ago", "2025-10-18~")]),
        # Weeks and weekends are approximate intervals.
        ("Trump visited earlier this week.", SATURDAY, [("earlier this week", "2025-10-27~/2025-10-31~")]),
        ("Protests grew last weekend.", SATURDAY, [("last weekend", "2025-10-25~/2025-10-26~")]),
        ("Protests grew last weekend.", date(2025, 11, 3), [("last weekend", "2025-11-01~/2025-11-02~")]),
        ("Protesters rallied over the weekend.", date(2025, 11, 3), [("over the weekend", "2025-11-01~/2025-11-02~")]),
        ("Talks were held last week.", SATURDAY, [("last week", "2025-10-20~/2025-10-26~")]),
        ("Talks resume next week.", SATURDAY, [("next week", "2025-11-03~/2025-11-09~")]),
        # Months at month precision, in the right year.
        ("Lee was elected in June.", SATURDAY, [("in June", "2025-06")]),
        ("in October Lee ordered a crackdown", SATURDAY, [("in October", "2025-10")]),
        ("It was signed in December.", SATURDAY, [("in December", "2024-12")]),
        ("It was signed in November.", SATURDAY, [("in November", "2025-11")]),
        ("It was signed last November.", SATURDAY, [("last November", "2024-11")]),
        ("Talks will resume in May.", SATURDAY, [("in May", "2026-05")]),
        ("He was detained in early March.", SATURDAY, [("in early March", "2025-03")]),
        ("The fighting stopped in mid-October.", SATURDAY, [("in mid-October", "2025-10")]),
        ("It opened in March 2019.", SATURDAY, [("in March 2019", "2019-03")]),
        ("May 2024 was the hottest month.", SATURDAY, [("May 2024", "2024-05")]),
        ("Xi's visit may lead to a thaw.", SATURDAY, []),
        ("Prices rose last month.", SATURDAY, [("last month", "2025-10")]),
        # Years.
        ("after the 2017 deployment of THAAD", SATURDAY, [("the 2017", "2017")]),
        ("It was deployed in 2017.", SATURDAY, [("in 2017", "2017")]),
        ("Exports fell last year.", SATURDAY, [("last year", "2024")]),
        ("Xi's first visit to the U.S. ally in 11 years", SATURDAY, [("in 11 years", "2014~")]),
        ("the first such visit in a decade", SATURDAY, [("in a decade", "2015~")]),
        ("The tunnel will be finished in 11 years.", SATURDAY, []),
        ("The treaty was signed 30 years ago.", SATURDAY, [("30 years ago", "1995~")]),
        ("He left office six months ago.", SATURDAY, [("six months ago", "2025-05~")]),
        ("a 64-year-old protester joined in 1,500 cases", SATURDAY, []),
        # Full dates, and "since" as the start of something still going.
        ("He spoke on October 31, 2025.", SATURDAY, [("on October 31, 2025", "2025-10-31")]),
        ("The vote was on 29 October.", SATURDAY, [("on 29 October", "2025-10-29")]),
        ("On Nov. 3 the vote is due to be held.", SATURDAY, [("On Nov. 3", "2025-11-03")]),
        ("He has been detained since June.", SATURDAY, [("since June", "2025-06/..")]),
        ("The border has been closed since 2014.", SATURDAY, [("since 2014", "2014/..")]),
        ("It began on 2025-10-29.", SATURDAY, [("2025-10-29", "2025-10-29")]),
    ],
)
def test_phrase_dates(sentence, published, expected):
    assert dates(sentence, published) == expected


def test_reasons_say_how_the_date_was_found():
    (phrase,) = find_date_phrases("Xi is due to arrive on Saturday.", THURSDAY)
    assert phrase.reason == "the Saturday on or after the publication date (the sentence is about what is to come)"
    (phrase,) = find_date_phrases("Trump visited earlier this week.", SATURDAY)
    assert phrase.reason == "earlier this week: 27 October 2025 to 31 October 2025, approximately"
    (phrase,) = find_date_phrases("Pyongyang has conducted dozens of tests since 2022.", SATURDAY)
    assert phrase.reason == 'the year as written; "since": from then, still going'


def test_an_undated_fact_is_on_or_before_the_publication_date():
    assert str(on_or_before(SATURDAY)) == "../2025-11-01"
    assert on_or_before(SATURDAY).display() == "before 1 November 2025"


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("It was founded on Feb. 29.", date(2025, 3, 1), [("on Feb. 29", "2024-02-29")]),
        ("Talks resume next week.", date(9999, 12, 31), []),
        ("It ended 30 years ago.", date(5, 1, 1), []),
        ("It ended last month.", date(1, 1, 1), []),
    ],
)
def test_no_date_outside_what_the_format_holds(sentence, published, expected):
    assert dates(sentence, published) == expected
