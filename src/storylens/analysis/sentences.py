"""Sentence boundaries, as character spans into the text.

A fast rule-based splitter: a boundary is sentence-final punctuation (with any closing quotes or
brackets) followed by white space, unless the word before the period is an abbreviation, a title, an
initial or a month before a day number. A paragraph break (a blank line) is always a boundary. Inside a
quotation that closes within its paragraph no boundary is taken, so "“We tried. We failed,” she said." is
one sentence; a quotation left open to the paragraph's end (a quote running on over paragraphs) does not
hold sentences together.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Never end a sentence: titles and words that are always followed by more of the same phrase.
_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "maj", "cpl", "pvt", "rev", "hon", "pres", "supt", "det", "insp", "fr", "sr", "jr", "messrs",
    "mt", "ft", "no", "nos", "vs", "v", "etc", "e.g", "i.e", "cf", "approx", "est", "fig", "vol", "ch",
    "art", "sec", "dept", "univ", "assn", "ave", "blvd", "rd", "ste", "op", "pp", "al",
})
# End a sentence only when the next word starts one: acronyms often close a sentence ("in the U.S.").
_ACRONYMS = frozenset({
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "a.m", "p.m", "inc", "corp", "co", "ltd", "plc", "llc",
    "bros", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
_MONTHS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
# Words that open a sentence after an acronym ("... in the U.S. The ...").
_OPENERS = frozenset({
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
    "but", "and", "in", "on", "at", "after", "before", "when", "while", "his", "her", "their", "its",
    "there", "some", "many", "officials", "police", "however", "meanwhile", "if", "as", "for",
})

_CLOSERS = "\"'”’)]»"
_CANDIDATE = re.compile(r"(?:\.\.\.|…|[.!?]+)[" + re.escape(_CLOSERS) + r"]*(?=\s)|\n[ \t]*\n")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[«]*\s*(\S+)")
_QUOTE_MARK = re.compile(r'[“”«»"]|\n[ \t]*\n')
_OPENING_CONTEXT = frozenset(" \t\n([{—–-/")


def _is_boundary(text: str, start: int, end: int) -> bool:
    mark = text[start:end].rstrip(_CLOSERS)
    following = _NEXT_WORD.match(text, end)
    if following is None:
        return True
    next_word = following.group(1)
    next_lower = next_word[0].islower()
    if mark in ("...", "…") or (mark[0] in "!?" and end > start + len(mark)):
        # An ellipsis or a quoted exclamation runs on into a lower-case word: "Stop!" he said.
        return not next_lower
    if mark[0] != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)  # a bounded look-back keeps this linear
    if before is None:
        return True
    word = before.group(1).lower().rstrip(".").lstrip("'’-")
    if word in _TITLES:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return False
    if word in _MONTHS and next_word[0].isdigit():
        return False
    if word in _ACRONYMS or (len(word) <= 4 and _DOTTED.fullmatch(word)):
        bare = next_word.strip(_CLOSERS + ",;:").lower()
        return bare in _OPENERS and not next_lower
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split a text into sentences.

    Args:
        text: any text; paragraphs separated by blank lines.

    Returns:
        (start, end) character spans of the sentences, in order, each stripped of surrounding white
        space; empty stretches give no span.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    quoted = _closed_quotations(text)
    opens = [open_at for open_at, _ in quoted]
    for match in _CANDIDATE.finditer(text):
        if match.group(0).startswith("\n"):
            is_boundary = True
        else:
            is_boundary = not _is_inside(quoted, opens, match.start(), match.end()) and _is_boundary(
                text, match.start(), match.end())
        if is_boundary:
            _append(text, start, match.end(), spans)
            start = match.end()
    _append(text, start, len(text), spans)
    return spans


def _closed_quotations(text: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) offsets of the double quotations that close within their paragraph.

    Curly and angle quotes say which way they face; a straight quote opens after white space, an opening
    bracket or a dash (or at the start) and closes otherwise. Nested double quotes are not tracked.
    """
    found: list[tuple[int, int]] = []
    open_at = -1
    for match in _QUOTE_MARK.finditer(text):
        mark = match.group(0)
        if mark[0] == "\n":
            open_at = -1  # an unclosed quotation ends with its paragraph
            continue
        position = match.start()
        if mark == '"':
            is_opening = open_at < 0 and (position == 0 or text[position - 1] in _OPENING_CONTEXT)
        else:
            is_opening = mark in "“«"
        if is_opening:
            open_at = position
        elif open_at >= 0:
            found.append((open_at, position))
            open_at = -1
    return found


def _is_inside(quoted: list[tuple[int, int]], opens: list[int], mark_start: int, mark_end: int) -> bool:
    """Whether sentence-final punctuation at mark_start..mark_end sits inside a quotation it does not close."""
    index = bisect_right(opens, mark_start) - 1
    if index < 0:
        return False
    close_at = quoted[index][1]
    return close_at >= mark_end  # the closing mark comes after the punctuation and its closers


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
