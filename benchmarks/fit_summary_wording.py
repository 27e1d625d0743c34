"""Fit the wording model of `storylens.synthesize.wording` on the even-numbered Multi-News clusters.

    PYTHONPATH=src python benchmarks/fit_summary_wording.py ../shared/data/multinews/multinews_dev.jsonl.gz

For every word of every even-numbered cluster (0, 2, 4, … in file order; the odd ones are held out), the
features of `word_features` and the word's count in the reference summary; a Poisson regression of the
count on the features. Prints the `INTERCEPT` and `COEFFICIENTS` to paste into the module, and the mean
Poisson deviance on both halves.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import PoissonRegressor
from sklearn.metrics import mean_poisson_deviance

from storylens.analysis.sentences import split_sentences
from storylens.eval.datasets import LabelledCluster, read_multinews
from storylens.eval.summaries import cluster_articles
from storylens.synthesize.wording import FEATURE_NAMES, INTERACTING, WordedSentence, sentence_words, word_features


def _table(clusters: Sequence[LabelledCluster]) -> tuple[np.ndarray, np.ndarray]:
    rows: list[list[float]] = []
    counts: list[float] = []
    for cluster in clusters:
        articles = sorted(cluster_articles(cluster), key=lambda article: article.id)
        sentences = [
            WordedSentence(article_row=row, position=position,
                           words=sentence_words(article.body[start:end], article.language))
            for row, article in enumerate(articles)
            for position, (start, end) in enumerate(split_sentences(article.body))
        ]
        found, table = word_features(sentences, len(articles))
        reference = Counter(sentence_words(cluster.summary))
        rows.extend(table)
        counts.extend(float(reference[word]) for word in found)
    return np.array(rows), np.array(counts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path, help="multinews_dev.jsonl.gz")
    parser.add_argument("--alpha", type=float, default=1e-4, help="L2 penalty of the regression")
    arguments = parser.parse_args()
    clusters = read_multinews(arguments.path, kept_only=False)
    features, counts = _table(clusters[0::2])
    model = PoissonRegressor(alpha=arguments.alpha, max_iter=2000).fit(features, counts)
    held_features, held_counts = _table(clusters[1::2])
    print(f"words: {len(counts)} fitted, {len(held_counts)} held out")
    print(f"mean Poisson deviance: even {mean_poisson_deviance(counts, model.predict(features)):.4f}, "
          f"odd {mean_poisson_deviance(held_counts, model.predict(held_features)):.4f}")
    names = [*FEATURE_NAMES, *(f"{name}*is_stopword" for name in INTERACTING)]
    for name, weight in zip(names, model.coef_, strict=True):
        print(f"  {name:>28} {weight:+.4f}")
    print(f"INTERCEPT = {model.intercept_:.4f}")
    print("COEFFICIENTS: tuple[float, ...] = (" + ", ".join(f"{weight:.4f}" for weight in model.coef_) + ",)")


if __name__ == "__main__":
    main()
