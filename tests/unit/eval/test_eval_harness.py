"""The harness on a few hand-written articles, with the peers standing in for the engine."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from storylens.eval.baselines import SingleLinkParams, read_as_is
from storylens.eval.datasets import LabelledArticle, LabelledPair
from storylens.eval.harness import (
    arrival_order,
    evaluate_clustering,
    evaluate_copies,
    evaluate_pairs,
    single_link_clusterer,
    single_link_threshold_sweep,
    tfidf_pair_scorer,
)
from storylens.model import Article, Origin, SourceFormat

ORIGIN = Origin(location="mem", format=SourceFormat.JSONL)


def article(article_id: str, text: str, event: str, *, hour: int | None = None,
            dup_of: str | None = None) -> LabelledArticle:
    published = datetime(2024, 5, 1, hour, tzinfo=UTC) if hour is not None else None
    return LabelledArticle(id=article_id, text=text, event=event, origin=ORIGIN, published=published,
                           dup_of=dup_of)


ARTICLES = [
    article("a1", "Harbour ferry strike halts crossings", "ferry"),
    article("a2", "Ferry strike halts harbour crossings again", "ferry"),
    article("a3", "Harbour ferry strike halts crossings", "ferry"),  # same text as a1: ids must stay apart
    article("b1", "Volcano ash closes northern airports", "ash"),
    article("b2", "Airports closed by volcano ash cloud", "ash"),
    article("c1", "Chess prodigy wins regional title", "ferry"),  # gold says ferry; no words shared
    article("e1", "   ", "empty"),
]


def one_story(articles: Sequence[Article]) -> dict[str, str]:
    return {str(item.id): "all" for item in articles}


def test_clustering_report_scores_the_system_and_each_peer() -> None:
    report = evaluate_clustering("mini", ARTICLES, single_link_clusterer(SingleLinkParams(threshold=0.3)),
                                 system_name="single-link", normalize_fn=read_as_is, peers={"one": one_story})
    # single-link: {a1 a2 a3} {b1 b2} {c1}, and e1 (rejected) alone. Gold: {a1 a2 a3 c1} {b1 b2} {e1}.
    # B3 precision 1. Recall: a* 3/4 each, c1 1/4, b* 1, e1 1 -> (9/4 + 1/4 + 3) / 7 = 5.5 / 7.
    assert (report.n_articles, report.n_gold_stories, report.n_rejected) == (7, 3, 1)
    assert report.rejected_by_code == (("empty", 1),)
    assert report.system.bcubed_precision == 1.0
    assert report.system.bcubed_recall == pytest.approx(5.5 / 7)
    # Pairs: gold 6 + 1 = 7, predicted 3 + 1 = 4, all right.
    assert report.system.pairwise_precision == 1.0
    assert report.system.pairwise_recall == pytest.approx(4 / 7)
    assert report.system.n_predicted_stories == 4
    (peer,) = report.peers
    # "one" puts the 6 normalized articles together, e1 stays alone: recall 1;
    # precision a*,c1: 4/6 each, b*: 2/6 each, e1: 1 -> (16/6 + 4/6 + 1) / 7 = (13/3) / 7.
    assert (peer.name, peer.bcubed_recall, peer.n_predicted_stories) == ("one", 1.0, 2)
    assert peer.bcubed_precision == pytest.approx(13 / 21)
    assert report.system.articles_per_second > 0
    assert report.system.peak_memory_mb >= 0


def test_clustering_report_json_has_the_issue_keys() -> None:
    report = evaluate_clustering("mini", ARTICLES, one_story, normalize_fn=read_as_is,
                                 peers={"same": one_story})
    data = report.to_json_dict()
    for key in ("bcubed_precision", "bcubed_recall", "bcubed_f1", "pairwise_f1", "articles_per_second",
                "peak_memory_mb", "n_articles", "n_gold_stories", "n_predicted_stories"):
        assert key in data
    assert data["system"] == "storylens"
    assert set(data["peers"]) == {"same"}
    assert data["peers"]["same"]["bcubed_f1"] == data["bcubed_f1"]


def test_labelled_pairs_are_scored_from_the_clustering() -> None:
    labels = [("a1", "a2", True), ("a1", "b1", False), ("b1", "c1", True)]
    report = evaluate_clustering("mini", ARTICLES, single_link_clusterer(SingleLinkParams(threshold=0.3)),
                                 normalize_fn=read_as_is, pair_labels=labels)
    # Together: a1-a2 yes, a1-b1 no, b1-c1 no -> 1 hit of 1 guess, of 2 positives.
    assert (report.system.labelled_pairs_precision, report.system.labelled_pairs_recall) == (1.0, 0.5)
    assert report.to_json_dict()["labelled_pairs_f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_dated_articles_arrive_in_time_order_and_undated_in_a_seeded_shuffle() -> None:
    dated = [article("x", "t", "e", hour=9), article("y", "t", "e", hour=7), article("z", "t", "e", hour=8)]
    assert [item.id for item in arrival_order(dated)] == ["y", "z", "x"]
    undated = [article(str(i), "t", "e") for i in range(10)]
    assert arrival_order(undated, seed=1) == arrival_order(undated, seed=1)
    assert arrival_order(undated, seed=1) != undated


def test_threshold_sweep_reports_each_threshold() -> None:
    results = single_link_threshold_sweep(ARTICLES, [0.3, 0.99], normalize_fn=read_as_is)
    # At 0.99 only the identical a1 and a3 join: 5 stories of the 6 texts, and the rejected e1.
    assert [(threshold, scores.n_predicted_stories) for threshold, scores in results] == [(0.3, 4), (0.99, 6)]


def pair(pair_id: str, first: str, second: str, overall: float, languages: tuple[str, str]) -> LabelledPair:
    return LabelledPair(pair_id=pair_id, first=article(f"{pair_id}-1", first, pair_id),
                        second=article(f"{pair_id}-2", second, pair_id), overall=overall,
                        lang1=languages[0], lang2=languages[1])


PAIRS = [
    pair("p1", "ferry strike halts crossings", "ferry strike halts crossings", 1.0, ("en", "en")),
    pair("p2", "ferry strike halts crossings", "volcano ash closes airports", 4.0, ("en", "en")),
    pair("p3", "ferry strike in the harbour", "strike halts the ferry", 2.0, ("en", "en")),
    pair("p4", "Fähre Streik", "Vulkan Asche", 4.0, ("de", "de")),
]


def test_pair_report_correlates_overall_and_by_language_pair() -> None:
    report = evaluate_pairs(PAIRS, tfidf_pair_scorer, normalize_fn=read_as_is,
                            peers={"constant": lambda pairs: [2.5] * len(pairs)})
    assert report.n_pairs == 4
    assert report.system.overall.pearson > 0.9
    by_language = dict(report.system.by_language_pair)
    assert (by_language["en-en"].n, by_language["de-de"].n) == (3, 1)
    assert math.isnan(by_language["de-de"].pearson)  # one pair: undefined
    data = report.to_json_dict()
    assert data["by_language_pair"]["de-de"] == {"pearson": None, "spearman": None, "n": 1}
    assert data["peers"]["constant"]["pearson"] is None  # a constant scorer has no correlation


def test_pair_with_an_empty_side_is_skipped_and_counted() -> None:
    report = evaluate_pairs([*PAIRS, pair("p5", "  ", "text", 1.0, ("en", "en"))], tfidf_pair_scorer,
                            normalize_fn=read_as_is)
    assert (report.n_pairs, report.n_skipped) == (4, 1)


def test_copy_report_scores_links_against_dup_of() -> None:
    articles = [article("o", "original text", "e"), article("c", "original text", "e", dup_of="o"),
                article("x", "other text", "f")]

    def same_body(items: Sequence[Article]) -> list[tuple[str, str]]:
        first_with: dict[str, str] = {}
        links = []
        for item in items:
            if item.body in first_with:
                links.append((str(item.id), first_with[item.body]))
            first_with.setdefault(item.body, str(item.id))
        return links

    report = evaluate_copies("mini", articles, same_body, normalize_fn=read_as_is)
    assert (report.n_gold_copies, report.n_predicted_links) == (1, 1)
    assert (report.precision, report.recall) == (1.0, 1.0)
    assert report.to_json_dict()["copy_f1"] == 1.0
