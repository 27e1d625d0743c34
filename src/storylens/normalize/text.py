"""Text cleanup: Unicode NFC, white space folded, control characters gone, paragraphs kept as "\\n\\n".

The author's quotation marks are kept as written: quote extraction reads them.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls (tab and newlines are white space, folded below), zero-width marks, soft hyphen, BOM.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff]")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
# UTF-8 read as cp1252: "â€™" for "’", "Ã©" for "é".
_MOJIBAKE = re.compile("(?:â€|Ã[\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|Â[\u00a0-\u00bf])")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as cp1252, when the whole text round-trips; otherwise leave it."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


def fold_spaces(text: str) -> str:
    """Every run of white space (line breaks included) as one space, trimmed."""
    return " ".join(text.split())


def split_paragraphs(text: str) -> list[str]:
    """The non-empty paragraphs of a text whose paragraphs are separated by blank lines."""
    return [part for part in (fold_spaces(chunk) for chunk in _PARAGRAPH_BREAK.split(text)) if part]


def clean_text(text: str) -> str:
    """Cleaned text: mojibake repaired, NFC, invisible characters removed, white space folded inside each
    paragraph and paragraphs joined by "\\n\\n"."""
    text = unicodedata.normalize("NFC", repair_mojibake(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n").replace("\u2028", "\n")
    return "\n\n".join(split_paragraphs(_INVISIBLE.sub("", text)))


def clean_line(text: str | None) -> str | None:
    """A one-line field (title, outlet) cleaned and folded onto one line; None when nothing is left."""
    if text is None:
        return None
    return fold_spaces(_INVISIBLE.sub("", unicodedata.normalize("NFC", repair_mojibake(text)))) or None
