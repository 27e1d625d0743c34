"""Request parameters the API and the reader share: dates in query strings, and the app's store."""

from __future__ import annotations

from datetime import UTC, datetime, time

from fastapi import Request

from storylens.serve.errors import InvalidParameterError
from storylens.store import Store


def parse_time(value: str | None, name: str, *, is_end: bool = False) -> datetime | None:
    """An ISO 8601 date or time from a query parameter; a bare date spans its whole (UTC) day.

    Raises:
        InvalidParameterError: the value is not a date.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as error:
        raise InvalidParameterError(f"{name} is not a date", subject=value,
                                    fix="give YYYY-MM-DD or an ISO 8601 time") from error
    if len(text) == 10 and is_end:  # "2016-12-10" as an upper bound means the end of that day
        parsed = datetime.combine(parsed.date(), time.max)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store
