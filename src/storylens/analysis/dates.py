"""Dates written in text, and dates found in metadata.

`find_dates` finds full calendar dates (day, month and year) in English prose: "December 10, 2016",
"10 December 2016", "Dec. 10, 2016", "2016-12-10". Numeric forms such as "10.12.2016" or "12/10/2016" are left
out on purpose: day and month cannot be told apart. `parse_when` reads a column or meta-tag value (ISO 8601,
RFC 2822, epoch seconds or milliseconds, or a written date) into a UTC-aware datetime.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|2\d)\d\d)"
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")
_DAY_FIRST = re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")
_ISO_DATE = re.compile(r"(?<![\d-])(?P<year>(?:1[89]|2\d)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d])")
_UTC_SUFFIX = re.compile(r"\s*(?:UTC|GMT)$")
_EPOCH = re.compile(r"-?\d{1,14}(?:\.\d+)?")
# Epoch values at or above this are milliseconds: 1e11 seconds is the year 5138.
_EPOCH_MS_FLOOR = 100_000_000_000


@dataclass(frozen=True, slots=True, kw_only=True)
class StatedDate:
    """A full date written in a text: where it is, what it says, and the date it means."""

    span: tuple[int, int]
    value: date
    text: str


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name.rstrip(".").lower()]


def _stated(match: re.Match[str], month: int) -> StatedDate | None:
    try:
        value = date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:  # "February 30, 2016" is not a date
        return None
    return StatedDate(span=match.span(), value=value, text=match.group(0))


def find_dates(text: str) -> list[StatedDate]:
    """Every full date written in `text`, in order of appearance, without overlaps.

    Args:
        text: any prose.

    Returns:
        One StatedDate per date: "December 10, 2016", "10 December 2016", "Dec. 10, 2016", "2016-12-10".
        Dates without a year ("March 3") and ambiguous numeric forms ("10/12/2016") are not returned.
    """
    found: list[StatedDate] = []
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        for match in pattern.finditer(text):
            stated = _stated(match, _month_number(match.group("month")))
            if stated is not None:
                found.append(stated)
    for match in _ISO_DATE.finditer(text):
        stated = _stated(match, int(match.group("month")))
        if stated is not None:
            found.append(stated)
    found.sort(key=lambda item: (item.span[0], -item.span[1]))
    kept: list[StatedDate] = []
    for item in found:
        if not kept or item.span[0] >= kept[-1].span[1]:
            kept.append(item)
    return kept


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _from_epoch(number: float) -> datetime | None:
    seconds = number / 1000 if abs(number) >= _EPOCH_MS_FLOOR else number
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def parse_when(value: str | float | None) -> datetime | None:
    """A publication time from metadata, as a UTC-aware datetime; None when it cannot be read.

    Args:
        value: ISO 8601 ("2016-12-10", "2016-12-10T09:30:00+01:00", "…Z"), RFC 2822
            ("Sat, 10 Dec 2016 09:30:00 GMT"), epoch seconds or milliseconds (1481362200, 1481362200000),
            or a written date ("December 10, 2016"). A time without a zone is taken as UTC.

    Returns:
        The time in UTC, or None.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    text = value.strip()
    if not text:
        return None
    if _EPOCH.fullmatch(text):
        return _from_epoch(float(text))
    try:
        return _as_utc(datetime.fromisoformat(_UTC_SUFFIX.sub("+00:00", text)))
    except ValueError:
        pass
    try:
        return _as_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    written = find_dates(text)
    if len(written) == 1:
        day = written[0].value
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    return None
