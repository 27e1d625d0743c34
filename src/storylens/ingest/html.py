"""HTML pages: trafilatura finds the main text and the page's metadata."""

from __future__ import annotations

import re
from typing import Any

import trafilatura

from storylens.analysis.dates import parse_when
from storylens.model import Document, Origin, RejectCode, Rejected

# Only dates the page states in its metadata: no guessing from the text or the URL.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_AUTHOR_SEPARATOR = re.compile(r"\s*;\s*")
# trafilatura falls back to whatever text a page has: a menu's "Home" is not an article.
_MIN_MAIN_TEXT_CHARS = 25


def _metadata(html: str) -> dict[str, Any] | None:
    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, deduplicate=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if extracted is None:
        return None
    if isinstance(extracted, dict):
        return extracted
    result: dict[str, Any] = extracted.as_dict()
    return result


def _paragraphs(text: str, title: str | None) -> str:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]  # trafilatura keeps the <h1> headline as the first line of the text
    return "\n\n".join(lines)


def _text(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def extract_html(html: str, origin: Origin) -> Document | Rejected:
    """A Document from an HTML page: main text (paragraphs separated by "\\n\\n"), title, date, author,
    outlet (the site name) and canonical URL. A page with no main text is Rejected (NO_TEXT)."""
    metadata = _metadata(html)
    title = _text(metadata.get("title")) if metadata else None
    body = _paragraphs(metadata.get("text") or "", title) if metadata else ""
    if metadata is None or len(body) < _MIN_MAIN_TEXT_CHARS:
        found = f"{len(body)} characters of main text" if body else "no main text"
        return Rejected(origin=origin, code=RejectCode.NO_TEXT,
                        reason=f"HTML page has {found} (navigation, boilerplate or markup only)")
    author = _text(metadata.get("author"))
    authors = tuple(name for name in _AUTHOR_SEPARATOR.split(author) if name) if author else ()
    return Document(
        origin=origin,
        text=body,
        title=title,
        url=_text(metadata.get("url")),
        outlet=_text(metadata.get("sitename")),
        published=parse_when(metadata.get("date")),
        authors=authors,
        language=_text(metadata.get("language")),
    )
