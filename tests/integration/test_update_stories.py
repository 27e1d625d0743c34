"""Incremental updates: articles arriving in batches end in the stories a full re-cluster gives, and an
update regroups only the stories near the new articles in time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storylens.config import Settings
from storylens.model import Article, ArticleId, EditAction, Origin, SourceFormat, StoryEdit
from storylens.pipeline import ingest_paths, refresh_stories, update_stories
from storylens.samples import sample_key, sample_labels, sample_paths
from storylens.store import SqliteStore, Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = SqliteStore(tmp_path / "stories.db")
    yield opened
    opened.close()


def _in_time_order() -> list[Path]:
    """Sample files by the date in their names, as they would arrive."""
    return sorted(sample_paths(), key=lambda path: (re.findall(r"\d{4}-\d\d-\d\d", path.name), path.name))


def _settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "stories.db", data_dir=tmp_path)


def _partition(store: Store) -> set[frozenset[str]]:
    members: dict[str, set[str]] = {}
    for assignment in store.assignments():
        members.setdefault(assignment.story_id, set()).add(assignment.article_id)
    return {frozenset(ids) for ids in members.values()}


def _gold_partition(store: Store) -> set[frozenset[str]]:
    labels = sample_labels()
    by_origin = {article.origin.location: article.id for article in store.iter_articles()}
    events: dict[str, set[str]] = {}
    for path in sample_paths():
        events.setdefault(labels[sample_key(path)].event, set()).add(by_origin[str(path)])
    return {frozenset(ids) for ids in events.values()}


def test_samples_arriving_in_three_batches_end_in_their_labelled_stories(store: Store, tmp_path: Path) -> None:
    paths = _in_time_order()
    for batch in (paths[:6], paths[6:12], paths[12:]):
        ingest_paths(batch, store, _settings(tmp_path))
        report = update_stories(store)
        assert report.new == len(batch)

    incremental = _partition(store)
    assert incremental == _gold_partition(store)
    refresh_stories(store)
    assert _partition(store) == incremental
    assert update_stories(store).new == 0


def test_an_update_leaves_stories_outside_its_time_window_unread_and_unchanged(store: Store,
                                                                               tmp_path: Path) -> None:
    paths = _in_time_order()
    ingest_paths(paths, store, _settings(tmp_path))
    refresh_stories(store)
    before = {story.id: story for story in store.list_stories()}
    late = max(article.published for article in store.iter_articles() if article.published is not None)
    [newcomer] = [article for article in store.iter_articles() if article.published == late][:1]
    month_later = replace(newcomer, id=ArticleId("later-follow-up"), content_hash="later-follow-up",
                          published=late + timedelta(days=30),
                          body=newcomer.body.replace("Lumera", "Lumera Technologies"))
    store.add_articles([month_later])

    report = update_stories(store)

    assert report.new == 1
    assert report.articles == 1  # nothing else stored within the window: no stored story is read
    after = {story.id: story for story in store.list_stories()}
    assert {story_id: after[story_id] for story_id in before} == before
    assert len(after) == len(before) + 1


def test_an_update_keeps_a_persons_move(store: Store, tmp_path: Path) -> None:
    paths = _in_time_order()
    ingest_paths(paths[:-1], store, _settings(tmp_path))
    update_stories(store)
    latest_story, other_story = store.list_stories()[:2]
    moved = latest_story.article_ids[0]
    store.record_edit(StoryEdit(action=EditAction.MOVE, story_ids=(other_story.id,), article_ids=(moved,),
                                editor="tester", at=datetime(2025, 1, 1, tzinfo=UTC)))
    refresh_stories(store)
    ingest_paths(paths[-1:], store, _settings(tmp_path))

    report = update_stories(store)

    assert report.articles > 1  # the moved article's neighbourhood was regrouped
    placed = {assignment.article_id: assignment.story_id for assignment in store.assignments()}
    assert placed[moved] == other_story.id


def _harbour_reports(count: int) -> list[Article]:
    """`count` short reports of count // 3 council votes, with every tenth report a copy of the one before."""
    articles: list[Article] = []
    for number in range(count):
        vote = number // 3
        body = (f"The council of Brell{vote} voted {vote} to 2 on Tuesday to rebuild pier {vote}, its chair "
                f"said. Storms in week {vote} had damaged the wall near berth {vote * 7}. Reporter {number} "
                f"spoke to {number % 5 + 2} residents about the harbour{vote} plan.")
        if number % 10 == 9:
            body = articles[-1].body
        articles.append(Article(
            id=ArticleId(f"r{number:05d}"), title=f"Brell{vote} council backs pier {vote}", body=body,
            origin=Origin(location=f"wire/{number}.txt", format=SourceFormat.TEXT),
            content_hash=f"h{number}" if number % 10 != 9 else f"h{number - 1}", language="en",
            outlet=f"Outlet {number % 4}", published=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=vote)))
    return articles


def test_worker_processes_give_the_same_copies_and_stories_as_one_process(tmp_path: Path) -> None:
    articles = _harbour_reports(1500)  # more than one block, so the features are computed by workers
    results = []
    for workers in (1, 2):
        with SqliteStore(tmp_path / f"w{workers}.db") as store:
            store.add_articles(articles)
            report = update_stories(store, workers=workers)
            results.append((_partition(store), store.copies(), report.stories))
    assert results[0] == results[1]
    assert results[0][1]  # the copies were found
