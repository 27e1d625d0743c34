"""The store contract runs on every backend: add one `pytest.param` line to BACKENDS for a new one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from storylens.model import Article, ArticleId, Origin, SourceFormat, Story, StoryId
from storylens.store import SqliteStore, Store

OpenStore = Callable[[], Store]


def _sqlite(folder: Path, name: str) -> Store:
    return SqliteStore(folder / f"{name}.db")


BACKENDS = [
    pytest.param(_sqlite, id="sqlite"),
]


@pytest.fixture(params=BACKENDS)
def open_empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[OpenStore]:
    """Opens a new, empty store on the backend under test each time it is called; all closed afterwards."""
    opened: list[Store] = []
    backend: Callable[[Path, str], Store] = request.param

    def open_one() -> Store:
        store = backend(tmp_path, f"store{len(opened)}")
        opened.append(store)
        return store

    yield open_one
    for store in opened:
        store.close()


@pytest.fixture
def store(open_empty_store: OpenStore) -> Store:
    return open_empty_store()


def _make_article(article_id: str = "a1", **fields: Any) -> Article:
    values: dict[str, Any] = {
        "title": "Ministers meet in Lyon",
        "body": "Foreign ministers met in Lyon on Saturday to talk about the river treaty.",
        "origin": Origin(location=f"inbox/{article_id}.txt", format=SourceFormat.TEXT),
        "content_hash": f"hash-{article_id}",
        "language": "en",
        "outlet": "Harbour Wire",
        "published": datetime(2016, 12, 10, 12, 0, tzinfo=UTC),
    }
    values.update(fields)
    return Article(id=ArticleId(article_id), **values)


def _make_story(story_id: str, *article_ids: str, **fields: Any) -> Story:
    return Story(id=StoryId(story_id), title=fields.pop("title", f"Story {story_id}"),
                 article_ids=tuple(ArticleId(value) for value in article_ids), **fields)


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """`make_article("a2", outlet="Valley Post")`: a small literal article, any field overridable."""
    return _make_article


@pytest.fixture
def make_story() -> Callable[..., Story]:
    """`make_story("s1", "a1", "a2", title=...)`: a story of those article ids."""
    return _make_story

