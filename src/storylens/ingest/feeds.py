"""RSS and Atom feeds: bytes we fetched ourselves in, the items they list out.

Feeds are hostile input. Entity declarations are refused before any parser sees the bytes (no entity
expansion, no external entities), entries are capped in number and size, and a feed that is not well-formed
XML is an error for that feed, never an exception.
"""

from __future__ import annotations

import re
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import feedparser

from storylens.model import RejectCode

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedParams:
    """Limits on what one feed may hand us.

    Attributes:
        max_entries: entries after this many are ignored (counted as skipped).
        max_entry_chars: an entry whose text (title, summary, content) is longer is skipped.
        max_url_chars: an entry whose link or id is longer is skipped.
    """

    max_entries: int = 500
    max_entry_chars: int = 500_000
    max_url_chars: int = 2048


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedItem:
    """One entry of a feed: the page it links to, and what the feed says about it."""

    key: str  # the entry's id (guid), else its link: what "already seen" is decided by
    url: str
    title: str | None = None
    published: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedFeed:
    title: str | None
    items: tuple[FeedItem, ...]
    skipped: int = 0  # entries without a usable link, too large, or past the cap


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedProblem:
    """Why a feed could not be read."""

    code: RejectCode
    reason: str


def declares_entities(content: bytes) -> bool:
    """True when an XML document declares entities or has an internal DTD subset (billion laughs, XXE).

    NUL bytes are dropped before looking, so UTF-16 and UTF-32 documents are caught too.
    """
    visible = content.replace(b"\x00", b"")
    return bool(_ENTITY_DECLARATION.search(visible) or _INTERNAL_SUBSET.search(visible))


def _http_url(value: Any, max_chars: int) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > max_chars:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in {"http", "https"} and parts.hostname else None


def _when(entry: Any) -> datetime | None:
    for name in ("published_parsed", "updated_parsed"):
        parsed = entry.get(name)
        if parsed:
            try:
                return datetime(parsed[0], parsed[1], parsed[2], parsed[3], parsed[4], parsed[5], tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _entry_chars(entry: Any) -> int:
    size = len(str(entry.get("title") or "")) + len(str(entry.get("summary") or ""))
    for content in entry.get("content") or ():
        size += len(str(content.get("value") or ""))
    return size


def _item(entry: Any, params: FeedParams) -> FeedItem | None:
    if _entry_chars(entry) > params.max_entry_chars:
        return None
    url = _http_url(entry.get("link"), params.max_url_chars)
    if url is None:
        return None
    raw_key = entry.get("id")
    key = raw_key.strip() if isinstance(raw_key, str) and raw_key.strip() else url
    if len(key) > params.max_url_chars:
        return None
    title = entry.get("title")
    return FeedItem(key=key, url=url, title=title.strip() or None if isinstance(title, str) else None,
                    published=_when(entry))


def parse_feed(content: bytes, *, url: str, content_type: str | None = None,
               params: FeedParams = FeedParams()) -> ParsedFeed | FeedProblem:
    """The items of an RSS or Atom feed, or why the feed cannot be read.

    The encoding comes from the byte-order mark, the HTTP charset or the XML prolog (feedparser's rules).
    Relative links resolve against `url`. Items keep the feed's order, duplicates (same key) dropped.

    Args:
        content: the feed's bytes, fetched by the caller (feedparser never fetches anything here).
        url: where the bytes came from.
        content_type: the HTTP Content-Type header, if any.
        params: caps on entries.

    Returns:
        ParsedFeed, or FeedProblem: MALFORMED (not well-formed XML, entity declarations, not a feed),
        UNDECODABLE (an unknown encoding) or EMPTY.
    """
    if not content.strip():
        return FeedProblem(code=RejectCode.EMPTY, reason="the feed is empty")
    if declares_entities(content):
        return FeedProblem(code=RejectCode.MALFORMED,
                           reason="the feed declares XML entities or a DTD subset, which feeds never need "
                                  "(refused: entity expansion)")
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(content, response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, xml.sax.SAXException):
        return FeedProblem(code=RejectCode.MALFORMED, reason=f"the feed is not well-formed XML: {problem}")
    if isinstance(problem, feedparser.CharacterEncodingUnknown):
        return FeedProblem(code=RejectCode.UNDECODABLE, reason=f"the feed's encoding is unknown: {problem}")
    if not parsed.get("version"):
        return FeedProblem(code=RejectCode.MALFORMED, reason="the document is not an RSS or Atom feed")
    items: dict[str, FeedItem] = {}
    skipped = 0
    for index, entry in enumerate(parsed.get("entries") or ()):
        item = _item(entry, params) if index < params.max_entries else None
        if item is None:
            skipped += 1
        elif item.key not in items:
            items[item.key] = item
    title = parsed.get("feed", {}).get("title")
    return ParsedFeed(title=title.strip() or None if isinstance(title, str) else None,
                      items=tuple(items.values()), skipped=skipped)
