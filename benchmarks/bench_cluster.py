"""Ingest-like speed of normalize (on every core) + dedup + cluster in memory, with the TF-IDF single-link peer.

Articles: events (a few named people, a place and an organisation each, and their own topic words)
reported by several outlets over weeks, on a Zipf background vocabulary, some reports re-published as
near copies. Prints articles per second for each phase and overall, peak resident memory, and the
peer's clustering speed on the same normalized articles (peer time includes its TF-IDF fit).

Run: PYTHONPATH=src python benchmarks/bench_cluster.py --n 10000 [--no-peer]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import time
from datetime import UTC, datetime, timedelta

from storylens.cluster import cluster_articles
from storylens.dedup import find_copies
from storylens.eval.baselines import SingleLinkParams, article_text, single_link_labels
from storylens.model import Article, Document, Origin, SourceFormat
from storylens.pipeline import NORMALIZE, run_stages_parallel

_SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "to", "vel", "dor", "an", "is", "ber", "gu", "ne", "os", "tar")


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def synthetic_documents(count: int, *, seed: int = 7, per_day: int | None = None) -> list[Document]:
    """`count` documents: about 4 reports per event, 5% near copies; events spread over 8 weeks, or over as
    many days as `per_day` articles a day need."""
    rng = random.Random(seed)
    background = [_name(rng, 3).lower() for _ in range(30_000)]
    zipf = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(background))))
    people = [f"{_name(rng, 2)} {_name(rng, 3)}" for _ in range(max(50, count // 20))]
    places = [_name(rng, 3) for _ in range(400)]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    events = max(1, count // 4)
    documents: list[Document] = []
    for number in range(count):
        if documents and rng.random() < 0.05:
            original = rng.choice(documents)
            documents.append(Document(origin=Origin(location=f"copy{number}", format=SourceFormat.TEXT),
                                      text=original.text + " Copyright the outlet.", title=original.title,
                                      outlet=f"outlet{rng.randrange(60)}", published=original.published))
            continue
        event = rng.randrange(events)
        event_rng = random.Random(event)
        cast = event_rng.sample(people, 3)
        place = event_rng.choice(places)
        topic = [_name(event_rng, 3).lower() for _ in range(12)]
        span_hours = 1344 if per_day is None else 24 * count / per_day
        when = start + timedelta(hours=event * span_hours / events + rng.uniform(0, 30))
        sentences = []
        for _ in range(8):
            words = rng.choices(background, cum_weights=zipf, k=14) + rng.choices(topic, k=4)
            rng.shuffle(words)
            who = rng.choice(cast)
            sentences.append(f"{who} said in {place} that " + " ".join(words) + ".")
        title = f"{cast[0]} and {cast[1]} " + " ".join(rng.sample(topic, 4)) + f" in {place}"
        documents.append(Document(origin=Origin(location=f"doc{number}", format=SourceFormat.TEXT),
                                  text=" ".join(sentences), title=title, outlet=f"outlet{rng.randrange(60)}",
                                  published=when))
    return documents


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--no-peer", action="store_true", help="skip the single-link peer")
    options = parser.parse_args()
    documents = synthetic_documents(options.n)
    before = _peak_mb()
    count = len(documents)
    began = time.perf_counter()
    normalized_records = run_stages_parallel(documents, [NORMALIZE], os.cpu_count() or 1)
    articles = [result for result in normalized_records if isinstance(result, Article)]
    normalized = time.perf_counter()
    print(f"normalize: {count} documents -> {len(articles)} articles, {count / (normalized - began):.0f}/s; "
          f"peak RSS {_peak_mb():.0f} MiB", flush=True)
    copies = find_copies(articles)
    deduplicated = time.perf_counter()
    print(f"dedup: {len(copies)} copy links, {len(articles) / (deduplicated - normalized):.0f}/s; "
          f"peak RSS {_peak_mb():.0f} MiB", flush=True)
    result = cluster_articles(articles, copies=copies)
    clustered = time.perf_counter()
    print(f"cluster: {len(result.stories)} stories, {len(articles) / (clustered - deduplicated):.0f}/s")
    print(f"dedup + cluster {len(articles) / (clustered - normalized):.0f} articles/s; "
          f"normalize + dedup + cluster {count / (clustered - began):.0f} articles/s; "
          f"peak RSS {_peak_mb():.0f} MiB (+{_peak_mb() - before:.0f} MiB)", flush=True)
    if not options.no_peer:
        began = time.perf_counter()
        single_link_labels([article_text(article) for article in articles], SingleLinkParams(threshold=0.25))
        seconds = time.perf_counter() - began
        ratio = seconds / (clustered - deduplicated)
        print(f"peer.tfidf_single_link@0.25: {len(articles) / seconds:.0f} articles/s "
              f"(storylens cluster speed / peer speed = {ratio:.2f}x)")


if __name__ == "__main__":
    main()
