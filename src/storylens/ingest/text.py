"""Plain text files: the first non-empty line is the headline, the rest is the body."""

from __future__ import annotations

import re

from storylens.model import Document, Origin

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# A first line this long is a paragraph, not a headline.
_MAX_HEADLINE_CHARS = 300


def parse_plain_text(text: str, origin: Origin) -> Document:
    """A Document from a plain text article.

    The first non-empty line is the headline when it is short and more text follows; otherwise the whole
    text is the body and the title is left for normalize to derive. Paragraphs are separated by "\\n\\n".
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    first, _, rest = text.partition("\n")
    title: str | None = first.strip()
    if not rest.strip() or len(first) > _MAX_HEADLINE_CHARS:
        title, rest = None, text
    body = "\n\n".join(part.strip() for part in _PARAGRAPH_BREAK.split(rest.strip()) if part.strip())
    return Document(origin=origin, text=body, title=title)
