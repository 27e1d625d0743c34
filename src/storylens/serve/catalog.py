"""What the API and the reader ask of the store: pages of stories, a story with its account, articles.

Both adapters call these, so a page and its JSON never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storylens.model import Account, Article, EntityMentions, Story
from storylens.store.base import ArticleFilter, Store, StoryFilter
from storylens.store.lookup import article_by_prefix, story_by_prefix
from storylens.synthesize import count_entities, write_account

_EVERY = 2**31 - 1


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryQuery:
    """Which stories to list.

    Attributes:
        since: keep stories reported on or after this time.
        until: keep stories reported on or before this time.
        outlet: keep stories with an article from this outlet.
        entity: keep stories whose articles name this person, organisation or place (every word).
        text: keep stories with an article containing every word.
        limit: page size.
        offset: stories skipped before the page.
    """

    since: datetime | None = None
    until: datetime | None = None
    outlet: str | None = None
    entity: str | None = None
    text: str | None = None
    limit: int = 20
    offset: int = 0

    def as_filter(self, *, limit: int, offset: int) -> StoryFilter:
        words = " ".join(part for part in (self.text, self.entity) if part and part.strip()) or None
        return StoryFilter(since=self.since, until=self.until, outlet=self.outlet or None, text=words,
                           limit=limit, offset=offset)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryList:
    stories: tuple[Story, ...]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        following = self.offset + self.limit
        return following if following < self.total else None

    @property
    def previous_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None


def find_stories(store: Store, query: StoryQuery) -> StoryList:
    """One page of stories matching `query`, and how many match in all."""
    page = store.list_stories(query.as_filter(limit=query.limit, offset=query.offset))
    if query.offset == 0 and len(page) < query.limit:
        total = len(page)
    else:
        # The store has no count query; ids of every match are cheap next to writing one account.
        total = len(store.list_stories(query.as_filter(limit=_EVERY, offset=0)))
    return StoryList(stories=tuple(page), total=total, limit=query.limit, offset=query.offset)


def resolve_story(store: Store, story_id: str) -> Story:
    """The story with this id, or the only one whose id starts with it (NotFoundError otherwise)."""
    return story_by_prefix(store, story_id, fix="list stories at /api/stories and use a full id")


def resolve_article(store: Store, article_id: str) -> Article:
    """The article with this id, or the only one whose id starts with it (NotFoundError otherwise)."""
    return article_by_prefix(store, article_id, fix="list articles at /api/articles and use a full id")


def story_articles(store: Store, story: Story) -> list[Article]:
    """The story's articles, oldest first (undated last), then by id."""
    articles = store.get_articles(story.article_ids)
    return sorted(articles, key=lambda a: (a.published is None, a.published or datetime.min, a.id))


def story_account(store: Store, story: Story, articles: Sequence[Article], *,
                  max_words: int = 120) -> Account:
    """The story's account, with the stored copy links among its articles."""
    members = set(story.article_ids)
    copies = [link for link in store.copies() if link.copy in members and link.original in members]
    return write_account(story, articles, copies=copies, max_words=max_words)


def top_entities(articles: Sequence[Article], count: int = 5) -> tuple[EntityMentions, ...]:
    """The entities the articles name most, for a story card."""
    return count_entities(articles)[:count]


def list_articles(store: Store, where: ArticleFilter) -> list[Article]:
    return store.list_articles(where)
