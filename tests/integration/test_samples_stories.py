"""The bundled sample corpus, through the whole default path, gives exactly its labelled events and copy."""

from __future__ import annotations

from collections import defaultdict

from storylens.cluster import cluster_articles
from storylens.dedup import find_copies
from storylens.ingest import read_path
from storylens.model import Article
from storylens.normalize import normalize_document
from storylens.samples import sample_key, sample_labels, sample_paths


def _sample_articles() -> dict[str, Article]:
    articles = {}
    for path in sample_paths():
        [document] = list(read_path(path))
        article = normalize_document(document)  # type: ignore[arg-type]
        assert isinstance(article, Article), article
        articles[sample_key(path)] = article
    return articles


def test_samples_cluster_into_their_labelled_events_with_confusable_pairs_apart() -> None:
    articles = _sample_articles()
    labels = sample_labels()
    by_id = {article.id: key for key, article in articles.items()}
    result = cluster_articles(list(articles.values()), copies=find_copies(list(articles.values())))

    predicted: dict[str, set[str]] = defaultdict(set)
    for assignment in result.assignments:
        predicted[assignment.story_id].add(by_id[assignment.article_id])
    expected: dict[str, set[str]] = defaultdict(set)
    for key, label in labels.items():
        expected[label.event].add(key)

    assert sorted(map(sorted, predicted.values())) == sorted(map(sorted, expected.values()))


def test_the_syndicated_copy_points_at_the_wire_original() -> None:
    articles = _sample_articles()
    labels = sample_labels()
    by_id = {article.id: key for key, article in articles.items()}

    links = find_copies(list(articles.values()))

    assert {(by_id[link.copy], by_id[link.original]) for link in links} == {
        (key, label.dup_of) for key, label in labels.items() if label.dup_of}
