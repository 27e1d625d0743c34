"""Every dataset reader on the real labelled data in ../shared (via the `shared_data` fixture)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from storylens.eval.datasets import (
    DatasetName,
    dataset_path,
    gedikli_story_chains,
    read_gedikli,
    read_multinews,
    read_semeval,
    read_uci,
)
from storylens.eval.harness import multinews_articles

pytestmark = pytest.mark.shared


def test_multinews_has_2811_clusters_and_7782_documents(shared_data: Path) -> None:
    path = dataset_path(DatasetName.MULTINEWS, shared_data)
    everything = read_multinews(path, kept_only=False)
    assert len(everything) == 2811
    assert sum(len(cluster.documents) for cluster in everything) == 7782
    assert all(cluster.summary for cluster in everything)
    kept = read_multinews(path)
    # 17 clusters have no document judged on-topic.
    assert (len(kept), sum(len(cluster.documents) for cluster in kept)) == (2794, 6384)


def test_multinews_articles_have_unique_ids(shared_data: Path) -> None:
    articles = multinews_articles(dataset_path(DatasetName.MULTINEWS, shared_data), all_docs=True)
    assert len({article.id for article in articles}) == len(articles) == 7782


def test_uci_has_6366_headlines_in_87_stories(shared_data: Path) -> None:
    articles = list(read_uci(dataset_path(DatasetName.UCI, shared_data)))
    assert len(articles) == 6366
    assert len({article.event for article in articles}) == 87
    assert all(article.published is not None for article in articles)


def test_gedikli_has_100_articles_and_4950_pairs_88_positive(shared_data: Path) -> None:
    dataset = read_gedikli(dataset_path(DatasetName.GEDIKLI, shared_data))
    assert len(dataset.articles) == 100
    assert len(dataset.pairs) == 4950 == 100 * 99 // 2
    assert sum(pair.is_same_story for pair in dataset.pairs) == 88
    chains = Counter(article.event for article in gedikli_story_chains(dataset))
    assert sum(size for size in chains.values() if size > 1) > 0


def test_semeval_has_748_pairs_in_eight_language_pairs(shared_data: Path) -> None:
    pairs = list(read_semeval(dataset_path(DatasetName.SEMEVAL, shared_data)))
    assert len(pairs) == 748
    languages = Counter(pair.language_pair for pair in pairs)
    assert languages["en-en"] == 171
    assert set(languages) == {"en-en", "de-de", "es-es", "de-en", "tr-tr", "pl-pl", "ar-ar", "fr-fr"}
    assert all(1.0 <= pair.overall <= 4.0 and pair.first.title for pair in pairs)
