"""Store contract, copies, stories, people's edits, state and numbers: every backend behaves the same."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest

from storylens.errors import NotFoundError, StoreError
from storylens.model import (
    Article,
    ArticleId,
    Assignment,
    CopyLink,
    CopyMethod,
    EditAction,
    Origin,
    RejectCode,
    Rejected,
    SourceFormat,
    Story,
    StoryEdit,
    StoryId,
)
from storylens.store import Store, StoreStats, StoryFilter

MakeArticle = Callable[..., Article]
MakeStory = Callable[..., Story]


def day(number: int, hour: int = 0) -> datetime:
    return datetime(2016, 12, number, hour, tzinfo=UTC)


def placed(article_id: str, story_id: str, score: float = 0.9) -> Assignment:
    return Assignment(article_id=ArticleId(article_id), story_id=StoryId(story_id), score=score,
                      method="cluster.batch.v2")


def story_ids(stories: list[Story]) -> list[str]:
    return [story.id for story in stories]


@pytest.fixture
def four_articles(store: Store, make_article: MakeArticle) -> Store:
    store.add_articles([
        make_article("a1", outlet="Harbour Wire", title="River treaty signed", published=day(10, 9)),
        make_article("a2", outlet="Valley Post", title="Treaty signed on the river", published=day(10, 11)),
        make_article("a3", outlet="Valley Post", title="Bridge closes for repairs", body="Traffic stopped.",
                     published=day(12)),
        make_article("a4", outlet="Hill Courier", title="Café reopens", body="The owner thanked neighbours.",
                     published=None),
    ])
    return store


def test_saved_stories_and_assignments_read_back_equal(four_articles: Store, make_story: MakeStory) -> None:
    store = four_articles
    treaty = make_story("s1", "a2", "a1", title="River treaty", first_published=day(10, 9),
                        last_published=day(10, 11), outlets=("Harbour Wire", "Valley Post"))
    bridge = make_story("s2", "a3", first_published=day(12), last_published=day(12), outlets=("Valley Post",))

    store.save_clustering([treaty, bridge], [placed("a1", "s1"), placed("a2", "s1", 0.5), placed("a3", "s2")])

    assert store.get_story(StoryId("s1")) == treaty
    assert store.get_story(StoryId("s2")) == bridge
    assert store.assignments() == [placed("a1", "s1"), placed("a2", "s1", 0.5), placed("a3", "s2")]


def test_story_times_come_back_in_utc(four_articles: Store, make_story: MakeStory) -> None:
    evening = datetime(2016, 12, 10, 20, tzinfo=timezone(timedelta(hours=-5)))
    four_articles.save_clustering(
        [make_story("s1", "a1", first_published=evening, last_published=evening)], [])
    stored = four_articles.get_story(StoryId("s1"))
    assert stored.first_published == datetime(2016, 12, 11, 1, tzinfo=UTC)
    assert stored.first_published is not None
    assert stored.first_published.tzinfo == UTC


def test_a_moved_article_leaves_its_old_story_and_empty_stories_go(
    four_articles: Store, make_story: MakeStory
) -> None:
    store = four_articles
    store.save_clustering([make_story("s1", "a1", "a2"), make_story("s2", "a3")],
                          [placed("a1", "s1"), placed("a2", "s1"), placed("a3", "s2")])

    store.save_clustering([make_story("s3", "a3", "a2")], [placed("a3", "s3"), placed("a2", "s3")])

    assert store.get_story(StoryId("s1")).article_ids == ("a1",)
    assert store.get_story(StoryId("s3")).article_ids == ("a3", "a2")
    assert store.find_story_ids("s") == ["s1", "s3"]
    assert store.assignments() == [placed("a1", "s1"), placed("a2", "s3"), placed("a3", "s3")]


def test_a_story_saved_again_replaces_its_members_whole(four_articles: Store, make_story: MakeStory) -> None:
    store = four_articles
    store.save_clustering([make_story("s1", "a1", "a2", "a3")],
                          [placed("a1", "s1"), placed("a2", "s1"), placed("a3", "s1")])

    store.save_clustering([make_story("s1", "a3", "a1", title="Renamed")], [placed("a1", "s1", 0.7)])

    assert store.get_story(StoryId("s1")) == make_story("s1", "a3", "a1", title="Renamed")
    assert store.assignments() == [placed("a1", "s1", 0.7)]


def test_a_story_that_lists_no_article_is_not_kept(four_articles: Store, make_story: MakeStory) -> None:
    four_articles.save_clustering([make_story("s1", "a1"), make_story("empty")], [])
    assert four_articles.find_story_ids("") == ["s1"]


def test_an_article_in_two_stories_is_refused_and_nothing_changes(
    four_articles: Store, make_story: MakeStory
) -> None:
    store = four_articles
    store.save_clustering([make_story("s1", "a1")], [])
    with pytest.raises(StoreError) as raised:
        store.save_clustering([make_story("s2", "a2", "a3"), make_story("s3", "a3")], [])
    assert raised.value.subject == "a3"
    assert store.find_story_ids("") == ["s1"]


def test_an_assignment_disagreeing_with_its_story_is_refused(
    four_articles: Store, make_story: MakeStory
) -> None:
    with pytest.raises(StoreError) as raised:
        four_articles.save_clustering([make_story("s1", "a1")], [placed("a1", "s2")])
    assert raised.value.subject == "a1"
    assert four_articles.find_story_ids("") == []


def test_an_assignment_to_an_article_outside_every_story_is_refused(
    four_articles: Store, make_story: MakeStory
) -> None:
    with pytest.raises(StoreError):
        four_articles.save_clustering([make_story("s1", "a1")], [placed("a1", "s1"), placed("a4", "s1")])
    assert four_articles.find_story_ids("") == []
    assert four_articles.assignments() == []


def test_a_story_naming_an_unknown_article_raises_not_found(
    four_articles: Store, make_story: MakeStory
) -> None:
    with pytest.raises(NotFoundError) as raised:
        four_articles.save_clustering([make_story("s1", "a1", "ghost")], [])
    assert raised.value.subject == "ghost"
    assert four_articles.find_story_ids("") == []


def test_an_unknown_story_raises_not_found_naming_it(store: Store) -> None:
    with pytest.raises(NotFoundError) as raised:
        store.get_story(StoryId("s-404"))
    assert raised.value.subject == "s-404"
    assert raised.value.fix is not None
    assert "storylens stories" in raised.value.fix


def test_find_story_ids_by_prefix(four_articles: Store, make_story: MakeStory) -> None:
    four_articles.save_clustering(
        [make_story("st-b", "a1"), make_story("st-a", "a2"), make_story("x", "a3")], [])
    assert four_articles.find_story_ids("st-") == ["st-a", "st-b"]
    assert four_articles.find_story_ids("q") == []


def test_list_stories_is_most_recent_first_larger_first_among_equals(
    four_articles: Store, make_story: MakeStory
) -> None:
    four_articles.save_clustering([
        make_story("small", "a3", last_published=day(12)),
        make_story("big", "a1", "a2", last_published=day(12)),
        make_story("older", "a4", last_published=day(11)),
    ], [])
    assert story_ids(four_articles.list_stories()) == ["big", "small", "older"]


@pytest.fixture
def three_stories(four_articles: Store, make_story: MakeStory) -> Store:
    four_articles.save_clustering([
        make_story("treaty", "a1", "a2", first_published=day(10, 9), last_published=day(10, 11)),
        make_story("bridge", "a3", first_published=day(12), last_published=day(12)),
        make_story("cafe", "a4"),
    ], [])
    return four_articles


def test_list_stories_since_until_keep_stories_whose_span_overlaps(three_stories: Store) -> None:
    store = three_stories
    assert story_ids(store.list_stories(StoryFilter(since=day(10, 10)))) == ["bridge", "treaty"]
    assert story_ids(store.list_stories(StoryFilter(since=day(10, 12)))) == ["bridge"]
    assert story_ids(store.list_stories(StoryFilter(until=day(10, 10)))) == ["treaty"]
    assert story_ids(store.list_stories(StoryFilter(since=day(10, 10), until=day(11)))) == ["treaty"]
    assert story_ids(store.list_stories(StoryFilter(since=day(10, 12), until=day(11)))) == []


def test_list_stories_by_outlet_of_any_article(three_stories: Store) -> None:
    assert story_ids(three_stories.list_stories(StoryFilter(outlet="Valley Post"))) == ["bridge", "treaty"]
    assert story_ids(three_stories.list_stories(StoryFilter(outlet="Harbour Wire"))) == ["treaty"]
    assert three_stories.list_stories(StoryFilter(outlet="Nobody")) == []


def test_list_stories_by_text_of_any_article(three_stories: Store) -> None:
    assert story_ids(three_stories.list_stories(StoryFilter(text="treaty"))) == ["treaty"]
    assert story_ids(three_stories.list_stories(StoryFilter(text="cafe neighbours"))) == ["cafe"]
    assert three_stories.list_stories(StoryFilter(text="treaty bridge")) == []


def test_list_stories_pages_with_limit_and_offset(three_stories: Store) -> None:
    assert story_ids(three_stories.list_stories(StoryFilter(limit=2))) == ["bridge", "treaty"]
    assert story_ids(three_stories.list_stories(StoryFilter(limit=2, offset=2))) == ["cafe"]


def test_save_copies_replaces_every_link(four_articles: Store) -> None:
    first = CopyLink(copy=ArticleId("a2"), original=ArticleId("a1"), similarity=0.97, method=CopyMethod.NEAR)
    second = CopyLink(copy=ArticleId("a3"), original=ArticleId("a1"), similarity=1.0, method=CopyMethod.EXACT)
    four_articles.save_copies([second, first])
    assert four_articles.copies() == [first, second]

    four_articles.save_copies([second])
    assert four_articles.copies() == [second]


def test_a_copy_link_to_an_unknown_article_raises_not_found(four_articles: Store) -> None:
    kept = CopyLink(copy=ArticleId("a2"), original=ArticleId("a1"), similarity=0.9, method=CopyMethod.NEAR)
    four_articles.save_copies([kept])
    with pytest.raises(NotFoundError) as raised:
        four_articles.save_copies([CopyLink(copy=ArticleId("a2"), original=ArticleId("ghost"),
                                            similarity=0.9, method=CopyMethod.NEAR)])
    assert raised.value.subject == "ghost"
    assert four_articles.copies() == [kept]


def test_edits_come_back_oldest_first(store: Store) -> None:
    later = StoryEdit(action=EditAction.SPLIT, story_ids=(StoryId("s1"),), article_ids=(ArticleId("a2"),),
                      editor="lena", at=datetime(2016, 12, 11, 9, tzinfo=timezone(timedelta(hours=2))))
    earlier = StoryEdit(action=EditAction.MERGE, story_ids=(StoryId("s1"), StoryId("s2")), article_ids=(),
                        editor="omar", at=day(10))
    store.record_edit(later)
    store.record_edit(earlier)
    assert store.edits() == [earlier, later]


def test_state_is_saved_overwritten_and_none_when_unknown(store: Store) -> None:
    assert store.get_state("lsh") is None
    store.set_state("lsh", b"\x00snapshot-1")
    store.set_state("lsh", b"\x00snapshot-2")
    assert store.get_state("lsh") == b"\x00snapshot-2"


def test_stats_count_everything(four_articles: Store, make_story: MakeStory) -> None:
    store = four_articles
    store.add_articles([], [Rejected(origin=Origin(location="in/x.bin", format=SourceFormat.TEXT),
                                     code=RejectCode.BINARY, reason="binary")])
    store.save_copies([CopyLink(copy=ArticleId("a2"), original=ArticleId("a1"), similarity=0.9,
                                method=CopyMethod.NEAR)])
    store.save_clustering([make_story("s1", "a1", "a2"), make_story("s2", "a3")], [])

    assert store.stats() == StoreStats(
        articles=4, stories=2, copies=1,
        outlets=(("Valley Post", 2), ("Harbour Wire", 1), ("Hill Courier", 1)),
        languages=(("en", 4),), rejected=1,
        first_published=day(10, 9), last_published=day(12),
        schema_version=store.schema_version,
    )


def test_stats_of_an_empty_store(store: Store) -> None:
    assert store.stats() == StoreStats(articles=0, stories=0, copies=0, outlets=(), languages=(), rejected=0,
                                       first_published=None, last_published=None,
                                       schema_version=store.schema_version)
    assert store.schema_version >= 1
