"""`cluster_articles`: the batch entry point, which sees all its articles before grouping them.

Seeing the whole batch allows what a stream cannot: term rarity fitted on every article, and a
linkage that is independent of arrival order. Articles become TF-IDF vectors (sublinear counts, title
terms boosted); each keeps its `neighbours` most similar articles (a sparse graph, time-gated for dated
articles); stories are merged greedily by average link (full texts) or by centroid cosine (headlines,
whose stories share few words pairwise but a common vocabulary); headline stories are then refined by
re-assigning each headline to its closest story centroid, closeness in time counted as in linking.
Copies then join their original's story, and people's edits are applied last, so an article a person
moved or split out stays where they put it and merged stories stay merged.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from array import array
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sparse_dot_topn import sp_matmul_topn  # type: ignore[import-untyped,unused-ignore]

from storylens.analysis.tokens import crc32_hashes
from storylens.cluster.features import PRIOR_DOCUMENTS, term_counts
from storylens.cluster.params import ClusterParams, ClusterResult
from storylens.model import (
    Article,
    ArticleId,
    Assignment,
    CopyLink,
    EditAction,
    Story,
    StoryEdit,
    StoryId,
)

METHOD = "cluster.batch.v2"
_EDIT_METHOD = "edit"
_COPY_METHOD = "cluster.copy.v1"
_BLOCK_ROWS = 2048
# With at least this many articles, a term in more than half of them is treated as a stopword.
_MIN_DOCUMENTS_FOR_COMMON_TERMS = 200

Edges = tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]
# An article's terms as parallel arrays: each term's CRC-32 and its count.
HashedTerms = tuple[NDArray[np.uint32], NDArray[np.float32]]


def story_id_for(first_article: str) -> StoryId:
    """A story's id, derived from the id of the article that opened it, so re-runs give the same ids."""
    return StoryId("s" + hashlib.sha1(first_article.encode("utf-8"), usedforsecurity=False).hexdigest()[:15])


def arrival_key(article: Article) -> tuple[bool, datetime | str, str]:
    """The order articles are taken in: by publication time, undated last, then by id (as the store lists them)."""
    return (article.published is None, article.published or "", article.id)


class TermCounts:
    """Articles' term counts (`article_terms`) as one sparse matrix, built an article at a time.

    Term hashes become column numbers as they are first seen and counts are kept in flat arrays, so a
    million articles cost some 8 bytes per term occurrence rather than a dict each.
    """

    def __init__(self) -> None:
        self._column_of: dict[int, int] = {}
        self._indices = array("i")
        self._data = array("f")
        self._indptr = array("q", [0])
        self._row_of: dict[ArticleId, int] = {}

    @classmethod
    def of(cls, articles: Iterable[Article], params: ClusterParams) -> TermCounts:
        """The term counts of `articles`, computed here."""
        counts = cls()
        for article in articles:
            counts.add(article.id, article_terms(article, params))
        return counts

    def add(self, article_id: ArticleId, terms: HashedTerms) -> None:
        """Add one article's hashed terms and counts; an article added before is left as it was."""
        if article_id in self._row_of:
            return
        self._row_of[article_id] = len(self._row_of)
        hashes, counts = terms
        column_of = self._column_of
        self._indices.extend([column_of.setdefault(key, len(column_of)) for key in hashes.tolist()])
        self._data.frombytes(counts.astype(np.float32, copy=False).tobytes())
        self._indptr.append(len(self._indices))

    def matrix(self, article_ids: Sequence[ArticleId]) -> sparse.csr_matrix:
        """Raw counts, a row per article in the order given (KeyError for an article not added)."""
        rows = np.fromiter(map(self._row_of.__getitem__, article_ids), dtype=np.int64, count=len(article_ids))
        # Copies, not views: an array that lends its buffer cannot grow, and more articles may be added.
        whole = sparse.csr_matrix(
            (np.array(self._data, dtype=np.float32), np.array(self._indices, dtype=np.int32),
             np.array(self._indptr, dtype=np.int64)),
            shape=(len(self._row_of), max(1, len(self._column_of))))
        if np.array_equal(rows, np.arange(len(self._row_of))):
            return whole
        selected: sparse.csr_matrix = whole[rows]
        return selected


def term_matrix(counts: sparse.csr_matrix, vector_terms: int = 60, max_term_share: float = 0.5) -> sparse.csr_matrix:
    """L2-normalized TF-IDF rows (1 + log count, times idf fitted on these rows), so a dot is a cosine.

    Args:
        counts: raw term counts, a row per article (`TermCounts.matrix`).
        vector_terms: the heaviest terms kept per row; the light tail adds cost, not discrimination.
        max_term_share: a term in more than this share of the rows is dropped (from 10 rows on): common
            words make most article pairs similar a little, which costs time and tells nothing.

    Returns:
        One row per article; an article without terms is an all-zero row.
    """
    documents = counts.shape[0]
    matrix = counts.astype(np.float32, copy=True)
    frequencies = np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(np.float64)
    idf = np.log(documents + PRIOR_DOCUMENTS + 1.0) - np.log(frequencies + 0.5)
    if documents >= _MIN_DOCUMENTS_FOR_COMMON_TERMS:
        idf[frequencies > documents * max_term_share] = 0.0
    matrix.data = ((1.0 + np.log(matrix.data)) * idf[matrix.indices]).astype(np.float32)
    row_of = np.repeat(np.arange(documents), np.diff(matrix.indptr))
    order = np.lexsort((-matrix.data, row_of))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - matrix.indptr[row_of[order]]
    matrix.data[rank >= vector_terms] = 0.0
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    scaled: sparse.csr_matrix = sparse.diags((1.0 / norms).astype(np.float32)) @ matrix
    scaled.eliminate_zeros()
    return scaled.tocsr()


def _in_time_order(hours: NDArray[np.float64]) -> int:
    """How many leading rows are dated when rows run in time order with undated rows last, else -1."""
    dated = int(np.count_nonzero(~np.isnan(hours)))
    if np.isnan(hours[:dated]).any() or (np.diff(hours[:dated]) < 0).any():
        return -1
    return dated


def _column_blocks(hours: NDArray[np.float64], count: int, params: ClusterParams) -> Iterator[
        tuple[int, int, NDArray[np.int64] | None]]:
    """Row blocks (start, end) and the columns each must be compared with (None: every column).

    Dated rows in time order are compared only with the rows published within `window_hours` of the
    block and with the undated rows, so the cost follows the window, not the whole set. A dated block
    spans at most an eighth of the window in time, so its columns are nearly those of each of its rows.
    Undated rows (last) are compared with every row.
    """
    # Rows out of time order (the engine always sorts them) are all compared with every row.
    dated = max(_in_time_order(hours), 0) if count else 0
    start = 0
    while start < dated:
        span_end = int(np.searchsorted(hours[:dated], hours[start] + params.window_hours / 8, side="right"))
        end = min(start + _BLOCK_ROWS, span_end)
        low = int(np.searchsorted(hours[:dated], hours[start] - params.window_hours, side="left"))
        high = int(np.searchsorted(hours[:dated], hours[end - 1] + params.window_hours, side="right"))
        yield start, end, np.concatenate([np.arange(low, high), np.arange(dated, count)])
        start = end
    for start in range(dated, count, _BLOCK_ROWS):
        yield start, min(start + _BLOCK_ROWS, count), None


def _time_adjusted(cosines: NDArray[np.float64], apart: NDArray[np.float64],
                   params: ClusterParams) -> NDArray[np.float64]:
    """Cosines `apart` hours in time (NaN: undated), plus up to `time_bonus` when close and minus up to
    `time_penalty` as they grow apart (scale `decay_hours`); undated ones as they are."""
    closeness = np.exp(-apart / params.decay_hours)
    adjusted = cosines + params.time_bonus * closeness - params.time_penalty * (1.0 - closeness)
    return np.where(np.isnan(apart), cosines, adjusted)


def similar_pairs(matrix: sparse.csr_matrix, hours: NDArray[np.float64], params: ClusterParams,
                  threads: int = 1) -> Edges:
    """Each article's `neighbours` most similar articles, as unique pairs (first < second) with similarity.

    Dated pairs further apart than `window_hours` are not linked (copies join their original's story
    whatever the distance); the others gain up to `time_bonus` when close in time and lose up to
    `time_penalty` as they grow apart (scale `decay_hours`): reports of one event are published together.
    The product and the choice of each row's nearest are done together by `sparse_dot_topn` (the
    full product of a busy window is mostly weak pairs that are thrown away); it keeps twice
    `neighbours` by cosine, among which the time-adjusted nearest are then chosen.

    Args:
        matrix: `term_matrix` rows; when dated rows come first in time order, only rows within the window
            are multiplied.
        hours: per row, publication time in hours (NaN when undated).
        params: engine settings.
        threads: threads for the product (the result does not depend on it).
    """
    count = matrix.shape[0]
    transposed: sparse.csr_matrix | None = None
    lowest_cosine = max(0.0, params.min_edge_similarity - params.time_bonus)  # the bonus may lift it
    firsts: list[NDArray[np.int64]] = []
    seconds: list[NDArray[np.int64]] = []
    values: list[NDArray[np.float64]] = []
    for start, end, columns in _column_blocks(hours, count, params):
        if columns is None:
            transposed = matrix.T.tocsr() if transposed is None else transposed
            others = transposed
        else:
            others = matrix[columns].T.tocsr()
        block = sp_matmul_topn(matrix[start:end], others, top_n=2 * params.neighbours,
                               threshold=lowest_cosine, sort=False, n_threads=threads)
        rows = np.repeat(np.arange(start, end, dtype=np.int64), np.diff(block.indptr))
        cols = block.indices.astype(np.int64) if columns is None else columns[block.indices]
        apart = np.abs(hours[rows] - hours[cols])
        sims = _time_adjusted(block.data.astype(np.float64), apart, params)
        keep = (sims >= params.min_edge_similarity) & (rows != cols) & ~(apart > params.window_hours)
        rows, cols, sims = rows[keep], cols[keep], sims[keep]
        order = np.lexsort((cols, -sims, rows))
        rows, cols, sims = rows[order], cols[order], sims[order]
        row_starts = np.searchsorted(rows, rows, side="left")
        kept = (np.arange(len(rows)) - row_starts) < params.neighbours
        firsts.append(rows[kept])
        seconds.append(cols[kept])
        values.append(sims[kept])
    if not firsts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    rows, cols, sims = np.concatenate(firsts), np.concatenate(seconds), np.concatenate(values)
    low, high = np.minimum(rows, cols), np.maximum(rows, cols)
    _, unique = np.unique(low * count + high, return_index=True)
    return low[unique], high[unique], sims[unique]


def link_stories(count: int, edges: Edges, threshold: float, *, is_centroid_link: bool,
                 merges: list[tuple[float, int, int]] | None = None) -> list[int]:
    """Greedy agglomeration over a sparse similarity graph: the closest pair of groups merges first.

    The link of two groups is the sum of their members' pair similarities (absent pairs count as 0),
    divided by the product of sizes (average link), or by the product of the groups' centroid norms
    (centroid cosine, computed from the same sums). Merging stops below `threshold`. When `merges` is
    given, each merge is appended to it as (link, kept group, absorbed group), in the order made.

    Returns:
        A group number per article: the lowest article position in its group.
    """
    neighbours: list[dict[int, float]] = [{} for _ in range(count)]
    for first, second, value in zip(*(part.tolist() for part in edges), strict=True):
        neighbours[first][second] = value
        neighbours[second][first] = value
    size = [1] * count
    spread = [1.0] * count  # squared norm of the group's summed unit vectors
    parent = list(range(count))

    def link(first: int, second: int, total: float) -> float:
        if is_centroid_link:
            return total / math.sqrt(spread[first] * spread[second])
        return total / (size[first] * size[second])

    # Only links at or above the threshold can ever be merged, so only those enter the heap.
    heap = [(-value, first, second)
            for first, second, value in zip(*(part.tolist() for part in edges), strict=True) if value >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, first, second = heapq.heappop(heap)
        total = neighbours[first].get(second)
        if parent[first] != first or parent[second] != second or total is None \
                or link(first, second, total) != -negative:
            continue  # a stale entry: one side merged since, or its link changed
        kept, absorbed = (first, second) if len(neighbours[first]) >= len(neighbours[second]) else (second, first)
        parent[absorbed] = kept
        if merges is not None:
            merges.append((-negative, kept, absorbed))
        spread[kept] += spread[absorbed] + 2.0 * total
        size[kept] += size[absorbed]
        del neighbours[kept][absorbed]
        for other, value in neighbours[absorbed].items():
            if other == kept:
                continue
            del neighbours[other][absorbed]
            merged = neighbours[kept].get(other, 0.0) + value
            neighbours[kept][other] = merged
            neighbours[other][kept] = merged
        neighbours[absorbed] = {}
        for other, value in neighbours[kept].items():
            if (linked := link(kept, other, value)) >= threshold:
                heapq.heappush(heap, (-linked, min(kept, other), max(kept, other)))
    groups: list[int] = []
    for position in range(count):
        root = position
        while parent[root] != root:
            root = parent[root]
        groups.append(root)
    lowest: dict[int, int] = {}
    for position, root in enumerate(groups):
        lowest.setdefault(root, position)
    return [lowest[root] for root in groups]


def _story_hours(dense: NDArray[np.int64], hours: NDArray[np.float64], stories: int) -> NDArray[np.float64]:
    """Median publication hour of each story's dated members (NaN for a story without dates)."""
    dated = ~np.isnan(hours)
    members, times = dense[dated], hours[dated]
    order = np.lexsort((times, members))
    members, times = members[order], times[order]
    sizes = np.bincount(members, minlength=stories)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    middle = np.full(stories, np.nan)
    has_dates = sizes > 0
    low = starts[has_dates] + (sizes[has_dates] - 1) // 2
    high = starts[has_dates] + sizes[has_dates] // 2
    middle[has_dates] = (times[low] + times[high]) / 2.0
    return middle


def refine_stories(matrix: sparse.csr_matrix, groups: list[int], hours: NDArray[np.float64],
                   params: ClusterParams) -> list[int]:
    """Move each article to the story whose centroid is closest, when that beats its own by any margin
    and reaches `refine_threshold`; `refine_passes` rounds. Story numbers stay the lowest original member
    position.

    Closeness is judged as the linking judges it: the centroid cosine gains up to `time_bonus` when the
    article was published near the story's median time and loses up to `time_penalty` as they grow apart;
    a story further than `window_hours` away is not a candidate. Without this, a headline could move to a
    day-old story on the same topic that the linking kept apart.
    """
    labels = np.asarray(groups, dtype=np.int64)
    count = len(groups)
    for _ in range(params.refine_passes):
        names, dense = np.unique(labels, return_inverse=True)
        membership = sparse.csr_matrix((np.ones(count, dtype=np.float32), (dense, np.arange(count))),
                                       shape=(len(names), count))
        centroids = membership @ matrix
        norms = np.sqrt(np.asarray(centroids.multiply(centroids).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        centroids = (sparse.diags((1.0 / norms).astype(np.float32)) @ centroids).tocsr()
        cosines = (matrix @ centroids.T).tocoo()
        apart = np.abs(hours[cosines.row] - _story_hours(dense, hours, len(names))[cosines.col])
        values = _time_adjusted(cosines.data.astype(np.float64), apart, params)
        values[apart > params.window_hours] = -math.inf
        scores = sparse.csr_matrix((values, (cosines.row, cosines.col)), shape=cosines.shape)
        own = np.asarray(scores[np.arange(count), dense]).ravel()
        best = np.asarray(scores.argmax(axis=1)).ravel()
        best_score = np.asarray(scores.max(axis=1).todense()).ravel()
        moving = (best != dense) & (best_score >= params.refine_threshold) & (best_score > own)
        if not moving.any():
            break
        dense[moving] = best[moving]
        labels = names[dense]
    lowest: dict[int, int] = {}
    for position, label in enumerate(labels.tolist()):
        lowest.setdefault(label, position)
    return [lowest[label] for label in labels.tolist()]


def is_headline_input(counts: sparse.csr_matrix, params: ClusterParams) -> bool:
    """Whether the median article (a row of raw counts) has at most `headline_max_terms` distinct terms
    (headline-only input)."""
    if counts.shape[0] == 0:
        return False
    return float(np.median(np.diff(counts.indptr))) <= params.headline_max_terms


def article_terms(article: Article, params: ClusterParams) -> HashedTerms:
    """The term counts the engine clusters on, each term known by its CRC-32 (pure: worker processes may
    compute them). Two terms of one article that share a hash add up; across a million distinct terms some
    hundred pairs share one, which moves no cosine noticeably."""
    counts = term_counts(article, title_boost=params.title_boost, max_terms=params.max_terms)
    hashes = crc32_hashes(counts)
    values = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
    ordered = np.sort(hashes)
    if not (ordered[1:] == ordered[:-1]).any():
        return hashes, values
    distinct, position = np.unique(hashes, return_inverse=True)
    return distinct, np.bincount(position, weights=values).astype(np.float32)


def group_articles(articles: Sequence[Article], params: ClusterParams, terms: TermCounts | None = None,
                   threads: int = 1) -> list[int]:
    """Story number per article (articles in the given order): the position of the story's first member.

    `terms` holds the articles' term counts when already computed; `threads` serve the similarity search.
    """
    if not articles:
        return []
    counts = (terms if terms is not None else TermCounts.of(articles, params)).matrix(
        [article.id for article in articles])
    is_headlines = is_headline_input(counts, params)
    matrix = term_matrix(counts, params.vector_terms, params.max_term_share)
    hours = np.array([math.nan if article.published is None else article.published.timestamp() / 3600.0
                      for article in articles], dtype=np.float64)
    edges = similar_pairs(matrix, hours, params, threads)
    threshold = params.headline_link_threshold if is_headlines else params.link_threshold
    groups = link_stories(len(articles), edges, threshold, is_centroid_link=is_headlines)
    if is_headlines and params.is_refined and params.refine_passes > 0:
        groups = refine_stories(matrix, groups, hours, params)
    return groups


def cluster_articles(articles: Sequence[Article], params: ClusterParams | None = None, *,
                     edits: Sequence[StoryEdit] = (), copies: Sequence[CopyLink] = (),
                     terms: TermCounts | None = None, threads: int = 1) -> ClusterResult:
    """Group articles into stories.

    Args:
        articles: the articles, in any order (the result does not depend on it): they are ordered by
            (published, id), undated last; an id given twice is kept once.
        params: engine settings; the defaults when None.
        edits: people's decisions, applied in time order after clustering.
        copies: copy links from dedup; a copy joins its original's story.
        terms: the term counts of every article when already computed (else computed here).
        threads: threads for the similarity search (the result does not depend on them).

    Returns:
        Stories (ordered by first article; a story's id comes from its first article) and one assignment
        per article.
    """
    params = params or ClusterParams()
    by_id = {article.id: article for article in articles}
    ordered = sorted(by_id.values(), key=arrival_key)
    groups = group_articles(ordered, params, terms, threads)
    story_of = {article.id: story_id_for(ordered[group].id) for article, group in zip(ordered, groups,
                                                                                        strict=True)}
    scores = dict.fromkeys(story_of, 1.0)
    methods = dict.fromkeys(story_of, METHOD)
    for link in copies:
        if link.copy in story_of and link.original in story_of:
            story_of[link.copy] = story_of[link.original]
            scores[link.copy] = link.similarity
            methods[link.copy] = _COPY_METHOD
    for edit in sorted(edits, key=lambda item: item.at):
        for article_id in _apply_edit(edit, story_of):
            methods[article_id] = _EDIT_METHOD
            scores[article_id] = 1.0
    return _result(by_id, story_of, scores, methods)


def _apply_edit(edit: StoryEdit, story_of: dict[ArticleId, StoryId]) -> list[ArticleId]:
    """Apply one edit to the article -> story map; returns the articles it placed."""
    if edit.action is EditAction.MERGE:
        present = [story_id for story_id in edit.story_ids if story_id in story_of.values()]
        if len(present) < 2:
            return []
        kept, absorbed = present[0], set(present[1:])
        moved = [article_id for article_id, story_id in story_of.items() if story_id in absorbed]
        for article_id in moved:
            story_of[article_id] = kept
        return moved
    targets = [article_id for article_id in edit.article_ids if article_id in story_of]
    if edit.action is EditAction.SPLIT:
        digest = hashlib.sha1("|".join(sorted(targets)).encode(), usedforsecurity=False).hexdigest()
        new_story = StoryId("s" + digest[:15])
    elif edit.story_ids:
        new_story = edit.story_ids[0]
    else:
        return []
    for article_id in targets:
        story_of[article_id] = new_story
    return targets


def _result(by_id: dict[ArticleId, Article], story_of: dict[ArticleId, StoryId],
            scores: dict[ArticleId, float],
            methods: dict[ArticleId, str]) -> ClusterResult:
    members: dict[StoryId, list[Article]] = {}
    for article_id, story_id in story_of.items():
        members.setdefault(story_id, []).append(by_id[article_id])
    stories: list[Story] = []
    for story_id, group in members.items():
        group.sort(key=arrival_key)
        times = [article.published for article in group if article.published is not None]
        outlets = tuple(dict.fromkeys(article.outlet for article in group if article.outlet))
        title = group[0].title
        stories.append(Story(id=story_id, title=title, article_ids=tuple(article.id for article in group),
                             first_published=min(times) if times else None,
                             last_published=max(times) if times else None, outlets=outlets))
    stories.sort(key=lambda story: (arrival_key(by_id[story.article_ids[0]]), story.id))
    assignments = tuple(
        Assignment(article_id=article_id, story_id=story_of[article_id], score=scores[article_id],
                   method=methods[article_id])
        for story in stories for article_id in story.article_ids
    )
    return ClusterResult(stories=tuple(stories), assignments=assignments)


__all__ = ["TermCounts", "arrival_key", "article_terms", "cluster_articles", "story_id_for"]
