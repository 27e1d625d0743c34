"""OPML, the list-of-feeds format feed readers exchange: read the feed URLs out, write them back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree
from xml.sax.saxutils import quoteattr

from storylens.ingest.feeds import declares_entities


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    """One feed in a list: its URL and, when known, its title."""

    url: str
    title: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpmlProblem:
    reason: str


def read_opml(content: bytes) -> list[FeedEntry] | OpmlProblem:
    """The feeds an OPML document lists (outlines with an `xmlUrl`, nested folders included), in document
    order, each URL once.

    Returns:
        The entries, or OpmlProblem when the document declares entities or is not well-formed OPML.
    """
    if declares_entities(content):
        return OpmlProblem(reason="the OPML document declares XML entities (refused: entity expansion)")
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        return OpmlProblem(reason=f"not well-formed XML: {error}")
    if root.tag.lower() != "opml":
        return OpmlProblem(reason=f"the document's root is <{root.tag}>, not <opml>")
    found: dict[str, FeedEntry] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in found:
            title = (outline.get("title") or outline.get("text") or "").strip() or None
            found[url] = FeedEntry(url=url, title=title)
    return list(found.values())


def write_opml(entries: Sequence[FeedEntry], *, title: str = "storylens feeds") -> str:
    """An OPML 2.0 document listing `entries` in the order given."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{_text(title)}</title></head>", "  <body>"]
    for entry in entries:
        name = entry.title or entry.url
        lines.append(f'    <outline type="rss" text={quoteattr(name)} title={quoteattr(name)} '
                     f"xmlUrl={quoteattr(entry.url)}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
