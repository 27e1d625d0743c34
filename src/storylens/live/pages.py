"""One web page in, one Document (or the reason there is none) out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Protocol

from storylens.ingest.decode import Problem
from storylens.ingest.fetch import HTML_TYPES, FailureKind, Fetched, FetchFailure, decode_page
from storylens.ingest.html import extract_html
from storylens.model import Document, Origin, RejectCode, Rejected, SourceFormat

_REJECT_CODES = {
    FailureKind.TOO_LARGE: RejectCode.TOO_LARGE,
    FailureKind.BAD_TYPE: RejectCode.UNSUPPORTED,
    FailureKind.BAD_URL: RejectCode.MALFORMED,
}


class UrlFetcher(Protocol):
    """What the watcher needs from a fetcher (`storylens.ingest.fetch.Fetcher` is one)."""

    def fetch(self, url: str, *, accept: frozenset[str], headers: dict[str, str] | None = None,
              ) -> Fetched | FetchFailure: ...


def failure_as_rejected(failure: FetchFailure, source_format: SourceFormat = SourceFormat.HTML) -> Rejected:
    """A fetch failure as a counted rejection naming the URL."""
    code = _REJECT_CODES.get(failure.kind, RejectCode.UNREADABLE)
    return Rejected(origin=Origin(location=failure.url, format=source_format), code=code,
                    reason=f"cannot fetch ({failure.kind}): {failure.reason}")


def read_page(url: str, fetcher: UrlFetcher, *, source_format: SourceFormat = SourceFormat.HTML,
              title: str | None = None, published: datetime | None = None,
              ) -> Document | Rejected | FetchFailure:
    """Fetch an HTML page and extract its article.

    Args:
        url: the page.
        fetcher: does the (safe) fetching.
        source_format: recorded in the Document's origin (FEED for pages a feed listed).
        title: used when the page states none (a feed entry's title).
        published: used when the page states no date (a feed entry's date).

    Returns:
        The Document; Rejected when the page can never give one (not HTML, too large, 404, no main text);
        the FetchFailure when trying again later may work (timeouts, network errors, 5xx, 429).
    """
    fetched = fetcher.fetch(url, accept=HTML_TYPES)
    if isinstance(fetched, FetchFailure):
        return fetched if fetched.is_transient else failure_as_rejected(fetched, source_format)
    origin = Origin(location=url, format=source_format)
    text = decode_page(fetched.body, fetched.charset)
    if isinstance(text, Problem):
        return Rejected(origin=origin, code=text.code, reason=text.reason)
    document = extract_html(text, origin)
    if isinstance(document, Rejected):
        return document
    return Document(origin=origin, text=document.text, title=document.title or title,
                    url=document.url or fetched.url, outlet=document.outlet,
                    published=document.published or published, authors=document.authors,
                    language=document.language)


def read_pages(urls: Iterable[str], fetcher: UrlFetcher) -> Iterator[Document | Rejected]:
    """Documents from pages named on the command line; every failure, even a passing one, is Rejected."""
    for url in urls:
        outcome = read_page(url, fetcher)
        yield failure_as_rejected(outcome) if isinstance(outcome, FetchFailure) else outcome
