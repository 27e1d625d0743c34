"""Quote extraction and attribution against the hand-annotated set: each score at least 0.9."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.eval.quotes_eval import (
    QuoteReport,
    evaluate_quotes,
    load_own_annotations,
    load_seed_annotations,
    read_seed_article,
)
from storylens.synthesize.quote_alignment import align_quotes
from storylens.synthesize.quotes import extract_quotes

FLOOR = 0.9


def _assert_floor(report: QuoteReport) -> None:
    scores = {
        "precision": report.precision,
        "recall": report.recall,
        "speaker precision": report.speaker_precision,
        "speaker recall": report.speaker_recall,
    }
    assert all(value >= FLOOR for value in scores.values()), (scores, report.failures)


def test_own_articles_meet_the_floor() -> None:
    annotated = load_own_annotations()
    report = evaluate_quotes(annotated)
    assert report.n_gold >= 40
    _assert_floor(report)


@pytest.mark.shared
def test_own_articles_and_seeds_meet_the_floor(seeds_dir: Path) -> None:
    report = evaluate_quotes(load_own_annotations() + load_seed_annotations(seeds_dir))
    assert report.n_gold >= 60
    _assert_floor(report)


@pytest.mark.shared
def test_seed_quotes_align_across_both_outlets(seeds_dir: Path) -> None:
    reuters, eghtesad = (read_seed_article(path) for path in sorted(seeds_dir.glob("*.txt")))
    aligned = align_quotes(
        {article.id: extract_quotes(article) for article in (reuters, eghtesad)},
        {reuters.id: "Reuters", eghtesad.id: "EghtesadOnline"},
    )
    shared = [item for item in aligned if len(item.sources) == 2]
    assert [(item.speaker, item.sources) for item in shared] == [
        ("John Kerry", ("Reuters", "EghtesadOnline")),
        ("Jean-Marc Ayrault", ("Reuters", "EghtesadOnline")),
    ]
    kerry, ayrault = shared
    assert "magnanimous choices from Russia" in kerry.text
    assert [len(variant.mention.text) for variant in kerry.variants] == sorted(
        (len(variant.mention.text) for variant in kerry.variants), reverse=True
    )
    assert [(variant.mention.article_id, variant.is_direct) for variant in ayrault.variants] == [
        (reuters.id, True),
        (eghtesad.id, False),
    ]
    assert "without preconditions" in ayrault.text
