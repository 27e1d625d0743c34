"""Peers the engine is measured against, from the same run: TF-IDF cosine single-link, HDBSCAN, and
TF-IDF cosine for pairs.

Peers see the same normalized articles as the engine (title and body); they decide only the grouping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from hashlib import sha256

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import HDBSCAN
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from storylens.model import Article, ArticleId, Document, RejectCode, Rejected

SINGLE_LINK_NAME = "peer.tfidf_single_link.v1"
HDBSCAN_NAME = "peer.tfidf_svd_hdbscan.v1"
PAIR_NAME = "peer.tfidf_cosine.v1"

# Rows of the similarity matrix computed at once: bounds memory at block × n floats.
_BLOCK_ROWS = 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class TfidfParams:
    """How texts become TF-IDF vectors.

    Attributes:
        sublinear_tf: use 1 + log(tf), so a repeated word does not dominate.
        min_df: ignore words in fewer documents than this.
        max_df: ignore words in more than this fraction of documents (stop words without a list,
            so it works in every language).
        ngram_max: longest word n-gram.
    """

    sublinear_tf: bool = True
    min_df: int = 1
    max_df: float = 0.5
    ngram_max: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class SingleLinkParams:
    """TF-IDF cosine single-link: two articles join when cosine ≥ `threshold`, stories are the
    connected components."""

    threshold: float = 0.3
    tfidf: TfidfParams = TfidfParams()


@dataclass(frozen=True, slots=True, kw_only=True)
class HdbscanParams:
    """HDBSCAN over TF-IDF reduced by truncated SVD and re-normalized (euclidean then ranks like cosine).

    Noise points become singleton stories. `seed` fixes the SVD.
    """

    dimensions: int = 100
    min_cluster_size: int = 2
    min_samples: int | None = 1
    seed: int = 0
    tfidf: TfidfParams = TfidfParams()


def read_as_is(document: Document) -> Article | Rejected:
    """A document taken at face value, without the engine's normalization: the title is the given one
    or the text's first line, the body is the whole text. For peers run without the engine."""
    text = document.text.strip()
    if not text:
        return Rejected(origin=document.origin, code=RejectCode.EMPTY, reason="no text")
    digest = sha256(text.encode("utf-8")).hexdigest()
    title = document.title or text.partition("\n")[0][:200]
    return Article(id=ArticleId(digest[:16]), title=title, body=text, origin=document.origin,
                   content_hash=digest, language=document.language or "und", url=document.url,
                   outlet=document.outlet, published=document.published)


def article_text(article: Article) -> str:
    """What a peer reads of an article: title, then body (once, when the body already starts with it)."""
    if not article.title or article.body.startswith(article.title):
        return article.body
    return f"{article.title}\n{article.body}"


def tfidf_matrix(texts: Sequence[str], params: TfidfParams | None = None) -> sparse.csr_matrix:
    """L2-normalized TF-IDF rows, so a dot product is a cosine."""
    params = params or TfidfParams()
    # With very few texts max_df as a fraction can exclude every word; fall back to keeping all.
    max_df: float | int = params.max_df if len(texts) >= 10 else 1.0
    vectorizer = TfidfVectorizer(sublinear_tf=params.sublinear_tf, min_df=params.min_df, max_df=max_df,
                                 ngram_range=(1, params.ngram_max), dtype=np.float32)
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # every text empty or all words pruned: no vocabulary
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)


def similarity_edges(matrix: sparse.csr_matrix, min_similarity: float, *,
                     block_rows: int = _BLOCK_ROWS) -> sparse.coo_matrix:
    """Upper-triangle cosine similarities ≥ `min_similarity`, `block_rows` rows at a time (never n × n)."""
    count = matrix.shape[0]
    transposed = matrix.T.tocsc()
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for start in range(0, count, block_rows):
        block = (matrix[start:start + block_rows] @ transposed).tocoo()
        keep = (block.data >= min_similarity) & (block.row + start < block.col)
        rows.append(block.row[keep] + start)
        cols.append(block.col[keep])
        values.append(block.data[keep])
    if not rows:
        return sparse.coo_matrix((count, count), dtype=np.float32)
    return sparse.coo_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))),
                             shape=(count, count))


def components_at(edges: sparse.coo_matrix, threshold: float) -> np.ndarray:
    """Single-link clusters: connected components of the edges with similarity ≥ `threshold`."""
    keep = edges.data >= threshold
    graph = sparse.coo_matrix((edges.data[keep], (edges.row[keep], edges.col[keep])), shape=edges.shape)
    _, labels = connected_components(graph, directed=False)
    return np.asarray(labels)


def single_link_labels(texts: Sequence[str], params: SingleLinkParams | None = None) -> np.ndarray:
    """Cluster label per text by TF-IDF cosine single-link."""
    params = params or SingleLinkParams()
    edges = similarity_edges(tfidf_matrix(texts, params.tfidf), params.threshold)
    return components_at(edges, params.threshold)


def single_link_sweep(texts: Sequence[str], thresholds: Sequence[float],
                      tfidf: TfidfParams | None = None) -> dict[float, np.ndarray]:
    """Labels at each threshold, from one similarity computation at the lowest threshold."""
    if not thresholds:
        return {}
    edges = similarity_edges(tfidf_matrix(texts, tfidf), min(thresholds))
    return {threshold: components_at(edges, threshold) for threshold in thresholds}


def hdbscan_labels(texts: Sequence[str], params: HdbscanParams | None = None) -> np.ndarray:
    """Cluster label per text by HDBSCAN on SVD-reduced TF-IDF; each noise point gets its own label."""
    params = params or HdbscanParams()
    count = len(texts)
    if count < 2:
        return np.arange(count)
    matrix = tfidf_matrix(texts, params.tfidf)
    dimensions = min(params.dimensions, matrix.shape[1] - 1, count - 1)
    if dimensions >= 1:
        reduced = TruncatedSVD(n_components=dimensions, random_state=params.seed).fit_transform(matrix)
    else:
        reduced = matrix.toarray()
    reduced = normalize(reduced)
    min_cluster_size = max(2, min(params.min_cluster_size, count))
    labels = np.asarray(HDBSCAN(min_cluster_size=min_cluster_size, min_samples=params.min_samples,
                                copy=True).fit_predict(reduced))
    noise = labels < 0
    labels[noise] = labels.max(initial=-1) + 1 + np.arange(int(noise.sum()))
    return labels


def tfidf_pair_scores(pairs: Sequence[tuple[str, str]], params: TfidfParams | None = None) -> list[float]:
    """Same-story scores on the SemEval scale, 4 − 3·cosine (1 = same story, 4 = unrelated).

    The vectorizer is fit on all texts of all pairs, so IDF reflects the evaluated collection.
    """
    if not pairs:
        return []
    texts = [text for pair in pairs for text in pair]
    matrix = tfidf_matrix(texts, params)
    firsts, seconds = matrix[0::2], matrix[1::2]
    cosines = np.asarray(firsts.multiply(seconds).sum(axis=1)).ravel()
    return [float(4.0 - 3.0 * min(1.0, max(0.0, cosine))) for cosine in cosines]
