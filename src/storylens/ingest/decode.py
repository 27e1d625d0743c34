"""From a file's bytes to text: the size cap, gzip, binary content and character encodings."""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from storylens.model import RejectCode

GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 65_536
_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)
# charset_normalizer's guess is used only when the decoded text looks clean and like some language.
_MAX_CHAOS = 0.1
_MIN_COHERENCE = 0.05


@dataclass(frozen=True, slots=True)
class Problem:
    """Why bytes could not become text; the reader turns it into a Rejected."""

    code: RejectCode
    reason: str


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


def _gunzip(data: bytes, max_bytes: int) -> bytes | Problem:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            # Read one byte past the cap, never the whole stream: a small gzip file can expand enormously.
            inflated = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        return Problem(RejectCode.UNREADABLE, f"not a valid gzip stream: {error}")
    if len(inflated) > max_bytes:
        return Problem(RejectCode.TOO_LARGE,
                       f"gzip content decompresses to more than the {_mib(max_bytes)} limit "
                       f"({_mib(len(data))} compressed)")
    return inflated


def read_bytes(path: Path, max_bytes: int) -> bytes | Problem:
    """The file's content, decompressed when it is gzip, or why it cannot be read.

    The size is checked before reading; gzip content is inflated only up to `max_bytes`.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Problem(RejectCode.TOO_LARGE, f"file is {_mib(size)} ({size} bytes), over the "
                                                 f"{_mib(max_bytes)} limit")
        data = path.read_bytes()
    except OSError as error:
        return Problem(RejectCode.UNREADABLE, f"cannot read the file: {error.strerror or error}")
    if data.startswith(GZIP_MAGIC):
        return _gunzip(data, max_bytes)
    return data


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:_SNIFF_BYTES]
    first_nul = head.find(b"\x00")
    if first_nul >= 0:
        return f"data with NUL bytes (first at byte {first_nul})"
    return None


def decode_text(data: bytes) -> str | Problem:
    """Text from bytes: a byte-order mark wins, then UTF-8, then a confident charset guess.

    Returns:
        The decoded text, or a Problem: EMPTY (nothing but white space), BINARY (NUL bytes or the
        signature of a non-text format) or UNDECODABLE.
    """
    if not data.strip():
        return Problem(RejectCode.EMPTY, "file is empty" if not data else "file holds only white space")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                reason = f"starts with a {encoding} byte-order mark but is not valid {encoding}: {error}"
                return Problem(RejectCode.UNDECODABLE, reason)
            return text if text.strip() else Problem(RejectCode.EMPTY, "file holds only white space")
    kind = _binary_kind(data)
    if kind is not None:
        return Problem(RejectCode.BINARY, f"binary content ({kind}), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = f"invalid UTF-8 byte 0x{data[error.start]:02x} at offset {error.start}"
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is not None and best.chaos <= _MAX_CHAOS and best.coherence >= _MIN_COHERENCE:
        # Among guesses that fit equally well, cp1252 is by far the most common on the web.
        tied = [match for match in matches if match.chaos <= best.chaos and match.coherence >= best.coherence]
        chosen = next((match for match in tied if match.encoding == "cp1252"), best)
        return str(chosen)
    return Problem(RejectCode.UNDECODABLE,
                   f"not text in a known encoding: {utf8_error}, and no other encoding fits with confidence")


def read_text(path: Path, max_bytes: int) -> str | Problem:
    """The file's text (`read_bytes`, then `decode_text`), or why it has none."""
    content = read_bytes(path, max_bytes)
    return decode_text(content) if isinstance(content, bytes) else content
