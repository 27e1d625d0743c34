"""ROUGE floors for the summarizer on the first 300 Multi-News clusters (all documents, noise pages too).

Floors are the measured scores minus a 0.5-point margin; lowering one needs a stated reason. Measured
with `synthesize.summary.salience_wording_greedy.v5`: storylens 46.97 / 17.77 / 42.17, lead 43.89 / 15.34 /
38.96.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.eval.datasets import read_multinews

pytest.importorskip("rouge_score", reason="the eval extra (rouge-score, sumy) is not installed")
pytest.importorskip("sumy", reason="the eval extra (rouge-score, sumy) is not installed")

from storylens.eval.summaries import (  # after the skip: needs the eval extra
    RougeScores,
    SummaryReport,
    lead_system,
    score_system,
    storylens_system,
    with_summary_scores,
)

CLUSTERS = 300
FLOOR_ROUGE1 = 46.47
FLOOR_ROUGE2 = 17.27
FLOOR_ROUGEL = 41.67
LEAD_MARGIN_ROUGE1 = 2.0
LEAD_MARGIN_ROUGE2 = 1.5


@pytest.mark.shared
@pytest.mark.slow
def test_summary_rouge_stays_above_floor_and_ahead_of_lead(shared_data: Path) -> None:
    path = shared_data / "multinews" / "multinews_dev.jsonl.gz"
    clusters = read_multinews(path, kept_only=False)[:CLUSTERS]
    own = score_system(storylens_system(), clusters, name="storylens")
    lead = score_system(lead_system, clusters, name="lead")
    assert own.rouge1 >= FLOOR_ROUGE1
    assert own.rouge2 >= FLOOR_ROUGE2
    assert own.rougeL >= FLOOR_ROUGEL
    assert own.rouge1 >= lead.rouge1 + LEAD_MARGIN_ROUGE1
    assert own.rouge2 >= lead.rouge2 + LEAD_MARGIN_ROUGE2


def test_summary_scores_join_a_clustering_report_without_dropping_its_peers() -> None:
    summary = SummaryReport(clusters=2, max_words=250, rouge1=46.0, rouge2=16.0, rougeL=42.0, seconds=1.25,
                            peers=(RougeScores(name="lead", rouge1=43.0, rouge2=14.0, rougeL=39.0, seconds=0.5),))
    clustering = {"bcubed_f1": 0.9, "peers": {"hdbscan": {"bcubed_f1": 0.8}}}
    assert with_summary_scores(clustering, summary) == {
        "bcubed_f1": 0.9, "rouge1": 46.0, "rouge2": 16.0, "rougeL": 42.0, "summary_seconds": 1.25,
        "summary_clusters": 2, "summary_max_words": 250,
        "peers": {"hdbscan": {"bcubed_f1": 0.8},
                  "lead": {"rouge1": 43.0, "rouge2": 14.0, "rougeL": 39.0, "summary_seconds": 0.5}},
    }
