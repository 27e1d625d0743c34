"""Assemble the stages and run them: read → normalize → store, then copies and stories over the store.

The stages are pure; this module is the door where records meet the store.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.cluster import ClusterParams, cluster_articles
from storylens.config import Settings
from storylens.dedup import find_copies
from storylens.errors import PipelineError
from storylens.ingest import ReadOptions, iter_paths, read_path
from storylens.model import Article, Document, Rejected
from storylens.normalize import NormalizeParams, normalize_document
from storylens.store.base import Store


@dataclass(frozen=True, slots=True)
class Stage:
    """A per-record stage: its name and version, the record type it reads and the ones it may write."""

    name: str
    reads: type
    writes: tuple[type, ...]
    run: Callable[[Any], Any]


NORMALIZE = Stage("normalize.v1", Document, (Article, Rejected), normalize_document)


def check_chain(source_writes: tuple[type, ...], stages: Sequence[Stage]) -> None:
    """Fail at assembly, not at article 40,000: each stage must read what the one before writes."""
    available = source_writes
    for stage in stages:
        if stage.reads not in available:
            names = ", ".join(kind.__name__ for kind in available)
            raise PipelineError(f"stage {stage.name} reads {stage.reads.__name__} but receives {names}",
                                fix="reorder the stages")
        available = stage.writes


def run_stages(records: Iterable[Any], stages: Sequence[Stage]) -> Iterator[Any]:
    """Pass each record through the chain; a Rejected leaves the chain as it is, and so does a wrong type."""
    for record in records:
        current = record
        for stage in stages:
            if isinstance(current, Rejected):
                break
            current = stage.run(current)
            if not isinstance(current, stage.writes):
                raise PipelineError(f"stage {stage.name} returned {type(current).__name__}",
                                    fix="a stage returns only the types it declares")
        yield current


@dataclass(slots=True)
class RunReport:
    """What one ingest run did, for the summary line and scripts."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rejected_by_code(self) -> dict[str, int]:
        return dict(Counter(str(item.code) for item in self.rejected))

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "stored": self.stored,
            "already_stored": self.already_stored,
            "rejected": len(self.rejected),
            "rejected_by_code": self.rejected_by_code,
            "rejections": [{"input": str(r.origin), "code": str(r.code), "reason": r.reason}
                           for r in self.rejected],
            "seconds": round(self.seconds, 3),
        }


def ingest_documents(
    documents: Iterable[Document | Rejected],
    store: Store,
    settings: Settings,
    *,
    normalize_params: NormalizeParams | None = None,
    on_record: Callable[[Article | Rejected], None] | None = None,
) -> RunReport:
    """Normalize documents and store the articles, one transaction per batch.

    One bad input never stops the batch: it becomes a Rejected, counted in the report and kept by the store.
    """
    params = normalize_params or NormalizeParams()
    normalize = Stage(NORMALIZE.name, Document, (Article, Rejected),
                      lambda document: normalize_document(document, params))
    check_chain((Document, Rejected), [normalize])

    report = RunReport()
    started = time.perf_counter()
    articles: list[Article] = []
    rejected: list[Rejected] = []

    def flush() -> None:
        result = store.add_articles(articles, rejected)
        report.stored += len(result.stored)
        report.already_stored += len(result.already_stored)
        articles.clear()
        rejected.clear()

    for record in run_stages(documents, [normalize]):
        report.read += 1
        if isinstance(record, Rejected):
            rejected.append(record)
            report.rejected.append(record)
        else:
            articles.append(record)
        if on_record is not None:
            on_record(record)
        if len(articles) + len(rejected) >= settings.batch_size:
            flush()
    flush()
    report.seconds = time.perf_counter() - started
    return report


def ingest_paths(
    paths: Sequence[Path],
    store: Store,
    settings: Settings,
    *,
    read_options: ReadOptions | None = None,
    normalize_params: NormalizeParams | None = None,
    on_record: Callable[[Article | Rejected], None] | None = None,
) -> RunReport:
    """Read files and folders (recursively) and ingest what they hold; see `ingest_documents`."""
    options = read_options or ReadOptions(max_bytes=settings.max_input_bytes)
    documents = (item for path in iter_paths(paths) for item in read_path(path, options))
    return ingest_documents(documents, store, settings, normalize_params=normalize_params,
                            on_record=on_record)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoriesReport:
    articles: int
    copies: int
    stories: int
    seconds: float

    def to_json_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "copies": self.copies, "stories": self.stories,
                "seconds": round(self.seconds, 3)}


def refresh_stories(store: Store, params: ClusterParams | None = None) -> StoriesReport:
    """Recompute copies and stories over everything stored, respecting people's edits, and save both."""
    started = time.perf_counter()
    articles = list(store.iter_articles())
    links = find_copies(articles)
    result = cluster_articles(articles, params, edits=store.edits(), copies=links)
    store.save_copies(links)
    store.save_clustering(result.stories, result.assignments)
    return StoriesReport(articles=len(articles), copies=len(links), stories=len(result.stories),
                         seconds=time.perf_counter() - started)
