"""The same utterance across outlets: aligning quotes and showing how their wordings differ."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from storylens.analysis.tokens import STOPWORDS
from storylens.model import AlignedQuote, ArticleId, Quote
from storylens.synthesize.quotes import QuoteParams, is_fragment
from storylens.synthesize.speakers import speakers_match

_STOPWORDS = STOPWORDS["en"]


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\.\.\.|…", " ", text)
    return " ".join(re.findall(r"[\w']+", text))


def _content_words(text: str) -> list[str]:
    return [word for word in _normalise(text).split() if word not in _STOPWORDS and len(word) > 2]


def _words_match(first: str, second: str) -> bool:
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    return len(shorter) >= 5 and (longer.endswith(shorter) or longer.startswith(shorter[:5]))


def _content_overlap(first: str, second: str) -> tuple[int, float]:
    first_words, second_words = set(_content_words(first)), set(_content_words(second))
    if not first_words or not second_words:
        return 0, 0.0
    smaller, larger = sorted((first_words, second_words), key=len)
    shared = sum(1 for word in smaller if any(_words_match(word, other) for other in larger))
    return shared, shared / len(smaller)


def same_utterance(first: Quote, second: Quote, params: QuoteParams | None = None) -> bool:
    """Whether two quotes (from different articles) report the same utterance.

    Direct against direct: fuzzy containment (rapidfuzz partial_ratio) of the normalised wordings. Any pair
    with reported speech: shared content words. The speakers must agree when both are known.
    """
    params = params or QuoteParams()
    if (
        first.speaker is not None
        and second.speaker is not None
        and not speakers_match(first.speaker, second.speaker)
    ):
        return False
    shared, share = _content_overlap(first.mention.text, second.mention.text)
    if shared < params.min_shared_content_words:
        return False
    if first.is_direct and second.is_direct:
        similarity = fuzz.partial_ratio(_normalise(first.mention.text), _normalise(second.mention.text))
        if similarity >= params.min_direct_similarity:
            return True
    return share >= params.min_content_overlap and (first.speaker is not None or second.speaker is not None)


def align_quotes(
    quotes_by_article: Mapping[ArticleId, Sequence[Quote]],
    outlets: Mapping[ArticleId, str],
    params: QuoteParams | None = None,
) -> tuple[AlignedQuote, ...]:
    """Group the same utterance across articles.

    Fragments are left out. Quotes of one article are never joined to each other directly, only through a
    quote of another article.

    Args:
        quotes_by_article: each article's quotes, in the order articles should be listed.
        outlets: the outlet of each article; the article id stands in for a missing one.
        params: settings; the defaults when omitted.

    Returns:
        One AlignedQuote per utterance: the most common known speaker, the longest direct wording (else the
        longest reported one), every variant, and the outlets. Ordered by number of outlets (most first),
        then by first appearance.
    """
    params = params or QuoteParams()
    items = [
        (article_id, quote)
        for article_id, quotes in quotes_by_article.items()
        for quote in quotes
        if not is_fragment(quote, params)
    ]
    parent = list(range(len(items)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for left in range(len(items)):
        for right in range(left + 1, len(items)):
            if items[left][0] == items[right][0]:
                continue
            if same_utterance(items[left][1], items[right][1], params):
                parent[root(right)] = root(left)
    groups: dict[int, list[int]] = {}
    for index in range(len(items)):
        groups.setdefault(root(index), []).append(index)
    aligned: list[tuple[int, int, AlignedQuote]] = []
    for members in groups.values():
        quotes = [items[index][1] for index in members]
        sources = tuple(dict.fromkeys(outlets.get(items[index][0], items[index][0]) for index in members))
        speakers = Counter(quote.speaker for quote in quotes if quote.speaker is not None)
        speaker = max(speakers, key=lambda name: (speakers[name], len(name))) if speakers else None
        direct = [quote for quote in quotes if quote.is_direct]
        text = max(direct or quotes, key=lambda quote: len(quote.mention.text)).mention.text
        aligned.append(
            (
                len(sources),
                min(members),
                AlignedQuote(speaker=speaker, text=text, variants=tuple(quotes), sources=sources),
            )
        )
    aligned.sort(key=lambda entry: (-entry[0], entry[1]))
    return tuple(entry[2] for entry in aligned)


def quote_variants(reference: str, variant: str) -> list[tuple[str, str]]:
    """How `variant` words an utterance differently from `reference`, for display.

    Returns:
        (kind, words) pairs in reading order: kind is "added" (words only the variant has), "dropped" (words
        only the reference has), "changed" ("old → new") or "ellipsis" ("reference" or "variant": which
        wording marks a cut with ... or …). Case and punctuation differences are ignored.
    """
    changes: list[tuple[str, str]] = [
        ("ellipsis", name)
        for name, text in (("reference", reference), ("variant", variant))
        if "..." in text or "…" in text
    ]
    first, second = _display_words(reference), _display_words(variant)
    matcher = difflib.SequenceMatcher(
        a=[_normalise(word) for word in first], b=[_normalise(word) for word in second], autojunk=False
    )
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        old, new = " ".join(first[a_start:a_end]), " ".join(second[b_start:b_end])
        if tag == "delete":
            changes.append(("dropped", old))
        elif tag == "insert":
            changes.append(("added", new))
        elif tag == "replace":
            changes.append(("changed", f"{old} → {new}"))
    return changes


def _display_words(text: str) -> list[str]:
    words = [word.strip('“”"«»„,;:') for word in re.sub(r"\.\.\.|…", " ", text).split()]
    return [word for word in words if _normalise(word)]
