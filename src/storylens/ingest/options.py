"""How to read input files: the size cap and which JSONL/CSV columns hold what."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024

# Tried after the configured column name, in this order (names compare case-insensitively).
TITLE_FALLBACKS = ("headline", "head", "heading")
TEXT_FALLBACKS = ("body", "content", "article", "article_text", "maintext", "full_text", "story")
URL_FALLBACKS = ("link", "canonical_url", "href", "source_url")
DATE_FALLBACKS = ("published", "published_at", "publish_date", "pubdate", "date_publish", "timestamp",
                  "datetime", "time", "created_at")
OUTLET_FALLBACKS = ("source", "publisher", "site", "sitename", "site_name", "source_name", "media")
AUTHOR_FALLBACKS = ("authors", "byline", "creator", "writer")
LANGUAGE_FALLBACKS = ("lang", "locale", "lang_code")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadOptions:
    """What `read_path` accepts and where it finds each field in JSONL and CSV records.

    Attributes:
        max_bytes: larger files (or gzip files that decompress past this) are rejected as too large.
        title_field: column of the headline; then headline, head, heading.
        text_field: column of the article text; then body, content, article, article_text, maintext, ...
        url_field: column of the URL; then link, canonical_url, href, source_url.
        date_field: column of the publication time; then published, published_at, pubdate, timestamp, ...
        outlet_field: column of the outlet; then source, publisher, site, sitename, ...
        author_field: column of the author(s); then authors, byline, creator, writer.
        language_field: column of the language code; then lang, locale, lang_code.
        csv_delimiter: the CSV field separator; None sniffs it (tab for .tsv).
    """

    max_bytes: int = 50 * MIB
    title_field: str = "title"
    text_field: str = "text"
    url_field: str = "url"
    date_field: str = "date"
    outlet_field: str = "outlet"
    author_field: str = "author"
    language_field: str = "language"
    csv_delimiter: str | None = None
