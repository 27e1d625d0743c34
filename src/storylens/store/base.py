"""The store interface every backend satisfies. It takes and returns records, never rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from storylens.model import (
    Article,
    ArticleId,
    Assignment,
    CopyLink,
    Rejected,
    Story,
    StoryEdit,
    StoryId,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFilter:
    outlet: str | None = None
    language: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str | None = None  # words that must appear in the title or body
    story_id: StoryId | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryFilter:
    since: datetime | None = None
    until: datetime | None = None
    outlet: str | None = None
    text: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class AddResult:
    stored: tuple[ArticleId, ...]
    already_stored: tuple[ArticleId, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreStats:
    articles: int
    stories: int
    copies: int
    outlets: tuple[tuple[str, int], ...]  # outlet, article count; most first
    languages: tuple[tuple[str, int], ...]
    rejected: int
    first_published: datetime | None
    last_published: datetime | None
    schema_version: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Feed:
    """A feed the watcher polls, and what happened at its last fetch."""

    url: str
    interval_seconds: int
    added_at: datetime
    title: str | None = None
    etag: str | None = None  # validators of the last full response, sent back as If-None-Match ...
    last_modified: str | None = None  # ... and If-Modified-Since
    last_fetched_at: datetime | None = None
    last_status: str | None = None  # "ok", "not_modified" or "error"
    last_error: str | None = None
    consecutive_errors: int = 0
    next_fetch_at: datetime | None = None  # None: due now
    last_new_items: int = 0
    items_seen: int = 0  # items handled so far (read-only: counted by the store)


@dataclass(frozen=True, slots=True, kw_only=True)
class SeenItem:
    """A feed item the watcher has handled, and how: "stored", "rejected" or "disallowed"."""

    key: str
    url: str
    outcome: str
    article_id: ArticleId | None = None


@runtime_checkable
class Store(Protocol):
    """Articles, copies, stories and people's edits. Each write is one transaction."""

    schema_version: int

    def add_articles(self, articles: Sequence[Article], rejected: Sequence[Rejected] = ()) -> AddResult:
        """Store a batch atomically: all new articles (and rejections) or none. Known ids are skipped."""
        ...

    def get_article(self, article_id: ArticleId) -> Article:
        """Raise NotFoundError naming the id when it is unknown."""
        ...

    def get_articles(self, article_ids: Iterable[ArticleId]) -> list[Article]: ...

    def find_article_ids(self, prefix: str) -> list[ArticleId]:
        """Ids starting with `prefix`, so people can type short ids."""
        ...

    def list_articles(self, where: ArticleFilter = ArticleFilter()) -> list[Article]:
        """Newest first, then by id."""
        ...

    def iter_articles(self, *, batch_size: int = 1000) -> Iterable[Article]:
        """Every article in publication order (undated last), then by id."""
        ...

    def count_articles(self) -> int: ...

    def count_stories(self) -> int: ...

    def rejections(self, limit: int = 100) -> list[Rejected]: ...

    def unclustered_article_ids(self) -> list[ArticleId]:
        """Articles in no story yet, in the order they were stored."""
        ...

    def article_ids_between(self, since: datetime, until: datetime) -> list[ArticleId]:
        """Articles published from `since` to `until`, both included."""
        ...

    def latest_article_ids(self, count: int) -> list[ArticleId]:
        """The `count` articles stored last, the latest first."""
        ...

    def story_mates(self, article_ids: Iterable[ArticleId]) -> list[ArticleId]:
        """These articles and every article that shares a story with one of them."""
        ...

    def save_copies(self, links: Sequence[CopyLink]) -> None:
        """Replace every stored copy link with these (copies are always recomputed as a whole)."""
        ...

    def copies(self) -> list[CopyLink]: ...

    def save_clustering(self, stories: Sequence[Story], assignments: Sequence[Assignment]) -> None:
        """Replace stories and assignments of the articles they name, in one transaction."""
        ...

    def get_story(self, story_id: StoryId) -> Story: ...

    def find_story_ids(self, prefix: str) -> list[StoryId]: ...

    def list_stories(self, where: StoryFilter = StoryFilter()) -> list[Story]:
        """Most recent first; larger first among equals."""
        ...

    def assignments(self) -> list[Assignment]: ...

    def record_edit(self, edit: StoryEdit) -> None: ...

    def edits(self) -> list[StoryEdit]:
        """People's edits, oldest first."""
        ...

    def get_state(self, key: str) -> bytes | None:
        """A saved blob, such as an index snapshot, or None."""
        ...

    def set_state(self, key: str, value: bytes) -> None: ...

    def features(self, method: str, article_ids: Iterable[ArticleId]) -> dict[ArticleId, bytes]:
        """Derived per-article data saved under `method`, for those of these articles that have it."""
        ...

    def save_features(self, method: str, data: Mapping[ArticleId, bytes]) -> None: ...

    def stats(self) -> StoreStats: ...

    def add_feed(self, url: str, *, title: str | None = None, interval_seconds: int = 900) -> bool:
        """Start following a feed; False (and nothing changed) when it is followed already."""
        ...

    def remove_feed(self, url: str) -> bool:
        """Stop following a feed and forget its items; False when it was not followed."""
        ...

    def list_feeds(self) -> list[Feed]:
        """Every followed feed, in the order added."""
        ...

    def get_feed(self, url: str) -> Feed:
        """Raise NotFoundError naming the URL when the feed is not followed."""
        ...

    def save_feed_state(self, feed: Feed) -> None:
        """Save a feed's fetch state (everything but url, added_at and items_seen); NotFoundError if unknown."""
        ...

    def seen_items(self, feed_url: str, keys: Iterable[str]) -> set[str]:
        """Which of these item keys the feed has handled already."""
        ...

    def mark_items_seen(self, feed_url: str, items: Sequence[SeenItem]) -> None:
        """Record items as handled (once each; marking again changes nothing)."""
        ...

    def close(self) -> None: ...
