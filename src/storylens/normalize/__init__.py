"""Normalize: `Document` in, `Article` (or `Rejected`) out.

Cleans the text, separates dateline, photo captions and credit lines from the body, finds the outlet,
authors, language, publication date and the outlets the text cites, and derives content-based ids.
"""

from __future__ import annotations

from storylens.normalize.article import NormalizeParams, normalize_document
from storylens.normalize.attribution import cited_outlets, find_cited_outlets
from storylens.normalize.credits import credited_authors, is_caption, is_credit, sort_paragraphs
from storylens.normalize.dateline import Dateline, split_dateline
from storylens.normalize.ids import article_id, canonical_url, content_hash, fingerprint_text
from storylens.normalize.language import identify_language, language_code
from storylens.normalize.outlets import canonical_outlet, outlet_key, outlet_name
from storylens.normalize.text import clean_line, clean_text, split_paragraphs

__all__ = [
    "Dateline",
    "NormalizeParams",
    "article_id",
    "canonical_outlet",
    "canonical_url",
    "cited_outlets",
    "clean_line",
    "clean_text",
    "content_hash",
    "credited_authors",
    "find_cited_outlets",
    "fingerprint_text",
    "identify_language",
    "is_caption",
    "is_credit",
    "language_code",
    "normalize_document",
    "outlet_key",
    "outlet_name",
    "sort_paragraphs",
    "split_dateline",
    "split_paragraphs",
]
