"""Where records live between runs: the Store interface and its backends."""

from __future__ import annotations

from pathlib import Path

from storylens.store.base import AddResult, ArticleFilter, Store, StoreStats, StoryFilter
from storylens.store.sqlite import SqliteStore

__all__ = [
    "AddResult",
    "ArticleFilter",
    "SqliteStore",
    "Store",
    "StoreStats",
    "StoryFilter",
    "open_store",
]


def open_store(path: Path | str) -> Store:
    """Open (creating and upgrading as needed) the store at `path`; `:memory:` for a throwaway one.

    Raises:
        StoreError: the file is not a storylens database or cannot be opened.
        SchemaVersionError: the database was written by a newer storylens.
    """
    return SqliteStore(path)
