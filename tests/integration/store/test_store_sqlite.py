"""What only the SQLite backend promises: the file, its pragmas, migrations, transactions and errors."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storylens.errors import SchemaVersionError, StoreError
from storylens.model import Article, ArticleId, EditAction, StoryEdit, StoryId
from storylens.store import SqliteStore, Store, open_store
from storylens.store.codec import ARTICLE_COLUMNS, article_to_row
from storylens.store.sqlite import Migration, load_migrations, match_query, split_statements

MakeArticle = Callable[..., Article]

FIRST = Migration(version=1, name="0001_notes.sql", sql="CREATE TABLE notes (text TEXT NOT NULL);\n")
SECOND = Migration(version=2, name="0002_tags.sql",
                   sql="CREATE TABLE tags (name TEXT);\nALTER TABLE notes ADD COLUMN tag TEXT;\n")
BROKEN = Migration(version=2, name="0002_broken.sql",
                   sql="CREATE TABLE tags (name TEXT);\nTHIS IS NOT SQL;\n")


def tables(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return [row[0] for row in rows]


def test_open_store_creates_the_folders_and_a_wal_database(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "news.db"
    store = open_store(path)
    try:
        assert isinstance(store, SqliteStore)
        assert isinstance(store, Store)
        assert path.is_file()
        with sqlite3.connect(path) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert connection.execute("PRAGMA user_version").fetchone() == (len(load_migrations()),)
    finally:
        store.close()


def test_a_memory_store_works(make_article: MakeArticle) -> None:
    with SqliteStore(":memory:") as store:
        store.add_articles([make_article("a1")])
        assert store.count_articles() == 1


def test_the_shipped_migrations_are_numbered_from_one() -> None:
    migrations = load_migrations()
    assert [migration.version for migration in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "0001_initial.sql"


def test_pending_migrations_are_applied_in_order_once(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with SqliteStore(path, migrations=[FIRST]) as store:
        assert store.schema_version == 1
    with SqliteStore(path, migrations=[FIRST, SECOND]) as store:
        assert store.schema_version == 2
    with SqliteStore(path, migrations=[FIRST, SECOND]) as store:
        assert store.schema_version == 2
    assert tables(path) == ["notes", "tags"]


def test_a_failing_migration_leaves_the_database_at_its_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    SqliteStore(path, migrations=[FIRST]).close()
    with pytest.raises(StoreError) as raised:
        SqliteStore(path, migrations=[FIRST, BROKEN])
    assert "0002_broken.sql" in raised.value.message
    assert tables(path) == ["notes"]
    with SqliteStore(path, migrations=[FIRST]) as store:
        assert store.schema_version == 1


def test_a_database_from_a_newer_storylens_is_refused_with_a_fix(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    SqliteStore(path).close()
    newer = len(load_migrations()) + 1
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {newer}")
    with pytest.raises(SchemaVersionError) as raised:
        SqliteStore(path)
    assert raised.value.subject == str(path)
    assert raised.value.fix == "upgrade storylens"
    assert str(newer) in raised.value.message


def test_a_file_that_is_not_sqlite_raises_store_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"These are my notes, not a database.\n" * 200)
    with pytest.raises(StoreError) as raised:
        SqliteStore(path)
    assert type(raised.value) is StoreError
    assert raised.value.subject == str(path)
    assert "not a SQLite database" in raised.value.message


def test_a_folder_that_cannot_be_created_raises_store_error_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as raised:
        SqliteStore(blocker / "news.db")
    assert raised.value.subject == str(blocker)


def test_a_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "news.db")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count_articles()


def test_a_batch_that_fails_midway_stores_nothing(tmp_path: Path, make_article: MakeArticle) -> None:
    path = tmp_path / "news.db"
    with SqliteStore(path) as store:
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN new.title = 'refuse' "
                               "BEGIN SELECT RAISE(ABORT, 'refused by test'); END")
        with pytest.raises(StoreError, match="refused by test"):
            store.add_articles([make_article("a1"), make_article("a2", title="refuse"), make_article("a3")])
        assert store.count_articles() == 0
        assert store.list_articles() == []


def test_readers_see_committed_articles_only(tmp_path: Path, make_article: MakeArticle) -> None:
    path = tmp_path / "news.db"
    with SqliteStore(path) as writer, SqliteStore(path) as reader:
        writer.add_articles([make_article("a1")])
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE articles SET title = 'uncommitted'")
            assert reader.get_article(ArticleId("a1")).title == "Ministers meet in Lyon"
            other.execute("COMMIT")
            assert reader.get_article(ArticleId("a1")).title == "uncommitted"
        finally:
            other.close()


def test_threads_share_one_store(tmp_path: Path, make_article: MakeArticle) -> None:
    with SqliteStore(tmp_path / "news.db") as store:
        def write(thread: int) -> None:
            for batch in range(5):
                store.add_articles([make_article(f"t{thread}-{batch}-{n}") for n in range(10)])
                store.list_articles()

        workers = [threading.Thread(target=write, args=(thread,)) for thread in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert store.count_articles() == 200


def test_the_search_index_follows_the_articles(tmp_path: Path, make_article: MakeArticle) -> None:
    path = tmp_path / "news.db"
    with SqliteStore(path) as store:
        store.add_articles([make_article(f"a{n}", published=datetime(2016, 12, 1 + n, tzinfo=UTC))
                            for n in range(5)])
        store.add_articles([make_article("a1"), make_article("a9")])
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
        assert connection.execute("SELECT count(*) FROM articles_fts").fetchone() == (6,)


def test_upgrading_keeps_the_search_index_and_drops_features_nothing_reads(
        tmp_path: Path, make_article: MakeArticle) -> None:
    path = tmp_path / "news.db"
    SqliteStore(path, migrations=load_migrations()[:3]).close()
    with sqlite3.connect(path) as connection:  # rows as schema 3 stored them: its trigger indexed each one
        connection.executemany(f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                               f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
                               [article_to_row(make_article("a1")), article_to_row(make_article("a2"))])
        connection.executemany("INSERT INTO article_features (article_id, method, data) VALUES (?, ?, ?)",
                               [("a1", "terms.v1(title_boost=2.0)", b"old"), ("a1", "other.v1", b"kept")])
    with SqliteStore(path) as store:
        store.add_articles([make_article("a3")])
        assert store.features("terms.v1(title_boost=2.0)", [ArticleId("a1")]) == {}
        assert store.features("other.v1", [ArticleId("a1")]) == {ArticleId("a1"): b"kept"}
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
        assert connection.execute("SELECT count(*) FROM articles_fts").fetchone() == (3,)


def test_the_audit_trail_of_edits_cannot_be_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with SqliteStore(path) as store:
        store.record_edit(StoryEdit(action=EditAction.MERGE, story_ids=(StoryId("s1"), StoryId("s2")),
                                    article_ids=(), editor="omar", at=datetime(2016, 12, 10, tzinfo=UTC)))
    with sqlite3.connect(path) as connection:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("DELETE FROM story_edits")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("UPDATE story_edits SET editor = 'someone else'")


def test_match_query_quotes_every_word() -> None:
    assert match_query('river "treaty') == '"river" """treaty"'
    assert match_query("neighb* *") == '"neighb"* "*"'
    assert match_query("   ") is None
    assert match_query(None) is None


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    script = ("-- a note; with a semicolon\nCREATE TABLE t (x);\n"
              "CREATE TRIGGER g AFTER INSERT ON t BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n")
    assert split_statements(script) == [
        "-- a note; with a semicolon\nCREATE TABLE t (x);",
        "CREATE TRIGGER g AFTER INSERT ON t BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;",
    ]


def test_a_write_waits_for_another_writer_then_succeeds(tmp_path: Path, make_article: MakeArticle) -> None:
    path = tmp_path / "news.db"
    with SqliteStore(path, busy_timeout_ms=5000) as store:
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.3, other.execute, args=("COMMIT",))
        release.start()
        try:
            assert store.add_articles([make_article("a1")]).stored == ("a1",)
        finally:
            release.join()
            other.close()


def test_a_write_blocked_past_the_busy_timeout_raises_store_error(
    tmp_path: Path, make_article: MakeArticle
) -> None:
    path = tmp_path / "news.db"
    with SqliteStore(path, busy_timeout_ms=50) as store:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError) as raised:
                store.add_articles([make_article("a1")])
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert "another process is writing" in raised.value.message
        assert raised.value.subject == str(path)
        assert store.count_articles() == 0
