"""Store contract, articles and rejected inputs: every backend behaves the same."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest

from storylens.errors import NotFoundError
from storylens.model import (
    Article,
    ArticleId,
    DateSource,
    Origin,
    RejectCode,
    Rejected,
    SourceFormat,
    Story,
    StoryId,
)
from storylens.store import AddResult, ArticleFilter, Store

MakeArticle = Callable[..., Article]
MakeStory = Callable[..., Story]


def ids(articles: list[Article]) -> list[str]:
    return [article.id for article in articles]


def test_an_article_reads_back_equal_with_its_time_in_utc(store: Store, make_article: MakeArticle) -> None:
    paris_evening = datetime(2016, 12, 10, 19, 30, 15, 250, tzinfo=timezone(timedelta(hours=1)))
    article = make_article(
        "full", url="https://example.org/lyon", published=paris_evening, date_source=DateSource.STATED,
        authors=("Ana Ruiz", "Li Wei"), dateline="LYON", captions=("The bridge at dusk.",),
        credits=("Reporting by Ana Ruiz",), cited_outlets=("Valley Post",),
        origin=Origin(location="feeds/wire.jsonl", format=SourceFormat.JSONL, record=7),
        title="Treaty talks “stall” — again", body="Ministers said «no» twice.\n\nThen yes.",
    )
    store.add_articles([article])

    stored = store.get_article(ArticleId("full"))

    assert stored == article
    assert stored.published == datetime(2016, 12, 10, 18, 30, 15, 250, tzinfo=UTC)
    assert stored.published is not None
    assert stored.published.tzinfo == UTC


def test_an_article_without_optional_fields_reads_back_equal(store: Store, make_article: MakeArticle) -> None:
    article = make_article("bare", outlet=None, published=None)
    store.add_articles([article])
    assert store.get_article(ArticleId("bare")) == article


def test_adding_the_same_batch_twice_stores_nothing_twice(store: Store, make_article: MakeArticle) -> None:
    batch = [make_article("a1"), make_article("a2")]

    first = store.add_articles(batch)
    second = store.add_articles(batch)

    assert first == AddResult(stored=(ArticleId("a1"), ArticleId("a2")), already_stored=())
    assert second == AddResult(stored=(), already_stored=(ArticleId("a1"), ArticleId("a2")))
    assert store.count_articles() == 2


def test_an_id_repeated_within_a_batch_is_stored_once(store: Store, make_article: MakeArticle) -> None:
    result = store.add_articles([make_article("a1"), make_article("a1", title="Other")])
    assert result == AddResult(stored=(ArticleId("a1"),), already_stored=(ArticleId("a1"),))
    assert store.get_article(ArticleId("a1")).title == "Ministers meet in Lyon"


def test_an_empty_batch_stores_nothing(store: Store) -> None:
    assert store.add_articles([]) == AddResult(stored=(), already_stored=())
    assert store.count_articles() == 0


def test_an_unknown_id_raises_not_found_naming_it(store: Store) -> None:
    with pytest.raises(NotFoundError) as raised:
        store.get_article(ArticleId("nope"))
    assert raised.value.subject == "nope"
    assert raised.value.fix is not None
    assert "storylens articles" in raised.value.fix


def test_get_articles_keeps_the_order_asked(store: Store, make_article: MakeArticle) -> None:
    store.add_articles([make_article("a1"), make_article("a2"), make_article("a3")])
    assert ids(store.get_articles([ArticleId("a3"), ArticleId("a1"), ArticleId("a3")])) == ["a3", "a1", "a3"]
    assert store.get_articles([]) == []


def test_get_articles_with_an_unknown_id_raises_not_found_naming_it(
    store: Store, make_article: MakeArticle
) -> None:
    store.add_articles([make_article("a1")])
    with pytest.raises(NotFoundError) as raised:
        store.get_articles([ArticleId("a1"), ArticleId("ghost")])
    assert raised.value.subject == "ghost"


def test_find_article_ids_by_prefix(store: Store, make_article: MakeArticle) -> None:
    store.add_articles([make_article("ab2"), make_article("ab1"), make_article("b1")])
    assert store.find_article_ids("ab") == ["ab1", "ab2"]
    assert store.find_article_ids("b1") == ["b1"]
    assert store.find_article_ids("") == ["ab1", "ab2", "b1"]
    assert store.find_article_ids("z") == []


def test_list_articles_is_newest_first_then_by_id_with_undated_last(
    store: Store, make_article: MakeArticle
) -> None:
    store.add_articles([
        make_article("old", published=datetime(2016, 12, 9, tzinfo=UTC)),
        make_article("undated", published=None),
        make_article("new-b", published=datetime(2016, 12, 11, tzinfo=UTC)),
        make_article("new-a", published=datetime(2016, 12, 11, tzinfo=UTC)),
    ])
    assert ids(store.list_articles()) == ["new-a", "new-b", "old", "undated"]


def test_list_articles_filters_by_outlet_language_and_story(store: Store, make_article: MakeArticle) -> None:
    store.add_articles([
        make_article("a1", outlet="Harbour Wire", language="en"),
        make_article("a2", outlet="Valley Post", language="en"),
        make_article("a3", outlet="Valley Post", language="fr"),
    ])
    assert ids(store.list_articles(ArticleFilter(outlet="Valley Post"))) == ["a2", "a3"]
    assert ids(store.list_articles(ArticleFilter(language="fr"))) == ["a3"]
    assert ids(store.list_articles(ArticleFilter(outlet="Valley Post", language="en"))) == ["a2"]
    assert store.list_articles(ArticleFilter(outlet="Nobody")) == []


def test_list_articles_by_story(store: Store, make_article: MakeArticle, make_story: MakeStory) -> None:
    store.add_articles([make_article("a1"), make_article("a2"), make_article("a3")])
    store.save_clustering([make_story("s1", "a1", "a3"), make_story("s2", "a2")], [])
    assert ids(store.list_articles(ArticleFilter(story_id=StoryId("s1")))) == ["a1", "a3"]


def test_list_articles_since_and_until_are_inclusive(store: Store, make_article: MakeArticle) -> None:
    days = [datetime(2016, 12, day, 8, tzinfo=UTC) for day in (9, 10, 11)]
    store.add_articles([make_article(f"d{day.day}", published=day) for day in days]
                       + [make_article("undated", published=None)])
    assert ids(store.list_articles(ArticleFilter(since=days[1]))) == ["d11", "d10"]
    assert ids(store.list_articles(ArticleFilter(until=days[1]))) == ["d10", "d9"]
    assert ids(store.list_articles(ArticleFilter(since=days[1], until=days[1]))) == ["d10"]
    nine_local = datetime(2016, 12, 10, 9, tzinfo=timezone(timedelta(hours=1)))  # 08:00 UTC
    assert ids(store.list_articles(ArticleFilter(since=nine_local, until=nine_local))) == ["d10"]


def test_list_articles_text_needs_every_word_in_title_or_body(
    store: Store, make_article: MakeArticle
) -> None:
    store.add_articles([
        make_article("river", title="River treaty signed", body="The delegates signed at noon."),
        make_article("bridge", title="Bridge closes", body="Traffic stopped on the river bridge."),
        make_article("cafe", title="Café reopens", body="The owner thanked neighbours."),
    ])
    assert ids(store.list_articles(ArticleFilter(text="river"))) == ["bridge", "river"]
    assert ids(store.list_articles(ArticleFilter(text="RIVER treaty"))) == ["river"]
    assert ids(store.list_articles(ArticleFilter(text="cafe"))) == ["cafe"]
    assert ids(store.list_articles(ArticleFilter(text="neighb*"))) == ["cafe"]
    assert store.list_articles(ArticleFilter(text="river café")) == []


@pytest.mark.parametrize("text", ['"unbalanced', "AND OR NOT", "(river", "river:bridge", "-", "*", "'"])
def test_list_articles_text_treats_punctuation_as_plain_words(
    store: Store, make_article: MakeArticle, text: str
) -> None:
    store.add_articles([make_article("a1")])
    assert isinstance(store.list_articles(ArticleFilter(text=text)), list)


def test_list_articles_blank_text_filters_nothing(store: Store, make_article: MakeArticle) -> None:
    store.add_articles([make_article("a1")])
    assert ids(store.list_articles(ArticleFilter(text="  "))) == ["a1"]


def test_list_articles_pages_with_limit_and_offset(store: Store, make_article: MakeArticle) -> None:
    store.add_articles([make_article(f"a{n}", published=datetime(2016, 12, n, tzinfo=UTC))
                        for n in range(1, 6)])
    assert ids(store.list_articles(ArticleFilter(limit=2))) == ["a5", "a4"]
    assert ids(store.list_articles(ArticleFilter(limit=2, offset=2))) == ["a3", "a2"]
    assert ids(store.list_articles(ArticleFilter(limit=2, offset=4))) == ["a1"]


def test_iter_articles_is_in_publication_order_with_undated_last(
    store: Store, make_article: MakeArticle
) -> None:
    store.add_articles([
        make_article("u2", published=None),
        make_article("late", published=datetime(2016, 12, 12, tzinfo=UTC)),
        make_article("u1", published=None),
        make_article("early-b", published=datetime(2016, 12, 10, tzinfo=UTC)),
        make_article("early-a", published=datetime(2016, 12, 10, tzinfo=UTC)),
    ])
    expected = ["early-a", "early-b", "late", "u1", "u2"]
    assert ids(list(store.iter_articles(batch_size=2))) == expected
    assert ids(list(store.iter_articles(batch_size=1))) == expected
    assert ids(list(store.iter_articles())) == expected


def test_rejections_are_kept_once_per_origin_and_code(store: Store) -> None:
    binary = Rejected(origin=Origin(location="in/photo.jpg", format=SourceFormat.TEXT),
                      code=RejectCode.BINARY, reason="looks like binary data")
    bad_line = Rejected(origin=Origin(location="in/feed.jsonl", format=SourceFormat.JSONL, record=3),
                        code=RejectCode.MALFORMED, reason="line 3 is not JSON")
    other_line = Rejected(origin=Origin(location="in/feed.jsonl", format=SourceFormat.JSONL, record=4),
                          code=RejectCode.MALFORMED, reason="line 4 is not JSON")

    store.add_articles([], [binary, bad_line])
    store.add_articles([], [binary, bad_line, other_line])

    assert store.rejections() == [other_line, bad_line, binary]
    assert store.rejections(limit=1) == [other_line]
    assert store.stats().rejected == 3


def test_rejections_and_articles_are_stored_together(store: Store, make_article: MakeArticle) -> None:
    empty = Rejected(origin=Origin(location="in/blank.txt", format=SourceFormat.TEXT),
                     code=RejectCode.EMPTY, reason="no text")
    store.add_articles([make_article("a1")], [empty])
    assert store.count_articles() == 1
    assert store.rejections() == [empty]


def test_features_are_kept_per_method_and_replaced_when_saved_again(store: Store, make_article: MakeArticle) -> None:
    store.add_articles([make_article("a1"), make_article("a2")])
    store.save_features("terms.v1", {ArticleId("a1"): b"one", ArticleId("a2"): b"two"})
    store.save_features("terms.v1", {ArticleId("a1"): b"uno"})
    store.save_features("terms.v2", {ArticleId("a2"): b"zwei"})

    assert store.features("terms.v1", [ArticleId("a1"), ArticleId("a2"), ArticleId("a3")]) == {
        "a1": b"uno", "a2": b"two"}
    assert store.features("terms.v2", [ArticleId("a1"), ArticleId("a2")]) == {"a2": b"zwei"}
    with pytest.raises(NotFoundError, match="a9"):
        store.save_features("terms.v1", {ArticleId("a9"): b"nine"})
