"""Assemble the stages and run them: read → normalize → store, then copies and stories over the store.

The stages are pure; this module is the door where records meet the store.
"""

from __future__ import annotations

import functools
import gc
import itertools
import multiprocessing
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import msgspec
import numpy as np

from storylens.cluster import (
    ClusterParams,
    ClusterResult,
    TermCounts,
    arrival_key,
    article_terms,
    cluster_articles,
)
from storylens.config import Settings
from storylens.dedup import NAME as DEDUP_NAME
from storylens.dedup import DedupParams, Fingerprint, find_copies, fingerprint
from storylens.errors import PipelineError
from storylens.ingest import ReadOptions, iter_paths, read_path
from storylens.model import Article, ArticleId, CopyLink, Document, Rejected
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


# Inputs shorter than a block are normalized in this process: workers pay off on larger ones.
_PARALLEL_BLOCK = 1000
_PARALLEL_CHUNK = 50


def _through(record: Any, stages: Sequence[Stage]) -> Any:
    return next(run_stages([record], stages))


def _blocks(records: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(records)
    while block := list(itertools.islice(iterator, size)):
        yield block


def _can_fork() -> bool:
    """Forking copies only the calling thread: safe while this process runs no other thread."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def run_stages_parallel(records: Iterable[Any], stages: Sequence[Stage], workers: int) -> Iterator[Any]:
    """`run_stages` in input order, spread over `workers` forked processes once the input is large.

    Records are read a block at a time, so a huge input is never held whole; while one block is being
    worked on, the previous one's results go on downstream. Where forking is not safe (another thread
    runs, as in the web server) or not available, everything runs here.
    """
    blocks = _blocks(records, _PARALLEL_BLOCK)
    first = next(blocks, [])
    if workers <= 1 or len(first) < _PARALLEL_BLOCK or not _can_fork():
        yield from run_stages(itertools.chain(first, itertools.chain.from_iterable(blocks)), stages)
        return
    work = functools.partial(_through, stages=stages)
    # Objects that exist now are left out of the workers' garbage collection, which would otherwise touch
    # (and so copy) every page they share with this process.
    gc.freeze()
    try:
        pool = multiprocessing.get_context("fork").Pool(workers)
    finally:
        gc.unfreeze()
    with pool:
        pending = pool.map_async(work, first, _PARALLEL_CHUNK)
        for block in blocks:
            upcoming = pool.map_async(work, block, _PARALLEL_CHUNK)
            yield from pending.get()
            pending = upcoming
        yield from pending.get()


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
    A large input is normalized by `settings.worker_count` processes.
    """
    params = normalize_params or NormalizeParams()
    normalize = Stage(NORMALIZE.name, Document, (Article, Rejected),
                      functools.partial(normalize_document, params=params))
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

    for record in run_stages_parallel(documents, [normalize], settings.worker_count):
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
    """What a clustering run did: `articles` it grouped, `new` of them in no story before, `copies` found
    among them, and the `stories` stored afterwards in all."""

    articles: int
    new: int
    copies: int
    stories: int
    seconds: float

    def to_json_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "new": self.new, "copies": self.copies, "stories": self.stories,
                "seconds": round(self.seconds, 3)}


class _StoredFeatures(msgspec.Struct, array_like=True, frozen=True):
    term_hashes: bytes
    term_counts: bytes
    shingles: bytes
    signature: bytes


def _features_method(params: ClusterParams, dedup: DedupParams) -> str:
    return (f"terms.v2(title_boost={params.title_boost},max_terms={params.max_terms})+"
            f"{DEDUP_NAME}(words={dedup.shingle_words},perm={dedup.num_perm},seed={dedup.seed})")


def _encoded_features(article: Article, params: ClusterParams, dedup: DedupParams) -> bytes:
    """An article's term counts and MinHash fingerprint, encoded as the store saves them (pure: worker
    processes compute them and send back only these bytes)."""
    found = fingerprint(article, dedup)
    hashes, counts = article_terms(article, params)
    return msgspec.msgpack.encode(_StoredFeatures(term_hashes=hashes.tobytes(), term_counts=counts.tobytes(),
                                                  shingles=found.shingles.tobytes(),
                                                  signature=found.signature.tobytes()))


# Features are read and saved this many articles at a time, so their encoded form is never held for the
# whole set.
_FEATURE_CHUNK = 20_000


def _features(articles: Sequence[Article], store: Store, params: ClusterParams, dedup: DedupParams,
              *, workers: int, new: Collection[ArticleId]) -> tuple[TermCounts, dict[ArticleId, Fingerprint]]:
    """Per-article term counts and MinHash fingerprints: read from the store where saved, computed (by
    `workers` processes when many) and saved where not. While the workers compute, this process reads,
    decodes and saves the others. Articles in `new` (in no story yet) are computed without a look-up:
    their features are saved only by the update that first groups them, so the look-up would nearly
    always miss (after an interrupted update it finds the same bytes, which are saved again)."""
    method = _features_method(params, dedup)
    compute = Stage("features.v1", Article, (bytes,),
                    functools.partial(_encoded_features, params=params, dedup=dedup))
    decoder = msgspec.msgpack.Decoder(_StoredFeatures)
    terms = TermCounts()
    prints: dict[ArticleId, Fingerprint] = {}

    def take(article_id: ArticleId, blob: bytes) -> None:
        stored = decoder.decode(blob)
        terms.add(article_id, (np.frombuffer(stored.term_hashes, dtype=np.uint32),
                               np.frombuffer(stored.term_counts, dtype=np.float32)))
        prints[article_id] = Fingerprint(shingles=np.frombuffer(stored.shingles, dtype=np.uint32),
                                         signature=np.frombuffer(stored.signature, dtype=np.uint32))

    waiting: deque[ArticleId] = deque()  # the articles sent to be computed, in order

    def unsaved() -> Iterator[Article]:
        for chunk in _blocks(articles, _FEATURE_CHUNK):
            saved = store.features(method, (article.id for article in chunk if article.id not in new))
            for article in chunk:
                if (blob := saved.get(article.id)) is not None:
                    take(article.id, blob)
                else:
                    waiting.append(article.id)
                    yield article

    fresh: dict[ArticleId, bytes] = {}
    for blob in run_stages_parallel(unsaved(), [compute], workers):
        article_id = waiting.popleft()
        take(article_id, blob)
        fresh[article_id] = blob
        if len(fresh) >= _FEATURE_CHUNK:
            store.save_features(method, fresh)
            fresh = {}
    if fresh:
        store.save_features(method, fresh)
    return terms, prints


def _group(articles: Sequence[Article], store: Store, params: ClusterParams, workers: int,
           new: Collection[ArticleId]) -> tuple[tuple[CopyLink, ...], ClusterResult]:
    """Copies and stories of `articles` (in arrival order), features from `_features`; `workers` processes
    compute missing features and as many threads search for similar articles."""
    dedup = DedupParams()
    terms, prints = _features(articles, store, params, dedup, workers=workers, new=new)
    links = find_copies(articles, dedup, fingerprints=prints)
    return links, cluster_articles(articles, params, edits=store.edits(), copies=links, terms=terms,
                                   threads=workers)


def refresh_stories(store: Store, params: ClusterParams | None = None, *, workers: int = 1) -> StoriesReport:
    """Recompute copies and stories over everything stored, respecting people's edits, and save both.

    Features not yet saved are computed by `workers` processes when there are many (see `update_stories`).
    """
    started = time.perf_counter()
    new = set(store.unclustered_article_ids())
    articles = list(store.iter_articles())
    links, result = _group(articles, store, params or ClusterParams(), workers, new)
    store.save_copies(links)
    store.save_clustering(result.stories, result.assignments)
    return StoriesReport(articles=len(articles), new=len(new), copies=len(links), stories=store.count_stories(),
                         seconds=time.perf_counter() - started)


def update_stories(store: Store, params: ClusterParams | None = None, *, workers: int = 1) -> StoriesReport:
    """Place the articles that are in no story yet, regrouping only the stories they can touch.

    The new articles are grouped by the batch engine together with every stored article published
    within `window_hours` of one of them (the latest `recent_articles` stored, for undated ones) and the
    whole stories those belong to. Stories outside that window are neither read nor changed, so the cost
    of an update follows the size of the window, not of the store. Each article's term counts and MinHash
    fingerprint are computed once and saved with it, by `workers` forked processes when there are
    many and forking is safe (as for `ingest_documents`). `refresh_stories` regroups everything.
    """
    started = time.perf_counter()
    params = params or ClusterParams()
    new_ids = store.unclustered_article_ids()
    if not new_ids:
        return StoriesReport(articles=0, new=0, copies=0, stories=store.count_stories(),
                             seconds=time.perf_counter() - started)
    new_articles = store.get_articles(new_ids)
    window = set(new_ids)
    dates = [article.published for article in new_articles if article.published is not None]
    if dates:
        reach = timedelta(hours=params.window_hours)
        window.update(store.article_ids_between(min(dates) - reach, max(dates) + reach))
    if len(dates) < len(new_articles):
        window.update(store.latest_article_ids(params.recent_articles))
    loaded = {article.id: article for article in new_articles}
    stored = store.get_articles(id_ for id_ in store.story_mates(window) if id_ not in loaded)
    articles = sorted([*new_articles, *stored], key=arrival_key)  # the order `refresh_stories` reads them in
    grouped = {article.id for article in articles}
    links, result = _group(articles, store, params, workers, set(new_ids))
    kept_links = [link for link in store.copies() if link.copy not in grouped and link.original not in grouped]
    store.save_copies([*kept_links, *links])
    store.save_clustering(result.stories, result.assignments)
    return StoriesReport(articles=len(articles), new=len(new_ids), copies=len(links),
                         stories=store.count_stories(), seconds=time.perf_counter() - started)
