"""Stories and articles as files: JSON, CSV, Parquet, Markdown, and RSS 2.0 / Atom feeds of stories.

Pure functions from records to bytes or text; the `export` command does the reading and writing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

import msgspec

from storylens.errors import StorylensError
from storylens.model import Account, Article, Story, StoryId
from storylens.serve.markdown import account_to_markdown

FORMATS = ("json", "csv", "parquet", "markdown", "rss", "atom")
LIST_SEPARATOR = "; "
ATOM_NS = "http://www.w3.org/2005/Atom"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

STORY_COLUMNS = ("id", "title", "sources", "outlets", "article_ids", "first_published", "last_published")
ARTICLE_COLUMNS = ("id", "title", "outlet", "published", "date_source", "language", "url", "authors",
                   "dateline",
                   "captions", "credits", "cited_outlets", "content_hash", "origin", "body")


class ExportError(StorylensError):
    code = "export"


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def story_record(story: Story) -> dict[str, Any]:
    """One story as plain values (lists stay lists)."""
    return {"id": story.id, "title": story.title, "sources": len(story.article_ids),
            "outlets": list(story.outlets), "article_ids": list(story.article_ids),
            "first_published": _iso(story.first_published), "last_published": _iso(story.last_published)}


def article_record(article: Article) -> dict[str, Any]:
    """One article as plain values (lists stay lists)."""
    return {"id": article.id, "title": article.title, "outlet": article.outlet,
            "published": _iso(article.published), "date_source": str(article.date_source),
            "language": article.language, "url": article.url, "authors": list(article.authors),
            "dateline": article.dateline, "captions": list(article.captions),
            "credits": list(article.credits),
            "cited_outlets": list(article.cited_outlets), "content_hash": article.content_hash,
            "origin": str(article.origin), "body": article.body}


def records_to_json(records: Sequence[Mapping[str, Any]]) -> bytes:
    """A JSON array, indented, keys in record order, UTF-8 and newline-terminated."""
    return msgspec.json.format(msgspec.json.encode(list(records)), indent=2) + b"\n"


def records_to_csv(records: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """One row per record; list fields joined with "; ", missing values empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        row = []
        for column in columns:
            value = record.get(column)
            if isinstance(value, list | tuple):
                value = LIST_SEPARATOR.join(str(item) for item in value)
            row.append("" if value is None else value)
        writer.writerow(row)
    return buffer.getvalue()


def records_to_parquet(records: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> bytes:
    """A Parquet file of the records (lists become list columns, times stay ISO 8601 text).

    Raises:
        ExportError: pyarrow is not installed.
    """
    try:
        import pyarrow as pa  # noqa: PLC0415  (optional: the `export` extra)
        import pyarrow.parquet as pq  # noqa: PLC0415
    except ImportError as error:
        raise ExportError("writing Parquet needs pyarrow", subject="parquet",
                          fix="pip install 'storylens[export]' (or pyarrow)") from error
    table = pa.Table.from_pylist([{column: record.get(column) for column in columns} for record in records])
    if not records:
        table = pa.table({column: pa.array([], type=pa.string()) for column in columns})
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return bytes(sink.getvalue())


def accounts_to_markdown(accounts: Sequence[Account]) -> str:
    """Every story's account, one after another, separated by rules."""
    return "\n---\n\n".join(account_to_markdown(account) for account in accounts)


def articles_to_markdown(articles: Sequence[Article]) -> str:
    """Every article with its outlet, time and link, then its body."""
    parts = []
    for article in articles:
        lines = [f"# {article.title}", ""]
        details = [article.outlet or "unknown outlet", _iso(article.published) or "undated"]
        if article.url:
            details.append(f"<{article.url}>")
        lines += [" · ".join(details), "", f"Article `{article.id}`", "", article.body.strip(), ""]
        parts.append("\n".join(lines))
    return "\n---\n\n".join(parts)


def _story_link(base_url: str, story_id: StoryId) -> str:
    return f"{base_url.rstrip('/')}/stories/{quote(story_id, safe='')}"


def _updated(stories: Sequence[Story]) -> datetime:
    times = [t for story in stories for t in (story.last_published, story.first_published) if t is not None]
    return max(times, default=_EPOCH)


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def stories_to_rss(stories: Sequence[Story], *, base_url: str, summaries: Mapping[StoryId, str] | None = None,
                   title: str = "storylens stories") -> bytes:
    """An RSS 2.0 feed: one item per story, linking to its page on `base_url`.

    Args:
        stories: the stories, in feed order.
        base_url: where the reader is served, e.g. "http://127.0.0.1:8000".
        summaries: story id -> text for the item's description (the account's summary).
        title: the channel's title.
    """
    summaries = summaries or {}
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = base_url.rstrip("/") + "/"
    ET.SubElement(channel, "description").text = "Stories told once, from many outlets' reports."
    built = format_datetime(_updated(stories).astimezone(UTC), usegmt=True)
    ET.SubElement(channel, "lastBuildDate").text = built
    for story in stories:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = story.title or "Untitled story"
        ET.SubElement(item, "link").text = _story_link(base_url, story.id)
        ET.SubElement(item, "guid", isPermaLink="false").text = story.id
        outlets = ", ".join(story.outlets)
        description = summaries.get(story.id) or f"{len(story.article_ids)} articles from {outlets}."
        ET.SubElement(item, "description").text = description
        for outlet in story.outlets:
            ET.SubElement(item, "category").text = outlet
        when = story.last_published or story.first_published
        if when is not None:
            ET.SubElement(item, "pubDate").text = format_datetime(when.astimezone(UTC), usegmt=True)
    return _serialize(rss)


def stories_to_atom(stories: Sequence[Story], *, base_url: str,
                    summaries: Mapping[StoryId, str] | None = None,
                    title: str = "storylens stories") -> bytes:
    """An Atom 1.0 feed: one entry per story, linking to its page on `base_url` (see `stories_to_rss`)."""
    summaries = summaries or {}
    ET.register_namespace("", ATOM_NS)

    def element(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
        child = ET.SubElement(parent, f"{{{ATOM_NS}}}{name}", attributes)
        child.text = text
        return child

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    element(feed, "title", title)
    element(feed, "id", base_url.rstrip("/") + "/")
    element(feed, "link", href=base_url.rstrip("/") + "/")
    element(feed, "updated", _iso(_updated(stories)))
    element(element(feed, "author"), "name", "storylens")
    for story in stories:
        entry = element(feed, "entry")
        element(entry, "title", story.title or "Untitled story")
        element(entry, "id", f"urn:storylens:story:{story.id}")
        element(entry, "link", href=_story_link(base_url, story.id))
        element(entry, "updated", _iso(story.last_published or story.first_published or _EPOCH))
        if story.first_published is not None:
            element(entry, "published", _iso(story.first_published))
        outlets = ", ".join(story.outlets)
        fallback = f"{len(story.article_ids)} articles from {outlets}."
        element(entry, "summary", summaries.get(story.id) or fallback)
        for outlet in story.outlets:
            element(entry, "category", term=outlet)
    return _serialize(feed)
