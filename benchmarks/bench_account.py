"""Time to write the account of a 20-article story, and summary ROUGE beside peers on Multi-News.

    PYTHONPATH=src python benchmarks/bench_account.py [--rouge] [--limit N] [--half even|odd]

`--half` scores every other cluster: the summarizer's weights were fitted on the even-numbered
clusters (0, 2, 4, … in file order), so the odd half is held out.

The story is the 20 longest Multi-News documents, each given its own outlet (a stand-in for a 20-outlet
story; the data's documents are truncated, so these are the nearest to full-length articles).
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import replace
from pathlib import Path

from storylens.eval.datasets import read_multinews
from storylens.eval.summaries import cluster_articles, evaluate_summaries
from storylens.model import Article, Story, StoryId
from storylens.synthesize.account import write_account


def _data() -> Path:
    root = Path(os.environ.get("STORYLENS_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
    return root / "multinews" / "multinews_dev.jsonl.gz"


def _story(articles_wanted: int) -> tuple[Story, list[Article]]:
    """The longest documents of the data, each under its own outlet: a worst case for the account's cost."""
    clusters = read_multinews(_data(), kept_only=True)
    documents = [article for cluster in clusters for article in cluster_articles(cluster)]
    longest = sorted(documents, key=lambda article: (-len(article.body), article.id))[:articles_wanted]
    chosen = [replace(article, outlet=f"Outlet {index}") for index, article in enumerate(longest)]
    story = Story(id=StoryId("bench"), title="", article_ids=tuple(article.id for article in chosen))
    return story, chosen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rouge", action="store_true", help="also score summaries beside peers")
    parser.add_argument("--limit", type=int, default=None, help="clusters to score (default: all)")
    parser.add_argument("--half", choices=("even", "odd"), default=None,
                        help="only the even-numbered (fitting) or odd-numbered (held-out) clusters")
    arguments = parser.parse_args()
    story, articles = _story(20)
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        account = write_account(story, articles)
    elapsed = (time.perf_counter() - started) / runs
    words = sum(len(article.body.split()) for article in articles)
    print(f"account of {len(articles)} articles ({words} words): {elapsed * 1000:.1f} ms "
          f"({len(account.summary)} summary sentences, {len(account.claims)} claims)")
    if arguments.rouge:
        started = time.perf_counter()
        clusters = read_multinews(_data(), kept_only=False)
        if arguments.half is not None:
            clusters = clusters[0 if arguments.half == "even" else 1::2]
        report = evaluate_summaries(clusters, limit=arguments.limit)
        print(report)
        print(f"ROUGE run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
