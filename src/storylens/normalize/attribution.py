"""Outlets an article says it reports from: "according to Bloomberg", "the Financial Times reported",
"citing Reuters", "reports the CNN", a "(Reuters) -" dateline on another outlet's article.

Precision over recall: "told Reuters" is an interview, not a re-report, and is not counted; a capitalised
name counts only when it is a known outlet or looks like one ("Coastal Gazette", "EghtesadOnline").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storylens.normalize.outlets import canonical_outlet, looks_like_outlet, outlet_key, outlet_name

_WORD = r"[A-Z][\w&'’-]*(?:\.[A-Za-z]+)*"
_PHRASE = rf"{_WORD}(?:\s+(?:of\s+)?{_WORD}){{0,4}}"
# The outlet follows the cue: "according to (the) X", "citing X", "reports the X".
_CUE_BEFORE = re.compile(
    rf"\b(?i:according\s+to|citing|quoting|cited\s+by|quoted\s+by|reported\s+by|reports|"
    rf"(?:a|the)\s+report\s+(?:by|in|from)|first\s+reported\s+by)\s+(?i:the\s+)?(?:(?:news\s+agency|"
    rf"newspaper|daily|broadcaster|agency|channel|website)\s+)?(?P<name>{_PHRASE})")
# The outlet precedes the cue: "X reported", "X said in a report", "X quoted". The cue is found first and
# the name read backwards from it: scanning for names at every capital letter is slow.
_CUE_AFTER = re.compile(
    r"\s+(?:has\s+|had\s+|first\s+)?(?:reported|reports|quoted|cited|said\s+in\s+a\s+report)\b")
_NAME_BEFORE = re.compile(rf"(?<![\w&'’.-])(?P<name>{_PHRASE})$")
_NAME_WINDOW_CHARS = 120
# Every cue holds one of these; most paragraphs hold none and skip the regexes.
_CUE_WORDS = ("accord", "citing", "quot", "cited", "report")
# Capitalised sentence openers that are never part of an outlet's name.
_OPENERS = frozenset({"Meanwhile", "However", "Earlier", "Later", "Also", "Separately", "Last", "On", "In",
                      "And", "But", "Then", "Now", "Yesterday", "Today", "Previously", "Additionally"})


def _prefixes(words: list[str]) -> Iterable[str]:
    for size in range(len(words), 0, -1):
        yield " ".join(words[:size])


def _suffixes(words: list[str]) -> Iterable[str]:
    for start in range(len(words)):
        yield " ".join(words[start:])


def _first_outlet(candidates: Iterable[str]) -> str | None:
    names = [candidate.strip(".,'’") for candidate in candidates]
    for name in names:  # a known outlet inside the phrase wins: "Meanwhile Bloomberg News"
        if canonical_outlet(name) is not None:
            return outlet_name(name)
    for name in names:
        if name.split()[0] not in _OPENERS and looks_like_outlet(name):
            return outlet_name(name)
    return None


def find_cited_outlets(text: str) -> list[tuple[int, str]]:
    """Outlets `text` reports from, with the offset where each is cited, in text order (repeats kept)."""
    found: list[tuple[int, str]] = []
    lowered = text.lower()
    if not any(cue in lowered for cue in _CUE_WORDS):
        return found
    for match in _CUE_BEFORE.finditer(text):
        name = _first_outlet(_prefixes(match.group("name").split()))
        if name:
            found.append((match.start("name"), name))
    for cue in _CUE_AFTER.finditer(text):
        window_start = max(0, cue.start() - _NAME_WINDOW_CHARS)
        before = _NAME_BEFORE.search(text, window_start, cue.start())
        name = _first_outlet(_suffixes(before.group("name").split())) if before else None
        if before and name:
            found.append((before.start("name"), name))
    found.sort()
    return found


def cited_outlets(texts: Iterable[str], *, dateline_outlet: str | None,
                  own_outlet: str | None) -> tuple[str, ...]:
    """The outlets an article cites, canonical names, first citation first, its own outlet left out.

    Args:
        texts: the body (and any other prose to read), in order.
        dateline_outlet: the outlet in the dateline ("(Reuters) -"); cited when it is not `own_outlet`.
        own_outlet: the article's outlet.
    """
    own = outlet_key(own_outlet)
    names: list[str] = []
    if dateline_outlet:
        names.append(outlet_name(dateline_outlet))
    for text in texts:
        names += [name for _offset, name in find_cited_outlets(text)]
    kept: dict[str, str] = {}
    for name in names:
        key = outlet_key(name)
        if key and key != own and key not in kept:
            kept[key] = name
    return tuple(kept.values())
