"""How far can the signals available offline take Multi-News (kept documents) clustering? Measured ceilings.

Compares the engine's TF-IDF term vectors with dense embeddings from registry-packaged models
(all-MiniLM-L6-v2 int8, `minilm`; Universal Sentence Encoder multilingual v3, `use`) and with blends
`a * tfidf_cos + (1 - a) * dense_cos`, on the whole kept set and its even / odd cluster-idx halves:

1. nearest-neighbour purity: the share of articles in multi-article gold stories whose nearest
   neighbour is in their own story;
2. B-cubed F1 of the engine's own linkage (`similar_pairs`-style top-k graph + `link_stories`) with the
   edge similarity replaced, the threshold tuned on the even half and reported on the odd half and the
   whole set, plus the oracle threshold on the whole set;
3. oracle ceilings: perfect linkage within each article's k nearest neighbours (components of the
   same-story k-NN edges), and the share of gold same-story pairs those components connect;
4. the near-duplicate ceiling: nearly identical texts (boilerplate pages) that gold puts in different stories;
5. embedding time per article (one thread).

Halves are the clusters at even / odd positions in the file (every `idx` of the dev file is even).
Embeddings are computed once and cached as .npy files in the cache folder.

Run (from the repository root; single-threaded):

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python benchmarks/mn_dense_ceiling.py \
        /path/to/multinews_dev.jsonl.gz --cache /tmp/mn-dense
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from storylens.analysis.embeddings import embedding_text, load_embedder
from storylens.cluster.batch import TermCounts, arrival_key, link_stories, term_matrix
from storylens.cluster.params import ClusterParams
from storylens.eval.harness import arrival_order, engine_normalize, multinews_articles
from storylens.eval.metrics import bcubed
from storylens.model import Article, ArticleId

# (cache name, embedder, lead words); MiniLM truncates at 256 tokens, so 200 words is about its cap.
DENSE_SETS = (("minilm50", "minilm", 50), ("minilm100", "minilm", 100), ("minilm200", "minilm", 200),
              ("use50", "use", 50))


@dataclass(frozen=True)
class Data:
    articles: list[Article]          # normalized, in the engine's order (arrival_key)
    gold: dict[str, str]             # every labelled id (rejected ones too) -> gold story
    half_of: dict[str, int]          # gold story -> 0 (even position in the file) or 1 (odd)


def load(path: Path) -> Data:
    """The kept documents, normalized as the harness does. Halves are by the cluster's position in the
    file (every `idx` in the dev file is even, so idx parity does not split it)."""
    in_file_order = multinews_articles(path)
    stories = dict.fromkeys(item.event for item in in_file_order)
    half_of = {story: position % 2 for position, story in enumerate(stories)}
    labelled = arrival_order(in_file_order, seed=0)
    gold = {item.id: item.event for item in labelled}
    normalized = [(item.id, engine_normalize(item.to_document())) for item in labelled]
    articles = [replace(result, id=ArticleId(item_id)) for item_id, result in normalized if isinstance(result, Article)]
    return Data(articles=sorted(articles, key=arrival_key), gold=gold, half_of=half_of)


def embeddings(data: Data, cache: Path, name: str, model: str, lead_words: int) -> np.ndarray:
    """Unit vectors, a row per article, cached in `cache/name.npy` (with the seconds it took in a .json)."""
    vectors_path, timing_path = cache / f"{name}.npy", cache / f"{name}.json"
    if vectors_path.exists():
        return np.load(vectors_path)
    embedder = load_embedder(model)
    texts = [embedding_text(article.title, article.body, lead_words) for article in data.articles]
    started = time.perf_counter()
    vectors = embedder.embed(texts)
    seconds = time.perf_counter() - started
    np.save(vectors_path, vectors)
    timing_path.write_text(json.dumps({"seconds": seconds, "articles": len(texts),
                                       "ms_per_article": 1000 * seconds / len(texts)}))
    return vectors


def tfidf_vectors(articles: Sequence[Article], params: ClusterParams) -> sparse.csr_matrix:
    """The engine's term vectors, fitted on these articles only (as a batch of them would be)."""
    counts = TermCounts.of(articles, params).matrix([article.id for article in articles])
    return term_matrix(counts, params.vector_terms, params.max_term_share)


def clipped_cosines(vectors: np.ndarray) -> np.ndarray:
    """All pairwise cosines of unit rows, clipped to 0..1 as `analysis.embeddings.cosine` does."""
    return np.clip(vectors @ vectors.T, 0.0, 1.0).astype(np.float32)


def top_k(similarity: np.ndarray, k: int) -> np.ndarray:
    """Each row's k most similar other rows (column numbers, best first)."""
    masked = similarity.copy()
    np.fill_diagonal(masked, -np.inf)
    part = np.argpartition(-masked, k, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(masked, part, axis=1), axis=1)
    return np.take_along_axis(part, order, axis=1)


def knn_edges(similarity: np.ndarray, k: int, min_similarity: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """As `similar_pairs` builds them for undated articles: each row's k nearest at or above
    `min_similarity`, as unique pairs (first < second) with their similarity."""
    count = similarity.shape[0]
    nearest = top_k(similarity, k)
    rows = np.repeat(np.arange(count), k)
    cols = nearest.ravel()
    sims = similarity[rows, cols].astype(np.float64)
    keep = sims >= min_similarity
    low, high = np.minimum(rows, cols)[keep], np.maximum(rows, cols)[keep]
    _, unique = np.unique(low * count + high, return_index=True)
    return low[unique].astype(np.int64), high[unique].astype(np.int64), sims[keep][unique]


def merge_sequence(count: int, edges: tuple[np.ndarray, np.ndarray, np.ndarray],
                   lowest: float) -> list[tuple[float, int, int]]:
    """`link_stories` (average link) run down to `lowest`, each merge recorded as (link, kept, absorbed).

    Average link over a similarity graph is reducible (a merged group's link to a third is a weighted
    mean of its parts' links), so merges come in non-increasing link order and stopping at threshold t
    leaves exactly the merges with link >= t: one run serves every threshold of a sweep.
    """
    merges: list[tuple[float, int, int]] = []
    link_stories(count, edges, lowest, is_centroid_link=False, merges=merges)
    return merges


class Scorer:
    """B-cubed F1 of groupings of a subset's normalized articles; its rejected articles stand alone."""

    def __init__(self, ids: Sequence[str], gold: dict[str, str], subset_gold: dict[str, str]) -> None:
        self.ids = list(ids)
        self.gold = subset_gold
        self.alone = [item for item in subset_gold if item not in set(ids)]
        labels = [gold[item] for item in self.ids]
        names = {name: number for number, name in enumerate(dict.fromkeys(labels))}
        self.gold_numbers = np.array([names[name] for name in labels])

    def f1(self, groups: Sequence[int]) -> float:
        predicted = {item: f"g{group}" for item, group in zip(self.ids, groups, strict=True)}
        predicted.update({item: f"alone:{item}" for item in self.alone})
        return bcubed(predicted, self.gold).f1


def sweep(scorer: Scorer, merges: list[tuple[float, int, int]], count: int,
          thresholds: Sequence[float]) -> dict[float, float]:
    """B-cubed F1 at each threshold, replaying the merges with link >= threshold."""
    parent = list(range(count))

    def root(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    scores: dict[float, float] = {}
    position = 0
    for threshold in sorted(thresholds, reverse=True):
        while position < len(merges) and merges[position][0] >= threshold:
            _, kept, absorbed = merges[position]
            parent[root(absorbed)] = root(kept)
            position += 1
        scores[threshold] = scorer.f1([root(item) for item in range(count)])
    return scores


def nn_purity(similarity: np.ndarray, gold_numbers: np.ndarray) -> float:
    """Share of articles in multi-article gold stories whose nearest other article is in their story."""
    sizes = np.bincount(gold_numbers)
    multi = sizes[gold_numbers] > 1
    nearest = top_k(similarity, 1)[:, 0]
    return float(np.mean(gold_numbers[nearest][multi] == gold_numbers[multi]))


def knn_oracle(similarity: np.ndarray, gold_numbers: np.ndarray, k: int, scorer: Scorer) -> tuple[float, float]:
    """Perfect linkage within the k-NN graph: components of its same-story edges. Returns their B-cubed F1
    and the share of gold same-story pairs (among normalized articles) they connect."""
    count = len(gold_numbers)
    nearest = top_k(similarity, k)
    rows = np.repeat(np.arange(count), k)
    cols = nearest.ravel()
    same = gold_numbers[rows] == gold_numbers[cols]
    graph = sparse.coo_matrix((np.ones(int(same.sum())), (rows[same], cols[same])), shape=(count, count))
    _, components = connected_components(graph, directed=False)
    cells = Counter(zip(components.tolist(), gold_numbers.tolist(), strict=True))
    reached = sum(n * (n - 1) // 2 for n in cells.values())
    total = sum(n * (n - 1) // 2 for n in np.bincount(gold_numbers).tolist())
    return scorer.f1(components.tolist()), reached / total


def single_link_oracle(similarity: np.ndarray, scorer: Scorer, thresholds: Sequence[float]) -> tuple[float, float]:
    """Best B-cubed F1 (and its threshold) of the components of all pairs at or above one threshold."""
    best = (0.0, math.nan)
    for threshold in thresholds:
        graph = sparse.csr_matrix(np.triu(similarity >= threshold, k=1))
        _, components = connected_components(graph, directed=False)
        best = max(best, (scorer.f1(components.tolist()), threshold))
    return best


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/mn-dense"))
    parser.add_argument("--embed-only", action="store_true", help="compute and cache the embeddings, then stop")
    parser.add_argument("--ceiling-only", action="store_true", help="stop after the near-duplicate ceiling")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    data = load(args.path)
    print(f"{len(data.articles)} articles normalized of {len(data.gold)}", file=sys.stderr)
    dense: dict[str, np.ndarray] = {}
    for name, model, lead in DENSE_SETS:
        started = time.perf_counter()
        dense[name] = embeddings(data, args.cache, name, model, lead)
        print(f"{name}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    if args.embed_only:
        return
    check_replay(data)
    duplicate_ceiling(data)
    if args.ceiling_only:
        return
    results = measure(data, dense, args.cache)
    report(results, args.cache)


def check_replay(data: Data) -> None:
    """The replayed sweep must give what the engine gives: `cluster_articles` with its defaults, and
    `link_stories` on the same edges, at the default threshold."""
    from storylens.cluster import cluster_articles  # noqa: PLC0415

    params = ClusterParams()
    ids = [str(article.id) for article in data.articles]
    scorer = Scorer(ids, data.gold, data.gold)
    result = cluster_articles(data.articles, params)
    engine = {str(item.article_id): str(item.story_id) for item in result.assignments}
    lexical = tfidf_vectors(data.articles, params)
    edges = knn_edges(np.clip((lexical @ lexical.T).toarray(), 0.0, 1.0), params.neighbours,
                      params.min_edge_similarity)
    linked = scorer.f1(link_stories(len(ids), edges, params.link_threshold, is_centroid_link=False))
    replayed = sweep(scorer, merge_sequence(len(ids), edges, params.link_threshold), len(ids),
                     [params.link_threshold])[params.link_threshold]
    print(f"engine {scorer.f1([engine[item] for item in ids]):.4f}, link_stories {linked:.4f}, "
          f"replayed {replayed:.4f}", file=sys.stderr, flush=True)


def duplicate_ceiling(data: Data, min_cosine: float = 0.95) -> None:
    """Texts nearly identical (TF-IDF cosine >= `min_cosine`) that gold puts in different stories (boilerplate
    pages such as a tweet embed's notice or an archive's crawl notice) cannot be told apart by any text signal.
    Prints how many articles that is, and the B-cubed F1 of the gold clustering itself once each such group is
    treated alike: every member alone, or the group as one story (the better of the two is the ceiling)."""
    params = ClusterParams()
    ids = [str(article.id) for article in data.articles]
    scorer = Scorer(ids, data.gold, data.gold)
    lexical = tfidf_vectors(data.articles, params)
    close = (lexical @ lexical.T).toarray() >= min_cosine
    _, groups = connected_components(sparse.csr_matrix(close), directed=False)
    stories_of: dict[int, set[int]] = {}
    for group, story in zip(groups.tolist(), scorer.gold_numbers.tolist(), strict=True):
        stories_of.setdefault(group, set()).add(story)
    mixed = np.array([len(stories_of[group]) > 1 for group in groups.tolist()])
    gold = scorer.gold_numbers.tolist()
    alone = [f"alone{row}" if mixed[row] else f"s{gold[row]}" for row in range(len(ids))]
    together = [f"dup{groups[row]}" if mixed[row] else f"s{gold[row]}" for row in range(len(ids))]
    print(f"near-identical texts (TF-IDF cosine >= {min_cosine}) spanning gold stories: {int(mixed.sum())} articles "
          f"in {len({groups[row] for row in np.flatnonzero(mixed)})} groups; gold with them alone "
          f"{scorer.f1(alone):.4f}, grouped {scorer.f1(together):.4f}", file=sys.stderr, flush=True)


BLEND_WEIGHTS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
THRESHOLDS = tuple(round(value, 3) for value in np.arange(0.02, 0.90, 0.01))
SUBSETS = ("whole", "even", "odd")


Config = tuple[str, dict[str, float], int]  # label, weight of each similarity source, neighbours kept


def configs(dense_names: Sequence[str]) -> list[Config]:
    """TF-IDF alone, each dense set alone, two-way blends a * tfidf + (1 - a) * dense, a few three-way
    blends, and the best-looking blend with more neighbours kept."""
    chosen: list[Config] = [("tfidf", {"tfidf": 1.0}, 20)]
    for name in dense_names:
        chosen.append((name, {name: 1.0}, 20))
        chosen.extend((f"{a:.1f}*tfidf+{1 - a:.1f}*{name}", {"tfidf": a, name: 1.0 - a}, 20) for a in BLEND_WEIGHTS)
    chosen.extend([
        ("0.6*tfidf+0.2*minilm200+0.2*minilm100", {"tfidf": 0.6, "minilm200": 0.2, "minilm100": 0.2}, 20),
        ("0.6*tfidf+0.3*minilm200+0.1*use50", {"tfidf": 0.6, "minilm200": 0.3, "use50": 0.1}, 20),
        ("0.5*tfidf+0.2*minilm200+0.2*minilm100+0.1*use50",
         {"tfidf": 0.5, "minilm200": 0.2, "minilm100": 0.2, "use50": 0.1}, 20),
        ("0.6*tfidf+0.4*minilm200, 50 neighbours", {"tfidf": 0.6, "minilm200": 0.4}, 50),
        ("tfidf, 50 neighbours", {"tfidf": 1.0}, 50),
    ])
    return chosen


def measure(data: Data, dense: dict[str, np.ndarray], cache: Path) -> dict[str, dict[str, dict]]:
    """Every measurement, by subset then configuration (written to `cache/results.json` as it goes)."""
    params = ClusterParams()
    results: dict[str, dict[str, dict]] = {}
    for subset in SUBSETS:
        def wanted(story: str, subset: str = subset) -> bool:
            return subset == "whole" or data.half_of[story] == (subset == "odd")

        rows = np.array([row for row, article in enumerate(data.articles) if wanted(data.gold[str(article.id)])])
        articles = [data.articles[row] for row in rows]
        ids = [str(article.id) for article in articles]
        scorer = Scorer(ids, data.gold, {item: story for item, story in data.gold.items() if wanted(story)})
        lexical = tfidf_vectors(articles, params)
        sources = {"tfidf": np.clip((lexical @ lexical.T).toarray(), 0.0, 1.0).astype(np.float32)}
        sources.update({name: clipped_cosines(vectors[rows]) for name, vectors in dense.items()})
        results[subset] = {}
        print(f"{subset}: {len(rows)} articles, {len(set(scorer.gold.values()))} gold stories", file=sys.stderr)
        for label, weights, neighbours in configs(list(dense)):
            started = time.perf_counter()
            similarity = sum(weight * sources[name] for name, weight in weights.items())
            edges = knn_edges(similarity, neighbours, params.min_edge_similarity)
            merges = merge_sequence(len(rows), edges, min(THRESHOLDS))
            entry: dict = {"nn_purity": nn_purity(similarity, scorer.gold_numbers),
                           "f1_by_threshold": sweep(scorer, merges, len(rows), THRESHOLDS)}
            if subset == "whole" and (len(weights) == 1 or label in ORACLE_EXTRAS) and neighbours == 20:
                for k in (1, 5, 20, 50):
                    f1, reach = knn_oracle(similarity, scorer.gold_numbers, k, scorer)
                    entry[f"knn{k}_oracle_f1"], entry[f"knn{k}_pair_reach"] = f1, reach
                entry["single_link_oracle"] = single_link_oracle(similarity, scorer, THRESHOLDS[::2])
            results[subset][label] = entry
            (cache / "results.json").write_text(json.dumps(results, indent=1))
            print(f"{subset} {label}: purity {entry['nn_purity']:.3f} best "
                  f"{max(entry['f1_by_threshold'].values()):.4f} ({time.perf_counter() - started:.0f} s)",
                  file=sys.stderr, flush=True)
    return results


ORACLE_EXTRAS = ("0.6*tfidf+0.4*minilm200", "0.6*tfidf+0.4*minilm100", "0.9*tfidf+0.1*use50")


def report(results: dict[str, dict[str, dict]], cache: Path) -> None:
    """Per configuration: NN purity (whole / even / odd), the threshold tuned on the even half and its B-cubed
    F1 on the odd half and the whole set, the oracle threshold's F1 on the whole set, and the k-NN ceilings."""
    print("| config | NN purity whole / even / odd | thr (even) | F1 even | F1 odd | F1 whole | "
          "oracle thr whole | oracle F1 whole | kNN1 / 5 / 20 / 50 perfect-linkage F1 (pair reach at 20) | "
          "single-link oracle |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, whole in results["whole"].items():
        even, odd = results["even"][label], results["odd"][label]
        tuned = max(even["f1_by_threshold"], key=even["f1_by_threshold"].get)
        oracle = max(whole["f1_by_threshold"], key=whole["f1_by_threshold"].get)
        ceilings = (" / ".join(f"{whole[f'knn{n}_oracle_f1']:.3f}" for n in (1, 5, 20, 50))
                    if "knn1_oracle_f1" in whole else "")
        if "knn20_pair_reach" in whole:
            ceilings += f" ({whole['knn20_pair_reach']:.3f})"
        single = (f"{whole['single_link_oracle'][0]:.3f} @ {whole['single_link_oracle'][1]:.2f}"
                  if "single_link_oracle" in whole else "")
        print(f"| {label} | {whole['nn_purity']:.3f} / {even['nn_purity']:.3f} / {odd['nn_purity']:.3f} | "
              f"{tuned:.2f} | {even['f1_by_threshold'][tuned]:.4f} | {odd['f1_by_threshold'][tuned]:.4f} | "
              f"{whole['f1_by_threshold'][tuned]:.4f} | {oracle:.2f} | {whole['f1_by_threshold'][oracle]:.4f} | "
              f"{ceilings} | {single} |")
    for name, _, _ in DENSE_SETS:
        timing = cache / f"{name}.json"
        if timing.exists():
            print(f"{name}: {json.loads(timing.read_text())['ms_per_article']:.1f} ms per article (one thread)")


if __name__ == "__main__":
    main()
