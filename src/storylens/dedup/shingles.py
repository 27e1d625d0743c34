"""Word shingles: the set of overlapping word n-grams a text is made of, hashed to 32 bits.

The text is normalised first (NFKC, casefold, punctuation dropped, whitespace folded), so spacing, case and
punctuation noise leave the shingle set unchanged. Hashes are stable across processes and machines: words are
hashed with CRC-32 and word hashes are combined with fixed 64-bit constants, never with Python's `hash()`.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import numpy.typing as npt

from storylens.analysis.tokens import crc32_hashes
from storylens.model import Article

ShingleSet = npt.NDArray[np.uint32]

_WORD = re.compile(r"\w+")
# Odd 64-bit multipliers (golden ratio, xxHash and MurmurHash primes): one per position in a shingle, so
# "a b c d e" and "e d c b a" hash differently.
_POSITION_MULTIPLIERS = tuple(
    np.uint64(value)
    for value in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                  0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x27D4EB2F165667C5, 0x85EBCA77C2B2AE63)
)
MAX_SHINGLE_WORDS = len(_POSITION_MULTIPLIERS)


def text_words(text: str) -> list[str]:
    """The words of `text` after NFKC normalisation and casefolding; punctuation and spacing are dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def normalize_text(text: str) -> str:
    """`text` as the shingler sees it: normalised words joined by single spaces."""
    return " ".join(text_words(text))


def article_text(article: Article) -> str:
    """What two copies share: the headline and the body (captions and credit lines are left out)."""
    return f"{article.title}\n{article.body}"


def _fmix64(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> np.uint64(33))


def shingle_hashes(text: str, size: int = 5) -> ShingleSet:
    """The sorted, distinct 32-bit hashes of the `size`-word shingles of `text`.

    A text shorter than `size` words is one shingle of all its words; a text without words has none.

    Args:
        text: Any text; it is normalised with `text_words` first.
        size: Words per shingle, 1 to 8.

    Returns:
        A sorted uint32 array without repeats.
    """
    if not 1 <= size <= MAX_SHINGLE_WORDS:
        raise ValueError(f"shingle size must be 1 to {MAX_SHINGLE_WORDS} words, got {size}")
    words = text_words(text)
    if not words:
        return np.empty(0, dtype=np.uint32)
    hashes = crc32_hashes(words).astype(np.uint64)
    width = min(size, len(words))
    count = len(words) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for position in range(width):
        combined = combined * _POSITION_MULTIPLIERS[position] + hashes[position:position + count]
    return np.unique((_fmix64(combined) >> np.uint64(32)).astype(np.uint32))


def overlap_counts(first: ShingleSet, second: ShingleSet) -> tuple[int, int, int]:
    """(shared, size of first, size of second) for two shingle sets from `shingle_hashes`."""
    shared = int(np.intersect1d(first, second, assume_unique=True).size)
    return shared, int(first.size), int(second.size)


def jaccard(first: ShingleSet, second: ShingleSet) -> float:
    """|A ∩ B| / |A ∪ B|; 0.0 when both are empty."""
    shared, size_first, size_second = overlap_counts(first, second)
    union = size_first + size_second - shared
    return shared / union if union else 0.0


def containment(first: ShingleSet, second: ShingleSet) -> float:
    """|A ∩ B| / min(|A|, |B|): how much of the shorter text the longer one holds; 0.0 if either is empty.

    Never below the Jaccard similarity, and 1.0 for a copy that only trimmed paragraphs.
    """
    shared, size_first, size_second = overlap_counts(first, second)
    smaller = min(size_first, size_second)
    return shared / smaller if smaller else 0.0
