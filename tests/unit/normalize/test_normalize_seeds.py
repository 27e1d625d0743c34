"""The two seed articles (read from ../shared at run time), through read_path and normalize_document."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storylens.ingest import read_path
from storylens.model import Article, DateSource, Document
from storylens.normalize import normalize_document

pytestmark = pytest.mark.shared


def seed_article(seeds_dir: Path, prefix: str) -> tuple[Document, Article]:
    (path,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    (document,) = list(read_path(path))
    assert isinstance(document, Document)
    article = normalize_document(document)
    assert isinstance(article, Article), article
    return document, article


def test_reuters_seed(seeds_dir: Path) -> None:
    document, article = seed_article(seeds_dir, "000")
    first_line = path_first_line(Path(document.origin.location))
    assert article.title == first_line
    assert article.outlet == "Reuters"
    assert article.dateline == "Paris"
    assert article.body.startswith("Backers of the Syrian opposition")
    (caption,) = article.captions
    assert caption.endswith("REUTERS/Thibault Camus/Pool")
    assert caption not in article.body
    assert "REUTERS/" not in article.body
    assert article.credits == ("Reporting by John Irish, editing by Ros Russell",)
    assert "Reporting by" not in article.body
    assert "John Irish" in article.authors
    assert "Ros Russell" not in article.authors
    assert article.language == "en"
    assert article.published == datetime(2016, 12, 10, tzinfo=UTC)
    assert article.date_source is DateSource.STATED
    assert article.cited_outlets == ()


def test_eghtesadonline_seed(seeds_dir: Path) -> None:
    _document, article = seed_article(seeds_dir, "001")
    assert article.outlet == "EghtesadOnline"
    assert "Bloomberg" in article.cited_outlets
    assert not article.body.startswith("EghtesadOnline:")
    assert article.body.startswith("U.S. Secretary of State John Kerry")
    assert article.language == "en"
    assert article.dateline is None


def path_first_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0].strip()
