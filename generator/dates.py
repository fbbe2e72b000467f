"""Event dates: a subset of EDTF (ISO 8601-2), kept at the precision they were written with.

The forms: a day (2025-06-03), a month (2025-06) or a year (2025), each optionally approximate (~); an
interval START/END; `../END`, on or before END (an undated fact a report mentions); `START/..`, since START.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .problems import excerpt

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

_POINT = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<approx>~)?")
OPEN = ".."
"""The open end of an interval in EDTF: `../END` (on or before END), `START/..` (from START, still going)."""
EXPECTED = ("a date such as 2025-06-03, 2025-06 or 2025, optionally ending in ~, an interval START/END, "
            "../END (on or before END) or START/.. (since START)")


class DateError(ValueError):
    """A date that does not follow the format, or names a day that does not exist."""


@dataclass(frozen=True, slots=True, order=True)
class DatePoint:
    """One date at year, month or day precision, possibly approximate."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    @classmethod
    def parse(cls, text: str) -> DatePoint:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, each with an optional trailing `~`."""
        match = _POINT.fullmatch(text)
        if not match:
            raise DateError(f"expected {EXPECTED}, got {excerpt(text)}")
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if year == 0:
            raise DateError(f"expected a year from 0001, got {excerpt(text)}")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"expected a month from 01 to 12, got {excerpt(text)}")
        if day is not None and month is not None:  # the pattern only gives a day with a month
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateError(f"expected a day from 01 to {last:02d} for {MONTHS[month - 1]} {year}, "
                                f"got {excerpt(text)}")
        return cls(year, month, day, bool(match["approx"]))

    @property
    def precision(self) -> str:
        """`year`, `month` or `day`."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def earliest(self) -> date:
        """The first calendar day the point covers."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        """The last calendar day the point covers."""
        # Counted within the point rather than as "the next one, less a day", which overflows in 9999.
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    @property
    def exact_text(self) -> str:
        """The point as written, without the approximate mark: the date prefix of an event id."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.exact_text + ("~" if self.approximate else "")

    def display(self, *, year: bool = True, month: bool = True) -> str:
        """Human text at the point's own precision: `3 June 2025`, `June 2025`, `2025`."""
        parts = []
        if self.day:
            parts.append(str(self.day))
        if self.month and (month or not self.day):
            parts.append(MONTHS[self.month - 1])
        if year or not self.month:
            parts.append(str(self.year))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class EventDate:
    """A point; an interval START/END, START before END; `../END`, on or before END; `START/..`, since START."""

    start: DatePoint | None
    """Where the date starts; None for `../END` (how an undated fact in a report is written: `../<its date>`)."""
    end: DatePoint | None = None
    """Where an interval ends; None for a point and for `START/..`."""
    open_end: bool = False
    """Whether the date is `START/..`: from START, still going."""

    def __post_init__(self) -> None:
        if self.start is None and (self.end is None or self.open_end):
            raise DateError("expected a known start or a known end, got neither")
        if self.open_end and self.end is not None:
            raise DateError("expected an open end or an end, got both")

    @classmethod
    def parse(cls, text: str) -> EventDate:
        """Read a date in one of the forms above; raise DateError with what was expected."""
        if not isinstance(text, str):
            raise DateError(f"expected {EXPECTED}, got {excerpt(text)}")
        if "/" not in text:
            return cls(DatePoint.parse(text))
        first, _, second = text.partition("/")
        if first == OPEN and _POINT.fullmatch(second):
            return cls(None, DatePoint.parse(second))
        if second == OPEN and _POINT.fullmatch(first):
            return cls(DatePoint.parse(first), open_end=True)
        if not (_POINT.fullmatch(first) and _POINT.fullmatch(second)):
            # Name the whole interval: `2025-06-03/` would otherwise be reported as got ''.
            raise DateError(f"expected {EXPECTED}, got {excerpt(text)}")
        start, end = DatePoint.parse(first), DatePoint.parse(second)
        if end.earliest <= start.earliest or end.latest <= start.latest:
            raise DateError(f"expected the end of the interval to come after its start, got {excerpt(text)}")
        return cls(start, end)

    @property
    def anchor(self) -> DatePoint:
        """The point the date sorts and is filed by: its start, or END for `../END`."""
        return self.start if self.start is not None else self.end  # type: ignore[return-value]

    @property
    def sort_key(self) -> tuple[date, date]:
        """Where the date starts, then where it ends: `../END` sorts as END, `START/..` as START."""
        anchor = self.anchor
        return (anchor.earliest, (self.end or anchor).latest)

    @property
    def year(self) -> int:
        """The year of the anchor: the folder an event lives in (END's year for `../END`)."""
        return self.anchor.year

    @property
    def prefix(self) -> str:
        """The date prefix of an event id: the anchor as written, without `~`; END for `../END` (`2025-11-01-...`)."""
        return self.anchor.exact_text

    @property
    def approximate(self) -> bool:
        """Whether any known end of the date is approximate."""
        return any(point.approximate for point in (self.start, self.end) if point is not None)

    def __str__(self) -> str:
        if self.start is None:
            return f"{OPEN}/{self.end}"
        if self.open_end:
            return f"{self.start}/{OPEN}"
        return f"{self.start}/{self.end}" if self.end else str(self.start)

    def display(self) -> str:
        """Reader-facing text: `3 June 2025`, `c. October 2025`, `before 1 November 2025`, `since June 2025`."""
        start, end = self.start, self.end
        if start is None:
            return "before " + _approximately(self.anchor)
        if self.open_end:
            return "since " + _approximately(start)
        if end is None:
            return _approximately(start)
        same_year = start.year == end.year and start.precision == end.precision
        same_month = same_year and start.month == end.month and start.day is not None
        left = start.display(year=not same_year, month=not same_month)
        right = end.display()
        both = start.approximate and end.approximate
        if not both:
            left = ("c. " if start.approximate else "") + left
            right = ("c. " if end.approximate else "") + right
        joint = "–" if same_month or start.precision == end.precision == "year" else " – "
        return ("c. " if both else "") + left + joint + right


def _approximately(point: DatePoint) -> str:
    return ("c. " if point.approximate else "") + point.display()
