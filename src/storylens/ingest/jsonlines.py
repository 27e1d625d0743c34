"""JSON Lines files (.jsonl, .ndjson, and .gz of each) streamed a line at a time.

A corpus dump can be gigabytes: only one line is in memory at once, and the size cap applies to each
line rather than to the file. A file that opens with a JSON array or a UTF-16/32 byte-order mark is read
whole instead (under the file cap), as other formats are.
"""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path

from storylens.ingest.decode import GZIP_MAGIC, Problem, decode_text, read_text
from storylens.ingest.options import ReadOptions
from storylens.ingest.records import json_line_record, read_json_records
from storylens.model import Document, Origin, RejectCode, Rejected, SourceFormat

_SNIFF_BYTES = 65_536
_SKIP_CHUNK = 1 << 20
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _open(path: Path) -> io.BufferedIOBase:
    with path.open("rb") as raw:
        is_gzip = raw.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    return gzip.open(path, "rb") if is_gzip else path.open("rb")


def _lines(handle: io.BufferedIOBase, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of `handle`; None for a line longer than `max_bytes`, which is skipped unread."""
    while line := handle.readline(max_bytes + 1):
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := handle.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def _whole_file(path: Path, options: ReadOptions, whole: Origin) -> Iterator[Document | Rejected]:
    text = read_text(path, options.max_bytes)
    if isinstance(text, Problem):
        yield Rejected(origin=whole, code=text.code, reason=text.reason)
        return
    yield from read_json_records(text, str(path), options)


def _line_text(line: bytes) -> str | Problem:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return decode_text(line)  # a legacy encoding, guessed as for a whole file


def read_json_lines(path: Path, options: ReadOptions) -> Iterator[Document | Rejected]:
    """Records of a JSON Lines file, one line at a time; bad input never raises.

    A line that is over the size cap, not text, not valid JSON or not an object becomes one Rejected naming
    its line, and the next line is read. The whole file is rejected when it is binary, holds nothing but
    white space, or cannot be read (a corrupt gzip stream ends the file where it breaks, after the lines
    read before it).
    """
    location = str(path)
    whole = Origin(location=location, format=SourceFormat.JSONL)
    number = 0
    blank = True
    try:
        with _open(path) as handle:
            head = handle.read(_SNIFF_BYTES)
        if head.lstrip().startswith(b"[") or head.startswith(_WIDE_BOMS):
            yield from _whole_file(path, options, whole)
            return
        sniffed = decode_text(head)
        if isinstance(sniffed, Problem) and sniffed.code is RejectCode.BINARY:
            yield Rejected(origin=whole, code=sniffed.code, reason=sniffed.reason)
            return
        with _open(path) as handle:
            for number, line in enumerate(_lines(handle, options.max_bytes), start=1):
                origin = Origin(location=location, format=SourceFormat.JSONL, record=number)
                if line is None:
                    blank = False
                    yield Rejected(origin=origin, code=RejectCode.TOO_LARGE,
                                   reason=f"line {number} is over the {options.max_bytes} byte limit")
                    continue
                if not line.strip():
                    continue
                blank = False
                text = _line_text(line.removeprefix(codecs.BOM_UTF8) if number == 1 else line)
                if isinstance(text, Problem):
                    yield Rejected(origin=origin, code=text.code, reason=f"line {number}: {text.reason}")
                    continue
                yield json_line_record(text, number, location, options)
    except (OSError, EOFError, zlib.error) as error:
        yield Rejected(origin=whole, code=RejectCode.UNREADABLE,
                       reason=f"cannot read the file past line {number}: {error}")
        return
    if blank:
        yield Rejected(origin=whole, code=RejectCode.EMPTY,
                       reason="file is empty" if number == 0 else "file holds only white space")
