"""The normalize stage: a Document becomes an Article (or Rejected), its parts told apart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from storylens.analysis.dates import find_dates
from storylens.analysis.sentences import split_sentences
from storylens.model import Article, DateSource, Document, RejectCode, Rejected
from storylens.normalize.attribution import cited_outlets
from storylens.normalize.credits import sort_paragraphs
from storylens.normalize.dateline import Dateline, split_dateline
from storylens.normalize.ids import article_id, canonical_url, content_hash
from storylens.normalize.language import identify_language, language_code
from storylens.normalize.text import clean_line, clean_text, split_paragraphs

_MAX_FALLBACK_TITLE_CHARS = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class NormalizeParams:
    """Settings of the normalize stage.

    Attributes:
        min_body_chars: a body shorter than this after cleanup (captions, credits and dateline removed)
            is rejected as NO_TEXT.
        default_language: the language code when the text is too short to identify ("und": undetermined).
    """

    min_body_chars: int = 80
    default_language: str = "und"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _fallback_title(body: str) -> str:
    spans = split_sentences(body)
    first = body[spans[0][0]:spans[0][1]] if spans else body
    first = first.strip()
    if len(first) <= _MAX_FALLBACK_TITLE_CHARS:
        return first
    return first[:_MAX_FALLBACK_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _first_stated(texts: list[str]) -> date | None:
    for text in texts:
        dates = find_dates(text)
        if dates:
            return dates[0].value
    return None


def _publication(document: Document, dateline: Dateline | None, captions: tuple[str, ...],
                 first_paragraph: str | None) -> tuple[datetime | None, DateSource]:
    if document.published is not None:
        return document.published.astimezone(UTC), DateSource.GIVEN
    stated = dateline.stated if dateline else None
    stated = stated or _first_stated([*captions, *([first_paragraph] if first_paragraph else [])])
    if stated is None:
        return None, DateSource.UNKNOWN
    return datetime(stated.year, stated.month, stated.day, tzinfo=UTC), DateSource.STATED


def normalize_document(document: Document, params: NormalizeParams = NormalizeParams()) -> Article | Rejected:
    """Clean a Document and separate its parts: dateline, captions, credit lines, body.

    Outlet: the Document's, else the dateline's ("(Reuters) -", "EghtesadOnline:"), else the URL's host.
    Published: the Document's (GIVEN), else a full date in the dateline, a caption or the first
    paragraph (STATED, midnight UTC), else None (UNKNOWN). Language: the Document's, else py3langid.
    The title falls back to the body's first sentence.

    Args:
        document: what ingest read.
        params: the stage's settings.

    Returns:
        The Article, or Rejected (NO_TEXT) when the body is shorter than `params.min_body_chars`.
    """
    paragraphs = split_paragraphs(clean_text(document.text))
    dateline = split_dateline(paragraphs[0]) if paragraphs else None
    if dateline is not None:
        paragraphs[0] = dateline.rest
    parts = sort_paragraphs(paragraphs)
    body = "\n\n".join(parts.body)
    if len(body) < params.min_body_chars:
        return Rejected(origin=document.origin, code=RejectCode.NO_TEXT,
                        reason=f"body has {len(body)} characters after cleanup (captions, credit lines and "
                               f"dateline removed); at least {params.min_body_chars} are needed")
    title = clean_line(document.title) or _fallback_title(body)
    outlet = clean_line(document.outlet) or (dateline.outlet if dateline else None) or _host(document.url)
    authors = tuple(name for name in (clean_line(author) for author in document.authors) if name)
    authors = authors or (dateline.authors if dateline else ()) or parts.authors
    first_paragraph = parts.body[0] if parts.body else None
    published, date_source = _publication(document, dateline, parts.captions, first_paragraph)
    language = language_code(document.language) or identify_language(title, body, params.default_language)
    fingerprint = content_hash(title, body)
    url = canonical_url(document.url)
    return Article(
        id=article_id(url=url, outlet=outlet, content_hash=fingerprint),
        title=title,
        body=body,
        origin=document.origin,
        content_hash=fingerprint,
        language=language,
        url=url,
        outlet=outlet,
        published=published,
        date_source=date_source,
        authors=authors,
        dateline=dateline.place if dateline else None,
        captions=parts.captions,
        credits=parts.credits,
        cited_outlets=cited_outlets(parts.body,
                                    dateline_outlet=(dateline.via or dateline.outlet) if dateline else None,
                                    own_outlet=outlet),
    )
