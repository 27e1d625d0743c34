"""The SQLite store: one file, WAL journal, each write one immediate transaction.

One connection per store object, shared by threads under a lock, so a reader never sees a half-written
batch. The schema is versioned by `PRAGMA user_version` and grows by the numbered scripts in `migrations/`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from storylens.errors import NotFoundError, SchemaVersionError, StoreError
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
from storylens.store.base import AddResult, ArticleFilter, Feed, SeenItem, StoreStats, StoryFilter
from storylens.store.codec import (
    ARTICLE_COLUMNS,
    ASSIGNMENT_COLUMNS,
    COPY_LINK_COLUMNS,
    EDIT_COLUMNS,
    REJECTED_COLUMNS,
    STORY_COLUMNS,
    Row,
    article_from_row,
    article_to_row,
    assignment_from_row,
    assignment_to_row,
    copy_link_from_row,
    copy_link_to_row,
    decode_time,
    edit_from_row,
    edit_to_row,
    encode_time,
    rejected_from_row,
    rejected_to_row,
    story_from_row,
    story_to_row,
)

MEMORY = ":memory:"
DEFAULT_BUSY_TIMEOUT_MS = 5000
_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit
_EVERY_ARTICLE = ArticleFilter()
_EVERY_STORY = StoryFilter()

_ARTICLE_SELECT = "SELECT " + ", ".join(f"a.{column}" for column in ARTICLE_COLUMNS) + " FROM articles a"
_STORY_SELECT = "SELECT " + ", ".join(f"s.{column}" for column in STORY_COLUMNS) + " FROM stories s"


def _insert(table: str, columns: Sequence[str], suffix: str = "") -> str:
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}){suffix}"


_INSERT_ARTICLE = _insert("articles", ARTICLE_COLUMNS, " ON CONFLICT (id) DO NOTHING")
_INDEX_ARTICLES_AFTER = ("INSERT INTO articles_fts (rowid, title, body) "
                         "SELECT pk, title, body FROM articles WHERE pk > ?")
_INSERT_REJECTED = _insert("rejected", (*REJECTED_COLUMNS, "rejected_at"), " ON CONFLICT DO NOTHING")
_INSERT_COPY_LINK = _insert("copy_links", COPY_LINK_COLUMNS)
_UPSERT_STORY = _insert("stories", STORY_COLUMNS) + " ON CONFLICT (id) DO UPDATE SET " + ", ".join(
    f"{column} = excluded.{column}" for column in STORY_COLUMNS[1:])
_INSERT_MEMBER = _insert("story_articles", ("story_id", "article_id", "position"))
_INSERT_ASSIGNMENT = _insert("assignments", ASSIGNMENT_COLUMNS)
_INSERT_EDIT = _insert("story_edits", EDIT_COLUMNS)
_FEED_SELECT = ("SELECT url, interval_seconds, added_at, title, etag, last_modified, last_fetched_at, last_status, "
                "last_error, consecutive_errors, next_fetch_at, last_new_items, "
                "(SELECT count(*) FROM feed_items i WHERE i.feed_url = feeds.url) FROM feeds")


@dataclass(frozen=True, slots=True, kw_only=True)
class Migration:
    """One numbered schema script: `0002_add_x.sql` brings a database from version 1 to 2."""

    version: int
    name: str
    sql: str


def load_migrations() -> tuple[Migration, ...]:
    """The migrations shipped in `storylens/store/migrations`, in version order.

    Raises:
        StoreError: when the scripts are not numbered 1, 2, 3, … (a packaging mistake).
    """
    folder = resources.files("storylens.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number, _, _ = entry.name.partition("_")
            sql = entry.read_text(encoding="utf-8")
            found.append(Migration(version=int(number), name=entry.name, sql=sql))
    found.sort(key=lambda migration: migration.version)
    if [migration.version for migration in found] != list(range(1, len(found) + 1)):
        raise StoreError("schema migrations are not numbered 1, 2, 3, …",
                         subject=", ".join(migration.name for migration in found),
                         fix="reinstall storylens; its migrations folder is incomplete")
    return tuple(found)


def split_statements(script: str) -> list[str]:
    """The statements of an SQL script, trigger bodies kept whole."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


def match_query(text: str | None) -> str | None:
    """An FTS5 query requiring every word of `text` (`word*` matches a prefix); None when there are no words.

    Each word is quoted, so people's punctuation is never read as query syntax.
    """
    words = (text or "").split()
    terms = []
    for word in words:
        is_prefix = word.endswith("*") and len(word) > 1
        stem = word[:-1] if is_prefix else word
        terms.append('"' + stem.replace('"', '""') + '"' + ("*" if is_prefix else ""))
    return " ".join(terms) or None


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


class SqliteStore:
    """The Store on one SQLite file (or `:memory:`).

    Args:
        path: the database file; its folder is created. `:memory:` keeps everything in memory.
        busy_timeout_ms: how long a write waits for another process's write to finish.
        migrations: the schema scripts; the shipped ones by default (tests pass their own).
        clock: the time stamped on rejected inputs and saved state.

    Raises:
        StoreError: the file is not a SQLite database, or cannot be opened or created.
        SchemaVersionError: the database was written by a newer storylens.
    """

    schema_version: int

    def __init__(
        self,
        path: Path | str,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        migrations: Sequence[Migration] | None = None,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.path = path if str(path) == MEMORY else Path(path)
        self._clock = clock
        self._lock = threading.Lock()
        if isinstance(self.path, Path):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"cannot create the database folder: {error.strerror or error}",
                                 subject=str(self.path.parent),
                                 fix="choose a --db path in a folder you can write") from error
        try:
            self._connection: sqlite3.Connection | None = sqlite3.connect(
                str(self.path), timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise self._failure(error, "open the database") from error
        try:
            self._configure(busy_timeout_ms)
            chosen = load_migrations() if migrations is None else tuple(migrations)
            self.schema_version = self._migrate(chosen)
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"SqliteStore({str(self.path)!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    # -- connection, transactions, errors -------------------------------------------------------------

    def _failure(self, error: sqlite3.Error, doing: str) -> StoreError:
        subject = str(self.path)
        detail = str(error)
        if isinstance(error, sqlite3.DatabaseError) and (
            "not a database" in detail or "malformed" in detail or "encrypted" in detail
        ):
            return StoreError(f"cannot {doing}: the file is not a SQLite database or is damaged ({detail})",
                              subject=subject,
                              fix="give the path of a storylens database, or move this file away")
        if isinstance(error, sqlite3.OperationalError) and "locked" in detail:
            return StoreError(f"cannot {doing}: another process is writing ({detail})", subject=subject,
                              fix="wait for the other storylens command to finish, then run this one again")
        if isinstance(error, sqlite3.IntegrityError):
            return StoreError(f"cannot {doing}: the records break a rule of the store ({detail})",
                              subject=subject, fix="pass records naming stored articles and stories once")
        return StoreError(f"cannot {doing}: {detail}", subject=subject,
                          fix="check that the database and its folder are writable and the disk has room")

    def _open_connection(self) -> sqlite3.Connection:
        if self._connection is None:
            raise StoreError("the store is closed", subject=str(self.path), fix="open the store again")
        return self._connection

    def _configure(self, busy_timeout_ms: int) -> None:
        connection = self._open_connection()
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            connection.execute("PRAGMA journal_mode = WAL").fetchone()
            # In WAL mode NORMAL loses no committed transaction when the process dies, only on power loss.
            connection.execute("PRAGMA synchronous = NORMAL")
            # Checkpoint every ~40 MB of log rather than 4 MB, and cache 64 MiB of pages rather than 2: a
            # bulk ingest rewrites the same index pages between checkpoints (100k articles stored in 0.6×
            # the time).
            connection.execute("PRAGMA wal_autocheckpoint = 10000")
            connection.execute("PRAGMA cache_size = -65536")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA user_version").fetchone()
        except sqlite3.Error as error:
            raise self._failure(error, "open the database") from error

    @contextmanager
    def _transaction(self, begin: str, doing: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            connection = self._open_connection()
            try:
                connection.execute(begin)
            except sqlite3.Error as error:
                raise self._failure(error, doing) from error
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException as error:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise self._failure(error, doing) from error
                raise

    def _writing(self, doing: str) -> AbstractContextManager[sqlite3.Connection]:
        """One write: BEGIN IMMEDIATE takes the write lock up front, so the transaction never deadlocks."""
        return self._transaction("BEGIN IMMEDIATE", doing)

    def _reading(self, doing: str) -> AbstractContextManager[sqlite3.Connection]:
        """One consistent snapshot of committed data."""
        return self._transaction("BEGIN", doing)

    def _migrate(self, migrations: tuple[Migration, ...]) -> int:
        latest = migrations[-1].version if migrations else 0
        connection = self._open_connection()
        current = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if current == latest:
            return current
        with self._writing("upgrade the database schema") as connection:
            current = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if current > latest:
                raise SchemaVersionError(
                    f"the database has schema version {current}; this storylens knows up to {latest}",
                    subject=str(self.path), fix="upgrade storylens")
            for migration in migrations:
                if migration.version <= current:
                    continue
                for statement in split_statements(migration.sql):
                    try:
                        connection.execute(statement)
                    except sqlite3.Error as error:
                        raise StoreError(f"schema migration {migration.name} failed: {error}",
                                         subject=str(self.path),
                                         fix="report this; the database is left at its previous version",
                                         ) from error
                connection.execute(f"PRAGMA user_version = {migration.version}")
        return max(current, latest)

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    # -- articles ---------------------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article], rejected: Sequence[Rejected] = ()) -> AddResult:
        """Store a batch in one transaction: all new articles and rejections, or nothing.

        Articles whose id is stored already are skipped and reported; a rejection already recorded for the
        same (origin, code) is not recorded twice.
        """
        if not articles and not rejected:
            return AddResult(stored=(), already_stored=())
        stored: list[ArticleId] = []
        already_stored: list[ArticleId] = []
        rejected_at, _ = encode_time(self._clock())
        with self._writing("store articles") as connection:
            # Rows added now get keys above the largest so far, and enter the search index together.
            (last_key,) = connection.execute("SELECT coalesce(max(pk), 0) FROM articles").fetchone()
            for article in articles:
                cursor = connection.execute(_INSERT_ARTICLE, article_to_row(article))
                (stored if cursor.rowcount == 1 else already_stored).append(article.id)
            if stored:
                connection.execute(_INDEX_ARTICLES_AFTER, (last_key,))
            connection.executemany(_INSERT_REJECTED,
                                   [(*rejected_to_row(item), rejected_at) for item in rejected])
        return AddResult(stored=tuple(stored), already_stored=tuple(already_stored))

    def get_article(self, article_id: ArticleId) -> Article:
        """The article with this id.

        Raises:
            NotFoundError: naming the id, when no article has it.
        """
        with self._reading("read an article") as connection:
            row = connection.execute(f"{_ARTICLE_SELECT} WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError("no stored article has this id", subject=article_id,
                                fix="run `storylens articles` to list ids")
        return article_from_row(row)

    def get_articles(self, article_ids: Iterable[ArticleId]) -> list[Article]:
        """The articles with these ids, in the order asked.

        Raises:
            NotFoundError: naming the first unknown id.
        """
        wanted = list(article_ids)
        unique = list(dict.fromkeys(wanted))
        found: dict[str, Article] = {}
        with self._reading("read articles") as connection:
            for chunk in _chunks(unique):
                for row in connection.execute(f"{_ARTICLE_SELECT} WHERE a.id IN ({_marks(chunk)})", chunk):
                    found[row[0]] = article_from_row(row)
        missing = [article_id for article_id in unique if article_id not in found]
        if missing:
            raise NotFoundError(f"{len(missing)} of the ids name no stored article", subject=missing[0],
                                fix="run `storylens articles` to list ids")
        return [found[article_id] for article_id in wanted]

    def find_article_ids(self, prefix: str) -> list[ArticleId]:
        """Ids starting with `prefix`, sorted."""
        with self._reading("find article ids") as connection:
            rows = connection.execute("SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id",
                                      (prefix, prefix + "\U0010ffff")).fetchall()
        return [ArticleId(row[0]) for row in rows]

    def list_articles(self, where: ArticleFilter = _EVERY_ARTICLE) -> list[Article]:
        """Articles matching every condition given, newest first (undated last), then by id."""
        conditions: list[str] = []
        values: list[Any] = []
        if where.outlet is not None:
            conditions.append("a.outlet = ?")
            values.append(where.outlet)
        if where.language is not None:
            conditions.append("a.language = ?")
            values.append(where.language)
        if where.since is not None:
            conditions.append("a.published_us >= ?")
            values.append(encode_time(where.since)[1])
        if where.until is not None:
            conditions.append("a.published_us <= ?")
            values.append(encode_time(where.until)[1])
        query = match_query(where.text)
        if query is not None:
            conditions.append("a.pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            values.append(query)
        if where.story_id is not None:
            conditions.append("a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)")
            values.append(where.story_id)
        clause = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = f"{_ARTICLE_SELECT}{clause} ORDER BY a.published_us DESC NULLS LAST, a.id LIMIT ? OFFSET ?"
        with self._reading("list articles") as connection:
            rows = connection.execute(sql, (*values, where.limit, where.offset)).fetchall()
        return [article_from_row(row) for row in rows]

    def iter_articles(self, *, batch_size: int = 1000) -> Iterable[Article]:
        """Every article in publication order (undated last), then by id, read `batch_size` at a time.

        Each batch is its own read, so a long iteration never blocks writers; articles added meanwhile
        appear if they sort after the current position.
        """
        last: tuple[int, str] | None = None
        while True:
            if last is None:
                sql = (f"{_ARTICLE_SELECT} WHERE a.published_us IS NOT NULL "
                       "ORDER BY a.published_us, a.id LIMIT ?")
                rows = self._fetch(sql, (batch_size,))
            else:
                sql = (f"{_ARTICLE_SELECT} WHERE a.published_us IS NOT NULL "
                       "AND (a.published_us, a.id) > (?, ?) ORDER BY a.published_us, a.id LIMIT ?")
                rows = self._fetch(sql, (*last, batch_size))
            yield from (article_from_row(row) for row in rows)
            if len(rows) < batch_size:
                break
            last = (rows[-1][ARTICLE_COLUMNS.index("published_us")], rows[-1][0])
        last_id: str | None = None
        while True:
            if last_id is None:
                rows = self._fetch(f"{_ARTICLE_SELECT} WHERE a.published_us IS NULL ORDER BY a.id LIMIT ?",
                                   (batch_size,))
            else:
                rows = self._fetch(
                    f"{_ARTICLE_SELECT} WHERE a.published_us IS NULL AND a.id > ? ORDER BY a.id LIMIT ?",
                    (last_id, batch_size))
            yield from (article_from_row(row) for row in rows)
            if len(rows) < batch_size:
                break
            last_id = rows[-1][0]

    def unclustered_article_ids(self) -> list[ArticleId]:
        """Articles in no story yet, in the order they were stored."""
        rows = self._fetch("SELECT a.id FROM articles a LEFT JOIN story_articles m ON m.article_id = a.id "
                           "WHERE m.article_id IS NULL ORDER BY a.pk", (), "find unclustered articles")
        return [ArticleId(row[0]) for row in rows]

    def article_ids_between(self, since: datetime, until: datetime) -> list[ArticleId]:
        """Articles published from `since` to `until` (both included), in publication order."""
        rows = self._fetch("SELECT id FROM articles WHERE published_us BETWEEN ? AND ? ORDER BY published_us, id",
                           (encode_time(since)[1], encode_time(until)[1]), "find articles by date")
        return [ArticleId(row[0]) for row in rows]

    def latest_article_ids(self, count: int) -> list[ArticleId]:
        """The `count` articles stored last, the latest first."""
        rows = self._fetch("SELECT id FROM articles ORDER BY pk DESC LIMIT ?", (count,), "find recent articles")
        return [ArticleId(row[0]) for row in rows]

    def story_mates(self, article_ids: Iterable[ArticleId]) -> list[ArticleId]:
        """These articles and every article that shares a story with one of them, sorted."""
        unique = list(dict.fromkeys(article_ids))
        found: set[str] = set(unique)
        with self._reading("find story members") as connection:
            for chunk in _chunks(unique):
                rows = connection.execute(
                    "SELECT m.article_id FROM story_articles m WHERE m.story_id IN "
                    f"(SELECT story_id FROM story_articles WHERE article_id IN ({_marks(chunk)}))", chunk)
                found.update(row[0] for row in rows)
        return sorted(ArticleId(id_) for id_ in found)

    def _fetch(self, sql: str, values: Sequence[Any], doing: str = "read articles") -> list[Row]:
        with self._reading(doing) as connection:
            return connection.execute(sql, values).fetchall()

    def count_articles(self) -> int:
        return int(self._fetch("SELECT count(*) FROM articles", ())[0][0])

    def count_stories(self) -> int:
        return int(self._fetch("SELECT count(*) FROM stories", (), "count stories")[0][0])

    def rejections(self, limit: int = 100) -> list[Rejected]:
        """Rejected inputs, the most recently first seen first."""
        rows = self._fetch(f"SELECT {', '.join(REJECTED_COLUMNS)} FROM rejected ORDER BY pk DESC LIMIT ?",
                           (limit,), "read rejections")
        return [rejected_from_row(row) for row in rows]

    # -- copies -----------------------------------------------------------------------------------------

    def save_copies(self, links: Sequence[CopyLink]) -> None:
        """Replace every stored copy link with these, in one transaction.

        Raises:
            NotFoundError: naming an article id that is not stored.
        """
        with self._writing("save copies") as connection:
            self._require_articles(connection, [id_ for link in links for id_ in (link.copy, link.original)])
            connection.execute("DELETE FROM copy_links")
            connection.executemany(_INSERT_COPY_LINK, [copy_link_to_row(link) for link in links])

    def copies(self) -> list[CopyLink]:
        """Every copy link, by copy then original."""
        sql = f"SELECT {', '.join(COPY_LINK_COLUMNS)} FROM copy_links ORDER BY copy, original"
        rows = self._fetch(sql, (), "read copies")
        return [copy_link_from_row(row) for row in rows]

    @classmethod
    def _require_articles(cls, connection: sqlite3.Connection, article_ids: Iterable[str]) -> None:
        cls._article_rows(connection, article_ids)

    @staticmethod
    def _article_rows(connection: sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, int]:
        """Article id -> row number (`pk`) for each of `article_ids`; NotFoundError if one is not stored."""
        unique = list(dict.fromkeys(article_ids))
        row_of: dict[str, int] = {}
        for chunk in _chunks(unique):
            row_of.update(connection.execute(f"SELECT id, pk FROM articles WHERE id IN ({_marks(chunk)})", chunk))
        missing = [article_id for article_id in unique if article_id not in row_of]
        if missing:
            raise NotFoundError(f"{len(missing)} of the article ids are not stored", subject=missing[0],
                                fix="store the articles first (`storylens ingest`), then what refers to them")
        return row_of

    # -- stories ----------------------------------------------------------------------------------------

    def save_clustering(self, stories: Sequence[Story], assignments: Sequence[Assignment]) -> None:
        """Replace, in one transaction, the stories given and the story of every article they name.

        A given story replaces the stored story of its id whole: its members become exactly its
        `article_ids`, in that order, and articles it no longer lists lose their assignment. Each article
        named moves out of whatever story held it. Stories left without articles are removed.

        Raises:
            StoreError: an article is listed twice, or an assignment disagrees with its story.
            NotFoundError: a story names an article that is not stored.
        """
        story_of: dict[str, str] = {}
        story_ids: set[str] = set()
        for story in stories:
            if story.id in story_ids:
                raise StoreError("the same story is given twice", subject=story.id,
                                 fix="pass each story once per save")
            story_ids.add(story.id)
            for article_id in story.article_ids:
                if article_id in story_of:
                    raise StoreError(f"an article is listed in story {story_of[article_id]} and {story.id}",
                                     subject=article_id, fix="put each article in exactly one story")
                story_of[article_id] = story.id
        for assignment in assignments:
            placed = story_of.get(assignment.article_id)
            if placed is not None and placed != assignment.story_id:
                raise StoreError(f"an assignment puts the article in story {assignment.story_id} "
                                 f"but story {placed} lists it", subject=assignment.article_id,
                                 fix="make assignments agree with the stories' article ids")
        with self._writing("save stories") as connection:
            self._require_articles(connection, story_of)
            connection.executemany("DELETE FROM story_articles WHERE story_id = ?",
                                   [(id_,) for id_ in story_ids])
            connection.executemany("DELETE FROM story_articles WHERE article_id = ?",
                                   [(id_,) for id_ in story_of])
            connection.executemany("DELETE FROM assignments WHERE article_id = ?",
                                   [(assignment.article_id,) for assignment in assignments])
            connection.executemany(_UPSERT_STORY, [story_to_row(story) for story in stories])
            connection.executemany(_INSERT_MEMBER, [
                (story.id, article_id, position)
                for story in stories for position, article_id in enumerate(story.article_ids)])
            connection.executemany(_INSERT_ASSIGNMENT, [assignment_to_row(item) for item in assignments])
            connection.execute("DELETE FROM stories WHERE NOT EXISTS "
                               "(SELECT 1 FROM story_articles m WHERE m.story_id = stories.id)")

    def _stories(self, connection: sqlite3.Connection, rows: list[Row]) -> list[Story]:
        members: dict[str, list[ArticleId]] = {row[0]: [] for row in rows}
        ids = list(members)
        for chunk in _chunks(ids):
            for story_id, article_id in connection.execute(
                f"SELECT story_id, article_id FROM story_articles WHERE story_id IN ({_marks(chunk)}) "
                "ORDER BY story_id, position", chunk):
                members[story_id].append(ArticleId(article_id))
        return [story_from_row(row, tuple(members[row[0]])) for row in rows]

    def get_story(self, story_id: StoryId) -> Story:
        """The story with this id.

        Raises:
            NotFoundError: naming the id, when no story has it.
        """
        with self._reading("read a story") as connection:
            rows = connection.execute(f"{_STORY_SELECT} WHERE s.id = ?", (story_id,)).fetchall()
            stories = self._stories(connection, rows)
        if not stories:
            raise NotFoundError("no stored story has this id", subject=story_id,
                                fix="run `storylens stories` to list ids")
        return stories[0]

    def find_story_ids(self, prefix: str) -> list[StoryId]:
        """Story ids starting with `prefix`, sorted."""
        rows = self._fetch("SELECT id FROM stories WHERE id >= ? AND id < ? ORDER BY id",
                           (prefix, prefix + "\U0010ffff"), "find story ids")
        return [StoryId(row[0]) for row in rows]

    def list_stories(self, where: StoryFilter = _EVERY_STORY) -> list[Story]:
        """Stories matching every condition given: most recent first, larger first among equals, then by id.

        `since`/`until` keep stories whose span [first_published, last_published] overlaps them (undated
        stories drop out); `outlet` keeps stories with an article from it; `text` keeps stories with an
        article whose title or body has every word.
        """
        conditions: list[str] = []
        values: list[Any] = []
        if where.since is not None:
            conditions.append("coalesce(s.last_published_us, s.first_published_us) >= ?")
            values.append(encode_time(where.since)[1])
        if where.until is not None:
            conditions.append("coalesce(s.first_published_us, s.last_published_us) <= ?")
            values.append(encode_time(where.until)[1])
        if where.outlet is not None:
            conditions.append("s.id IN (SELECT m.story_id FROM story_articles m "
                              "JOIN articles a ON a.id = m.article_id WHERE a.outlet = ?)")
            values.append(where.outlet)
        query = match_query(where.text)
        if query is not None:
            conditions.append("s.id IN (SELECT m.story_id FROM articles_fts f "
                              "JOIN articles a ON a.pk = f.rowid "
                              "JOIN story_articles m ON m.article_id = a.id WHERE articles_fts MATCH ?)")
            values.append(query)
        clause = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = (f"{_STORY_SELECT}{clause} ORDER BY s.last_published_us DESC NULLS LAST, "
               "(SELECT count(*) FROM story_articles m WHERE m.story_id = s.id) DESC, s.id LIMIT ? OFFSET ?")
        with self._reading("list stories") as connection:
            rows = connection.execute(sql, (*values, where.limit, where.offset)).fetchall()
            return self._stories(connection, rows)

    def assignments(self) -> list[Assignment]:
        """Every assignment, by article id."""
        rows = self._fetch(f"SELECT {', '.join(ASSIGNMENT_COLUMNS)} FROM assignments ORDER BY article_id", (),
                           "read assignments")
        return [assignment_from_row(row) for row in rows]

    def record_edit(self, edit: StoryEdit) -> None:
        """Append a person's edit to the audit trail."""
        with self._writing("record an edit") as connection:
            connection.execute(_INSERT_EDIT, edit_to_row(edit))

    def edits(self) -> list[StoryEdit]:
        """People's edits, oldest first (ties in recording order)."""
        rows = self._fetch(f"SELECT {', '.join(EDIT_COLUMNS)} FROM story_edits ORDER BY at_us, pk", (),
                           "read edits")
        return [edit_from_row(row) for row in rows]

    # -- state and numbers ------------------------------------------------------------------------------

    def get_state(self, key: str) -> bytes | None:
        rows = self._fetch("SELECT value FROM state WHERE key = ?", (key,), "read saved state")
        return bytes(rows[0][0]) if rows else None

    def set_state(self, key: str, value: bytes) -> None:
        updated_at, _ = encode_time(self._clock())
        with self._writing("save state") as connection:
            connection.execute("INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                               "updated_at = excluded.updated_at",
                               (key, value, updated_at))

    def features(self, method: str, article_ids: Iterable[ArticleId]) -> dict[ArticleId, bytes]:
        """The features `method` saved for these articles (articles without them are left out)."""
        found: dict[ArticleId, bytes] = {}
        with self._reading("read features") as connection:
            method_id = connection.execute("SELECT id FROM feature_methods WHERE name = ?", (method,)).fetchone()
            if method_id is None:
                return found
            for chunk in _chunks(list(dict.fromkeys(article_ids))):
                rows = connection.execute(f"SELECT a.id, f.data FROM articles a JOIN article_features f "
                                          f"ON f.article_pk = a.pk AND f.method_id = ? "
                                          f"WHERE a.id IN ({_marks(chunk)})", (method_id[0], *chunk))
                found.update((ArticleId(article_id), bytes(data)) for article_id, data in rows)
        return found

    def save_features(self, method: str, data: Mapping[ArticleId, bytes]) -> None:
        """Save (or replace) features of stored articles, in one transaction.

        Raises:
            NotFoundError: naming an article id that is not stored.
        """
        with self._writing("save features") as connection:
            row_of = self._article_rows(connection, data)
            connection.execute("INSERT INTO feature_methods (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
                               (method,))
            method_id = connection.execute("SELECT id FROM feature_methods WHERE name = ?", (method,)).fetchone()[0]
            connection.executemany("INSERT INTO article_features (article_pk, method_id, data) VALUES (?, ?, ?) "
                                   "ON CONFLICT (article_pk, method_id) DO UPDATE SET data = excluded.data",
                                   sorted((row_of[article_id], method_id, blob) for article_id, blob in data.items()))

    def stats(self) -> StoreStats:
        """Counts from one consistent snapshot."""
        with self._reading("count") as connection:
            def count(sql: str) -> int:
                return int(connection.execute(sql).fetchone()[0])

            articles = count("SELECT count(*) FROM articles")
            stories = count("SELECT count(*) FROM stories")
            copies = count("SELECT count(*) FROM copy_links")
            rejected = count("SELECT count(*) FROM rejected")
            outlets = connection.execute("SELECT outlet, count(*) AS n FROM articles "
                                         "WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY n DESC, outlet",
                                         ).fetchall()
            languages = connection.execute("SELECT language, count(*) AS n FROM articles "
                                           "GROUP BY language ORDER BY n DESC, language").fetchall()
            first, last = connection.execute(
                "SELECT (SELECT published FROM articles WHERE published_us IS NOT NULL "
                "ORDER BY published_us LIMIT 1), "
                "(SELECT published FROM articles WHERE published_us IS NOT NULL "
                "ORDER BY published_us DESC LIMIT 1)").fetchone()
        return StoreStats(
            articles=articles, stories=stories, copies=copies,
            outlets=tuple((str(name), int(n)) for name, n in outlets),
            languages=tuple((str(name), int(n)) for name, n in languages),
            rejected=rejected, first_published=decode_time(first), last_published=decode_time(last),
            schema_version=self.schema_version,
        )

    # -- feeds ------------------------------------------------------------------------------------------

    def add_feed(self, url: str, *, title: str | None = None, interval_seconds: int = 900) -> bool:
        """Start following a feed; False (and nothing changed) when it is followed already."""
        added_at, _ = encode_time(self._clock())
        with self._writing("add a feed") as connection:
            cursor = connection.execute(
                "INSERT INTO feeds (url, title, interval_seconds, added_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (url) DO NOTHING", (url, title, int(interval_seconds), added_at))
            return cursor.rowcount == 1

    def remove_feed(self, url: str) -> bool:
        """Stop following a feed and forget its items; False when it was not followed."""
        with self._writing("remove a feed") as connection:
            connection.execute("DELETE FROM feed_items WHERE feed_url = ?", (url,))
            return connection.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount == 1

    @staticmethod
    def _feed_from_row(row: Row) -> Feed:
        added_at = decode_time(row[2])
        if added_at is None:
            raise StoreError("a feed has no time it was added", subject=str(row[0]),
                             fix="remove the feed and add it again")
        return Feed(url=row[0], interval_seconds=int(row[1]), added_at=added_at, title=row[3], etag=row[4],
                    last_modified=row[5], last_fetched_at=decode_time(row[6]), last_status=row[7],
                    last_error=row[8], consecutive_errors=int(row[9]), next_fetch_at=decode_time(row[10]),
                    last_new_items=int(row[11]), items_seen=int(row[12]))

    def list_feeds(self) -> list[Feed]:
        """Every followed feed, in the order added (then by URL)."""
        rows = self._fetch(f"{_FEED_SELECT} ORDER BY added_at, url", (), "list feeds")
        return [self._feed_from_row(row) for row in rows]

    def get_feed(self, url: str) -> Feed:
        """The feed with this URL.

        Raises:
            NotFoundError: naming the URL, when the feed is not followed.
        """
        rows = self._fetch(f"{_FEED_SELECT} WHERE url = ?", (url,), "read a feed")
        if not rows:
            raise NotFoundError("no followed feed has this URL", subject=url,
                                fix="run `storylens feeds` to list feeds, or `storylens feeds add URL`")
        return self._feed_from_row(rows[0])

    def save_feed_state(self, feed: Feed) -> None:
        """Save a feed's fetch state: title, interval, validators, last fetch, errors and next fetch.

        Raises:
            NotFoundError: the feed is not followed (it was removed meanwhile).
        """
        fetched_at, _ = encode_time(feed.last_fetched_at)
        next_at, next_us = encode_time(feed.next_fetch_at)
        with self._writing("save a feed's state") as connection:
            cursor = connection.execute(
                "UPDATE feeds SET title = ?, interval_seconds = ?, etag = ?, last_modified = ?, "
                "last_fetched_at = ?, last_status = ?, last_error = ?, consecutive_errors = ?, "
                "next_fetch_at = ?, next_fetch_us = ?, last_new_items = ? WHERE url = ?",
                (feed.title, feed.interval_seconds, feed.etag, feed.last_modified, fetched_at, feed.last_status,
                 feed.last_error, feed.consecutive_errors, next_at, next_us, feed.last_new_items, feed.url))
            if cursor.rowcount != 1:
                raise NotFoundError("no followed feed has this URL", subject=feed.url,
                                    fix="add the feed again with `storylens feeds add URL`")

    def seen_items(self, feed_url: str, keys: Iterable[str]) -> set[str]:
        """Which of these item keys the feed has handled already."""
        unique = list(dict.fromkeys(keys))
        seen: set[str] = set()
        with self._reading("read a feed's items") as connection:
            for chunk in _chunks(unique):
                seen.update(row[0] for row in connection.execute(
                    f"SELECT item_key FROM feed_items WHERE feed_url = ? AND item_key IN ({_marks(chunk)})",
                    (feed_url, *chunk)))
        return seen

    def mark_items_seen(self, feed_url: str, items: Sequence[SeenItem]) -> None:
        """Record items as handled, in one transaction; an item marked before keeps its first record."""
        if not items:
            return
        seen_at, _ = encode_time(self._clock())
        with self._writing("mark feed items seen") as connection:
            connection.executemany(
                "INSERT INTO feed_items (feed_url, item_key, url, outcome, article_id, seen_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (feed_url, item_key) DO NOTHING",
                [(feed_url, item.key, item.url, item.outcome, item.article_id, seen_at) for item in items])
