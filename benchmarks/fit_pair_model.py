"""Fit the same-story calibration (`storylens.cluster.calibration`) on SemEval-2022 Task 8 pairs.

Prints the Pearson correlation with the gold Overall, cross-validated (5 folds; pairs that share an
article stay in one fold; agreement coefficients bounded at or below zero)
per language pair, for the default (every term weighs the same) and for an
idf background fitted on the pairs' own texts (unsupervised), then the constants fitted on all pairs,
ready to paste into `calibration.py`. Also times `compare_articles` per pair (warm stem cache).
With `--embeddings use|minilm|minilm,use` (the dense extras installed) it adds each pair's embedding cosine
(from the first embedder covering both languages; pairs none covers keep the lexical model), prints the
cross-validated Pearson with it and the constants for `calibration.DENSE`; `--cache DIR` keeps the article
embeddings between runs.

Run: PYTHONPATH=src .venv/bin/python benchmarks/fit_pair_model.py ../shared/data/semeval2022/pairs_dev.csv
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.optimize import lsq_linear

from storylens.analysis.embeddings import Embedder, cosine, embedder_for, embedding_text, load_embedders
from storylens.cluster import calibration
from storylens.cluster.compare import compare_articles, dense_calibration, pair_features
from storylens.cluster.features import ArticleFeatures, TermStatistics, extract_features
from storylens.eval.datasets import LabelledPair, read_semeval
from storylens.model import Article, ArticleId
from storylens.normalize import normalize_document

FOLDS = 5
ALPHA = 1.0


def usable_pairs(path: Path) -> list[tuple[LabelledPair, Article, Article]]:
    found = []
    for pair in read_semeval(path):
        first, second = normalize_document(pair.first.to_document()), normalize_document(pair.second.to_document())
        if isinstance(first, Article) and isinstance(second, Article):
            found.append((pair, replace(first, id=ArticleId(pair.first.id)),
                          replace(second, id=ArticleId(pair.second.id))))
    return found


def folds(pairs: list[tuple[LabelledPair, Article, Article]]) -> np.ndarray:
    """A fold per pair; pairs linked by a shared article (same body) share a fold, components balanced."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for _, first, second in pairs:
        one, two = root(first.body), root(second.body)
        if one != two:
            parent[max(one, two)] = min(one, two)
    components = Counter(root(first.body) for _, first, _ in pairs)
    fold_of: dict[str, int] = {}
    sizes = [0] * FOLDS
    for key, size in sorted(components.items(), key=lambda item: (-item[1], item[0])):
        fold = sizes.index(min(sizes))
        fold_of[key] = fold
        sizes[fold] += size
    return np.array([fold_of[root(first.body)] for _, first, _ in pairs])


# Inputs that may raise the score (towards unrelated); every agreement feature may only lower it, so a pair
# that agrees more never scores as less related (plain ridge turns correlated agreements against each other).
FREE = ("length_ratio", "is_cross_lingual")


def column_names(x: np.ndarray) -> tuple[str, ...]:
    lexical = calibration.design_names()
    return calibration.design_names(has_embedding=x.shape[1] > len(lexical))


def fit_ridge(x: np.ndarray, y: np.ndarray, alpha: float = ALPHA) -> tuple[float, np.ndarray]:
    """Ridge regression with an unpenalized intercept, agreement coefficients bounded at or below zero."""
    x_mean, y_mean = x.mean(axis=0), y.mean()
    columns = x.shape[1]
    augmented = np.vstack([x - x_mean, np.sqrt(alpha) * np.eye(columns)])
    target = np.concatenate([y - y_mean, np.zeros(columns)])
    upper = np.array([np.inf if name in FREE else 0.0 for name in column_names(x)])
    weights = lsq_linear(augmented, target, bounds=(np.full(columns, -np.inf), upper)).x
    return float(y_mean - x_mean @ weights), weights


def pearson_by_language(predicted: np.ndarray, y: np.ndarray, languages: np.ndarray) -> dict[str, float]:
    found = {"overall": float(np.corrcoef(predicted, y)[0, 1])}
    for language in sorted(set(languages), key=lambda name: -int((languages == name).sum())):
        mask = languages == language
        found[f"{language} ({mask.sum()})"] = float(np.corrcoef(predicted[mask], y[mask])[0, 1])
    return found


def spread(raw: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The centre and the factor that give the predictions the spread of the human ratings."""
    return float(y.mean()), float(y.std() / raw.std())


def stretched(raw: np.ndarray, centre: float, factor: float) -> np.ndarray:
    return np.clip(centre + (raw - centre) * factor, 1.0, 4.0)


def cross_validated(x: np.ndarray, y: np.ndarray, fold: np.ndarray) -> np.ndarray:
    predicted = np.zeros(len(y))
    for number in range(FOLDS):
        train = fold != number
        intercept, weights = fit_ridge(x[train], y[train])
        centre, factor = spread(intercept + x[train] @ weights, y[train])
        predicted[~train] = stretched(intercept + x[~train] @ weights, centre, factor)
    return predicted


def design(pairs: list[tuple[LabelledPair, Article, Article]],
           features: list[tuple[ArticleFeatures, ArticleFeatures]], statistics: TermStatistics | None) -> np.ndarray:
    return np.array([calibration.design_row(pair_features(first, second, one, two, statistics))
                     for (_, first, second), (one, two) in zip(pairs, features, strict=True)])


def article_embeddings(articles: list[Article], embedder: Embedder, cache: Path | None) -> dict[str, np.ndarray]:
    """Each article's embedding by id, kept in the folder `cache` (one file per embedder) when given."""
    stored_at = cache / f"{embedder.name}.npz" if cache is not None else None
    if stored_at is not None and stored_at.exists():
        with np.load(stored_at) as stored:
            found = dict(zip(stored["ids"].tolist(), stored["vectors"], strict=True))
        if all(article.id in found for article in articles):
            return found
    unique = {article.id: article for article in articles}
    ids = sorted(unique)
    started = time.perf_counter()
    vectors = embedder.embed([embedding_text(unique[key].title, unique[key].body) for key in ids])
    print(f"{embedder.name}: {len(ids)} articles, {len(ids) / (time.perf_counter() - started):.1f} articles/s")
    if stored_at is not None:
        stored_at.parent.mkdir(parents=True, exist_ok=True)
        np.savez(stored_at, ids=np.array(ids), vectors=vectors)
    return dict(zip(ids, vectors, strict=True))


def embedding_cosines(pairs: list[tuple[LabelledPair, Article, Article]], embedders: tuple[Embedder, ...],
                      cache: Path | None) -> np.ndarray:
    """Each pair's cosine from the first embedder covering both languages, as `compare_articles` picks it;
    NaN where none does."""
    chosen = [embedder_for(embedders, first.language, second.language) for _, first, second in pairs]
    cosines = np.full(len(pairs), np.nan)
    for embedder in embedders:
        mine = [number for number, picked in enumerate(chosen) if picked is embedder]
        vectors = article_embeddings([article for number in mine for article in pairs[number][1:]], embedder, cache)
        for number in mine:
            _, first, second = pairs[number]
            cosines[number] = cosine(vectors[first.id], vectors[second.id])
    return cosines


def show(name: str, scores: dict[str, float]) -> None:
    print(f"{name}: " + ", ".join(f"{key} {value:.3f}" for key, value in scores.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pairs_csv", type=Path)
    parser.add_argument("--embeddings", help="fit the dense calibration with these embedders (use, minilm, minilm,use)")
    parser.add_argument("--cache", type=Path, help="a folder that keeps the article embeddings between runs")
    arguments = parser.parse_args()
    pairs = usable_pairs(arguments.pairs_csv)
    features = [(extract_features(first), extract_features(second)) for _, first, second in pairs]
    y = np.array([pair.overall for pair, _, _ in pairs])
    languages = np.array([pair.language_pair for pair, _, _ in pairs])
    fold = folds(pairs)
    print(f"{len(pairs)} usable pairs, {len(set(fold.tolist()))} folds")
    background = TermStatistics.fit(item for both in features for item in both)
    x_uniform = design(pairs, features, None)
    x_idf = design(pairs, features, background)
    show("cross-validated, uniform term weights (shipped)", pearson_by_language(cross_validated(x_uniform, y, fold),
                                                                               y, languages))
    show("cross-validated, idf fitted on the SemEval texts", pearson_by_language(cross_validated(x_idf, y, fold),
                                                                                y, languages))
    if arguments.embeddings:
        embedders = load_embedders(arguments.embeddings)
        cosines = embedding_cosines(pairs, embedders, arguments.cache)
        fit_dense(x_uniform, cosines, y, pairs=pairs, languages=languages, fold=fold, embedders=embedders)
        return
    intercept, weights = fit_ridge(x_uniform, y)
    centre, factor = spread(intercept + x_uniform @ weights, y)
    show("in-sample, uniform (optimistic)",
         pearson_by_language(stretched(intercept + x_uniform @ weights, centre, factor), y, languages))
    shipped = np.array([compare_articles(first, second).score for _, first, second in pairs])
    show("compare_articles with the constants in calibration.py", pearson_by_language(shipped, y, languages))
    started = time.perf_counter()
    for _, first, second in pairs:
        compare_articles(first, second)
    print(f"compare_articles: {(time.perf_counter() - started) / len(pairs) * 1000:.2f} ms per pair (warm)")
    print(f"\nCENTRE = {centre:.4f}\nSPREAD = {factor:.4f}\nINTERCEPT = {intercept:.4f}")
    print("COEFFICIENTS: dict[str, float] = {")
    for name, weight in zip(calibration.design_names(), weights, strict=True):
        print(f'    "{name}": {weight:.4f},')
    print("}")


def fit_dense(x_lexical: np.ndarray, cosines: np.ndarray, y: np.ndarray, *,
              pairs: list[tuple[LabelledPair, Article, Article]], languages: np.ndarray, fold: np.ndarray,
              embedders: tuple[Embedder, ...]) -> None:
    """Fit and show the calibration with the embedding cosine on the pairs that have one (NaN: the lexical
    model's cross-validated prediction stands)."""
    key = "+".join(embedder.name for embedder in embedders)
    covered = ~np.isnan(cosines)
    x = np.column_stack([x_lexical, cosines])[covered]
    print(f"{key}: a cosine for {covered.sum()} of {len(pairs)} pairs")
    show(f"{key} cosine alone (negated)", pearson_by_language(-x[:, -1], y[covered], languages[covered]))
    predicted = cross_validated(x_lexical, y, fold)
    predicted[covered] = cross_validated(x, y[covered], fold[covered])
    show(f"cross-validated, uniform term weights + {key}", pearson_by_language(predicted, y, languages))
    intercept, weights = fit_ridge(x, y[covered])
    centre, factor = spread(intercept + x @ weights, y[covered])
    if key in calibration.DENSE:
        shipped = np.array([compare_articles(first, second, embedders=embedders).score
                            for _, first, second in pairs])
        show(f"compare_articles with {dense_calibration(embedders).name}", pearson_by_language(shipped, y, languages))
    print(f'\n    "{key}": Calibration(')
    print(f'        name="{calibration.CALIBRATION_NAME}+{key}",')
    print(f"        centre={centre:.4f}, spread={factor:.4f}, intercept={intercept:.4f},")
    print("        coefficients={")
    for name, weight in zip(column_names(x), weights, strict=True):
        print(f'            "{name}": {round(weight, 4) + 0.0},')
    print("        }),")


if __name__ == "__main__":
    main()
