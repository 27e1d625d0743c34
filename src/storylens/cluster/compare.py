"""`compare_articles`: a same-story score for two articles, with the evidence behind it.

The two articles are reduced to `PairFeatures` (term, headline and character n-gram cosines, entity,
place, figure and date agreement, length ratio) and the fitted calibration in `calibration.py` maps
them onto the SemEval-2022 scale (1 = same story ... 4 = unrelated). Term rarity needs a background:
pass a fitted `TermStatistics` (for example `TermStatistics.fit` over the articles of a run); without
one every term weighs the same, which is what the calibration was fitted on. With embedders (the optional
dense extras) the cosine of the two articles' embeddings, from the first embedder that covers both their
languages, joins the features, and the calibration fitted for those embedders scores them.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from storylens.analysis.embeddings import Embedder, cosine, embedder_for, embedding_text
from storylens.cluster.calibration import (
    DENSE,
    LEXICAL,
    Calibration,
    PairFeatures,
    calibrated_score,
    contributions,
)
from storylens.cluster.features import ArticleFeatures, TermStatistics, extract_features
from storylens.cluster.params import ClusterParams
from storylens.errors import ConfigError
from storylens.model import Article, Comparison, Evidence, EvidenceKind

_GRAM_SIZES = (3, 4, 5)
_SHOWN_TERMS = 20
_UNIFORM = TermStatistics()


def _cosine(first: Mapping[str, float], second: Mapping[str, float], statistics: TermStatistics,
            prefix: str = "") -> float:
    if not first or not second:
        return 0.0
    if statistics.documents == 0:
        return _plain_cosine(first, second)
    weights = {key: statistics.idf(prefix + key) for key in first.keys() | second.keys()}
    dot = sum(value * second[key] * weights[key] ** 2 for key, value in first.items() if key in second)
    if dot == 0.0:
        return 0.0
    first_norm = math.sqrt(sum((value * weights[key]) ** 2 for key, value in first.items()))
    second_norm = math.sqrt(sum((value * weights[key]) ** 2 for key, value in second.items()))
    return min(1.0, dot / (first_norm * second_norm))


@lru_cache(maxsize=200_000)
def _term_grams(term: str) -> tuple[str, ...]:
    padded = f" {term} "
    return tuple(padded[start:start + size] for size in _GRAM_SIZES for start in range(len(padded) - size + 1))


def _grams(term_weights: Mapping[str, float]) -> dict[str, float]:
    found: dict[str, float] = {}
    get = found.get
    for term, weight in term_weights.items():
        for gram in _term_grams(term):
            found[gram] = get(gram, 0.0) + weight
    return found


def _plain_cosine(first: Mapping[str, float], second: Mapping[str, float]) -> float:
    if not first or not second:
        return 0.0
    dot = sum(value * second[key] for key, value in first.items() if key in second)
    if dot == 0.0:
        return 0.0
    norms = math.sqrt(sum(v * v for v in first.values())) * math.sqrt(sum(v * v for v in second.values()))
    return min(1.0, dot / norms)


def _overlap(first: Collection[str], second: Collection[str]) -> float:
    if not first or not second:
        return 0.0
    return len(set(first) & set(second)) / min(len(first), len(second))


def _jaccard(first: Collection[str], second: Collection[str]) -> float:
    union = set(first) | set(second)
    return len(set(first) & set(second)) / len(union) if union else 0.0


def _presence(keys: Iterable[str]) -> dict[str, float]:
    return dict.fromkeys(keys, 1.0)


def pair_features(first: Article, second: Article, one: ArticleFeatures, two: ArticleFeatures,
                  statistics: TermStatistics | None = None) -> PairFeatures:
    """The calibration's view of two articles.

    Args:
        first: one article.
        second: the other.
        one: `extract_features(first)`.
        two: `extract_features(second)`.
        statistics: a background for term rarity; None weighs every term the same.

    Returns:
        The pair's features (see `PairFeatures`).
    """
    background = statistics or _UNIFORM
    title_one, title_two = _presence(one.title_terms), _presence(two.title_terms)
    dates = 0.0
    if one.dates and two.dates:
        dates = 1.0 if one.dates & two.dates else -1.0
    longer = max(len(first.body), len(second.body))
    return PairFeatures(
        text=_cosine(one.terms, two.terms, background),
        title=_cosine(title_one, title_two, background),
        title_body=(_cosine(title_one, two.terms, background) + _cosine(title_two, one.terms, background)) / 2,
        grams=_plain_cosine(_grams(one.terms), _grams(two.terms)),
        entities=_overlap(one.entities, two.entities),
        entities_jaccard=_jaccard(one.entities, two.entities),
        places=_overlap(one.places, two.places),
        numbers=_jaccard(one.numbers, two.numbers),
        dates=dates,
        length_ratio=min(len(first.body), len(second.body)) / longer if longer else 1.0,
        is_cross_lingual=float((first.language or "") != (second.language or "")),
    )


def _sets(kind: EvidenceKind, first: Iterable[str], second: Iterable[str], weight: float) -> Evidence:
    one, two = set(first), set(second)
    return Evidence(kind=kind, shared=tuple(sorted(one & two)), only_first=tuple(sorted(one - two)),
                    only_second=tuple(sorted(two - one)), weight=round(weight, 4))


def _evidence(one: ArticleFeatures, two: ArticleFeatures, features: PairFeatures,
              calibration: Calibration) -> tuple[Evidence, ...]:
    # A contribution pulls the score down (towards same story); on the 0..1 similarity it pulls up by a third.
    parts = {name: -value / 3.0 for name, value in contributions(features, calibration).items()}
    shared_terms = sorted(set(one.terms) & set(two.terms), key=lambda term: (-one.terms[term], term))
    found = [
        _sets(EvidenceKind.ENTITY, one.entities, two.entities, parts["entities"] + parts["entities_jaccard"]),
        _sets(EvidenceKind.PLACE, one.places, two.places, parts["places"]),
        _sets(EvidenceKind.DATE, (day.isoformat() for day in one.dates), (day.isoformat() for day in two.dates),
              parts["dates"]),
        _sets(EvidenceKind.NUMBER, one.numbers, two.numbers, parts["numbers"]),
        _sets(EvidenceKind.QUOTE, one.quotes, two.quotes, 0.0),
        Evidence(kind=EvidenceKind.TEXT, shared=tuple(shared_terms[:_SHOWN_TERMS]),
                 weight=round(parts["text"] + parts["title"] + parts["title_body"] + parts["grams"]
                              + parts.get("embedding", 0.0), 4)),
    ]
    if one.published is not None and two.published is not None:
        hours = abs((one.published - two.published).total_seconds()) / 3600
        found.append(Evidence(kind=EvidenceKind.TIME, shared=(f"{hours:.1f} hours apart",), weight=0.0))
    return tuple(found)


def score_on_scale(similarity_value: float) -> float:
    """Similarity 0..1 on the SemEval-2022 scale: 1 = same story ... 4 = unrelated."""
    return round(4.0 - 3.0 * min(1.0, max(0.0, similarity_value)), 3)


def embedding_cosine(first: Article, second: Article, embedder: Embedder) -> float:
    """The cosine of the two articles' embeddings (headline and lead), 0..1."""
    one, two = embedder.embed([embedding_text(first.title, first.body), embedding_text(second.title, second.body)])
    return cosine(one, two)


def dense_calibration(embedders: Sequence[Embedder]) -> Calibration:
    """The calibration fitted with the cosines of `embedders` (in this order of preference).

    Raises:
        ConfigError: when none was fitted for these embedders.
    """
    key = "+".join(embedder.name for embedder in embedders)
    if key not in DENSE:
        raise ConfigError(f"no calibration fitted for embeddings {key!r}", subject="embeddings",
                          fix=f"choose embeddings with one: {', '.join(sorted(DENSE))}")
    return DENSE[key]


def compare_articles(first: Article, second: Article, params: ClusterParams | None = None, *,
                     statistics: TermStatistics | None = None, embedders: Sequence[Embedder] = ()) -> Comparison:
    """How likely two articles report the same story, and why.

    Args:
        first: one article.
        second: the other.
        params: engine settings (title boost, terms kept); the defaults when None.
        statistics: a background for term rarity; None weighs every term the same.
        embedders: add the articles' embedding cosine from the first of them that covers both languages,
            scored by the calibration fitted for them; none (the default), or none that covers both, scores the
            lexical features alone.

    Returns:
        The similarity (0..1), the score on the SemEval scale (1 = same story ... 4 = unrelated) and one
        Evidence record per kind, each weighted by its signed contribution to the similarity.
    """
    params = params or ClusterParams()
    one = extract_features(first, title_boost=params.title_boost, max_terms=params.max_terms)
    two = extract_features(second, title_boost=params.title_boost, max_terms=params.max_terms)
    features = pair_features(first, second, one, two, statistics)
    calibration = LEXICAL
    embedder = embedder_for(embedders, first.language, second.language)
    if embedder is not None:
        calibration = dense_calibration(embedders)
        features = replace(features, embedding=embedding_cosine(first, second, embedder))
    score = calibrated_score(features, calibration)
    return Comparison(first=first.id, second=second.id, similarity=round((4.0 - score) / 3.0, 4),
                      score=round(score, 3), evidence=_evidence(one, two, features, calibration))
