"""How often a summary of the story is expected to use each word: the summarizer's picture of the reference.

A summary written by an editor reuses the story's words unevenly: words every article uses, words of the
leads and function words ("the", "of") recur in it, words of one article's aside or of a scraped page do
not. For each word (lower-cased, stemmed, stopwords kept) the story's articles give a few features; a
Poisson regression of the word's count in the reference summary on them gives its expected count λ.
A summary that already holds the word k times gains P(count > k) from one more use of it, so the
summarizer adds a sentence for the words the reference is still likely to have.

The constants below are fitted on the even-numbered Multi-News clusters and reproduced by:

    PYTHONPATH=src .venv/bin/python benchmarks/fit_summary_wording.py ../shared/data/multinews/multinews_dev.jsonl.gz

Paste its `INTERCEPT` and `COEFFICIENTS` output here after changing a feature.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storylens.analysis.tokens import STOPWORDS, stem, words

WORDING_NAME = "synthesize.wording.poisson.v1"

# Features of a word within its story, in the order of `word_features`' columns. Each but the stopword
# and number flags enters a second time multiplied by the stopword flag: function words follow other rules.
FEATURE_NAMES: tuple[str, ...] = (
    "log_count", "article_share", "in_every_article", "is_stopword", "first_place", "log_lead_count",
    "log_articles", "is_number",
)
_STOP_COLUMN = FEATURE_NAMES.index("is_stopword")
INTERACTING: tuple[str, ...] = tuple(name for name in FEATURE_NAMES if name not in ("is_stopword", "is_number"))
_INTERACTING_COLUMNS = tuple(FEATURE_NAMES.index(name) for name in INTERACTING)
INTERCEPT = -2.9132
COEFFICIENTS: tuple[float, ...] = (
    1.4832, 0.8960, -0.2282, 0.9275, -0.4511, -0.1756, 0.2979, -0.2229,
    -0.2654, -0.5430, 0.1357, 0.2892, 0.1212, 0.0873,
)
_LEAD_SENTENCES = 2


@dataclass(frozen=True, slots=True, kw_only=True)
class WordedSentence:
    """What the wording model reads of one sentence: its article's row, its position and its words.

    Attributes:
        article_row: which of the story's articles it comes from (0 .. articles - 1).
        position: its index among its article's sentences.
        words: its lower-cased, stemmed words in order, stopwords kept (see `sentence_words`).
    """

    article_row: int
    position: int
    words: tuple[str, ...]


def sentence_words(text: str, language: str = "en") -> tuple[str, ...]:
    """Lower-cased, stemmed words of `text`, stopwords kept: the units a summary's wording is counted in."""
    return tuple(stem(word, language) for word in words(text.lower()))


def word_features(sentences: Sequence[WordedSentence], article_count: int,
                  language: str = "en") -> tuple[list[str], list[list[float]]]:
    """Each word of the story and its features (`FEATURE_NAMES`, then `INTERACTING` times the stopword flag).

    Args:
        sentences: every sentence of the story's articles.
        article_count: how many articles the story has.
        language: ISO 639-1 code; chooses the stopword list and the stemmer.

    Returns:
        The words in sorted order and one feature row for each.
    """
    stop = {stem(word, language) for word in STOPWORDS.get(language, STOPWORDS["en"])}
    sentences_in = Counter(sentence.article_row for sentence in sentences)
    count: Counter[str] = Counter()
    lead: Counter[str] = Counter()
    first: dict[str, float] = {}
    articles_using: dict[str, set[int]] = {}
    for sentence in sentences:
        place = sentence.position / sentences_in[sentence.article_row]
        count.update(sentence.words)
        if sentence.position < _LEAD_SENTENCES:
            lead.update(sentence.words)
        for word in sentence.words:
            first[word] = min(first.get(word, 1.0), place)
            articles_using.setdefault(word, set()).add(sentence.article_row)
    articles = max(article_count, 1)
    table: list[list[float]] = []
    found = sorted(count)
    for word in found:
        using = len(articles_using[word])
        row = [math.log1p(count[word]), using / articles, float(using == articles and articles > 1),
               float(word in stop), first[word], math.log1p(lead[word]), math.log(articles),
               float(word.isdigit())]
        table.append(row + [row[column] * row[_STOP_COLUMN] for column in _INTERACTING_COLUMNS])
    return found, table


def expected_counts(sentences: Sequence[WordedSentence], article_count: int,
                    language: str = "en") -> dict[str, float]:
    """Each word of the story and the count λ a summary of it is expected to have."""
    found, table = word_features(sentences, article_count, language)
    return {word: math.exp(INTERCEPT + sum(weight * value for weight, value in zip(COEFFICIENTS, row, strict=True)))
            for word, row in zip(found, table, strict=True)}


class WordingGain:
    """The expected gain in reference words from adding a sentence to a summary, as the summary grows."""

    def __init__(self, expected: Mapping[str, float]) -> None:
        self._expected = expected
        self._held: Counter[str] = Counter()
        self._tail: dict[tuple[str, int], float] = {}

    def _more_than(self, word: str, held: int) -> float:
        """P(count > held) for a Poisson count with the word's expected count."""
        key = (word, held)
        cached = self._tail.get(key)
        if cached is None:
            rate = self._expected.get(word, 0.0)
            term = math.exp(-rate)
            below = term
            for times in range(1, held + 1):
                term *= rate / times
                below += term
            cached = self._tail[key] = max(0.0, 1.0 - below)
        return cached

    def per_word(self, sentence_words: Sequence[str]) -> float:
        """Expected new reference words per word of the sentence, given what the summary holds."""
        if not sentence_words:
            return 0.0
        seen: Counter[str] = Counter()
        total = 0.0
        for word in sentence_words:
            total += self._more_than(word, self._held[word] + seen[word])
            seen[word] += 1
        return total / len(sentence_words)

    def add(self, sentence_words: Sequence[str]) -> None:
        """Record that the summary now holds the sentence."""
        self._held.update(sentence_words)
