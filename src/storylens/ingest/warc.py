"""WARC archives (Common Crawl News and the like): HTML responses in, Documents out, one record at a time.

The archive is streamed; only one record's body (up to the size cap) is in memory at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storylens.ingest.decode import Problem
from storylens.ingest.fetch import HTML_TYPES, decode_page
from storylens.ingest.html import extract_html
from storylens.ingest.options import ReadOptions
from storylens.model import Document, Origin, RejectCode, Rejected, SourceFormat


def _media_type(record: Any) -> tuple[str, str | None]:
    headers = record.http_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    kind, _, rest = (value or "").partition(";")
    charset = None
    for parameter in rest.split(";"):
        name, _, raw = parameter.partition("=")
        if name.strip().lower() == "charset" and raw.strip():
            charset = raw.strip().strip("\"'")
    return kind.strip().lower(), charset


def _read_record(record: Any, origin: Origin, max_bytes: int) -> Document | Rejected:
    status = record.http_headers.get_statuscode() if record.http_headers is not None else None
    if status != "200":
        return Rejected(origin=origin, code=RejectCode.UNSUPPORTED,
                        reason=f"the archived response has HTTP status {status}, not 200")
    kind, charset = _media_type(record)
    if kind not in HTML_TYPES:
        return Rejected(origin=origin, code=RejectCode.UNSUPPORTED,
                        reason=f"the archived response is {kind or 'of no stated type'}, not HTML")
    content = record.content_stream().read(max_bytes + 1)
    if len(content) > max_bytes:
        return Rejected(origin=origin, code=RejectCode.TOO_LARGE,
                        reason=f"the archived page is over the {max_bytes} byte limit")
    text = decode_page(content, charset)
    if isinstance(text, Problem):
        return Rejected(origin=origin, code=text.code, reason=text.reason)
    document = extract_html(text, origin)
    if isinstance(document, Document) and document.url is None:
        target = record.rec_headers.get_header("WARC-Target-URI")
        return Document(origin=document.origin, text=document.text, title=document.title, url=target,
                        outlet=document.outlet, published=document.published, authors=document.authors,
                        language=document.language)
    return document


def read_warc(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[Document | Rejected]:  # noqa: B008
    """Documents from the HTML responses of a WARC or WARC.gz file, streamed record by record.

    Request, metadata and warcinfo records are passed over. A response that is not a 200 HTML page is
    Rejected (UNSUPPORTED), as is a page over `options.max_bytes` (TOO_LARGE). Origins name the file and the
    record's position among all records. A damaged archive ends with one Rejected (UNREADABLE).
    """
    location = str(path)
    number = -1
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream)):
                if record.rec_type != "response":
                    continue
                origin = Origin(location=location, format=SourceFormat.WARC, record=number)
                yield _read_record(record, origin, options.max_bytes)
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as error:
        yield Rejected(origin=Origin(location=location, format=SourceFormat.WARC, record=number + 1),
                       code=RejectCode.UNREADABLE, reason=f"the archive cannot be read further: {error}")
