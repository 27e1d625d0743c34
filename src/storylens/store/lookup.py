"""Finding a stored story or article by its id or by the first characters of it, as people type them."""

from __future__ import annotations

from collections.abc import Sequence

from storylens.errors import NotFoundError
from storylens.model import Article, ArticleId, Story, StoryId
from storylens.store.base import Store


def _only(matches: Sequence[str], typed: str, names: tuple[str, str], fix: str) -> str:
    """The id `typed` names: itself when an id is exactly that, else the only id starting with it."""
    if typed in matches:
        return typed
    if len(matches) != 1:
        one, many = names
        problem = f"no {one}" if not matches else f"{len(matches)} {many}"
        raise NotFoundError(f"{problem} with an id starting {typed!r}", subject=typed, fix=fix)
    return matches[0]


def story_by_prefix(store: Store, typed: str, *, fix: str) -> Story:
    """The story whose id is `typed`, or the only one whose id starts with it.

    Raises:
        NotFoundError: no story, or several, match; `fix` tells the reader what to do.
    """
    return store.get_story(StoryId(_only(store.find_story_ids(typed), typed, ("story", "stories"), fix)))


def article_by_prefix(store: Store, typed: str, *, fix: str) -> Article:
    """The article whose id is `typed`, or the only one whose id starts with it.

    Raises:
        NotFoundError: no article, or several, match; `fix` tells the reader what to do.
    """
    return store.get_article(ArticleId(_only(store.find_article_ids(typed), typed, ("article", "articles"), fix)))
