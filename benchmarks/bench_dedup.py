"""Copy detection speed and memory on synthetic news-length articles, against peers from the same run.

Run: PYTHONPATH=src python benchmarks/bench_dedup.py --n 10000

Articles are 400 words drawn with Zipf frequencies from a made-up 30,000-word vocabulary, in paragraphs;
about 5% are near copies of an earlier article (a paragraph dropped, a few words changed, a new headline).
Peers: datasketch's own `MinHash.update_batch` for the fingerprints, and a naive all-pairs shingle-set
Jaccard for the whole job (on a smaller n, as it is quadratic).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import resource
import time
import tracemalloc
from datetime import UTC, datetime, timedelta

import numpy as np
from datasketch import MinHash

from storylens.dedup import CopyIndex, DedupParams, find_copies
from storylens.dedup.minhash import make_permutations, signature
from storylens.dedup.shingles import article_text, shingle_hashes
from storylens.model import Article, ArticleId, Origin, SourceFormat

SYLLABLES = ["ka", "lo", "mi", "ser", "tan", "vo", "re", "din", "pa", "ul", "ost", "ne", "bri", "ga", "ech",
             "mon", "ti", "ar", "ves", "plu", "or", "zen", "di", "fa", "hu", "im", "que", "la", "sto", "wy"]


def make_vocabulary(size: int, rng: random.Random) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < size:
        words["".join(rng.choices(SYLLABLES, k=rng.choice((1, 2, 2, 3, 3, 4))))] = None
    return list(words)


def make_articles(n: int, *, copy_share: float = 0.05, seed: int = 42) -> tuple[list[Article], int]:
    """n articles, about `copy_share` of them near copies of an earlier one, and how many copies."""
    rng = random.Random(seed)
    vocabulary = make_vocabulary(30_000, rng)
    cumulative = np.cumsum(1.0 / np.arange(1, len(vocabulary) + 1))
    cumulative /= cumulative[-1]
    np_rng = np.random.default_rng(seed)
    articles: list[Article] = []
    paragraphs_of: list[list[str]] = []
    copies = 0
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for index in range(n):
        if index > 20 and rng.random() < copy_share:
            source = paragraphs_of[rng.randrange(len(paragraphs_of))]
            paragraphs = [paragraph for paragraph in source if rng.random() > 0.15] or source[:1]
            paragraphs = [re.sub(r"\b\w+\b", lambda match: match.group(0) if rng.random() > 0.02
                                 else rng.choice(vocabulary), paragraph) for paragraph in paragraphs]
            copies += 1
        else:
            words = [vocabulary[i] for i in np.searchsorted(cumulative, np_rng.random(400))]
            paragraphs = [" ".join(words[i:i + 50]) + "." for i in range(0, 400, 50)]
        paragraphs_of.append(paragraphs)
        title = " ".join(rng.choices(vocabulary[:3000], k=8))
        body = "\n\n".join(paragraphs)
        articles.append(Article(
            id=ArticleId(f"a{index:07d}"), title=title, body=body,
            origin=Origin(location=f"bench/{index}", format=SourceFormat.TEXT),
            content_hash=hashlib.sha256(f"{title}\n{body}".encode()).hexdigest(), language="en",
            outlet=f"outlet{rng.randrange(200)}", published=start + timedelta(minutes=index)))
    return articles, copies


def naive_copy_pairs(articles: list[Article], params: DedupParams) -> set[tuple[str, str]]:
    """Every pair passing the same test as the index, by comparing each article with all earlier ones."""
    sets: list[set[tuple[str, ...]]] = []
    pairs: set[tuple[str, str]] = set()
    size = params.shingle_words
    for article in articles:
        words = re.findall(r"\w+", article_text(article).casefold())
        shingles = {tuple(words[i:i + size]) for i in range(max(1, len(words) - size + 1))}
        for other_index, other in enumerate(sets):
            shared = len(shingles & other)
            if not shared:
                continue
            union = len(shingles) + len(other) - shared
            if (shared / union >= params.min_jaccard
                    and shared / min(len(shingles), len(other)) >= params.min_overlap):
                pairs.add((articles[other_index].id, article.id))
        sets.append(shingles)
    return pairs


def linked_pairs(articles: list[Article], params: DedupParams) -> set[tuple[str, str]]:
    """The copy pairs the index connects (same group), oldest first, for comparison with the naive peer."""
    index = CopyIndex(params)
    for article in articles:
        index.add(article)
    group_of = {article.id: index.original_of(article.id) for article in articles}
    position: dict[str, int] = {article.id: i for i, article in enumerate(articles)}
    by_group: dict[str, list[str]] = {}
    for article_id, original in group_of.items():
        by_group.setdefault(original, []).append(article_id)
    pairs: set[tuple[str, str]] = set()
    for members in by_group.values():
        members.sort(key=position.__getitem__)
        pairs.update((first, second) for i, first in enumerate(members) for second in members[i + 1:])
    return pairs


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to index")
    parser.add_argument("--peer-n", type=int, default=1_000, help="articles for the quadratic naive peer")
    arguments = parser.parse_args()
    params = DedupParams()

    articles, made = make_articles(arguments.n)
    print(f"{arguments.n:,} synthetic articles of ~400 words, {made} near copies made")

    started = time.perf_counter()
    shingle_sets = [shingle_hashes(article_text(article), params.shingle_words) for article in articles]
    shingling = time.perf_counter() - started
    permutations = make_permutations(params.num_perm, params.seed)
    started = time.perf_counter()
    for shingles in shingle_sets:
        signature(shingles, permutations)
    ours = time.perf_counter() - started
    sample = shingle_sets[:1000]
    started = time.perf_counter()
    for shingles in sample:
        MinHash(num_perm=params.num_perm, seed=params.seed, hashfunc=int).update_batch(shingles.tolist())
    theirs = time.perf_counter() - started
    print(f"shingling            {rate(len(articles), shingling)}")
    print(f"MinHash, numpy       {rate(len(articles), ours)}")
    print(f"MinHash, datasketch  {rate(len(sample), theirs)}  (update_batch on the same shingles; "
          f"numpy is {theirs / len(sample) / (ours / len(articles)):.1f}x faster)")

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    index = CopyIndex(params)
    for article in articles:
        index.add(article)
    links = index.links()
    total = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"find copies (all)    {rate(len(articles), total)}  {len(links)} links, "
          f"{sum(link.method == 'exact' for link in links)} exact")
    print(f"max RSS              {rss_after / 1024:,.0f} MB (grew {(rss_after - rss_before) / 1024:,.0f} MB "
          f"while indexing)")

    snapshot_started = time.perf_counter()
    data = index.snapshot()
    snapshot_seconds = time.perf_counter() - snapshot_started
    restore_started = time.perf_counter()
    CopyIndex.restore(data)
    restore_seconds = time.perf_counter() - restore_started
    print(f"snapshot             {len(data) / len(articles):,.0f} bytes/article, "
          f"{snapshot_seconds:.2f}s to write, {restore_seconds:.2f}s to restore")

    tracemalloc.start()
    small = articles[: min(len(articles), 2_000)]
    find_copies(small, params)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced memory   {peak / 1024 / 1024:,.1f} MB for {len(small):,} articles "
          f"({peak / len(small) / 1024:,.1f} KB/article)")

    peer = articles[: arguments.peer_n]
    started = time.perf_counter()
    naive = naive_copy_pairs(peer, params)
    naive_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = linked_pairs(peer, params)
    indexed_seconds = time.perf_counter() - started
    recall = len(naive & found) / len(naive) if naive else 1.0
    print(f"naive all pairs      {rate(len(peer), naive_seconds)} on {len(peer):,} articles; the index "
          f"{rate(len(peer), indexed_seconds)}, {naive_seconds / indexed_seconds:.1f}x faster; "
          f"pair recall {recall:.3f} ({len(naive & found)}/{len(naive)}), "
          f"{len(found - naive)} extra pairs (joined through a third article)")


if __name__ == "__main__":
    main()
