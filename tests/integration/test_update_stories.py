"""Incremental updates: articles arriving in batches end in the stories a full re-cluster gives, and an
update regroups only the stories near the new articles in time."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storylens.config import Settings
from storylens.model import ArticleId, EditAction, StoryEdit
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


def test_a_regroup_that_reads_saved_features_gives_what_computing_them_gave(store: Store, tmp_path: Path) -> None:
    ingest_paths(sample_paths(), store, _settings(tmp_path))
    first = refresh_stories(store)  # computes every article's features and saves them
    partition, copies = _partition(store), store.copies()
    with sqlite3.connect(tmp_path / "stories.db") as connection:
        saved = connection.execute("SELECT count(DISTINCT article_pk) FROM article_features").fetchone()[0]

    again = refresh_stories(store)  # reads them

    assert saved == first.articles == again.articles
    assert (_partition(store), store.copies()) == (partition, copies)


def test_features_computed_in_worker_processes_give_the_stories_one_process_gives(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "samples.db") as samples:
        ingest_paths(sample_paths(), samples, _settings(tmp_path))
        originals = list(samples.iter_articles())
    # Enough articles for the work to be spread: the samples again and again, a fortnight apart (each
    # round's articles are copies of the first round's).
    rounds = -(-1200 // len(originals))
    articles = [replace(article, id=ArticleId(f"{article.id}-{round_}"), content_hash=f"{article.id}-{round_}",
                        published=article.published and article.published + timedelta(days=14 * round_))
                for round_ in range(rounds) for article in originals]
    partitions = []
    for workers in (1, 2):
        with SqliteStore(tmp_path / f"workers-{workers}.db") as store:
            store.add_articles(articles)
            update_stories(store, workers=workers)
            partitions.append((_partition(store), store.copies()))
    assert partitions[0] == partitions[1]
    assert len(partitions[0][1]) >= len(articles) - len(originals)
