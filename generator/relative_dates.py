"""Date phrases in news text ("on Saturday", "in June", "11 years ago") resolved against the publication date.

Each phrase becomes an EventDate at the precision the words give and no finer: a weekday is a day, "in June" a
month, "in 2017" a year; "earlier this week", "last weekend" and "N years ago" are approximate.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

from .article import parse_full_date
from .dates import MONTHS, DatePoint, EventDate

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_OF: dict[str, weekday] = dict(zip(WEEKDAYS, (MO, TU, WE, TH, FR, SA, SU), strict=True))
_MONTH_NAMES = "|".join(MONTHS)
_MONTH_SHORT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
            "fifty": 50}
_COUNT = r"(?P<n>[0-9]{1,3}|" + "|".join(_NUMBERS) + ")"
# Words that put what follows in the future: "is due to visit on Saturday", "will meet in May".
_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are) (?:due|scheduled|expected|set|slated|poised) to|scheduled for|"
                     r"plans? to|planning to|intends? to|aims? to|hopes? to|(?:is|are) to|upcoming|next)\b", re.I)
PAST_FORMS = ("met", "held", "made", "took", "gave", "won", "lost", "began", "fell", "rose", "struck", "sent", "left",
              "came", "went", "brought", "sought", "fought", "built", "spoke", "broke", "chose", "flew", "grew",
              "ran", "saw", "shot", "stood", "threw", "paid", "sold", "became", "beat", "drew", "froze", "hid",
              "kept", "found", "spent", "swept", "withdrew", "stole", "bought", "caught", "sank", "fled", "spread",
              "swore", "tore", "drove", "rode", "led", "oversaw", "overtook", "undertook", "said", "told", "was",
              "were", "had", "did")
"""Irregular verbs in the simple past, as news reports use them."""
# Verbs in the past put what follows in the past again: "Ishiba, who took office in October, is due to ...".
_PAST = re.compile(r"(?<![\w-])(?:[a-z]{2,}ed|" + "|".join(PAST_FORMS) + r")\b")


@dataclass(frozen=True)
class DatePhrase:
    """A phrase in a sentence that dates something, with the date it gives and how it was worked out."""

    text: str
    start: int
    date: EventDate
    reason: str


Rule = Callable[[re.Match, date, bool], tuple[EventDate, str] | None]


def day(when: date, approximate: bool = False) -> EventDate:
    """A day as an EventDate."""
    return EventDate(DatePoint(when.year, when.month, when.day, approximate))


def days(first: date, last: date, approximate: bool = True) -> EventDate:
    """An interval of days, or one day when both ends are the same."""
    if first >= last:
        return day(first, approximate)
    return EventDate(DatePoint(first.year, first.month, first.day, approximate),
                     DatePoint(last.year, last.month, last.day, approximate))


def _since(match: re.Match, found: EventDate) -> EventDate:
    # "since June": from then, still going.
    if match.groupdict().get("prep", "") and match["prep"].strip().lower() == "since":
        return EventDate(found.start, open_end=True)
    return found


def _full_date(match: re.Match, published: date, future: bool) -> tuple[EventDate, str] | None:
    text = re.sub(r"^(?:on|since|from) |(?:" + "|".join(WEEKDAYS) + r"),? ", "", match.group(0), flags=re.I)
    if re.search(r"[0-9]{4}", text):
        found = parse_full_date(text)
        return (_since(match, day(found)), "the date as written") if found else None
    # A day written without its year is the one nearest the publication date (after it, for what is to come).
    leap = parse_full_date(f"{text} 2024")  # a leap year, so that 29 February is a day
    if leap is None:
        return None
    candidates = [found for year in (published.year - 1, published.year, published.year + 1)
                  if (found := _on(year, leap.month, leap.day)) and (found >= published or not future)]
    if not candidates:
        return None
    found = min(candidates, key=lambda when: abs((when - published).days))
    reason = "on or after the publication date" if future else "nearest the publication date"
    return _since(match, day(found)), f"the {text} {reason}"


def _on(year: int, month: int, day_of_month: int) -> date | None:
    try:
        return date(year, month, day_of_month)
    except ValueError:
        return None


def _weekday(match: re.Match, published: date, future: bool) -> tuple[EventDate, str]:
    name, modifier = match["wd"], (match["mod"] or "").strip().lower()
    which = _WEEKDAY_OF[name]
    if modifier == "last":
        return day(published - timedelta(days=1) + relativedelta(weekday=which(-1))), \
            f"the {name} before the publication date"
    if modifier == "next" or future:
        return day(published + relativedelta(weekday=which(+1))), \
            f"the {name} on or after the publication date (the sentence is about what is to come)"
    return day(published + relativedelta(weekday=which(-1))), f"the {name} on or before the publication date"


def _relative_day(match: re.Match, published: date, future: bool) -> tuple[EventDate, str]:
    words = match.group(0).lower()
    offset = {"the day before yesterday": -2, "yesterday": -1, "last night": -1, "tomorrow": 1}.get(words, 0)
    return day(published + timedelta(days=offset)), f"{words!r} counted from the publication date"


def _week(match: re.Match, published: date, future: bool) -> tuple[EventDate, str]:
    which, unit = " ".join(match["which"].lower().split()), match["unit"].lower()
    monday = published + relativedelta(weekday=MO(-1))
    if unit == "weekend":
        saturday = monday + timedelta(days=5)
        if which == "last" or (which in ("this", "over the") and not future and published < saturday):
            saturday -= timedelta(days=7)
        if which == "next":
            saturday += timedelta(days=7)
        return days(saturday, saturday + timedelta(days=1)), \
            f"{which} weekend: {_text(saturday)} to {_text(saturday + timedelta(days=1))}, approximately"
    spans = {
        "earlier this": (monday, published - timedelta(days=1)),
        "later this": (published + timedelta(days=1), monday + timedelta(days=6)),
        "this": (monday, monday + timedelta(days=6)),
        "last": (monday - timedelta(days=7), monday - timedelta(days=1)),
        "past": (published - timedelta(days=7), published - timedelta(days=1)),
        "over the": (published - timedelta(days=7), published - timedelta(days=1)),
        "next": (monday + timedelta(days=7), monday + timedelta(days=13)),
    }
    first, last = spans[which]
    return days(first, last), f"{which} week: {_text(first)} to {_text(last)}, approximately"


def _relative_month(match: re.Match, published: date, future: bool) -> tuple[EventDate, str]:
    which = " ".join(match["which"].lower().split())
    when = published + relativedelta(months={"last": -1, "next": 1}.get(which, 0))
    return EventDate(DatePoint(when.year, when.month)), f"{which} month, counted from the publication date"


def _month(match: re.Match, published: date, future: bool) -> tuple[EventDate, str]:
    month = MONTHS.index(match["month"]) + 1
    if match["year"]:
        return _since(match, EventDate(DatePoint(int(match["year"]), month))), "the month and year as written"
    prep = " ".join((match["prep"] or "").lower().split())
    if prep == "next" or (future and prep != "last"):
        year = published.year + (month < published.month)
        return _since(match, EventDate(DatePoint(year, month))), \
            f"the next {match['month']} on or after the publication date (the sentence is about what is to come)"
    year = published.year - (month > published.month or (prep == "last" and month == published.month))
    return _since(match, EventDate(DatePoint(year, month))), \
        f"the last {match['month']} on or before the publication date"


def _relative_year(match: re.Match, published: date, future: bool) -> tuple[EventDate, str]:
    which = " ".join(match["which"].lower().split())
    year = published.year + {"last": -1, "next": 1}.get(which, 0)
    return EventDate(DatePoint(year)), f"{which} year, counted from the publication date"


def _year(match: re.Match, published: date, future: bool) -> tuple[EventDate, str] | None:
    year = int(match["year"])
    if year > published.year + 50:
        return None
    return _since(match, EventDate(DatePoint(year))), "the year as written"


def _ago(match: re.Match, published: date, future: bool) -> tuple[EventDate, str]:
    count = _count(match["n"])
    unit = match["unit"].lower()
    if unit in ("year", "decade"):
        year = published.year - count * (10 if unit == "decade" else 1)
        return EventDate(DatePoint(year, approximate=True)), \
            f"{match.group(0)!r} counted back from the publication year, approximately"
    if unit == "month":
        when = published - relativedelta(months=count)
        return EventDate(DatePoint(when.year, when.month, approximate=True)), \
            f"{match.group(0)!r} counted back from the publication date, approximately"
    when = published - timedelta(days=count * (7 if unit == "week" else 1))
    return day(when, approximate=unit == "week"), f"{match.group(0)!r} counted back from the publication date"


def _first_in(match: re.Match, published: date, future: bool) -> tuple[EventDate, str] | None:
    # "Xi's first visit in 11 years": the one before was about 11 years ago.
    if not re.search(r"\bfirst\b", match.string[:match.start()], re.I):
        return None
    count = _count(match["n"]) * (10 if match["unit"].lower() == "decade" else 1)
    return EventDate(DatePoint(published.year - count, approximate=True)), \
        f"the first in {match['n']} {match['unit']}s: the one before was about {count} years before publication"


def _text(when: date) -> str:
    return day(when).display()


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[text.lower()]


def _month_either(match: re.Match, published: date, future: bool) -> tuple[EventDate, str]:
    if match["month2"]:
        return EventDate(DatePoint(int(match["year2"]), MONTHS.index(match["month2"]) + 1)), \
            "the month and year as written"
    return _month(match, published, future)


_DAY_NUMBER = r"[0-9]{1,2}(?:st|nd|rd|th)?"
_ANY_MONTH = rf"(?:{_MONTH_NAMES}|{_MONTH_SHORT})"
RULES: list[tuple[re.Pattern, Rule]] = [
    (re.compile(rf"\b(?:(?P<prep>(?i:on|since|from)) )?(?:(?:{'|'.join(WEEKDAYS)}),? )?"
                rf"(?:{_ANY_MONTH} {_DAY_NUMBER}(?:,? [0-9]{{4}})?|{_DAY_NUMBER} {_ANY_MONTH}(?:,? [0-9]{{4}})?)\b"),
     _full_date),
    (re.compile(r"\b(?:(?P<prep>(?i:since|from)) )?[0-9]{4}-[0-9]{2}-[0-9]{2}\b"), _full_date),
    (re.compile(rf"\b(?:(?P<mod>(?i:last|this|next|on|late on|early on|late|early)) )?(?P<wd>{'|'.join(WEEKDAYS)})"
                r"(?:['’]s)?(?: (?i:night|morning|afternoon|evening))?\b"), _weekday),
    (re.compile(r"(?i:\b(?:the day before yesterday|yesterday|today|tonight|last night|this morning|"
                r"this afternoon|this evening|tomorrow)\b)"), _relative_day),
    (re.compile(r"(?i:\b(?P<which>earlier this|later this|this|last|next|past|over the) (?P<unit>week|weekend)\b)"),
     _week),
    (re.compile(r"(?i:\b(?P<which>earlier this|later this|this|last|next) month\b)"), _relative_month),
    (re.compile(rf"\b(?:(?P<prep>(?i:in|since|from|during|last|next|this|earlier this|later this|early|late|mid|"
                rf"the end of|end of|the start of|start of|the beginning of|beginning of))[ -]+)"
                rf"(?:(?i:early|late|mid)[ -]+)?(?P<month>{_MONTH_NAMES})(?:,? (?P<year>[0-9]{{4}}))?\b"
                rf"|\b(?P<month2>{_MONTH_NAMES}) (?P<year2>[0-9]{{4}})\b"), _month_either),
    (re.compile(r"(?i:\b(?P<which>earlier this|later this|this|last|next) year\b)"), _relative_year),
    (re.compile(r"\b(?:(?P<prep>(?i:in|since|from|during|the|of|early|late|mid|before|after|the end of|"
                r"the start of|the summer of|the spring of|the autumn of|the fall of|the winter of))[ -]+)"
                r"(?P<year>1[5-9][0-9]{2}|20[0-9]{2})\b(?![-–/][0-9])(?![,.][0-9])"), _year),
    (re.compile(rf"(?i:\b{_COUNT} (?P<unit>year|month|week|day|decade)s? ago\b)"), _ago),
    (re.compile(rf"(?i:\b(?:in|for) (?:more than |over |nearly |almost |about )?{_COUNT} (?P<unit>year|decade)s?\b)"),
     _first_in),
]


def find_date_phrases(sentence: str, published: date) -> list[DatePhrase]:
    """Every phrase in the sentence that dates something, in the order they appear, overlaps resolved longest first."""
    found: list[tuple[int, int, re.Match, Rule]] = []
    for pattern, rule in RULES:
        for match in pattern.finditer(sentence):
            found.append((match.start(), match.end(), match, rule))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    phrases: list[DatePhrase] = []
    taken_until = -1
    for start, end, match, rule in found:
        if start < taken_until:
            continue
        try:
            resolved = rule(match, published, _is_future(sentence, start))
            if resolved:
                EventDate.parse(str(resolved[0]))
        except (ValueError, OverflowError):
            # Counted past the year 1 or 9999: no date the format can hold.
            resolved = None
        if resolved:
            when, reason = resolved
            if when.open_end:
                reason += '; "since": from then, still going'
            phrases.append(DatePhrase(match.group(0), start, when, reason))
            taken_until = end
    return phrases


def _is_future(sentence: str, at: int) -> bool:
    """Whether the last word before position `at` that sets a tense points to the future."""
    before = sentence[:at]
    future = [match.end() for match in _FUTURE.finditer(before)]
    past = [match.end() for match in _PAST.finditer(before)]
    return bool(future) and (not past or future[-1] > past[-1])


def on_or_before(published: date) -> EventDate:
    """The date of a fact a report mentions without dating it: on or before the report's date."""
    return EventDate(None, DatePoint(published.year, published.month, published.day))
