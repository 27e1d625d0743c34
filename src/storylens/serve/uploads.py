"""Articles posted to the API become Documents and go through the same normalize → store path as files."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from storylens.ingest import ReadOptions, read_path
from storylens.ingest.records import record_document
from storylens.model import Document, Origin, Rejected, SourceFormat

UPLOAD_SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".json", ".csv", ".tsv")
_UNSAFE_NAME = re.compile(r"[^\w.-]+")


def documents_from_records(records: Sequence[Mapping[str, Any]], options: ReadOptions,
                           location: str = "api") -> list[Document | Rejected]:
    """One Document (or Rejected) per posted JSON record, read like a JSON Lines line."""
    return [record_document(record, Origin(location=location, format=SourceFormat.API, record=number),
                            options, f"item {number}")
            for number, record in enumerate(records, start=1)]


def safe_upload_name(name: str | None) -> str:
    """The client's file name reduced to one harmless path component that keeps its extensions."""
    base = Path((name or "").replace("\\", "/")).name
    cleaned = _UNSAFE_NAME.sub("_", base).lstrip(".")
    return cleaned or "upload.txt"


def is_supported_upload(name: str) -> bool:
    lowered = name.lower().removesuffix(".gz")
    return lowered.endswith(UPLOAD_SUFFIXES)


def _relocate(record: Document | Rejected, location: str) -> Document | Rejected:
    return replace(record, origin=replace(record.origin, location=location))


def documents_from_upload(name: str, data: bytes, options: ReadOptions) -> list[Document | Rejected]:
    """Read an uploaded file exactly as `storylens ingest` reads a file of that name.

    The records name `upload/<name>` as their origin, never the temporary file they were read from.
    """
    safe_name = safe_upload_name(name)
    with tempfile.TemporaryDirectory(prefix="storylens-upload-") as folder:
        path = Path(folder) / safe_name
        path.write_bytes(data)
        return [_relocate(record, f"upload/{safe_name}") for record in read_path(path, options)]
