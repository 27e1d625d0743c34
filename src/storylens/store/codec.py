"""Records to table rows and back, for the SQL backends.

Times become ISO-8601 UTC text plus integer microseconds since the epoch (exact, so range queries never
round); tuples become JSON arrays; enums become their values. Decoding gives back records equal to the ones
encoded, with every time in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec

from storylens.model import (
    Article,
    ArticleId,
    Assignment,
    CopyLink,
    CopyMethod,
    DateSource,
    EditAction,
    Origin,
    RejectCode,
    Rejected,
    SourceFormat,
    Story,
    StoryEdit,
    StoryId,
)

Row = tuple[Any, ...]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_encode_json = msgspec.json.Encoder().encode
_decode_strings = msgspec.json.Decoder(tuple[str, ...]).decode

ARTICLE_COLUMNS = (
    "id", "title", "body", "origin_location", "origin_format", "origin_record", "content_hash", "language",
    "url", "outlet", "published", "published_us", "date_source", "authors", "dateline", "captions", "credits",
    "cited_outlets",
)
REJECTED_COLUMNS = ("origin_location", "origin_format", "origin_record", "code", "reason")
COPY_LINK_COLUMNS = ("copy", "original", "similarity", "method")
STORY_COLUMNS = ("id", "title", "first_published", "first_published_us", "last_published",
                 "last_published_us", "outlets")
ASSIGNMENT_COLUMNS = ("article_id", "story_id", "score", "method")
EDIT_COLUMNS = ("action", "story_ids", "article_ids", "editor", "at", "at_us")


def epoch_us(value: datetime) -> int:
    """Whole microseconds since 1970-01-01 UTC; `value` must be timezone-aware."""
    return (value - _EPOCH) // _MICROSECOND


def encode_time(value: datetime | None) -> tuple[str | None, int | None]:
    """The ISO-8601 UTC text and epoch microseconds of an aware time (None, None for no time)."""
    if value is None:
        return None, None
    return value.astimezone(UTC).isoformat(timespec="microseconds"), epoch_us(value)


def decode_time(text: str | None) -> datetime | None:
    """An aware UTC time from the text `encode_time` wrote."""
    return None if text is None else datetime.fromisoformat(text).astimezone(UTC)


def encode_strings(values: tuple[str, ...]) -> str:
    return _encode_json(values).decode("utf-8")


def decode_strings(text: str) -> tuple[str, ...]:
    return _decode_strings(text)


def article_to_row(article: Article) -> Row:
    """Values in ARTICLE_COLUMNS order."""
    published, published_us = encode_time(article.published)
    origin = article.origin
    return (
        article.id, article.title, article.body, origin.location, origin.format.value, origin.record,
        article.content_hash, article.language, article.url, article.outlet, published, published_us,
        article.date_source.value, encode_strings(article.authors), article.dateline,
        encode_strings(article.captions), encode_strings(article.credits),
        encode_strings(article.cited_outlets),
    )


def article_from_row(row: Row) -> Article:
    """The article of a row selected as ARTICLE_COLUMNS."""
    (article_id, title, body, location, origin_format, record, content_hash, language, url, outlet, published,
     _published_us, date_source, authors, dateline, captions, credits, cited_outlets) = row
    return Article(
        id=ArticleId(article_id),
        title=title,
        body=body,
        origin=Origin(location=location, format=SourceFormat(origin_format), record=record),
        content_hash=content_hash,
        language=language,
        url=url,
        outlet=outlet,
        published=decode_time(published),
        date_source=DateSource(date_source),
        authors=decode_strings(authors),
        dateline=dateline,
        captions=decode_strings(captions),
        credits=decode_strings(credits),
        cited_outlets=decode_strings(cited_outlets),
    )


def rejected_to_row(rejected: Rejected) -> Row:
    """Values in REJECTED_COLUMNS order."""
    origin = rejected.origin
    return (origin.location, origin.format.value, origin.record, rejected.code.value, rejected.reason)


def rejected_from_row(row: Row) -> Rejected:
    location, origin_format, record, code, reason = row
    return Rejected(origin=Origin(location=location, format=SourceFormat(origin_format), record=record),
                    code=RejectCode(code), reason=reason)


def copy_link_to_row(link: CopyLink) -> Row:
    return (link.copy, link.original, link.similarity, link.method.value)


def copy_link_from_row(row: Row) -> CopyLink:
    copy, original, similarity, method = row
    return CopyLink(copy=ArticleId(copy), original=ArticleId(original), similarity=similarity,
                    method=CopyMethod(method))


def story_to_row(story: Story) -> Row:
    """Values in STORY_COLUMNS order; the article ids are stored apart, one row per member."""
    first, first_us = encode_time(story.first_published)
    last, last_us = encode_time(story.last_published)
    return (story.id, story.title, first, first_us, last, last_us, encode_strings(story.outlets))


def story_from_row(row: Row, article_ids: tuple[ArticleId, ...]) -> Story:
    story_id, title, first, _first_us, last, _last_us, outlets = row
    return Story(id=StoryId(story_id), title=title, article_ids=article_ids,
                 first_published=decode_time(first), last_published=decode_time(last),
                 outlets=decode_strings(outlets))


def assignment_to_row(assignment: Assignment) -> Row:
    return (assignment.article_id, assignment.story_id, assignment.score, assignment.method)


def assignment_from_row(row: Row) -> Assignment:
    article_id, story_id, score, method = row
    return Assignment(article_id=ArticleId(article_id), story_id=StoryId(story_id), score=score,
                      method=method)


def edit_to_row(edit: StoryEdit) -> Row:
    """Values in EDIT_COLUMNS order."""
    at, at_us = encode_time(edit.at)
    return (edit.action.value, encode_strings(edit.story_ids), encode_strings(edit.article_ids), edit.editor,
            at, at_us)


def edit_from_row(row: Row) -> StoryEdit:
    action, story_ids, article_ids, editor, at, _at_us = row
    moment = decode_time(at)
    assert moment is not None  # the column is NOT NULL
    return StoryEdit(action=EditAction(action),
                     story_ids=tuple(StoryId(value) for value in decode_strings(story_ids)),
                     article_ids=tuple(ArticleId(value) for value in decode_strings(article_ids)),
                     editor=editor, at=moment)
