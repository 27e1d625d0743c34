"""Which passages of each article another article shares, for the side-by-side reader.

A sentence is shared with another article when that article has the same sentence (compared as lower-case
words) or repeats any run of `ngram_words` of its words; every other sentence is unique to its article.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from storylens.analysis.sentences import split_sentences
from storylens.model import ArticleId

_WORD = re.compile(r"\w+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True, slots=True, kw_only=True)
class Passage:
    """One sentence of an article's body, and the other articles that share it."""

    start: int
    end: int
    text: str
    paragraph: int  # index of the blank-line-separated paragraph it sits in
    shared_with: tuple[ArticleId, ...] = ()

    @property
    def is_shared(self) -> bool:
        return bool(self.shared_with)


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.casefold() for word in _WORD.findall(text))


def _ngrams(words: tuple[str, ...], size: int) -> set[tuple[str, ...]]:
    return {words[index:index + size] for index in range(len(words) - size + 1)}


def _paragraph_of(starts: list[int], position: int) -> int:
    index = 0
    for number, start in enumerate(starts):
        if start <= position:
            index = number
    return index


def mark_shared_passages(bodies: Mapping[ArticleId, str], *,
                         ngram_words: int = 5) -> dict[ArticleId, tuple[Passage, ...]]:
    """Split each body into sentences and mark the ones another body shares.

    Args:
        bodies: article id -> body text.
        ngram_words: how many consecutive words two sentences must share to count as the same passage.

    Returns:
        article id -> its sentences in reading order, each naming the other articles that share it (sorted).
    """
    sentences: dict[ArticleId, list[tuple[int, int]]] = {
        key: split_sentences(body) for key, body in bodies.items()}
    words = {key: [_words(bodies[key][start:end]) for start, end in spans]
             for key, spans in sentences.items()}
    whole = {key: {sentence for sentence in per_article if sentence} for key, per_article in words.items()}
    grams = {key: set().union(*(_ngrams(sentence, ngram_words) for sentence in per_article))
             for key, per_article in words.items()}
    marked: dict[ArticleId, tuple[Passage, ...]] = {}
    for key, body in bodies.items():
        paragraph_starts = [0] + [match.end() for match in _PARAGRAPH_BREAK.finditer(body)]
        passages = []
        for (start, end), sentence in zip(sentences[key], words[key], strict=True):
            own = _ngrams(sentence, ngram_words)
            sharing = tuple(sorted(
                other for other in bodies
                if other != key and sentence and (sentence in whole[other] or own & grams[other])))
            passages.append(Passage(start=start, end=end, text=body[start:end],
                                    paragraph=_paragraph_of(paragraph_starts, start), shared_with=sharing))
        marked[key] = tuple(passages)
    return marked


def group_paragraphs(passages: tuple[Passage, ...]) -> list[list[Passage]]:
    """Passages gathered by paragraph, in order, for rendering."""
    paragraphs: list[list[Passage]] = []
    current = -1
    for passage in passages:
        if passage.paragraph != current:
            paragraphs.append([])
            current = passage.paragraph
        paragraphs[-1].append(passage)
    return paragraphs


_DISPLAY_WORD = re.compile(r"\S+")
_EDGE_PUNCTUATION = "“”\"'‘’«»„,;:.!?()[]…"


def _comparable(word: str) -> str:
    return word.strip(_EDGE_PUNCTUATION).casefold()


def diff_words(reference: str, variant: str) -> list[tuple[str, str]]:
    """The variant's wording as runs marked against the reference, for showing a quote's variants inline.

    Returns:
        (kind, text) runs in reading order: "same" and "added" runs are the variant's own words; "dropped"
        runs are the reference's words the variant leaves out. Case and edge punctuation are ignored.
    """
    first, second = _DISPLAY_WORD.findall(reference), _DISPLAY_WORD.findall(variant)
    matcher = difflib.SequenceMatcher(a=[_comparable(w) for w in first], b=[_comparable(w) for w in second],
                                      autojunk=False)
    runs: list[tuple[str, str]] = []
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", " ".join(second[b_start:b_end])))
            continue
        if tag in ("delete", "replace"):
            runs.append(("dropped", " ".join(first[a_start:a_end])))
        if tag in ("insert", "replace"):
            runs.append(("added", " ".join(second[b_start:b_end])))
    return runs
