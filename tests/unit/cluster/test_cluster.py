from __future__ import annotations

import zlib
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from storylens.cluster import ClusterParams, batch, cluster_articles, compare_articles, story_id_for
from storylens.model import Article, ArticleId, CopyLink, CopyMethod, EditAction, StoryEdit, StoryId

from .cluster_articles import (
    LISBON_FOLLOW,
    LISBON_MEETING,
    NORDWIND_Q2,
    NORDWIND_Q3,
    OSLO_MEETING,
    VOLCANO,
    make_article,
)


def _partition(articles: list[Article], **kwargs: object) -> set[frozenset[str]]:
    result = cluster_articles(articles, **kwargs)  # type: ignore[arg-type]
    return {frozenset(str(article_id) for article_id in story.article_ids) for story in result.stories}


def _seed(path: Path, article_id: str) -> Article:
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return make_article(article_id, title.strip(), body.strip())


def test_the_two_seed_reports_form_one_story(seeds_dir: Path) -> None:
    first, second = (_seed(path, f"seed-{n}") for n, path in enumerate(sorted(seeds_dir.glob("*.txt"))))
    assert _partition([first, second]) == {frozenset({"seed-0", "seed-1"})}


def test_compare_seeds_is_same_story_with_shared_entities(seeds_dir: Path) -> None:
    first, second = (_seed(path, f"seed-{n}") for n, path in enumerate(sorted(seeds_dir.glob("*.txt"))))
    comparison = compare_articles(first, second)
    assert comparison.score <= 1.5
    shared = {name for evidence in comparison.evidence for name in evidence.shared}
    assert {"john kerry", "jean marc ayrault", "aleppo", "geneva"} <= shared


def test_compare_unrelated_articles_scores_unrelated() -> None:
    assert compare_articles(LISBON_MEETING, VOLCANO).score >= 3.5


def test_same_ministers_on_another_date_in_another_city_stay_apart() -> None:
    assert _partition([LISBON_MEETING, LISBON_FOLLOW, OSLO_MEETING]) == {
        frozenset({"lisbon-1", "lisbon-2"}), frozenset({"oslo-1"}),
    }


def test_same_company_different_quarters_stay_apart() -> None:
    assert _partition([NORDWIND_Q2, NORDWIND_Q3]) == {frozenset({"nordwind-q2"}), frozenset({"nordwind-q3"})}


def test_a_copy_joins_its_originals_story() -> None:
    link = CopyLink(copy=ArticleId("volcano"), original=ArticleId("lisbon-1"), similarity=0.97,
                    method=CopyMethod.NEAR)
    result = cluster_articles([LISBON_MEETING, VOLCANO], copies=[link])
    story_of = {a.article_id: a.story_id for a in result.assignments}
    assert story_of[ArticleId("volcano")] == story_of[ArticleId("lisbon-1")] == story_id_for("lisbon-1")


def test_story_ids_come_from_the_first_article() -> None:
    result = cluster_articles([LISBON_FOLLOW, LISBON_MEETING])
    assert [story.id for story in result.stories] == [story_id_for("lisbon-1")]
    assert result.stories[0].title == LISBON_MEETING.title


def test_people_edits_are_respected() -> None:
    at = datetime(2021, 4, 1, tzinfo=UTC)
    split = StoryEdit(action=EditAction.SPLIT, story_ids=(), article_ids=(ArticleId("lisbon-2"),),
                      editor="ed", at=at)
    merge = StoryEdit(action=EditAction.MERGE, story_ids=(story_id_for("oslo-1"), story_id_for("volcano")),
                      article_ids=(), editor="ed", at=at)
    result = cluster_articles([LISBON_MEETING, LISBON_FOLLOW, OSLO_MEETING, VOLCANO], edits=[split, merge])
    partition = {frozenset(str(a) for a in story.article_ids) for story in result.stories}
    assert partition == {frozenset({"lisbon-1"}), frozenset({"lisbon-2"}), frozenset({"oslo-1", "volcano"})}
    methods = {str(a.article_id): a.method for a in result.assignments}
    assert methods["lisbon-2"] == methods["volcano"] == "edit"


def test_move_puts_an_article_where_a_person_said() -> None:
    move = StoryEdit(action=EditAction.MOVE, story_ids=(StoryId(story_id_for("volcano")),),
                     article_ids=(ArticleId("lisbon-2"),), editor="ed", at=datetime(2021, 4, 1, tzinfo=UTC))
    result = cluster_articles([LISBON_MEETING, LISBON_FOLLOW, VOLCANO], edits=[move])
    story_of = {str(a.article_id): a.story_id for a in result.assignments}
    assert story_of["lisbon-2"] == story_of["volcano"] != story_of["lisbon-1"]


def _dense_pairs(matrix: np.ndarray, hours: np.ndarray, params: ClusterParams) -> set[tuple[int, int]]:
    """Each row's `neighbours` nearest by time-adjusted cosine within the window, over every pair: what
    `similar_pairs` approximates by first keeping the nearest by cosine alone."""
    cosines = matrix @ matrix.T
    apart = np.abs(hours[:, None] - hours[None, :])
    dated = ~np.isnan(apart)
    closeness = np.exp(-np.where(dated, apart, 0.0) / params.decay_hours)
    sims = cosines + np.where(dated, params.time_bonus * closeness - params.time_penalty * (1 - closeness), 0.0)
    allowed = (cosines >= params.min_edge_similarity) & (sims >= params.min_edge_similarity)
    allowed &= ~(dated & (apart > params.window_hours)) & ~np.eye(len(matrix), dtype=bool)
    pairs = set()
    for row in range(len(matrix)):
        candidates = sorted(np.flatnonzero(allowed[row]), key=lambda col: (-sims[row, col], col))
        pairs.update((min(row, col), max(row, col)) for col in candidates[:params.neighbours])
    return pairs


def _random_articles(seed: int) -> tuple[sparse.csr_matrix, np.ndarray]:
    """120 unit vectors; 100 dated over 600 hours in time order, then 20 undated."""
    rng = np.random.default_rng(seed)
    dense = rng.random((120, 40)) * (rng.random((120, 40)) < 0.15)
    dense /= np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-9)
    hours = np.concatenate([np.sort(rng.uniform(0, 600, 100)), np.full(20, np.nan)])
    return sparse.csr_matrix(dense), hours


@pytest.mark.parametrize("seed", range(3))
def test_similar_pairs_are_nearly_all_the_time_adjusted_nearest_neighbours(seed: int) -> None:
    matrix, hours = _random_articles(seed)
    params = ClusterParams(neighbours=5)

    first, second, sims = batch.similar_pairs(matrix, hours, params)

    found = set(zip(first.tolist(), second.tolist(), strict=True))
    exact = _dense_pairs(matrix.toarray(), hours, params)
    assert len(found & exact) >= 0.95 * len(exact)
    apart = np.abs(hours[first] - hours[second])
    assert not (apart > params.window_hours).any()
    assert (sims >= params.min_edge_similarity).all()


def test_how_many_rows_a_block_holds_does_not_change_the_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    matrix, hours = _random_articles(3)
    params = ClusterParams(neighbours=5)
    whole = batch.similar_pairs(matrix, hours, params)
    monkeypatch.setattr(batch, "_BLOCK_ROWS", 16)

    in_small_blocks = batch.similar_pairs(matrix, hours, params)

    assert all(np.array_equal(one, other) for one, other in zip(whole, in_small_blocks, strict=True))


def test_refinement_moves_a_headline_to_the_story_published_when_it_was() -> None:
    # Two stories in the same words, 40 hours apart; the last headline, published with the second,
    # was linked into the first. Cosine alone ties; the time closeness decides.
    matrix = sparse.csr_matrix(np.array([[1.0, 0.0]] * 5, dtype=np.float32))
    hours = np.array([0.0, 0.0, 40.0, 40.0, 40.0])

    assert batch.refine_stories(matrix, [0, 0, 2, 2, 0], hours, ClusterParams()) == [0, 0, 2, 2, 2]


def test_refinement_leaves_undated_headlines_to_the_cosine() -> None:
    matrix = sparse.csr_matrix(np.array([[1.0, 0.0]] * 3 + [[0.0, 1.0]] * 2 + [[0.6, 0.8]], dtype=np.float32))
    hours = np.full(6, np.nan)

    assert batch.refine_stories(matrix, [0, 0, 0, 3, 3, 0], hours, ClusterParams()) == [0, 0, 0, 3, 3, 3]


def test_threads_do_not_change_the_pairs() -> None:
    matrix, hours = _random_articles(4)
    params = ClusterParams(neighbours=5)

    one, two = (batch.similar_pairs(matrix, hours, params, threads) for threads in (1, 2))

    assert all(np.array_equal(first, second) for first, second in zip(one, two, strict=True))


def test_terms_that_share_a_hash_add_up_in_one_column() -> None:
    article = make_article("hash", "Plumless", "The buckeroo plumless.")  # CRC-32("plumless") == CRC-32("buckeroo")
    hashes, counts = batch.article_terms(article, ClusterParams(title_boost=2.0))
    whole = dict(zip(hashes.tolist(), counts.tolist(), strict=True))
    assert len(hashes) == len(set(hashes.tolist()))
    assert whole[zlib.crc32(b"plumless")] == 4.0  # plumless: 2 (title, boosted) + 1 (body); buckeroo: 1


def test_term_counts_give_one_column_per_distinct_term() -> None:
    counts = batch.TermCounts.of([LISBON_MEETING, LISBON_FOLLOW, OSLO_MEETING], ClusterParams())
    matrix = counts.matrix([ArticleId("oslo-1"), ArticleId("lisbon-1")])
    distinct = {term for article in (LISBON_MEETING, LISBON_FOLLOW, OSLO_MEETING)
                for term in batch.article_terms(article, ClusterParams())[0].tolist()}
    assert matrix.shape == (2, len(distinct))
    assert matrix[0].sum() == batch.article_terms(OSLO_MEETING, ClusterParams())[1].sum()


def test_recorded_merges_replayed_to_a_threshold_give_the_groups_linked_at_it() -> None:
    edges = (np.array([0, 0, 1, 2, 3, 4]), np.array([1, 2, 2, 3, 4, 5]), np.array([0.9, 0.5, 0.7, 0.2, 0.6, 0.4]))
    merges: list[tuple[float, int, int]] = []
    batch.link_stories(6, edges, 0.1, is_centroid_link=False, merges=merges)
    assert [link for link, _, _ in merges] == sorted((link for link, _, _ in merges), reverse=True)
    for threshold in (0.65, 0.5, 0.35, 0.1):
        parent = list(range(6))
        for _, kept, absorbed in (merge for merge in merges if merge[0] >= threshold):
            parent[absorbed] = kept

        def root(item: int, parent: list[int] = parent) -> int:
            return item if parent[item] == item else root(parent[item])

        replayed = [min(other for other in range(6) if root(other) == root(item)) for item in range(6)]
        assert replayed == batch.link_stories(6, edges, threshold, is_centroid_link=False)
