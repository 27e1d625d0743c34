"""The default path as a user runs it, over time: daily JSONL files ingested into SQLite, stories updated after each.

Each day's synthetic articles (see `bench_cluster.synthetic_documents`, `--per-day` a day) are written to a
JSONL file, then `ingest_paths` reads, normalizes (in worker processes) and stores them, and `update_stories`
finds copies and places them in stories. Printed at checkpoints: articles stored, the last day's speed, the
speed so far, and peak resident memory. An update regroups only the stories near the new day in time, so the
daily cost should stay flat as the store grows. The peer is a full re-cluster of the whole store at the end
(`refresh_stories`, what an update avoids), timed in the same run.

With `--one-file`, all N articles (still `--per-day` a day) are written to one JSONL file and ingested in one
run, as `storylens ingest FILE` does: read, normalize and store, then copies and stories for all of them.

With `--phases`, the wall time spent in the main stage and store functions is added up by name and printed at
the end (a function called inside another counts in both).

Run: PYTHONPATH=src:benchmarks python benchmarks/bench_ingest.py --n 100000 [--per-day 2000] [--no-full]
     PYTHONPATH=src:benchmarks python benchmarks/bench_ingest.py --n 1000000 --one-file [--phases]
"""

from __future__ import annotations

import argparse
import functools
import json
import resource
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_cluster import synthetic_documents

from storylens import pipeline
from storylens.cluster import batch
from storylens.config import Settings, load_settings
from storylens.model import Document
from storylens.pipeline import ingest_paths, refresh_stories, update_stories
from storylens.store import SqliteStore

_PHASES = {
    pipeline: ("_features", "find_copies", "cluster_articles"),
    batch: ("term_matrix", "similar_pairs", "link_stories"),
    SqliteStore: ("add_articles", "get_articles", "features", "save_features", "save_clustering", "save_copies"),
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timing_phases() -> Counter[str]:
    """Wrap the functions of `_PHASES` so that each call adds its wall time to the returned counter."""
    spent: Counter[str] = Counter()

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started
        return wrapper

    for owner, names in _PHASES.items():
        for name in names:
            setattr(owner, name, timed(name, getattr(owner, name)))
    return spent


def _write_day(path: Path, documents: list[Document]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps({"title": document.title, "text": document.text, "outlet": document.outlet,
                                     "date": document.published.isoformat() if document.published else None}) + "\n")


def _one_file(count: int, per_day: int, root: Path, settings: Settings, store: SqliteStore) -> None:
    path = root / "all.jsonl"
    _write_day(path, sorted(synthetic_documents(count, per_day=per_day), key=lambda document: document.published))
    began = time.perf_counter()
    ingested = ingest_paths([path], store, settings)
    stored = time.perf_counter()
    print(f"{ingested.stored:,} articles read, normalized and stored in {stored - began:.1f} s", flush=True)
    report = update_stories(store, workers=settings.worker_count)
    ended = time.perf_counter()
    print(f"{ingested.stored:,} articles in one file: read+normalize+store {stored - began:.1f} s, "
          f"copies+stories {ended - stored:.1f} s, whole {ended - began:.1f} s = "
          f"{ingested.stored / (ended - began):,.0f} articles/s; {report.copies:,} copies, {report.stories:,} "
          f"stories; peak RSS {_peak_mb():,.0f} MiB (main process), "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:,.0f} MiB (largest worker)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--per-day", type=int, default=2_000)
    parser.add_argument("--no-full", action="store_true", help="skip the full re-cluster at the end")
    parser.add_argument("--one-file", action="store_true", help="ingest all N articles from one file at once")
    parser.add_argument("--phases", action="store_true", help="print the seconds spent in each main function")
    options = parser.parse_args()
    spent = _timing_phases() if options.phases else Counter()
    try:
        _run(options)
    finally:
        for name, seconds in spent.most_common():
            print(f"{name:<18} {seconds:8.1f} s")


def _run(options: argparse.Namespace) -> None:
    checkpoints = {options.n // 10, options.n // 2, options.n} | {10_000, 100_000}
    with tempfile.TemporaryDirectory(prefix="storylens-bench-") as folder:
        root = Path(folder)
        settings = load_settings(overrides={"db_path": root / "bench.db", "data_dir": root})  # env applies
        store = SqliteStore(settings.db_path)
        if options.one_file:
            _one_file(options.n, options.per_day, root, settings, store)
            store.close()
            return
        documents = sorted(synthetic_documents(options.n, per_day=options.per_day),
                           key=lambda document: document.published)
        began = time.perf_counter()
        done = 0
        print("stored | day: articles/s | so far: articles/s | stories | regrouped in last update | peak MiB")
        for start in range(0, len(documents), options.per_day):
            day = documents[start:start + options.per_day]
            path = root / f"day{start // options.per_day:05d}.jsonl"
            _write_day(path, day)
            day_began = time.perf_counter()
            ingest_paths([path], store, settings)
            report = update_stories(store, workers=settings.worker_count)
            day_seconds = time.perf_counter() - day_began
            path.unlink()
            previous, done = done, done + len(day)
            if any(previous < mark <= done for mark in checkpoints):
                print(f"{done:>7,} | {len(day) / day_seconds:>6,.0f} | {done / (time.perf_counter() - began):>6,.0f} | "
                      f"{report.stories:>7,} | {report.articles:>7,} | {_peak_mb():>5,.0f}", flush=True)
        if not options.no_full:
            full_began = time.perf_counter()
            full = refresh_stories(store, workers=settings.worker_count)
            seconds = time.perf_counter() - full_began
            print(f"peer: full re-cluster of {full.articles:,} stored articles: {seconds:.1f} s "
                  f"({full.articles / seconds:,.0f} articles/s), {full.stories:,} stories "
                  f"(incremental: {report.stories:,})")
        store.close()


if __name__ == "__main__":
    main()
