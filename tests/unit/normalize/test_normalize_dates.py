"""analysis.dates: full dates in prose, and metadata times."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from storylens.analysis.dates import StatedDate, find_dates, parse_when


def test_find_dates_in_common_forms() -> None:
    text = "On December 10, 2016 and 10 December 2016, Dec. 10, 2016 or 2016-12-10; also 3rd March 2025."
    assert [(item.text, item.value) for item in find_dates(text)] == [
        ("December 10, 2016", date(2016, 12, 10)),
        ("10 December 2016", date(2016, 12, 10)),
        ("Dec. 10, 2016", date(2016, 12, 10)),
        ("2016-12-10", date(2016, 12, 10)),
        ("3rd March 2025", date(2025, 3, 3)),
    ]


def test_find_dates_spans_point_into_the_text() -> None:
    text = "Paris, France, December 10, 2016. REUTERS"
    assert find_dates(text) == [StatedDate(span=(15, 32), value=date(2016, 12, 10), text="December 10, 2016")]


@pytest.mark.parametrize("text", ["March 3", "10/12/2016", "10.12.2016", "February 30, 2016", "in Dec. 2015"])
def test_find_dates_skips_partial_ambiguous_and_impossible_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(("value", "expected"), [
    ("2016-12-10", datetime(2016, 12, 10, tzinfo=UTC)),
    ("2016-12-10T09:30:00+01:00", datetime(2016, 12, 10, 8, 30, tzinfo=UTC)),
    ("2016-12-10T09:30:00Z", datetime(2016, 12, 10, 9, 30, tzinfo=UTC)),
    ("2016-12-10 09:30:00", datetime(2016, 12, 10, 9, 30, tzinfo=UTC)),
    ("2016-12-10 09:30:00 UTC", datetime(2016, 12, 10, 9, 30, tzinfo=UTC)),
    ("Sat, 10 Dec 2016 09:30:00 GMT", datetime(2016, 12, 10, 9, 30, tzinfo=UTC)),
    ("Sat, 10 Dec 2016 10:30:00 +0100", datetime(2016, 12, 10, 9, 30, tzinfo=UTC)),
    ("1481362200", datetime(2016, 12, 10, 9, 30, tzinfo=UTC)),
    ("1481362200000", datetime(2016, 12, 10, 9, 30, tzinfo=UTC)),
    (1481362200000, datetime(2016, 12, 10, 9, 30, tzinfo=UTC)),
    ("December 10, 2016", datetime(2016, 12, 10, tzinfo=UTC)),
    ("yesterday", None),
    ("", None),
    (None, None),
])
def test_parse_when(value: str | int | None, expected: datetime | None) -> None:
    assert parse_when(value) == expected
