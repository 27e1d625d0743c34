"""Read one file into Documents: detect its format, check it, decode it and parse it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from storylens.errors import IngestError
from storylens.ingest.decode import Problem, read_text
from storylens.ingest.html import extract_html
from storylens.ingest.jsonlines import read_json_lines
from storylens.ingest.options import ReadOptions
from storylens.ingest.records import read_csv_records, read_json_records
from storylens.ingest.text import parse_plain_text
from storylens.ingest.warc import read_warc
from storylens.model import Document, Origin, Rejected, SourceFormat

_EXTENSIONS = {
    ".txt": SourceFormat.TEXT,
    ".text": SourceFormat.TEXT,
    ".html": SourceFormat.HTML,
    ".htm": SourceFormat.HTML,
    ".xhtml": SourceFormat.HTML,
    ".jsonl": SourceFormat.JSONL,
    ".ndjson": SourceFormat.JSONL,
    ".json": SourceFormat.JSONL,
    ".csv": SourceFormat.CSV,
    ".tsv": SourceFormat.CSV,
    ".warc": SourceFormat.WARC,
}
_JSON_LINES = (".jsonl", ".ndjson")
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<!--)", re.IGNORECASE)
_HTML_TAG = re.compile(r"<(?:p|div|article|title|h1|body)[\s>]", re.IGNORECASE)
_JSON_START = re.compile(r"\s*[{\[]")
_SNIFF_CHARS = 4096


def _inner_suffix(path: Path) -> str:
    """The extension that names the format: "a.jsonl.gz" -> ".jsonl"."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def format_from_name(path: Path) -> SourceFormat | None:
    """The format an extension names (".gz" looked through), or None when the extension is unknown."""
    return _EXTENSIONS.get(_inner_suffix(path))


def sniff_format(text: str) -> SourceFormat:
    """The format of text whose file name says nothing: HTML, JSON (Lines) or plain text."""
    head = text[:_SNIFF_CHARS]
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 2:
        return SourceFormat.HTML
    if _JSON_START.match(head):
        return SourceFormat.JSONL
    return SourceFormat.TEXT


def read_path(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[Document | Rejected]:  # noqa: B008
    """Read one file into Documents, and anything that cannot be read into Rejected records.

    The format comes from the extension (.txt/.text, .html/.htm, .jsonl/.ndjson/.json, .csv/.tsv, .warc, and
    .gz of each), or from the content when the extension is unknown. A whole-file problem (too large, binary,
    empty, undecodable, unreadable) gives one Rejected; in JSONL and CSV each bad record gives one Rejected
    and the good records are still read. WARC and JSON Lines files are streamed, the size cap applying to
    each record. Bad input never raises.

    Args:
        path: a file.
        options: size cap and column mapping.

    Raises:
        IngestError: `path` does not exist.
    """
    if not path.exists():
        raise IngestError("no such file", subject=str(path),
                          fix="check the path, or quote it if it contains spaces")
    location = str(path)
    named = format_from_name(path)
    if named is SourceFormat.WARC:  # streamed record by record: the size cap applies to each record
        yield from read_warc(path, options)
        return
    if _inner_suffix(path) in _JSON_LINES:  # streamed line by line: the size cap applies to each line
        yield from read_json_lines(path, options)
        return
    text = read_text(path, options.max_bytes)
    if isinstance(text, Problem):
        yield Rejected(origin=Origin(location=location, format=named or SourceFormat.TEXT),
                       code=text.code, reason=text.reason)
        return
    source_format = named or sniff_format(text)
    if source_format is SourceFormat.JSONL:
        yield from read_json_records(text, location, options)
    elif source_format is SourceFormat.CSV:
        yield from read_csv_records(text, location, options, is_tsv=_inner_suffix(path) == ".tsv")
    elif source_format is SourceFormat.HTML:
        yield extract_html(text, Origin(location=location, format=SourceFormat.HTML))
    else:
        yield parse_plain_text(text, Origin(location=location, format=SourceFormat.TEXT))
