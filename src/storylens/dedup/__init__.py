"""Copies: exact and near duplicates, their originals, and the outlets articles re-report."""

from storylens.dedup.index import (
    NAME,
    CopyChange,
    CopyIndex,
    DedupParams,
    Fingerprint,
    find_copies,
    fingerprint,
)
from storylens.dedup.original import independent_sources, is_reprint_of, re_reports
from storylens.dedup.shingles import normalize_text, shingle_hashes
from storylens.errors import SnapshotError
from storylens.normalize.outlets import outlet_key

__all__ = [
    "NAME",
    "CopyChange",
    "CopyIndex",
    "DedupParams",
    "Fingerprint",
    "SnapshotError",
    "find_copies",
    "fingerprint",
    "independent_sources",
    "is_reprint_of",
    "normalize_text",
    "outlet_key",
    "re_reports",
    "shingle_hashes",
]
