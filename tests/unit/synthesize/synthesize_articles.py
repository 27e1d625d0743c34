"""Hand-built articles for the synthesize tests (our own text)."""

from __future__ import annotations

import hashlib
from datetime import datetime

from storylens.model import Article, ArticleId, Origin, SourceFormat


def make_article(article_id: str, body: str, *, outlet: str | None = None, title: str = "",
                 published: datetime | None = None, cited: tuple[str, ...] = ()) -> Article:
    return Article(id=ArticleId(article_id), title=title, body=body,
                   origin=Origin(location=f"test/{article_id}", format=SourceFormat.TEXT),
                   content_hash=hashlib.sha256(body.encode()).hexdigest(), language="en", outlet=outlet,
                   published=published, cited_outlets=cited)
