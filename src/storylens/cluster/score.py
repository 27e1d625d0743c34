"""One similarity function for two profiles: an article against an article, or an article against a story.

A profile is what a story has in common across its articles (or one article's features). The score
mixes a TF-IDF cosine of terms, a headline cosine, rarity-weighted overlaps of entities, places,
figures and quotes, and corrections for time distance and stated dates. A component counts only when
both sides have something of that kind, so headline-only or lower-cased input is scored on what it has.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from storylens.cluster.features import ArticleFeatures, TermStatistics
from storylens.cluster.params import ClusterParams

_MAX_PROFILE_TERMS = 300
_MAX_PROFILE_KEYS = 80


@dataclass(slots=True)
class Profile:
    """A story's (or one article's) terms and keys, weighted by the share of its articles with them."""

    terms: dict[str, float] = field(default_factory=dict)
    title_terms: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    quotes: Counter[str] = field(default_factory=Counter)
    dates: set[date] = field(default_factory=set)
    first: datetime | None = None
    last: datetime | None = None
    size: int = 0
    norms: dict[str, tuple[int, float]] = field(default_factory=dict)  # name -> (documents, norm)

    def add(self, features: ArticleFeatures) -> None:
        """Fold one article into the profile; each article's terms count with a total weight of one."""
        total = sum(features.terms.values()) or 1.0
        for term, weight in features.terms.items():
            self.terms[term] = self.terms.get(term, 0.0) + weight / total
        self.title_terms.update(features.title_terms)
        self.entities.update(features.entities)
        self.places.update(features.places)
        self.numbers.update(features.numbers)
        self.quotes.update(features.quotes)
        self.dates.update(features.dates)
        if features.published is not None:
            self.first = features.published if self.first is None else min(self.first, features.published)
            self.last = features.published if self.last is None else max(self.last, features.published)
        self.size += 1
        self.norms.clear()
        if len(self.terms) > _MAX_PROFILE_TERMS * 2:
            kept = sorted(self.terms.items(), key=lambda item: (-item[1], item[0]))[:_MAX_PROFILE_TERMS]
            self.terms = dict(kept)
        for counter in (self.title_terms, self.entities, self.places, self.numbers):
            if len(counter) > _MAX_PROFILE_KEYS * 2:
                kept_keys = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:_MAX_PROFILE_KEYS]
                counter.clear()
                counter.update(dict(kept_keys))

    @classmethod
    def of(cls, features: ArticleFeatures) -> Profile:
        profile = cls()
        profile.add(features)
        return profile


@dataclass(frozen=True, slots=True, kw_only=True)
class Signals:
    """The parts of one similarity, each 0..1 (None when a side has nothing of that kind), and the total."""

    text: float
    title: float | None
    entities: float | None
    places: float | None
    numbers: float | None
    quotes: float | None
    hours_apart: float | None
    dates_agree: bool | None
    similarity: float


def _norm(weights: Mapping[str, float], statistics: TermStatistics, prefix: str) -> float:
    frequencies, log_documents = statistics.frequencies, statistics.log_documents
    total = 0.0
    for key, weight in weights.items():
        idf = max(0.1, log_documents - math.log(frequencies.get(prefix + key, 0) + 0.5))
        total += (weight * idf) ** 2
    return math.sqrt(total)


def _cosine(first: Mapping[str, float], second: Mapping[str, float], statistics: TermStatistics,
            prefix: str = "", cached: tuple[Profile, str] | None = None) -> float | None:
    """Cosine of idf-weighted vectors; `cached` names the profile and field whose norm of `second` to reuse
    (norms are refreshed when the profile changes or the corpus grew by a quarter)."""
    if not first or not second:
        return None
    frequencies, log_documents = statistics.frequencies, statistics.log_documents
    dot = 0.0
    for key, weight in first.items():
        other = second.get(key)
        if other is not None:
            idf = max(0.1, log_documents - math.log(frequencies.get(prefix + key, 0) + 0.5))
            dot += weight * other * idf * idf
    if dot == 0.0:
        return 0.0
    if cached is None:
        second_norm = _norm(second, statistics, prefix)
    else:
        profile, name = cached
        documents, second_norm = profile.norms.get(name, (0, 0.0))
        if documents == 0 or statistics.documents > documents * 1.25:
            second_norm = _norm(second, statistics, prefix)
            profile.norms[name] = (statistics.documents, second_norm)
    return min(1.0, dot / (_norm(first, statistics, prefix) * second_norm))


def _shares(counter: Counter[str], size: int) -> dict[str, float]:
    return {key: count / size for key, count in counter.items()}


def hours_between(first: Profile, second: Profile) -> float | None:
    """Hours between the two profiles' time ranges (0 when they overlap), or None when a side has no time."""
    if first.first is None or first.last is None or second.first is None or second.last is None:
        return None
    if first.last < second.first:
        return (second.first - first.last).total_seconds() / 3600
    if second.last < first.first:
        return (first.first - second.last).total_seconds() / 3600
    return 0.0


def similarity(first: Profile, second: Profile, statistics: TermStatistics, params: ClusterParams) -> Signals:
    """How much `first` and `second` look like one real-world event, 0..1, with its parts.

    Args:
        first: an article's profile (`Profile.of(features)`) or a story's.
        second: another profile.
        statistics: document frequencies for term and entity rarity.
        params: the weights and time settings.
    """
    text = _cosine(first.terms, second.terms, statistics, cached=(second, "terms")) or 0.0
    sizes = (first.size or 1, second.size or 1)
    title = _cosine(_shares(first.title_terms, sizes[0]), _shares(second.title_terms, sizes[1]), statistics)
    entities = _cosine(_shares(first.entities, sizes[0]), _shares(second.entities, sizes[1]), statistics, "@")
    places = _cosine(_shares(first.places, sizes[0]), _shares(second.places, sizes[1]), statistics, "#")
    numbers = _cosine(_shares(first.numbers, sizes[0]), _shares(second.numbers, sizes[1]), statistics, "%")
    # Outlets trim quotes differently, so only a shared quote counts; a differing one says nothing.
    quotes = 1.0 if first.quotes and second.quotes and first.quotes.keys() & second.quotes.keys() else None
    parts = [(params.weight_text, text), (params.weight_title, title), (params.weight_entities, entities),
             (params.weight_places, places), (params.weight_numbers, numbers), (params.weight_quotes, quotes)]
    weight_sum = sum(weight for weight, value in parts if value is not None)
    total = sum(weight * value for weight, value in parts if value is not None) / weight_sum
    hours = hours_between(first, second)
    if hours is not None:
        total -= params.time_penalty * (1.0 - math.exp(-hours / params.decay_hours))
    dates_agree = None
    if first.dates and second.dates:
        dates_agree = bool(first.dates & second.dates)
        total += params.date_agreement_bonus if dates_agree else -params.date_conflict_penalty
    return Signals(text=text, title=title, entities=entities, places=places, numbers=numbers, quotes=quotes,
                   hours_apart=hours, dates_agree=dates_agree, similarity=min(1.0, max(0.0, total)))
