"""Ids as people type them: whole, or the first characters of one."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storylens.errors import NotFoundError
from storylens.model import Article
from storylens.store import Store
from storylens.store.lookup import article_by_prefix

MakeArticle = Callable[..., Article]


def test_a_whole_id_wins_over_longer_ids_it_begins(store: Store, make_article: MakeArticle) -> None:
    store.add_articles([make_article("a1"), make_article("a10"), make_article("b7")])

    assert article_by_prefix(store, "a1", fix="list them").id == "a1"
    assert article_by_prefix(store, "b", fix="list them").id == "b7"
    with pytest.raises(NotFoundError, match="2 articles with an id starting 'a'"):
        article_by_prefix(store, "a", fix="list them")
    with pytest.raises(NotFoundError, match="no article with an id starting 'c'"):
        article_by_prefix(store, "c", fix="list them")
