"""The peers: TF-IDF single-link, HDBSCAN and TF-IDF pair scores."""

from __future__ import annotations

import numpy as np
import pytest

from storylens.eval.baselines import (
    HdbscanParams,
    SingleLinkParams,
    hdbscan_labels,
    read_as_is,
    similarity_edges,
    single_link_labels,
    single_link_sweep,
    tfidf_matrix,
    tfidf_pair_scores,
)
from storylens.model import Article, Document, Origin, RejectCode, Rejected, SourceFormat

TEXTS = [
    "harbour ferry strike halts crossings",
    "ferry strike halts harbour crossings again",
    "volcano ash closes northern airports",
    "airports closed by volcano ash cloud",
    "chess prodigy wins regional title",
]


def groups(labels: np.ndarray) -> list[list[int]]:
    found: dict[int, list[int]] = {}
    for position, label in enumerate(labels):
        found.setdefault(int(label), []).append(position)
    return sorted(found.values())


def test_single_link_groups_texts_sharing_words() -> None:
    assert groups(single_link_labels(TEXTS, SingleLinkParams(threshold=0.3))) == [[0, 1], [2, 3], [4]]


def test_single_link_chains_through_a_middle_text() -> None:
    # a~b and b~c share words; a and c share none, yet single-link puts all three together.
    texts = ["red apple pie", "apple pie with blue plums", "blue plums jam", "unrelated grey stone"]
    labels = single_link_labels(texts, SingleLinkParams(threshold=0.1))
    assert groups(labels) == [[0, 1, 2], [3]]


def test_threshold_one_leaves_distinct_texts_apart() -> None:
    assert groups(single_link_labels(TEXTS, SingleLinkParams(threshold=1.0))) == [[0], [1], [2], [3], [4]]


def test_sweep_matches_separate_runs() -> None:
    sweep = single_link_sweep(TEXTS, [0.1, 0.3, 0.9])
    for threshold, labels in sweep.items():
        assert groups(labels) == groups(single_link_labels(TEXTS, SingleLinkParams(threshold=threshold)))


def test_blockwise_edges_equal_the_dense_similarity() -> None:
    matrix = tfidf_matrix(TEXTS)
    edges = similarity_edges(matrix, 0.05, block_rows=2)
    dense = (matrix @ matrix.T).toarray()
    expected = {(i, j) for i in range(5) for j in range(i + 1, 5) if dense[i, j] >= 0.05}
    assert set(zip(edges.row.tolist(), edges.col.tolist(), strict=True)) == expected
    for i, j, value in zip(edges.row, edges.col, edges.data, strict=True):
        assert value == pytest.approx(dense[i, j])


def test_hdbscan_gives_each_noise_point_its_own_label() -> None:
    labels = hdbscan_labels(TEXTS, HdbscanParams(dimensions=3))
    assert len(labels) == 5
    assert labels.min() >= 0
    assert hdbscan_labels(["only one"]).tolist() == [0]


def test_pair_scores_are_four_minus_three_cosine() -> None:
    scores = tfidf_pair_scores([("ferry strike", "ferry strike"), ("ferry strike", "volcano ash")])
    assert scores == [pytest.approx(1.0), pytest.approx(4.0)]
    assert tfidf_pair_scores([]) == []


def test_read_as_is_takes_the_first_line_as_title() -> None:
    origin = Origin(location="mem", format=SourceFormat.TEXT)
    article = read_as_is(Document(origin=origin, text="Ferries stop\nA strike halted them."))
    assert isinstance(article, Article)
    assert (article.title, article.body, article.language) == (
        "Ferries stop", "Ferries stop\nA strike halted them.", "und")
    rejected = read_as_is(Document(origin=origin, text="  \n"))
    assert isinstance(rejected, Rejected)
    assert rejected.code is RejectCode.EMPTY
