"""What the story engine looks at in one article, computed once.

Terms (title terms boosted), named entities by kind, places (with the dateline), stated dates,
figures, quoted strings and the publication time. Everything here is plain Python on one article;
corpus statistics (how rare a term is) live in `TermStatistics`.
"""

from __future__ import annotations

import importlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from storylens.analysis.entities import EntityKind, entity_key, find_entities, place_key, resolve_mentions
from storylens.analysis.tokens import terms
from storylens.model import Article, ArticleId

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[,.]\d+)*(?![\w])")
_QUOTE = re.compile(r"[\"“«„]([^\"”»“]{12,300})[\"”»“]")
_URL = re.compile(r"https?://[^\s\"'<>)]+")
_YEARS = range(1900, 2100)
# Imagined documents that hold none of the terms: with two or three articles every term weighs about
# the same instead of shared terms counting less than the rest.
PRIOR_DOCUMENTS = 20


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFeatures:
    """One article reduced to what the engine scores.

    `terms` maps a stemmed term to its weight (count, title terms counted `title_boost` times);
    entity, place, number and quote sets hold matching keys.
    """

    article_id: ArticleId
    published: datetime | None
    language: str
    terms: Mapping[str, float]
    title_terms: frozenset[str]
    entities: frozenset[str]
    people: frozenset[str]
    organisations: frozenset[str]
    places: frozenset[str]
    dates: frozenset[date]
    numbers: frozenset[str]
    quotes: frozenset[str]
    urls: frozenset[str] = field(default=frozenset())


def _find_dates_function() -> Callable[[str], list[Any]] | None:
    try:
        module = importlib.import_module("storylens.analysis.dates")
    except ModuleNotFoundError:
        return None
    found: Callable[[str], list[Any]] | None = getattr(module, "find_dates", None)
    return found


def _numbers(text: str) -> frozenset[str]:
    found = set()
    for match in _NUMBER.finditer(text):
        digits = match.group(0).replace(",", "").replace(".", "")
        if len(digits) < 2 or (len(digits) == 4 and int(digits) in _YEARS):
            continue  # single digits and years say little about which event this is
        found.add(digits.lstrip("0") or "0")
    return frozenset(found)


def _quotes(text: str) -> frozenset[str]:
    return frozenset(" ".join(terms(match.group(1))) for match in _QUOTE.finditer(text)) - {""}


def _term_language(language: str | None) -> str:
    return "en" if not language or language == "und" else language


def term_counts(article: Article, *, title_boost: float = 2.0, max_terms: int = 120) -> dict[str, float]:
    """An article's stemmed content terms and how often each occurs, title terms counted `title_boost` times.

    Args:
        article: a normalized article; an undetermined language ("und") is read as English.
        title_boost: how many times a title term counts against a body term.
        max_terms: the most frequent terms kept (ties by first appearance), bounding the cost per article.

    Returns:
        Term -> count, at most `max_terms` entries. A body that starts with its title (headline-only
        input) is not counted twice.
    """
    language = _term_language(article.language)
    body = article.body
    if article.title and body.startswith(article.title):
        body = body[len(article.title):]
    counts: dict[str, float] = {}
    counts.update(Counter(terms(body, language)))
    for term in terms(article.title, language):
        counts[term] = counts.get(term, 0.0) + title_boost
    if len(counts) > max_terms:
        counts = dict(sorted(counts.items(), key=lambda item: -item[1])[:max_terms])
    return counts


def extract_features(article: Article, *, title_boost: float = 2.0, max_terms: int = 120) -> ArticleFeatures:
    """The features of one article.

    Args:
        article: a normalized article.
        title_boost: how many times a title term counts against a body term.
        max_terms: the most frequent terms kept (ties by first appearance), bounding the cost per article.

    Returns:
        The article's features; stated dates come from `storylens.analysis.dates.find_dates` when present.
    """
    language = _term_language(article.language)
    counts = term_counts(article, title_boost=title_boost, max_terms=max_terms)
    title_terms = terms(article.title, language)
    text = f"{article.title}\n{article.body}"
    spans = find_entities(article.body) + find_entities(article.title)
    resolved = resolve_mentions(spans)
    people: set[str] = set()
    organisations: set[str] = set()
    places: set[str] = set()
    entities: set[str] = set()
    for span in spans:
        key = resolved.get(entity_key(span.text), "")
        if len(key) < 2:
            continue
        if span.kind is EntityKind.PLACE:
            places.add(place_key(key) or key)
            continue
        entities.add(key)
        if span.kind is EntityKind.PERSON:
            people.add(key)
        elif span.kind is EntityKind.ORGANISATION:
            organisations.add(key)
    if article.dateline:
        places.add(place_key(article.dateline) or entity_key(article.dateline))
    find_dates = _find_dates_function()
    dates = frozenset(found.value for found in find_dates(text)) if find_dates is not None else frozenset()
    return ArticleFeatures(
        article_id=article.id,
        published=article.published,
        language=language,
        terms=dict(counts),
        title_terms=frozenset(title_terms),
        entities=frozenset(entities),
        people=frozenset(people),
        organisations=frozenset(organisations),
        places=frozenset(places),
        dates=dates,
        numbers=_numbers(article.body),
        quotes=_quotes(article.body),
        urls=frozenset(_URL.findall(article.body)),
    )


@dataclass(slots=True)
class TermStatistics:
    """Document frequencies of terms and entity keys, updated one article at a time.

    Entity keys are counted under an "@" prefix and places under "#", so one table serves all.
    """

    documents: int = 0
    frequencies: Counter[str] = field(default_factory=Counter)

    def add(self, features: ArticleFeatures) -> None:
        """Count one article."""
        self.documents += 1
        self.frequencies.update(features.terms.keys())
        self.frequencies.update(f"@{key}" for key in features.entities)
        self.frequencies.update(f"#{key}" for key in features.places)

    @property
    def log_documents(self) -> float:
        """log of the document count plus `PRIOR_DOCUMENTS` unseen ones, the numerator of every idf."""
        return math.log(self.documents + PRIOR_DOCUMENTS + 1)

    def idf(self, key: str) -> float:
        """Smoothed inverse document frequency, at least 0.1 so a term never vanishes."""
        return max(0.1, self.log_documents - math.log(self.frequencies.get(key, 0) + 0.5))

    @classmethod
    def fit(cls, features: Iterable[ArticleFeatures]) -> TermStatistics:
        """Statistics counted over `features` (for example a background corpus for `compare_articles`)."""
        statistics = cls()
        for item in features:
            statistics.add(item)
        return statistics
