"""The fitted map from pair features to the SemEval-2022 scale (1 = same story ... 4 = unrelated).

A ridge regression (agreement may only lower the score) over the features of `PairFeatures` and
their square roots (cosines rise steeply near zero, where most unrelated pairs sit).
The constants below are fitted on all 741 usable
SemEval-2022 Task 8 dev pairs and are reproduced, with their cross-validated Pearson per language
pair, by:

    PYTHONPATH=src .venv/bin/python benchmarks/fit_pair_model.py ../shared/data/semeval2022/pairs_dev.csv

Paste its `CENTRE`, `SPREAD`, `INTERCEPT` and `COEFFICIENTS` output here after changing a feature.
With `--embeddings use|minilm,use|minilm` it fits an optional dense calibration instead (the pair's embedding
cosine as one more input), to paste into `DENSE`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields

CALIBRATION_NAME = "compare.ridge.v1"


@dataclass(frozen=True, slots=True, kw_only=True)
class PairFeatures:
    """What the calibration reads about two articles; every field is 0..1 except `dates` (-1, 0 or 1).

    Attributes:
        text: cosine of the two articles' term weights (idf-weighted when a background is given).
        title: cosine of the two headlines' term sets.
        title_body: mean cosine of each headline against the other article's terms.
        grams: cosine of character 3- to 5-grams of the terms; names and numbers match across languages
            and inflections.
        entities: shared people and organisations over the smaller side's count.
        entities_jaccard: shared people and organisations over all of them.
        places: shared places over the smaller side's count.
        numbers: shared figures over all figures.
        dates: 1 when the two state a common full date, -1 when both state dates and none agree, else 0.
        length_ratio: the shorter body's length over the longer one's.
        is_cross_lingual: 1 when the two are in different languages.
        embedding: cosine of the two articles' dense embeddings (0..1); None without an embedder.
    """

    text: float
    title: float
    title_body: float
    grams: float
    entities: float
    entities_jaccard: float
    places: float
    numbers: float
    dates: float
    length_ratio: float
    is_cross_lingual: float
    embedding: float | None = None

    def values(self) -> tuple[float, ...]:
        """The lexical fields (`FEATURE_NAMES`) in declaration order."""
        return tuple(getattr(self, name) for name in FEATURE_NAMES)


FEATURE_NAMES: tuple[str, ...] = tuple(item.name for item in fields(PairFeatures) if item.name != "embedding")
# Features whose square root enters the model too.
ROOTED: tuple[str, ...] = ("text", "title", "title_body", "grams", "entities", "entities_jaccard", "places",
                           "numbers")

# Fitted by benchmarks/fit_pair_model.py (ridge, alpha 1.0, agreement coefficients bounded at or below zero so
# more agreement never reads as less related) on all SemEval-2022 dev pairs; zeros are features the bound dropped.
CENTRE = 2.7547
SPREAD = 1.4858
INTERCEPT = 4.5505
COEFFICIENTS: dict[str, float] = {
    "text": 0.0,
    "title": 0.0,
    "title_body": 0.0,
    "grams": -0.7204,
    "entities": 0.0,
    "entities_jaccard": 0.0,
    "places": 0.0,
    "numbers": -0.4072,
    "dates": 0.0,
    "length_ratio": 0.5039,
    "is_cross_lingual": -0.5386,
    "sqrt_text": -0.7307,
    "sqrt_title": 0.0,
    "sqrt_title_body": -1.2716,
    "sqrt_grams": -1.9242,
    "sqrt_entities": 0.0,
    "sqrt_entities_jaccard": 0.0,
    "sqrt_places": -0.0311,
    "sqrt_numbers": 0.0,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Calibration:
    """Fitted constants: a linear score over `design_row`, stretched about `centre` by `spread`."""

    name: str
    centre: float
    spread: float
    intercept: float
    coefficients: Mapping[str, float]

    @property
    def has_embedding(self) -> bool:
        return "embedding" in self.coefficients


LEXICAL = Calibration(name=CALIBRATION_NAME, centre=CENTRE, spread=SPREAD, intercept=INTERCEPT,
                      coefficients=COEFFICIENTS)

# The same fit with the embedding cosine of `storylens.analysis.embeddings` as one more input, keyed by the names of
# the embedders in order of preference, on the pairs they cover: `fit_pair_model.py --embeddings use|minilm,use|minilm`.
DENSE: dict[str, Calibration] = {
    "use.multilingual.v3": Calibration(
        name="compare.ridge.v1+use.multilingual.v3",
        centre=2.7547, spread=1.3920, intercept=4.2075,
        coefficients={
            "text": 0.0,
            "title": 0.0,
            "title_body": 0.0,
            "grams": 0.0,
            "entities": 0.0,
            "entities_jaccard": 0.0,
            "places": 0.0,
            "numbers": -0.2829,
            "dates": 0.0,
            "length_ratio": 0.7338,
            "is_cross_lingual": -0.1569,
            "sqrt_text": 0.0,
            "sqrt_title": 0.0,
            "sqrt_title_body": -0.8324,
            "sqrt_grams": -0.7888,
            "sqrt_entities": 0.0,
            "sqrt_entities_jaccard": 0.0,
            "sqrt_places": 0.0,
            "sqrt_numbers": 0.0,
            "embedding": -2.8206,
        }),
    "minilm.l6.int8.v1+use.multilingual.v3": Calibration(
        name="compare.ridge.v1+minilm.l6.int8.v1+use.multilingual.v3",
        centre=2.7547, spread=1.3742, intercept=4.1050,
        coefficients={
            "text": 0.0,
            "title": 0.0,
            "title_body": 0.0,
            "grams": 0.0,
            "entities": 0.0,
            "entities_jaccard": 0.0,
            "places": -0.0010,
            "numbers": -0.3032,
            "dates": 0.0,
            "length_ratio": 0.6516,
            "is_cross_lingual": -0.0755,
            "sqrt_text": 0.0,
            "sqrt_title": 0.0,
            "sqrt_title_body": -0.7421,
            "sqrt_grams": -0.5332,
            "sqrt_entities": 0.0,
            "sqrt_entities_jaccard": 0.0,
            "sqrt_places": 0.0,
            "sqrt_numbers": 0.0,
            "embedding": -2.9145,
        }),
    "minilm.l6.int8.v1": Calibration(
        name="compare.ridge.v1+minilm.l6.int8.v1",
        centre=2.8180, spread=1.1929, intercept=3.9217,
        coefficients={
            "text": 0.0,
            "title": 0.0,
            "title_body": 0.0,
            "grams": 0.0,
            "entities": 0.0,
            "entities_jaccard": 0.0,
            "places": -0.0140,
            "numbers": -0.2393,
            "dates": 0.0,
            "length_ratio": 0.5708,
            "is_cross_lingual": 0.0000,
            "sqrt_text": -0.2733,
            "sqrt_title": -0.4037,
            "sqrt_title_body": -0.5940,
            "sqrt_grams": -0.1342,
            "sqrt_entities": 0.0,
            "sqrt_entities_jaccard": 0.0,
            "sqrt_places": -0.1933,
            "sqrt_numbers": 0.0,
            "embedding": -2.3818,
        }),
}


def design_row(features: PairFeatures) -> tuple[float, ...]:
    """The regression inputs for one pair: the features, the square roots of `ROOTED` ones, then the
    embedding cosine when there is one."""
    plain = features.values()
    by_name = dict(zip(FEATURE_NAMES, plain, strict=True))
    dense = () if features.embedding is None else (features.embedding,)
    return plain + tuple(math.sqrt(max(0.0, by_name[name])) for name in ROOTED) + dense


def design_names(*, has_embedding: bool = False) -> tuple[str, ...]:
    """The names of `design_row`'s columns, the keys of a calibration's coefficients."""
    return FEATURE_NAMES + tuple(f"sqrt_{name}" for name in ROOTED) + (("embedding",) if has_embedding else ())


def _design(features: PairFeatures, calibration: Calibration) -> dict[str, float]:
    if calibration.has_embedding != (features.embedding is not None):
        raise ValueError(f"calibration {calibration.name} needs features "
                         f"{'with' if calibration.has_embedding else 'without'} an embedding cosine")
    names = design_names(has_embedding=calibration.has_embedding)
    return dict(zip(names, design_row(features), strict=True))


def contributions(features: PairFeatures, calibration: Calibration = LEXICAL) -> dict[str, float]:
    """Each feature's signed contribution to the score (its plain and square-root terms together);
    negative pulls towards 1 = same story."""
    row = _design(features, calibration)
    found = {name: calibration.coefficients[name] * row[name] for name in FEATURE_NAMES}
    for name in ROOTED:
        found[name] += calibration.coefficients[f"sqrt_{name}"] * row[f"sqrt_{name}"]
    if calibration.has_embedding:
        found["embedding"] = calibration.coefficients["embedding"] * row["embedding"]
    return found


def calibrated_score(features: PairFeatures, calibration: Calibration = LEXICAL) -> float:
    """The SemEval-2022 score of a pair, clipped to 1..4: 1 = same story ... 4 = unrelated.

    Raises:
        ValueError: when the features carry an embedding cosine and the calibration has none, or the reverse.
    """
    linear = calibration.intercept + sum(calibration.coefficients[name] * value
                                         for name, value in _design(features, calibration).items())
    # The regression predicts the mean rating and so hugs the middle of the scale; stretching it about
    # the mean to the ratings' own spread is a linear map (the correlation is unchanged but for the clip)
    # that lets clear cases reach the ends of the scale.
    stretched = calibration.centre + (linear - calibration.centre) * calibration.spread
    return min(4.0, max(1.0, stretched))
