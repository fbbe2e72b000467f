"""Event dates: the EDTF subset of DESIGN.md, kept at the precision they were written with."""

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
EXPECTED = "a date such as 2025-06-03, 2025-06 or 2025, optionally ending in ~, or an interval START/END"


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
        if day is not None:
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
    """A point, or an interval START/END with START before END."""

    start: DatePoint
    end: DatePoint | None = None

    @classmethod
    def parse(cls, text: str) -> EventDate:
        """Read a date in one of the DESIGN.md forms; raise DateError with what was expected."""
        if not isinstance(text, str):
            raise DateError(f"expected {EXPECTED}, got {excerpt(text)}")
        if "/" not in text:
            return cls(DatePoint.parse(text))
        first, _, second = text.partition("/")
        if not (_POINT.fullmatch(first) and _POINT.fullmatch(second)):
            # Name the whole interval: `2025-06-03/` would otherwise be reported as got ''.
            raise DateError(f"expected {EXPECTED}, got {excerpt(text)}")
        start, end = DatePoint.parse(first), DatePoint.parse(second)
        if end.earliest <= start.earliest or end.latest <= start.latest:
            raise DateError(f"expected the end of the interval to come after its start, got {excerpt(text)}")
        return cls(start, end)

    @property
    def sort_key(self) -> tuple[date, date]:
        """Events sort by where they start, then by where they end."""
        return (self.start.earliest, (self.end or self.start).latest)

    @property
    def year(self) -> int:
        """The start year: the folder an event lives in."""
        return self.start.year

    @property
    def prefix(self) -> str:
        """The date prefix of an event id: the start as written, without `~`."""
        return self.start.exact_text

    @property
    def approximate(self) -> bool:
        """Whether any end of the date is approximate."""
        return self.start.approximate or bool(self.end and self.end.approximate)

    def __str__(self) -> str:
        return f"{self.start}/{self.end}" if self.end else str(self.start)

    def display(self) -> str:
        """Reader-facing text: `3 June 2025`, `c. October 2025`, `31 October – 1 November 2025`."""
        start, end = self.start, self.end
        if end is None:
            return ("c. " if start.approximate else "") + start.display()
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
