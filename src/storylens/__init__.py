"""storylens: many outlets' reports of the news, understood as stories.

The public API: read and store articles, find copies and stories, compare two articles, and write a story's
account. Records are in `storylens.model`; each stage has its own module (`storylens.ingest`, `.normalize`,
`.dedup`, `.cluster`, `.synthesize`, `.store`).
"""

from storylens.cluster import ClusterParams, cluster_articles, compare_articles
from storylens.config import Settings, load_settings
from storylens.dedup import find_copies
from storylens.errors import StorylensError
from storylens.ingest import ReadOptions, read_path
from storylens.normalize import NormalizeParams, normalize_document
from storylens.pipeline import (
    RunReport,
    StoriesReport,
    ingest_documents,
    ingest_paths,
    refresh_stories,
    update_stories,
)
from storylens.store import Store, open_store
from storylens.synthesize import write_account

__all__ = [
    "ClusterParams",
    "NormalizeParams",
    "ReadOptions",
    "RunReport",
    "Settings",
    "Store",
    "StoriesReport",
    "StorylensError",
    "cluster_articles",
    "compare_articles",
    "find_copies",
    "ingest_documents",
    "ingest_paths",
    "load_settings",
    "normalize_document",
    "open_store",
    "read_path",
    "refresh_stories",
    "update_stories",
    "write_account",
]
