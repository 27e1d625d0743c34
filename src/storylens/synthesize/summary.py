"""An extractive, attributed multi-document summary.

Pages that are mostly site furniture rather than reporting (web-archive crawl notices, social widgets,
sign-up and pay walls, weather-alert listings: more than a quarter of their sentences are boilerplate)
are set aside first, unless every page is: they neither supply sentences nor count as other articles
agreeing. Every sentence of every remaining article is a candidate. A sentence's salience is a
weighted sum of what the *other* articles say about it, so an article cannot vouch for itself:

- the share of the other articles that use each of its terms;
- its article's cosine to the other articles (an off-topic page scraped with the story counts less);
- whether it quotes someone (reports of the same event converge on the same quotes);
- its content density (content terms per word): plain, complete clauses beat telegraphic lists;
- a penalty for boilerplate (archive notices, sign-up walls) across its article.

Sentences with page furniture (captions, credits, share links) or boilerplate, questions and
fragments are not candidates. A sentence that opens with a dateline or a page label ("DENVER (AP) —",
"Story highlights") is quoted from after it: still verbatim, without words no summary wants.

Sentences are then taken one at a time until the word budget is spent, each time the one with the
highest salience plus a weighted wording gain: the words a summary of the story is expected to use
and the summary does not hold yet, per word of the sentence (`storylens.synthesize.wording`), so
sentences that repeat what is chosen or wander from the story's wording fall back. A sentence whose
term bigrams are mostly those of one already chosen is skipped (redundancy by ROUGE-like bigram
overlap). The chosen sentences are returned in reading order: by position in their article, the
more salient first among equals; only the last pick, when it runs past the budget, comes after them all,
so a caller who cuts the summary to the budget cuts the least wanted sentence. Each is quoted verbatim
from one article and lists every outlet whose article carries it or a close paraphrase of it.

The weights and the wording model were fitted on the even-numbered Multi-News clusters and checked
on the odd ones (`benchmarks/bench_account.py --rouge`, `benchmarks/fit_summary_wording.py`).
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from storylens.analysis.sentences import split_sentences
from storylens.analysis.tokens import STOPWORDS, terms
from storylens.model import Article, ArticleId, Mention, SummarySentence
from storylens.synthesize.wording import WordedSentence, WordingGain, expected_counts, sentence_words

GENERATOR = "synthesize.summary.salience_wording_greedy.v5"

# Page furniture inside a sentence: captions, credits, share buttons; normalize removes most, scraped text keeps some.
_FURNITURE = re.compile(
    r"toggle caption|enlarge this image|\bphoto:|photo/|getty images|click here|all rights reserved|"
    r"copyright ©|\bsign up\b|subscribe to|advertisement|share this|follow us on|newsletter|cookies|"
    r"javascript|this material may not be published|(?-i:\b[A-Z]{2,}/[A-Z]|\((?:\d(?:st|nd|rd|th))?[LRC]\))",
    re.IGNORECASE,
)
# Sentences of pages that are not reporting: web-archive crawl notices, social widgets, e-mail sign-up,
# log-in and pay walls, missing-page notices, weather-alert listings ("flood advisory issued may 28 at 4").
_BOILERPLATE = re.compile(
    r"\bcrawl(?:s|ed|er|ing)?\b|wayback machine|internet archive|archive-it|\bseed ?list\b|"
    r"tweet with a location|your tweets|tweet location|add this tweet|copying the code below|twitter mobile|"
    r"verification (?:email|message)|posts new content|delivered to your inbox|notification has been saved|"
    r"guest mode|check the url|free articles|\b(?:advisory|warning|watch|statement) issued \w+ \d+ at \d|"
    r"log in to continue|javascript is disabled|"
    r"enable javascript|purchase a subscription|personal,? non-?commercial use|interactive transcript|"
    r"video has been rented|appear next to all of your comments|breaking news alerts|"
    r"you must be logged in|already a subscriber|cookie policy|terms of (?:use|service)|privacy policy|"
    r"legal help page|page (?:you requested|not found)",
    re.IGNORECASE,
)
# Openings of a sentence that are page furniture in text that skipped normalization (scraped or lower-cased):
# labels ("Story highlights", "Image copyright AFP image caption", "FILE -") and wire datelines
# ("Denver (AP) —", "(CNN)"). A place alone before a dash ("Houston —") is a dateline only in a lead.
_OPENING_LABEL = re.compile(
    r"(?:story highlights|story continued below|text size - \+ reset|advertisement|update:|file -|"
    r"\d+ (?:years?|months?|weeks?|days?|hours?) ago|media playback is unsupported on your device(?: media caption)?|"
    r"image copyright (?:\S+ ){1,3}?image caption)\s+",
    re.IGNORECASE,
)
_WIRE_DATELINE = re.compile(
    r"[^()\n]{0,40}?\(\s*(?:[^()\n]{1,30}?\s*\)\s*(?:--?|—|–)|(?:ap|associated press|reuters|afp|upi|cnn)\s*\))\s*",
    re.IGNORECASE,
)
_PLACE_DATELINE = re.compile(r"([^\W\d_][\w.']*(?:,? [^\W\d_][\w.']*){0,2}) (?:--?|—|–)\s+")
_QUOTE = re.compile(r"[\"“”]")
_Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, kw_only=True)
class SummaryParams:
    """How sentences are scored and picked. The defaults were fitted on Multi-News (see the module doc).

    Attributes:
        agreement_weight: weight of the mean share of other articles using each of its terms.
        article_weight: weight of its article's cosine to the other articles.
        quote_weight: bonus for a sentence with a quotation mark.
        density_weight: weight of content terms per word (negative: complete clauses read better).
        boilerplate_penalty: subtracted in proportion to the share of its article's sentences that are
            boilerplate (crawl notices, sign-up walls), so a page of them is left out as a whole.
        max_page_boilerplate: an article with more than this share of boilerplate sentences is set
            aside as site furniture (unless every article is): it is neither quoted, cited nor counted
            in the other articles' scores.
        max_overlap: a sentence whose term bigrams are more than this share those of one chosen
            sentence is never picked.
        min_words: shorter sentences are not candidates (datelines, fragments, bylines).
        paraphrase_similarity: TF-IDF cosine over content terms at which another article's sentence
            counts as carrying the same statement, so its outlet is cited too.
        wording_weight: weight of the expected new reference words per word the sentence would add
            (`storylens.synthesize.wording`); 0 picks by salience alone.
    """

    agreement_weight: float = 0.15
    article_weight: float = 0.45
    quote_weight: float = 0.15
    density_weight: float = -0.2
    boilerplate_penalty: float = 0.4
    max_page_boilerplate: float = 0.25
    max_overlap: float = 0.25
    min_words: int = 4
    paraphrase_similarity: float = 0.5
    wording_weight: float = 0.8


@dataclass(frozen=True, slots=True, kw_only=True)
class _Candidate:
    article: Article
    article_row: int
    position: int
    span: tuple[int, int]
    text: str
    word_count: int
    terms: tuple[str, ...]
    words: tuple[str, ...]
    is_boilerplate: bool


# An article's sentences: span and whether the sentence is boilerplate (`_BOILERPLATE`).
_Split = list[tuple[tuple[int, int], bool]]


def _furniture_opening(text: str, is_lead: bool, language: str) -> int:
    """How many leading characters of the sentence `text` are labels and datelines (see `_OPENING_LABEL`)."""
    stop = STOPWORDS.get(language, STOPWORDS["en"])
    start = 0
    while True:
        found = _OPENING_LABEL.match(text, start) or _WIRE_DATELINE.match(text, start)
        if found is None and is_lead:
            place = _PLACE_DATELINE.match(text, start)
            if place is not None and not stop.intersection(place.group(1).lower().replace(",", "").split()):
                found = place
        if found is None or found.end() >= len(text):
            return start
        start = found.end()


def _split(article: Article) -> _Split:
    found: _Split = []
    for position, (raw_start, end) in enumerate(split_sentences(article.body)):
        start = raw_start + _furniture_opening(article.body[raw_start:end], position == 0, article.language)
        found.append(((start, end), bool(_BOILERPLATE.search(article.body[start:end]))))
    return found


def _is_candidate(candidate: _Candidate, params: SummaryParams) -> bool:
    if candidate.word_count < params.min_words or candidate.is_boilerplate or _FURNITURE.search(candidate.text):
        return False
    return not candidate.text.rstrip("\"'”’) ").endswith("?")


def _reporting(articles: Sequence[Article], params: SummaryParams) -> list[tuple[Article, _Split]]:
    """The articles that are reporting rather than site furniture (at most `max_page_boilerplate` of their
    sentences are boilerplate), with their sentences; all of them if none is."""
    split = [(article, _split(article)) for article in articles]
    kept = [(article, sentences) for article, sentences in split
            if sum(flag for _, flag in sentences) / max(len(sentences), 1) <= params.max_page_boilerplate]
    return kept or split


def _sentences(articles: Sequence[tuple[Article, _Split]],
               params: SummaryParams) -> tuple[list[_Candidate], list[_Candidate]]:
    """Candidate sentences, and every sentence (the context the candidates are scored against)."""
    kept: list[_Candidate] = []
    every: list[_Candidate] = []
    for row, (article, sentences) in enumerate(articles):
        for position, (span, is_boilerplate) in enumerate(sentences):
            text = article.body[span[0]:span[1]]
            candidate = _Candidate(article=article, article_row=row, position=position, span=span, text=text,
                                   word_count=len(text.split()), terms=tuple(terms(text, article.language)),
                                   words=sentence_words(text, article.language), is_boilerplate=is_boilerplate)
            every.append(candidate)
            if _is_candidate(candidate, params):
                kept.append(candidate)
    # A story of one-line items still gets a summary rather than none.
    return kept or every, every


def _bigrams(candidate: _Candidate) -> frozenset[tuple[str, ...]]:
    found = frozenset(zip(candidate.terms, candidate.terms[1:], strict=False))
    return found or frozenset((term,) for term in candidate.terms)


def _cosine(first: Mapping[str, float], second: Mapping[str, float]) -> float:
    dot = sum(value * second.get(term, 0.0) for term, value in first.items())
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in first.values()) * sum(v * v for v in second.values()))


def _salience(candidates: Sequence[_Candidate], every: Sequence[_Candidate], article_count: int,
              params: SummaryParams) -> _Matrix:
    by_article: list[Counter[str]] = [Counter() for _ in range(article_count)]
    for sentence in every:
        by_article[sentence.article_row].update(sentence.terms)
    total: Counter[str] = Counter()
    articles_using: Counter[str] = Counter()
    for bag in by_article:
        total.update(bag)
        articles_using.update(bag.keys())
    others = max(article_count - 1, 1)
    # An article standing alone is measured against itself: it has nothing else to agree with.
    article_fit = [_cosine(bag, total - bag) if article_count > 1 else 1.0 for bag in by_article]
    boilerplate = Counter(sentence.article_row for sentence in every if sentence.is_boilerplate)
    sentences_in = Counter(sentence.article_row for sentence in every)
    scores = []
    for candidate in candidates:
        agreement = (sum(articles_using[term] - 1 for term in candidate.terms)
                     / (max(len(candidate.terms), 1) * others))
        scores.append(
            params.agreement_weight * agreement
            + params.article_weight * article_fit[candidate.article_row]
            + params.quote_weight * bool(_QUOTE.search(candidate.text))
            + params.density_weight * len(candidate.terms) / max(candidate.word_count, 1)
            - params.boilerplate_penalty * boilerplate[candidate.article_row] / sentences_in[candidate.article_row])
    return np.array(scores)


def _pick(candidates: Sequence[_Candidate], salience: _Matrix, gain: WordingGain, max_words: int,
          params: SummaryParams) -> list[int]:
    """Greedy: the sentence of highest salience plus weighted wording gain, until the budget is spent.

    Returns the chosen rows in the order picked.

    The wording gain of a sentence only falls as the summary grows, so a gain computed earlier bounds
    the current one: a sentence is re-scored only when it reaches the top of the queue (lazy greedy).
    """
    units = [_bigrams(candidate) for candidate in candidates]

    def score(row: int) -> float:
        return float(salience[row]) + params.wording_weight * gain.per_word(candidates[row].words)

    queue = [(-score(row), row) for row in range(len(candidates))]
    heapq.heapify(queue)
    chosen: list[int] = []
    words = 0
    while queue and words < max_words:
        _, index = heapq.heappop(queue)
        current = (-score(index), index)
        if queue and current > queue[0]:
            heapq.heappush(queue, current)
            continue
        own = units[index]
        if any(len(own & units[other]) > params.max_overlap * len(own) for other in chosen):
            continue
        if any(candidates[other].text == candidates[index].text for other in chosen):
            continue
        chosen.append(index)
        gain.add(candidates[index].words)
        words += candidates[index].word_count
    return chosen


def _reading_order(chosen: Sequence[int], candidates: Sequence[_Candidate], salience: _Matrix,
                   max_words: int) -> list[int]:
    """`chosen` (in the order picked) by position in their article, the more salient first among equals; the
    last pick goes last if it runs past `max_words`, so cutting to the budget cuts the least wanted words."""
    words = sum(candidates[row].word_count for row in chosen)
    overflowing = list(chosen[-1:]) if words > max_words else []
    within = chosen[:len(chosen) - len(overflowing)]
    return sorted(within, key=lambda row: (candidates[row].position, -salience[row], row)) + overflowing


def _tfidf(candidates: Sequence[_Candidate]) -> sparse.csr_matrix:
    """Unit TF-IDF rows, IDF computed over the story's own sentences."""
    frequency: Counter[str] = Counter()
    for candidate in candidates:
        frequency.update(set(candidate.terms))
    vocabulary = {term: column for column, term in enumerate(sorted(frequency))}
    count = len(candidates)
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for row, candidate in enumerate(candidates):
        bag = Counter(candidate.terms)
        weights = {term: (1.0 + math.log(times)) * math.log((count + 1) / (frequency[term] + 0.5))
                   for term, times in bag.items()}
        norm = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
        for term, weight in sorted(weights.items()):
            rows.append(row)
            columns.append(vocabulary[term])
            values.append(weight / norm)
    return sparse.csr_matrix((values, (rows, columns)), shape=(count, len(vocabulary)))


def _attribute(index: int, candidates: Sequence[_Candidate], similarity: _Matrix,
               sources: Mapping[ArticleId, str], params: SummaryParams) -> SummarySentence:
    """The sentence, cited to every outlet with an article that carries it or a close paraphrase.

    `similarity` is the sentence's TF-IDF cosine to every candidate.
    """
    own = candidates[index]
    best_by_article: dict[ArticleId, int] = {own.article.id: index}
    for other, candidate in enumerate(candidates):
        article_id = candidate.article.id
        if similarity[other] < params.paraphrase_similarity and candidate.text != own.text:
            continue
        current = best_by_article.get(article_id)
        if current is None or similarity[other] > similarity[current]:
            best_by_article[article_id] = other
    others = sorted((other for article_id, other in best_by_article.items() if article_id != own.article.id),
                    key=lambda other: candidates[other].article.id)
    ordered = [index, *others]
    mentions = tuple(Mention(article_id=candidates[other].article.id, span=candidates[other].span,
                             text=candidates[other].text) for other in ordered)
    outlets = tuple(dict.fromkeys(_witness(candidates[other].article, sources) for other in ordered))
    return SummarySentence(text=own.text, sources=outlets, mentions=mentions)


def _witness(article: Article, sources: Mapping[ArticleId, str]) -> str:
    return sources.get(article.id) or article.outlet or f"article:{article.id}"


def summarize(articles: Sequence[Article], *, max_words: int = 250,
              sources: Mapping[ArticleId, str] | None = None,
              params: SummaryParams | None = None) -> tuple[SummarySentence, ...]:
    """Summarize a story's articles in their own sentences, each cited to the outlets that carry it.

    Args:
        articles: the story's articles, in any order (the result does not depend on it).
        max_words: word budget; sentences are added while fewer words than this are chosen, so the
            last may run past it (a caller who needs an exact length truncates, and so cuts that one).
        sources: article id -> the independent outlet it witnesses for (see
            `storylens.dedup.original.independent_sources`); by default each article's own outlet.
        params: scoring settings; `SummaryParams()` by default.

    Returns:
        The chosen sentences in reading order: by position in their article, the more salient first
        among sentences at the same position, except that a last pick running past `max_words` comes
        last. Each `text` is verbatim from `mentions[0]`'s article.
    """
    params = params or SummaryParams()
    if max_words <= 0 or not articles:
        return ()
    reporting = _reporting(sorted(articles, key=lambda article: article.id), params)
    ordered = [article for article, _ in reporting]
    candidates, every = _sentences(reporting, params)
    if not candidates:
        return ()
    salience = _salience(candidates, every, len(ordered), params)
    worded = [WordedSentence(article_row=sentence.article_row, position=sentence.position, words=sentence.words)
              for sentence in every]
    gain = WordingGain(expected_counts(worded, len(ordered), ordered[0].language))
    chosen = _reading_order(_pick(candidates, salience, gain, max_words, params), candidates, salience, max_words)
    vectors = _tfidf(candidates)
    similarity = (vectors[chosen] @ vectors.T).toarray()
    witnesses = sources or {}
    return tuple(_attribute(index, candidates, similarity[row], witnesses, params)
                 for row, index in enumerate(chosen))
