"""The fitted map from pair features to the SemEval-2022 scale (1 = same story ... 4 = unrelated).

A ridge regression (agreement may only lower the score) over the features of `PairFeatures` and
their square roots (cosines rise steeply near zero, where most unrelated pairs sit).
The constants below are fitted on all 741 usable
SemEval-2022 Task 8 dev pairs and are reproduced, with their cross-validated Pearson per language
pair, by:

    PYTHONPATH=src .venv/bin/python benchmarks/fit_pair_model.py ../shared/data/semeval2022/pairs_dev.csv

Paste its `CENTRE`, `SPREAD`, `INTERCEPT` and `COEFFICIENTS` output here after changing a feature.
"""

from __future__ import annotations

import math
from dataclasses import astuple, dataclass, fields

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

    def values(self) -> tuple[float, ...]:
        """The fields in declaration order."""
        return astuple(self)


FEATURE_NAMES: tuple[str, ...] = tuple(item.name for item in fields(PairFeatures))
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


def design_row(features: PairFeatures) -> tuple[float, ...]:
    """The regression inputs for one pair: the features, then the square roots of `ROOTED` ones."""
    plain = features.values()
    by_name = dict(zip(FEATURE_NAMES, plain, strict=True))
    return plain + tuple(math.sqrt(max(0.0, by_name[name])) for name in ROOTED)


def design_names() -> tuple[str, ...]:
    """The names of `design_row`'s columns, the keys of `COEFFICIENTS`."""
    return FEATURE_NAMES + tuple(f"sqrt_{name}" for name in ROOTED)


def contributions(features: PairFeatures) -> dict[str, float]:
    """Each feature's signed contribution to the score (its plain and square-root terms together);
    negative pulls towards 1 = same story."""
    row = dict(zip(design_names(), design_row(features), strict=True))
    found = {name: COEFFICIENTS[name] * row[name] for name in FEATURE_NAMES}
    for name in ROOTED:
        found[name] += COEFFICIENTS[f"sqrt_{name}"] * row[f"sqrt_{name}"]
    return found


def _linear_score(features: PairFeatures) -> float:
    return INTERCEPT + sum(COEFFICIENTS[name] * value
                           for name, value in zip(design_names(), design_row(features), strict=True))


def calibrated_score(features: PairFeatures) -> float:
    """The SemEval-2022 score of a pair, clipped to 1..4: 1 = same story ... 4 = unrelated."""
    # The regression predicts the mean rating and so hugs the middle of the scale; stretching it about
    # the mean to the ratings' own spread is a linear map (the correlation is unchanged but for the clip)
    # that lets clear cases reach the ends of the scale.
    stretched = CENTRE + (_linear_score(features) - CENTRE) * SPREAD
    return min(4.0, max(1.0, stretched))
