"""B-cubed, pairwise, correlation and copy-detection metrics on hand-computed cases."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storylens.eval.metrics import (
    PrecisionRecall,
    bcubed,
    copy_detection,
    pair_labels_scores,
    pairwise,
    pearson,
    spearman,
)

# Gold: {a, b, c} {d, e}. Predicted: {a, b} {c, d, e}.
GOLD = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
PREDICTED = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 2}


def test_bcubed_of_a_hand_computed_case() -> None:
    # Per item precision: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3  -> (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15
    # Per item recall:    a 2/3, b 2/3, c 1/3, d 2/2, e 2/2  -> (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15
    scores = bcubed(PREDICTED, GOLD)
    assert scores.precision == pytest.approx(11 / 15)
    assert scores.recall == pytest.approx(11 / 15)
    assert scores.f1 == pytest.approx(11 / 15)


def test_bcubed_of_all_singletons_has_full_precision() -> None:
    # Recall: a, b, c each 1/3; d, e each 1/2 -> (1 + 1) / 5 = 2/5
    scores = bcubed({item: item for item in GOLD}, GOLD)
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx(2 / 5)


def test_bcubed_of_one_big_cluster_has_full_recall() -> None:
    # Precision: a, b, c each 3/5; d, e each 2/5 -> (9/5 + 4/5) / 5 = 13/25
    scores = bcubed(dict.fromkeys(GOLD, "all"), GOLD)
    assert scores.recall == 1.0
    assert scores.precision == pytest.approx(13 / 25)


def test_pairwise_of_a_hand_computed_case() -> None:
    # Gold pairs: ab ac bc de = 4. Predicted pairs: ab cd ce de = 4. Both: ab de = 2.
    scores = pairwise(PREDICTED, GOLD)
    assert scores.precision == pytest.approx(2 / 4)
    assert scores.recall == pytest.approx(2 / 4)


def test_pairwise_with_no_predicted_pairs_has_nothing_wrong() -> None:
    scores = pairwise({item: item for item in GOLD}, GOLD)
    assert scores == PrecisionRecall(precision=1.0, recall=0.0)
    assert scores.f1 == 0.0


def test_metrics_refuse_clusterings_of_different_items() -> None:
    with pytest.raises(ValueError, match="different items"):
        bcubed({"a": 1}, {"b": 1})


def test_empty_clusterings_score_one() -> None:
    assert bcubed({}, {}) == PrecisionRecall(precision=1.0, recall=1.0)


def test_labelled_pairs_precision_and_recall() -> None:
    # Labelled same: 1, 2, 3; predicted same: 2, 3, 4 -> hits 2 of 3 guesses and 2 of 3 positives.
    scores = pair_labels_scores([True, True, True, False, False], [False, True, True, True, False])
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(2 / 3)


def test_pearson_and_spearman_of_a_monotone_but_curved_relation() -> None:
    x = [1.0, 2.0, 3.0, 4.0]
    y = [1.0, 4.0, 9.0, 16.0]
    # mean x 2.5, mean y 7.5; deviations (-1.5,-0.5,0.5,1.5) and (-6.5,-3.5,1.5,8.5)
    # cov sum 9.75 + 1.75 + 0.75 + 12.75 = 25; var sums 5 and 42.25 + 12.25 + 2.25 + 72.25 = 129
    assert pearson(x, y) == pytest.approx(25 / math.sqrt(5 * 129))
    assert spearman(x, y) == pytest.approx(1.0)


def test_correlation_of_constant_scores_is_nan() -> None:
    assert math.isnan(pearson([2.0, 2.0, 2.0], [1.0, 2.0, 3.0]))
    assert math.isnan(spearman([1.0, 2.0, 3.0], [4.0, 4.0, 4.0]))
    assert math.isnan(pearson([1.0], [2.0]))


def test_correlation_needs_paired_values() -> None:
    with pytest.raises(ValueError, match="paired"):
        pearson([1.0, 2.0], [1.0])


def test_copy_detection_compares_copy_groups_not_link_direction() -> None:
    # Gold: b and c copy a. Found: a copies b (reversed), d copies c (wrong).
    # Gold groups {a b c}: pairs ab ac bc. Found groups {a b} {c d}: pairs ab cd. Both: ab.
    scores = copy_detection(["a", "b", "c", "d"], [("a", "b"), ("d", "c")], {"b": "a", "c": "a"})
    assert scores.precision == pytest.approx(1 / 2)
    assert scores.recall == pytest.approx(1 / 3)


labels = st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 4), max_size=25)


@given(labels)
def test_bcubed_of_a_partition_against_itself_is_one(partition: dict[str, int]) -> None:
    assert bcubed(partition, partition) == PrecisionRecall(precision=1.0, recall=1.0)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=25))
def test_swapping_predicted_and_gold_swaps_precision_and_recall(pairs: list[tuple[int, int]]) -> None:
    first = {str(i): a for i, (a, _) in enumerate(pairs)}
    second = {str(i): b for i, (_, b) in enumerate(pairs)}
    forward, backward = bcubed(first, second), bcubed(second, first)
    assert forward.precision == pytest.approx(backward.recall)
    assert forward.recall == pytest.approx(backward.precision)
    assert forward.f1 == pytest.approx(backward.f1)
    assert pairwise(first, second).f1 == pytest.approx(pairwise(second, first).f1)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=25))
def test_scores_ignore_how_clusters_are_named(pairs: list[tuple[int, int]]) -> None:
    predicted = {str(i): a for i, (a, _) in enumerate(pairs)}
    gold = {str(i): b for i, (_, b) in enumerate(pairs)}
    renamed = {item: f"story-{10 - label}" for item, label in predicted.items()}
    assert bcubed(renamed, gold) == bcubed(predicted, gold)
    assert pairwise(renamed, gold) == pairwise(predicted, gold)
