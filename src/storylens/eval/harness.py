"""Run a clusterer or a pair scorer over labelled data and measure it, with peers from the same run.

Labelled articles become `Document`s, go through the engine's normalization (timed: it is part of what
a user waits for), then the clusterer. Normalized articles keep the dataset's ids, so gold labels line
up even when two documents have the same text. A rejected document is scored as its own story.

Speed is articles per wall-clock second of normalize + cluster. Memory (`peak_memory_mb`) is resident
memory growth (see `storylens.eval.footprint`): the larger of normalization's own peak, and the
normalized articles it kept plus the clusterer's peak above that.
"""

from __future__ import annotations

import math
import random
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any

from storylens.eval.baselines import (
    HDBSCAN_NAME,
    PAIR_NAME,
    SINGLE_LINK_NAME,
    HdbscanParams,
    SingleLinkParams,
    TfidfParams,
    article_text,
    hdbscan_labels,
    single_link_labels,
    single_link_sweep,
    tfidf_pair_scores,
)
from storylens.eval.datasets import (
    DatasetName,
    LabelledArticle,
    LabelledPair,
    dataset_path,
    gedikli_story_chains,
    read_gedikli,
    read_labelled_jsonl,
    read_multinews,
    read_semeval,
    read_uci,
)
from storylens.eval.footprint import Measurement, measured
from storylens.eval.metrics import bcubed, copy_detection, pair_labels_scores, pairwise, pearson, spearman
from storylens.eval.reports import (
    ClusteringReport,
    ClusteringScores,
    CopyReport,
    Correlation,
    DatasetReport,
    PairReport,
    PairScores,
)
from storylens.model import Article, ArticleId, Document, Rejected

ClusterFn = Callable[[Sequence[Article]], Mapping[str, str]]
"""Articles in arrival order -> {article id: story id}. Articles left out count as their own story."""

PairScoreFn = Callable[[Sequence[tuple[Article, Article]]], Sequence[float]]
"""Article pairs -> one score each on the SemEval scale (1 = same story ... 4 = unrelated)."""

NormalizeFn = Callable[[Document], Article | Rejected]
CopyFn = Callable[[Sequence[Article]], Sequence[tuple[str, str]]]
"""Articles -> (copy id, original id) links."""

ENGINE_NAME = "storylens"

# The peers' settings that maximized their B-cubed F1 on the evaluation data itself (single-link: see
# single_link_threshold_sweep): long texts (Multi-News) vs headlines (UCI). Tuning peers on the test
# data flatters them, which makes "storylens beats its peers" a conservative claim.
PEER_THRESHOLD_TEXT = 0.25
PEER_THRESHOLD_HEADLINE = 0.40
PEER_HDBSCAN_TEXT = HdbscanParams(min_cluster_size=2, min_samples=1)
PEER_HDBSCAN_HEADLINE = HdbscanParams(min_cluster_size=5, min_samples=None)


def engine_normalize(document: Document) -> Article | Rejected:
    """The engine's normalization (imported on use, so this module imports without it)."""
    from storylens.normalize import normalize_document  # noqa: PLC0415

    result: Article | Rejected = normalize_document(document)
    return result


def headline_normalize(document: Document) -> Article | Rejected:
    """The engine's normalization for headline-only data: a headline is the whole text, however short."""
    from storylens.normalize import NormalizeParams, normalize_document  # noqa: PLC0415

    result: Article | Rejected = normalize_document(document, NormalizeParams(min_body_chars=1))
    return result


def engine_clusterer(params: Any = None) -> ClusterFn:
    """The engine's clusterer as a ClusterFn; `params` is a `storylens.cluster.ClusterParams` or None."""

    def cluster(articles: Sequence[Article]) -> dict[str, str]:
        from storylens.cluster import cluster_articles  # noqa: PLC0415

        result = cluster_articles(articles, params)
        return {str(assignment.article_id): str(assignment.story_id) for assignment in result.assignments}

    return cluster


def engine_incremental_clusterer(batch_size: int, params: Any = None) -> ClusterFn:
    """The engine as `storylens ingest` runs it: articles stored `batch_size` at a time in a temporary SQLite
    database, copies and stories updated after each batch (`storylens.pipeline.update_stories`)."""

    def cluster(articles: Sequence[Article]) -> dict[str, str]:
        from storylens.pipeline import update_stories  # noqa: PLC0415
        from storylens.store import SqliteStore  # noqa: PLC0415

        with tempfile.TemporaryDirectory(prefix="storylens-eval-") as folder:
            store = SqliteStore(Path(folder) / "eval.db")
            try:
                for start in range(0, len(articles), batch_size):
                    store.add_articles(articles[start:start + batch_size])
                    update_stories(store, params)
                return {str(item.article_id): str(item.story_id) for item in store.assignments()}
            finally:
                store.close()

    return cluster


def engine_pair_scorer(embeddings: str = "") -> PairScoreFn:
    """The engine's `compare_articles(a, b).score` for each pair, with the dense `embeddings` setting
    (`storylens.analysis.embeddings.load_embedders`; empty: lexical only)."""

    def score(pairs: Sequence[tuple[Article, Article]]) -> list[float]:
        from storylens.analysis.embeddings import load_embedders  # noqa: PLC0415
        from storylens.cluster import compare_articles  # noqa: PLC0415

        embedders = load_embedders(embeddings)
        return [float(compare_articles(first, second, embedders=embedders).score) for first, second in pairs]

    return score


def engine_copy_finder(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """The engine's `find_copies` as (copy, original) links."""
    from storylens.dedup import find_copies  # noqa: PLC0415

    return [(str(link.copy), str(link.original)) for link in find_copies(articles)]


def _by_position(articles: Sequence[Article], labels: Sequence[int]) -> dict[str, str]:
    return {str(article.id): str(label) for article, label in zip(articles, labels, strict=True)}


def single_link_clusterer(params: SingleLinkParams | None = None) -> ClusterFn:
    """The TF-IDF cosine single-link peer as a ClusterFn."""

    def cluster(articles: Sequence[Article]) -> dict[str, str]:
        labels = single_link_labels([article_text(article) for article in articles], params)
        return _by_position(articles, [int(label) for label in labels])

    return cluster


def hdbscan_clusterer(params: HdbscanParams | None = None) -> ClusterFn:
    """The HDBSCAN-over-SVD peer as a ClusterFn."""

    def cluster(articles: Sequence[Article]) -> dict[str, str]:
        labels = hdbscan_labels([article_text(article) for article in articles], params)
        return _by_position(articles, [int(label) for label in labels])

    return cluster


def default_peers(*, is_headlines: bool = False) -> dict[str, ClusterFn]:
    """Both clustering peers, with the settings picked for headlines or for full texts."""
    threshold = PEER_THRESHOLD_HEADLINE if is_headlines else PEER_THRESHOLD_TEXT
    hdbscan = PEER_HDBSCAN_HEADLINE if is_headlines else PEER_HDBSCAN_TEXT
    return {SINGLE_LINK_NAME: single_link_clusterer(SingleLinkParams(threshold=threshold)),
            HDBSCAN_NAME: hdbscan_clusterer(hdbscan)}


def tfidf_pair_scorer(pairs: Sequence[tuple[Article, Article]]) -> list[float]:
    """The TF-IDF cosine peer for pairs, on the SemEval scale."""
    return tfidf_pair_scores([(article_text(first), article_text(second)) for first, second in pairs],
                             TfidfParams())


def arrival_order(articles: Sequence[LabelledArticle], *, seed: int = 0) -> list[LabelledArticle]:
    """Time order when every article is dated (as articles arrive in a stream; ties keep file order),
    else a shuffle seeded by `seed`, so the gold grouping cannot leak through the file's order."""
    if articles and all(article.published is not None for article in articles):
        return sorted(articles, key=lambda article: article.published)  # type: ignore[arg-type,return-value]
    shuffled = list(articles)
    random.Random(seed).shuffle(shuffled)
    return shuffled


def multinews_articles(path: Path, *, all_docs: bool = False) -> list[LabelledArticle]:
    """Every document of every Multi-News cluster as one flat list (kept documents only, unless
    `all_docs`), ids `mn-<idx>-<position>`, labelled with their cluster."""
    clusters = read_multinews(path, kept_only=not all_docs)
    return [article for cluster in clusters for article in cluster.articles()]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Normalized:
    articles: tuple[Article, ...]
    rejected: tuple[Rejected, ...]
    measurement: Measurement = field(default_factory=Measurement)


def _normalize_all(labelled: Sequence[LabelledArticle], normalize_fn: NormalizeFn) -> _Normalized:
    articles: list[Article] = []
    rejected: list[Rejected] = []
    with measured() as measurement:
        for item in labelled:
            result = normalize_fn(item.to_document())
            if isinstance(result, Rejected):
                rejected.append(result)
            else:
                articles.append(replace(result, id=ArticleId(item.id)))
    return _Normalized(articles=tuple(articles), rejected=tuple(rejected), measurement=measurement)


def _scores(name: str, gold: Mapping[str, str], assigned: Mapping[str, str], *, seconds: float,
            memory_mb: float, pair_labels: Sequence[tuple[str, str, bool]] = ()) -> ClusteringScores:
    predicted = {item: f"story:{assigned[item]}" if item in assigned else f"alone:{item}" for item in gold}
    b3 = bcubed(predicted, gold)
    pairs = pairwise(predicted, gold)
    labelled = None
    if pair_labels:
        together = [predicted[first] == predicted[second] for first, second, _ in pair_labels]
        labelled = pair_labels_scores([same for _, _, same in pair_labels], together)
    return ClusteringScores(
        name=name, bcubed_precision=b3.precision, bcubed_recall=b3.recall, bcubed_f1=b3.f1,
        pairwise_precision=pairs.precision, pairwise_recall=pairs.recall, pairwise_f1=pairs.f1,
        n_predicted_stories=len(set(predicted.values())), seconds=seconds,
        articles_per_second=len(gold) / seconds if seconds > 0 else math.inf, peak_memory_mb=memory_mb,
        labelled_pairs_precision=labelled.precision if labelled else None,
        labelled_pairs_recall=labelled.recall if labelled else None,
        labelled_pairs_f1=labelled.f1 if labelled else None,
    )


def _after(first: Measurement, second: Measurement) -> tuple[float, float]:
    """Seconds and peak memory of two phases run one after the other, the first's result kept."""
    return (first.seconds + second.seconds,
            max(first.peak_growth_mb, first.retained_growth_mb + second.peak_growth_mb))


def _run_clusterer(name: str, gold: Mapping[str, str], cluster_fn: ClusterFn, normalized: _Normalized,
                   pair_labels: Sequence[tuple[str, str, bool]]) -> ClusteringScores:
    with measured() as clustering:
        assigned = cluster_fn(normalized.articles)
    seconds, memory_mb = _after(normalized.measurement, clustering)
    return _scores(name, gold, assigned, seconds=seconds, memory_mb=memory_mb, pair_labels=pair_labels)


def evaluate_clustering(
    dataset_name: str,
    articles_with_labels: Sequence[LabelledArticle],
    cluster_fn: ClusterFn,
    *,
    system_name: str = ENGINE_NAME,
    peers: Mapping[str, ClusterFn] | None = None,
    normalize_fn: NormalizeFn | None = None,
    pair_labels: Sequence[tuple[str, str, bool]] = (),
    seed: int = 0,
) -> ClusteringReport:
    """Cluster labelled articles and score the result against their `event`s.

    Args:
        dataset_name: shown in the report.
        articles_with_labels: the articles; presented in `arrival_order` (time, else seeded shuffle).
        cluster_fn: the system under test (`engine_clusterer()` for storylens).
        system_name: its name in the report.
        peers: other clusterers run on the same normalized articles, e.g. `default_peers()`.
        normalize_fn: Document -> Article | Rejected; the engine's normalization by default.
        pair_labels: (id, id, same story?) pairs to score the clustering against as well (Gedikli).
        seed: for the arrival shuffle of undated articles.

    Returns:
        B-cubed and pairwise scores, story counts, speed and memory, for the system and each peer.
    """
    ordered = arrival_order(articles_with_labels, seed=seed)
    gold = {article.id: article.event for article in ordered}
    if len(gold) != len(ordered):
        raise ValueError(f"{dataset_name}: article ids repeat; the harness needs one id per article")
    normalized = _normalize_all(ordered, normalize_fn or engine_normalize)
    system = _run_clusterer(system_name, gold, cluster_fn, normalized, pair_labels)
    peer_scores = tuple(_run_clusterer(name, gold, peer, normalized, pair_labels)
                        for name, peer in (peers or {}).items())
    return ClusteringReport(
        dataset=dataset_name, n_articles=len(gold), n_gold_stories=len(set(gold.values())),
        n_rejected=len(normalized.rejected), system=system, peers=peer_scores,
        rejected_by_code=tuple(sorted(Counter(str(item.code) for item in normalized.rejected).items())),
    )


def single_link_threshold_sweep(
    articles_with_labels: Sequence[LabelledArticle],
    thresholds: Sequence[float],
    *,
    normalize_fn: NormalizeFn | None = None,
    tfidf: TfidfParams | None = None,
) -> list[tuple[float, ClusteringScores]]:
    """The single-link peer's scores at each threshold, to pick its best.

    One similarity computation serves every threshold, so each result reports the whole sweep's time.
    """
    gold = {article.id: article.event for article in articles_with_labels}
    normalized = _normalize_all(articles_with_labels, normalize_fn or engine_normalize)
    texts = [article_text(article) for article in normalized.articles]
    with measured() as sweeping:
        sweep = single_link_sweep(texts, thresholds, tfidf)
    seconds, memory_mb = _after(normalized.measurement, sweeping)
    return [(threshold, _scores(f"{SINGLE_LINK_NAME}@{threshold:g}", gold,
                                _by_position(normalized.articles, [int(label) for label in labels]),
                                seconds=seconds, memory_mb=memory_mb))
            for threshold, labels in sweep.items()]


def _correlations(scores: Sequence[float],
                  pairs: Sequence[LabelledPair]) -> tuple[Correlation, tuple[tuple[str, Correlation], ...]]:
    gold = [pair.overall for pair in pairs]
    overall = Correlation(pearson=pearson(scores, gold), spearman=spearman(scores, gold), n=len(pairs))
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for position, pair in enumerate(pairs):
        groups[pair.language_pair].append(position)
    by_language = []
    for language, positions in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        mine, theirs = [scores[i] for i in positions], [gold[i] for i in positions]
        correlation = Correlation(pearson=pearson(mine, theirs), spearman=spearman(mine, theirs),
                                  n=len(positions))
        by_language.append((language, correlation))
    return overall, tuple(by_language)


def evaluate_pairs(
    pairs: Sequence[LabelledPair],
    score_fn: PairScoreFn,
    *,
    dataset_name: str = "pairs",
    system_name: str = ENGINE_NAME,
    peers: Mapping[str, PairScoreFn] | None = None,
    normalize_fn: NormalizeFn | None = None,
) -> PairReport:
    """Score labelled pairs and correlate the scores with the gold Overall (Pearson, Spearman).

    Both sides are normalized first (timed with the scoring); a pair whose side is rejected is skipped
    and counted in `n_skipped`.
    """
    normalize = normalize_fn or engine_normalize
    kept: list[LabelledPair] = []
    article_pairs: list[tuple[Article, Article]] = []
    with measured() as normalizing:
        for pair in pairs:
            first, second = normalize(pair.first.to_document()), normalize(pair.second.to_document())
            if isinstance(first, Article) and isinstance(second, Article):
                kept.append(pair)
                article_pairs.append((replace(first, id=ArticleId(pair.first.id)),
                                      replace(second, id=ArticleId(pair.second.id))))

    def run(name: str, scorer: PairScoreFn) -> PairScores:
        with measured() as scoring:
            scores = [float(score) for score in scorer(article_pairs)]
        if len(scores) != len(article_pairs):
            raise ValueError(f"{name} gave {len(scores)} scores for {len(article_pairs)} pairs")
        overall, by_language = _correlations(scores, kept)
        seconds, memory_mb = _after(normalizing, scoring)
        return PairScores(name=name, overall=overall, by_language_pair=by_language, seconds=seconds,
                          articles_per_second=2 * len(kept) / seconds if seconds > 0 else math.inf,
                          peak_memory_mb=memory_mb)

    return PairReport(dataset=dataset_name, n_pairs=len(kept), n_skipped=len(pairs) - len(kept),
                      system=run(system_name, score_fn),
                      peers=tuple(run(name, peer) for name, peer in (peers or {}).items()))


def default_pair_peers() -> dict[str, PairScoreFn]:
    return {PAIR_NAME: tfidf_pair_scorer}


def evaluate_copies(
    dataset_name: str,
    articles_with_labels: Sequence[LabelledArticle],
    copy_fn: CopyFn | None = None,
    *,
    normalize_fn: NormalizeFn | None = None,
    seed: int = 0,
) -> CopyReport:
    """Find copies among labelled articles and score them against `dup_of`.

    `copy_fn` is the engine's `find_copies` by default.
    """
    ordered = arrival_order(articles_with_labels, seed=seed)
    normalized = _normalize_all(ordered, normalize_fn or engine_normalize)
    with measured() as measurement:
        links = list((copy_fn or engine_copy_finder)(normalized.articles))
    ids = [article.id for article in ordered]
    gold = {article.id: article.dup_of for article in ordered if article.dup_of is not None}
    scores = copy_detection(ids, links, gold)
    seconds, memory_mb = _after(normalized.measurement, measurement)
    return CopyReport(
        dataset=dataset_name, n_articles=len(ids), n_gold_copies=len(gold), n_predicted_links=len(links),
        precision=scores.precision, recall=scores.recall, f1=scores.f1,
        articles_per_second=len(ids) / seconds if seconds > 0 else math.inf,
        peak_memory_mb=memory_mb,
    )


def evaluate_dataset(
    name: DatasetName,
    path: Path,
    *,
    with_peers: bool = False,
    limit: int | None = None,
    all_docs: bool = False,
    seed: int = 0,
    arrivals: int | None = None,
    normalize_fn: NormalizeFn | None = None,
    embeddings: str = "",
) -> DatasetReport:
    """Read one dataset and run the engine (and, with `with_peers`, the peers) over it.

    Args:
        name: which reader.
        path: the dataset's file, its folder, or the data folder.
        with_peers: also run the TF-IDF single-link and HDBSCAN peers (TF-IDF cosine for pairs).
        limit: only the first N articles (Multi-News: documents, whole clusters kept in file order;
            SemEval and Gedikli: pairs / articles).
        all_docs: Multi-News only: include the noise pages, each in its cluster.
        seed: for the arrival shuffle of undated articles.
        arrivals: cluster as articles arrive, this many at a time through a SQLite store
            (`engine_incremental_clusterer`), instead of in one batch.
        normalize_fn: the engine's normalization by default.
        embeddings: the dense embeddings pair scores add (the setting `embeddings`); empty for none.
    """
    source = dataset_path(name, path)
    engine = engine_incremental_clusterer(arrivals) if arrivals else engine_clusterer()
    label = f"{name}:{source.name}"
    if name is DatasetName.SEMEVAL:
        pairs = list(islice(read_semeval(source), limit))
        return DatasetReport(pairs=evaluate_pairs(
            pairs, engine_pair_scorer(embeddings), dataset_name=label, normalize_fn=normalize_fn,
            peers=default_pair_peers() if with_peers else None))
    if name is DatasetName.GEDIKLI:
        dataset = read_gedikli(source)
        chains = gedikli_story_chains(dataset)[:limit]
        kept = {article.id for article in chains}
        labelled = [pair for pair in dataset.pairs if pair.first.id in kept and pair.second.id in kept]
        clustering = evaluate_clustering(
            f"{label} (story chains)", chains, engine, normalize_fn=normalize_fn, seed=seed,
            peers=default_peers() if with_peers else None,
            pair_labels=[(pair.first.id, pair.second.id, pair.is_same_story) for pair in labelled])
        return DatasetReport(clustering=clustering, pairs=evaluate_pairs(
            labelled, engine_pair_scorer(embeddings), dataset_name=label, normalize_fn=normalize_fn,
            peers=default_pair_peers() if with_peers else None))
    if name is DatasetName.MULTINEWS:
        articles = multinews_articles(source, all_docs=all_docs)[:limit]
        label = f"{label} ({'all documents' if all_docs else 'kept documents'})"
    elif name is DatasetName.UCI:
        articles = list(islice(read_uci(source), limit))
        normalize_fn = normalize_fn or headline_normalize
    else:
        articles = list(islice(read_labelled_jsonl(source), limit))
    clustering = evaluate_clustering(
        label, articles, engine, normalize_fn=normalize_fn, seed=seed,
        peers=default_peers(is_headlines=name is DatasetName.UCI) if with_peers else None)
    copies = None
    if any(article.dup_of is not None for article in articles):
        copies = evaluate_copies(label, articles, normalize_fn=normalize_fn, seed=seed)
    return DatasetReport(clustering=clustering, copies=copies)
