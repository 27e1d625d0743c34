"""What an evaluation run reports: frozen records with `to_json_dict()` for `storylens eval --json`.

Top-level JSON keys follow the issue: `bcubed_precision`, `bcubed_recall`, `bcubed_f1`, `pairwise_f1`
(clusterings), `pearson`, `by_language_pair` (pairs), `articles_per_second`, `peak_memory_mb`, and
`peers` {name: the same metrics} when peers ran beside the system. Undefined numbers are null.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


def _round(value: float, digits: int = 4) -> float | None:
    return None if math.isnan(value) else round(value, digits)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusteringScores:
    """One system's clustering of one dataset."""

    name: str
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    n_predicted_stories: int
    seconds: float
    articles_per_second: float
    peak_memory_mb: float
    labelled_pairs_precision: float | None = None  # against labelled pairs (Gedikli), when given
    labelled_pairs_recall: float | None = None
    labelled_pairs_f1: float | None = None

    def to_json_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "bcubed_precision": _round(self.bcubed_precision), "bcubed_recall": _round(self.bcubed_recall),
            "bcubed_f1": _round(self.bcubed_f1), "pairwise_precision": _round(self.pairwise_precision),
            "pairwise_recall": _round(self.pairwise_recall), "pairwise_f1": _round(self.pairwise_f1),
            "n_predicted_stories": self.n_predicted_stories, "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 1),
            "peak_memory_mb": round(self.peak_memory_mb, 1),
        }
        if self.labelled_pairs_f1 is not None:
            result["labelled_pairs_precision"] = _round(self.labelled_pairs_precision or 0.0)
            result["labelled_pairs_recall"] = _round(self.labelled_pairs_recall or 0.0)
            result["labelled_pairs_f1"] = _round(self.labelled_pairs_f1)
        return result


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusteringReport:
    """The system's scores on one dataset, with the peers run beside it."""

    dataset: str
    n_articles: int
    n_gold_stories: int
    n_rejected: int
    system: ClusteringScores
    peers: tuple[ClusteringScores, ...] = ()
    rejected_by_code: tuple[tuple[str, int], ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "dataset": self.dataset, "system": self.system.name, "n_articles": self.n_articles,
            "n_gold_stories": self.n_gold_stories, "n_rejected": self.n_rejected,
            "rejected_by_code": dict(self.rejected_by_code),
        }
        result.update(self.system.to_json_dict())
        if self.peers:
            result["peers"] = {peer.name: peer.to_json_dict() for peer in self.peers}
        return result


@dataclass(frozen=True, slots=True, kw_only=True)
class Correlation:
    pearson: float
    spearman: float
    n: int

    def to_json_dict(self) -> dict[str, Any]:
        return {"pearson": _round(self.pearson), "spearman": _round(self.spearman), "n": self.n}


@dataclass(frozen=True, slots=True, kw_only=True)
class PairScores:
    """One system's pair scores against the gold Overall."""

    name: str
    overall: Correlation
    by_language_pair: tuple[tuple[str, Correlation], ...]
    seconds: float
    articles_per_second: float
    peak_memory_mb: float

    def to_json_dict(self) -> dict[str, Any]:
        return {**self.overall.to_json_dict(),
                "by_language_pair": {pair: value.to_json_dict() for pair, value in self.by_language_pair},
                "seconds": round(self.seconds, 3), "articles_per_second": round(self.articles_per_second, 1),
                "peak_memory_mb": round(self.peak_memory_mb, 1)}


@dataclass(frozen=True, slots=True, kw_only=True)
class PairReport:
    """Pearson (the SemEval-2022 Task 8 metric) and Spearman on Overall, overall and per language pair.

    A correlation is None in JSON (NaN here) when undefined: fewer than two pairs or constant scores.
    """

    dataset: str
    n_pairs: int
    n_skipped: int  # pairs with a side normalization rejected
    system: PairScores
    peers: tuple[PairScores, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"dataset": self.dataset, "system": self.system.name,
                                  "n_pairs": self.n_pairs, "n_skipped": self.n_skipped}
        result.update(self.system.to_json_dict())
        if self.peers:
            result["peers"] = {peer.name: peer.to_json_dict() for peer in self.peers}
        return result


@dataclass(frozen=True, slots=True, kw_only=True)
class CopyReport:
    """Copy detection against `dup_of`, as pairwise precision/recall over copy groups."""

    dataset: str
    n_articles: int
    n_gold_copies: int
    n_predicted_links: int
    precision: float
    recall: float
    f1: float
    articles_per_second: float
    peak_memory_mb: float

    def to_json_dict(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "n_articles": self.n_articles, "n_gold_copies": self.n_gold_copies,
                "n_predicted_links": self.n_predicted_links, "copy_precision": _round(self.precision),
                "copy_recall": _round(self.recall), "copy_f1": _round(self.f1),
                "articles_per_second": round(self.articles_per_second, 1),
                "peak_memory_mb": round(self.peak_memory_mb, 1)}


@dataclass(frozen=True, slots=True, kw_only=True)
class DatasetReport:
    """Everything `storylens eval` measured on one dataset: a clustering, pairs, copies, or several."""

    clustering: ClusteringReport | None = None
    pairs: PairReport | None = None
    copies: CopyReport | None = None

    def to_json_dict(self) -> dict[str, Any]:
        """The clustering's keys at the top (else the pairs'), the other reports under `pairs`/`copies`."""
        result: dict[str, Any] = {}
        if self.clustering is not None:
            result.update(self.clustering.to_json_dict())
            if self.pairs is not None:
                result["pairs"] = self.pairs.to_json_dict()
        elif self.pairs is not None:
            result.update(self.pairs.to_json_dict())
        if self.copies is not None:
            result["copies"] = self.copies.to_json_dict()
        return result
