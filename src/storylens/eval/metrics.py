"""Clustering, pair and copy-detection metrics.

Clusterings are mappings item -> label over the same items. Every clustering metric is computed from
the contingency counts n(predicted label, gold label), so it costs O(n), never O(n²) pairs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats


@dataclass(frozen=True, slots=True, kw_only=True)
class PrecisionRecall:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """Harmonic mean; 0.0 when both are 0."""
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def _contingency(predicted: Mapping[str, Hashable],
                 gold: Mapping[str, Hashable]) -> Counter[tuple[Hashable, Hashable]]:
    if predicted.keys() != gold.keys():
        only_predicted = sorted(predicted.keys() - gold.keys())[:3]
        only_gold = sorted(gold.keys() - predicted.keys())[:3]
        raise ValueError(f"predicted and gold cover different items (only predicted: {only_predicted}, "
                         f"only gold: {only_gold})")
    return Counter((predicted[item], gold[item]) for item in gold)


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> PrecisionRecall:
    """B-cubed precision and recall (Bagga & Baldwin 1998), averaged over items.

    Item i's precision is |P(i) ∩ G(i)| / |P(i)| and its recall |P(i) ∩ G(i)| / |G(i)|, where P(i) and
    G(i) are the predicted and gold clusters holding i (each includes i itself). Summed per contingency
    cell: precision = Σ n_pg² / |p| / N, recall = Σ n_pg² / |g| / N. Empty input gives 1.0 and 1.0.
    """
    cells = _contingency(predicted, gold)
    if not cells:
        return PrecisionRecall(precision=1.0, recall=1.0)
    predicted_sizes = Counter(predicted.values())
    gold_sizes = Counter(gold.values())
    total = len(gold)
    precision = sum(count * count / predicted_sizes[p] for (p, _), count in cells.items()) / total
    recall = sum(count * count / gold_sizes[g] for (_, g), count in cells.items()) / total
    return PrecisionRecall(precision=precision, recall=recall)


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def pairwise(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> PrecisionRecall:
    """Precision and recall over same-cluster pairs of items.

    True positives are pairs together in both clusterings: Σ C(n_pg, 2). Precision divides by the
    predicted same-cluster pairs Σ C(|p|, 2), recall by the gold ones Σ C(|g|, 2). With no predicted
    (gold) pairs there is nothing to get wrong (to miss), so precision (recall) is 1.0.
    """
    cells = _contingency(predicted, gold)
    together = sum(_pairs(count) for count in cells.values())
    predicted_pairs = sum(_pairs(count) for count in Counter(predicted.values()).values())
    gold_pairs = sum(_pairs(count) for count in Counter(gold.values()).values())
    return PrecisionRecall(precision=together / predicted_pairs if predicted_pairs else 1.0,
                           recall=together / gold_pairs if gold_pairs else 1.0)


def pair_labels_scores(same: Sequence[bool], predicted_same: Sequence[bool]) -> PrecisionRecall:
    """Precision and recall of `predicted_same` against labelled pairs (e.g. Gedikli's relation)."""
    if len(same) != len(predicted_same):
        raise ValueError(f"{len(same)} labels but {len(predicted_same)} predictions")
    hits = sum(1 for gold, guess in zip(same, predicted_same, strict=True) if gold and guess)
    guessed = sum(predicted_same)
    positives = sum(same)
    return PrecisionRecall(precision=hits / guessed if guessed else 1.0,
                           recall=hits / positives if positives else 1.0)


def _is_constant(values: np.ndarray) -> bool:
    return bool(values.size == 0 or np.all(values == values[0]))


def pearson(first: Sequence[float], second: Sequence[float]) -> float:
    """Pearson's r. NaN when fewer than two values or either side is constant: r is undefined there
    (a constant scorer carries no ranking information), and NaN keeps that visible instead of 0."""
    x, y = _paired_arrays(first, second)
    if x.size < 2 or _is_constant(x) or _is_constant(y):
        return math.nan
    return float(stats.pearsonr(x, y).statistic)


def spearman(first: Sequence[float], second: Sequence[float]) -> float:
    """Spearman's rho (Pearson on average ranks). NaN in the same cases as `pearson`."""
    x, y = _paired_arrays(first, second)
    if x.size < 2 or _is_constant(x) or _is_constant(y):
        return math.nan
    return float(stats.spearmanr(x, y).statistic)


def _paired_arrays(first: Sequence[float], second: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    if len(first) != len(second):
        raise ValueError(f"correlation needs paired values, got {len(first)} and {len(second)}")
    return np.asarray(first, dtype=float), np.asarray(second, dtype=float)


def copy_groups(items: Iterable[str], links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each item's copy group (its smallest linked id), from (copy, original) links; unlinked items
    are alone. Links to ids outside `items` are ignored."""
    parent = {item: item for item in items}

    def root(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for copy, original in links:
        if copy in parent and original in parent:
            first, second = root(copy), root(original)
            if first != second:
                parent[max(first, second)] = min(first, second)
    return {item: root(item) for item in parent}


def copy_detection(items: Sequence[str], predicted_links: Iterable[tuple[str, str]],
                   gold_dup_of: Mapping[str, str]) -> PrecisionRecall:
    """Precision and recall of copy detection against gold `dup_of` labels.

    Both sides become copy groups (connected components of their links) and are compared pairwise, so
    `C copies A` counts as right when the gold says `C dup_of B` and `B dup_of A`, and the direction of
    a link does not matter here (which article is the original is a separate question).
    """
    predicted = copy_groups(items, predicted_links)
    gold = copy_groups(items, gold_dup_of.items())
    return pairwise(predicted, gold)
