"""JSONL, JSON arrays and CSV: one Document per record, fields found by column name."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

import msgspec

from storylens.analysis.dates import parse_when
from storylens.ingest.options import (
    AUTHOR_FALLBACKS,
    DATE_FALLBACKS,
    LANGUAGE_FALLBACKS,
    OUTLET_FALLBACKS,
    TEXT_FALLBACKS,
    TITLE_FALLBACKS,
    URL_FALLBACKS,
    ReadOptions,
)
from storylens.model import Document, Origin, RejectCode, Rejected, SourceFormat

_AUTHOR_SEPARATOR = re.compile(r"\s*(?:;|\||&|\band\b)\s*")
_CSV_DELIMITERS = ",;\t|"
# Files are capped by ReadOptions.max_bytes already, so no single field needs a lower limit.
_CSV_FIELD_LIMIT = 2**31 - 1
_JSON_KINDS = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number",
               bool: "a boolean", type(None): "null"}


def _columns(preferred: str, fallbacks: tuple[str, ...]) -> tuple[str, ...]:
    names = [preferred.casefold()]
    names += [name for name in fallbacks if name not in names]
    return tuple(names)


def _value_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, Mapping):  # {"name": "BBC News", "id": "bbc-news"}
        for key in ("name", "title", "value"):
            if isinstance(value.get(key), str):
                return _value_text(value[key])
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _authors(value: Any) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(name for item in value if (name := _value_text(item)))
    text = _value_text(value)
    if text is None:
        return ()
    return tuple(name for name in _AUTHOR_SEPARATOR.split(text) if name)


def _lookup(record: Mapping[str, Any], folded: Mapping[str, str], names: tuple[str, ...]) -> Any:
    for name in names:
        key = folded.get(name)
        if key is not None and record[key] not in (None, ""):
            return record[key]
    return None


def record_document(record: Mapping[str, Any], origin: Origin, options: ReadOptions,
                    where: str) -> Document | Rejected:
    """A Document from one record's mapped columns, or Rejected (NO_TEXT) when no column holds text.

    Args:
        record: column name -> value (names compare case-insensitively).
        origin: where the record was read.
        options: the column mapping.
        where: "line 7" or "row 3", for the reason message.
    """
    folded = {str(key).strip().casefold(): key for key in record}
    text_columns = _columns(options.text_field, TEXT_FALLBACKS)
    text = _value_text(_lookup(record, folded, text_columns))
    if text is None:
        return Rejected(origin=origin, code=RejectCode.NO_TEXT,
                        reason=f"{where}: no article text in column {text_columns[0]!r} "
                               f"(also tried {', '.join(text_columns[1:])})")
    date_value = _lookup(record, folded, _columns(options.date_field, DATE_FALLBACKS))
    published = parse_when(date_value if isinstance(date_value, str | int | float) else None)
    return Document(
        origin=origin,
        text=text,
        title=_value_text(_lookup(record, folded, _columns(options.title_field, TITLE_FALLBACKS))),
        url=_value_text(_lookup(record, folded, _columns(options.url_field, URL_FALLBACKS))),
        outlet=_value_text(_lookup(record, folded, _columns(options.outlet_field, OUTLET_FALLBACKS))),
        published=published,
        authors=_authors(_lookup(record, folded, _columns(options.author_field, AUTHOR_FALLBACKS))),
        language=_value_text(_lookup(record, folded, _columns(options.language_field, LANGUAGE_FALLBACKS))),
    )


def _json_kind(value: Any) -> str:
    return _JSON_KINDS.get(type(value), type(value).__name__)


def _json_record(value: Any, origin: Origin, options: ReadOptions, where: str) -> Document | Rejected:
    if not isinstance(value, dict):
        return Rejected(origin=origin, code=RejectCode.MALFORMED,
                        reason=f"{where}: expected a JSON object, got {_json_kind(value)}")
    return record_document(value, origin, options, where)


def json_line_record(line: str | bytes, number: int, location: str,
                     options: ReadOptions) -> Document | Rejected:
    """The record on line `number` of a JSON Lines file (`line` not blank)."""
    origin = Origin(location=location, format=SourceFormat.JSONL, record=number)
    try:
        value = msgspec.json.decode(line)
    except msgspec.DecodeError as error:
        return Rejected(origin=origin, code=RejectCode.MALFORMED, reason=f"line {number}: invalid JSON: {error}")
    return _json_record(value, origin, options, f"line {number}")


def read_json_records(text: str, location: str, options: ReadOptions) -> Iterator[Document | Rejected]:
    """Records from JSON Lines (one object per line) or from one JSON array of objects.

    A line that is not valid JSON, or not an object, becomes one Rejected (MALFORMED) naming its line;
    the other lines are still read. Blank lines are skipped.
    """
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = msgspec.json.decode(stripped)
        except msgspec.DecodeError:
            items = None  # not one array: perhaps JSON Lines whose first line is an array
        if isinstance(items, list):
            for number, item in enumerate(items, start=1):
                origin = Origin(location=location, format=SourceFormat.JSONL, record=number)
                yield _json_record(item, origin, options, f"item {number}")
            return
    for number, line in enumerate(text.split("\n"), start=1):  # JSON strings may hold U+2028 and the like
        if line.strip():
            yield json_line_record(line, number, location, options)


def _delimiter(text: str, options: ReadOptions, is_tsv: bool) -> str:
    if options.csv_delimiter:
        return options.csv_delimiter
    if is_tsv:
        return "\t"
    # The header names the columns and rarely quotes anything, so the separator it uses most is the one.
    # (csv.Sniffer looks at whole rows and is misled by commas inside quoted text.)
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in _CSV_DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def read_csv_records(text: str, location: str, options: ReadOptions,
                     is_tsv: bool = False) -> Iterator[Document | Rejected]:
    """Records from CSV (or TSV) with a header row; `Origin.record` is the data row number (header = 0).

    The delimiter is `options.csv_delimiter`, tab for .tsv, else the one of `, ; tab |` the header uses most.

    A row with more or fewer fields than the header, or one the csv module cannot parse, becomes one
    Rejected (MALFORMED) naming its row and line; the other rows are still read.
    """
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    delimiter = _delimiter(text, options, is_tsv)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return
    header = [name.strip() for name in header]
    row_number = 0
    while True:
        row_number += 1
        origin = Origin(location=location, format=SourceFormat.CSV, record=row_number)
        line_before = reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Rejected(origin=origin, code=RejectCode.MALFORMED,
                           reason=f"row {row_number} (line {line_before + 1}): {error}")
            if reader.line_num == line_before:
                return  # the reader cannot move past this line
            continue
        if not any(field.strip() for field in row):
            row_number -= 1
            continue
        if len(row) != len(header):
            yield Rejected(origin=origin, code=RejectCode.MALFORMED,
                           reason=f"row {row_number} (line {reader.line_num}): has {len(row)} fields, "
                                  f"the header has {len(header)}")
            continue
        yield record_document(dict(zip(header, row, strict=True)), origin, options, f"row {row_number}")
