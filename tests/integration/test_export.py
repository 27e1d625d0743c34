"""Exports: every format parses back to what was written; feeds are valid RSS 2.0 / Atom."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from storylens.cli.export import ExportFormat, ExportWhat, export_store
from storylens.errors import StorylensError
from storylens.model import (
    Account,
    Article,
    ArticleId,
    Assignment,
    Origin,
    SourceFormat,
    Story,
    StoryId,
    SummarySentence,
)
from storylens.serve import export
from storylens.store import open_store

ATOM = "{http://www.w3.org/2005/Atom}"

TRICKY = Story(id=StoryId("s-1"), title='Tolls & "fees" <rise> in Varna',
               article_ids=(ArticleId("a-1"), ArticleId("a-2")),
               first_published=datetime(2024, 5, 1, 8, 0, tzinfo=UTC),
               last_published=datetime(2024, 5, 1, 18, 30, tzinfo=UTC),
               outlets=("Black Sea Post", "Varna Daily"))
PLAIN = Story(id=StoryId("s-2"), title="Museum reopens", article_ids=(ArticleId("a-3"),),
              outlets=("Varna Daily",))
ARTICLE = Article(id=ArticleId("a-1"), title='Tolls & "fees" <rise> in Varna',
                  body="Road tolls rise by 5%, the city said.",
                  origin=Origin(location="t.txt", format=SourceFormat.TEXT), content_hash="c1", language="en",
                  outlet="Varna Daily", published=datetime(2024, 5, 1, 8, 0, tzinfo=UTC),
                  authors=("Ana Vel", "Ivo Dan"), url="https://example.org/a?x=1&y=2")


def test_story_json_keeps_every_field_and_lists() -> None:
    data = json.loads(export.records_to_json([export.story_record(TRICKY), export.story_record(PLAIN)]))
    assert data[0] == {"id": "s-1", "title": 'Tolls & "fees" <rise> in Varna', "sources": 2,
                       "outlets": ["Black Sea Post", "Varna Daily"], "article_ids": ["a-1", "a-2"],
                       "first_published": "2024-05-01T08:00:00+00:00",
                       "last_published": "2024-05-01T18:30:00+00:00"}
    assert data[1]["first_published"] is None


def test_csv_has_one_row_per_record_with_lists_joined() -> None:
    text = export.records_to_csv([export.article_record(ARTICLE)], export.ARTICLE_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    assert rows[0]["authors"] == "Ana Vel; Ivo Dan"
    assert rows[0]["title"] == 'Tolls & "fees" <rise> in Varna'
    assert rows[0]["dateline"] == ""
    assert list(rows[0]) == list(export.ARTICLE_COLUMNS)


def test_parquet_reads_back_as_the_same_records() -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    records = [export.story_record(TRICKY), export.story_record(PLAIN)]
    table = parquet.read_table(io.BytesIO(export.records_to_parquet(records, export.STORY_COLUMNS)))
    assert table.column_names == list(export.STORY_COLUMNS)
    assert table.to_pylist() == records


def test_an_empty_parquet_export_still_has_its_columns() -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    table = parquet.read_table(io.BytesIO(export.records_to_parquet([], export.STORY_COLUMNS)))
    assert (table.num_rows, table.column_names) == (0, list(export.STORY_COLUMNS))


def test_markdown_of_accounts_uses_the_account_writer() -> None:
    account = Account(story_id=StoryId("s-1"), headline="Tolls rise in Varna",
                      summary=(SummarySentence(text="Road tolls rise by 5%.", sources=("Varna Daily",)),))
    text = export.accounts_to_markdown([account, account])
    assert text.startswith("# Tolls rise in Varna\n")
    assert "- Road tolls rise by 5%. [Varna Daily]" in text
    assert text.count("\n---\n") == 1


def test_markdown_of_articles_has_title_source_and_body() -> None:
    text = export.articles_to_markdown([ARTICLE])
    assert text.splitlines()[:3] == ['# Tolls & "fees" <rise> in Varna', "",
                                     "Varna Daily · 2024-05-01T08:00:00+00:00 · <https://example.org/a?x=1&y=2>"]
    assert "Road tolls rise by 5%, the city said." in text


def test_rss_is_valid_and_escapes_titles() -> None:
    feed = export.stories_to_rss([TRICKY, PLAIN], base_url="http://127.0.0.1:8000/",
                                 summaries={StoryId("s-1"): "Tolls <b>rise</b> & more."})
    root = ET.fromstring(feed)
    assert (root.tag, root.get("version")) == ("rss", "2.0")
    items = root.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ['Tolls & "fees" <rise> in Varna', "Museum reopens"]
    assert items[0].findtext("link") == "http://127.0.0.1:8000/stories/s-1"
    assert items[0].findtext("description") == "Tolls <b>rise</b> & more."
    assert items[0].findtext("pubDate") == "Wed, 01 May 2024 18:30:00 GMT"
    assert items[1].findtext("pubDate") is None
    assert b"&lt;rise&gt;" in feed


def test_atom_is_valid_and_dated_by_its_latest_story() -> None:
    root = ET.fromstring(export.stories_to_atom([TRICKY, PLAIN], base_url="http://example.org"))
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}updated") == "2024-05-01T18:30:00+00:00"
    entries = root.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert ids == ["urn:storylens:story:s-1", "urn:storylens:story:s-2"]
    assert entries[0].find(f"{ATOM}link").get("href") == "http://example.org/stories/s-1"  # type: ignore[union-attr]
    assert entries[1].findtext(f"{ATOM}updated") == "1970-01-01T00:00:00+00:00"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feedparser_reads_the_feeds_without_complaint(kind: str) -> None:
    feedparser = pytest.importorskip("feedparser")
    write = export.stories_to_rss if kind == "rss" else export.stories_to_atom
    parsed = feedparser.parse(write([TRICKY, PLAIN], base_url="http://127.0.0.1:8000"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")
    assert [entry.title for entry in parsed.entries] == ['Tolls & "fees" <rise> in Varna', "Museum reopens"]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "export.db"
    second = Article(id=ArticleId("a-2"), title="Varna raises road tolls",
                     body="Varna's council raised road tolls by 5% on Wednesday, the mayor said.",
                     origin=Origin(location="u.txt", format=SourceFormat.TEXT), content_hash="c2",
                     language="en",
                     outlet="Black Sea Post", published=datetime(2024, 5, 1, 18, 30, tzinfo=UTC))
    store = open_store(path)
    store.add_articles([ARTICLE, second])
    story = Story(id=StoryId("s-1"), title=TRICKY.title, article_ids=(ARTICLE.id, second.id),
                  first_published=ARTICLE.published, last_published=second.published,
                  outlets=("Black Sea Post", "Varna Daily"))
    store.save_clustering([story], [Assignment(article_id=a, story_id=story.id, score=1.0, method="test")
                                    for a in story.article_ids])
    store.close()
    return path


@pytest.mark.parametrize("file_format", list(ExportFormat))
@pytest.mark.parametrize("what", list(ExportWhat))
def test_the_store_exports_in_every_format(store_path: Path, file_format: ExportFormat,
                                           what: ExportWhat) -> None:
    if file_format is ExportFormat.PARQUET:
        pytest.importorskip("pyarrow")
    store = open_store(store_path)
    try:
        if what is ExportWhat.ARTICLES and file_format in (ExportFormat.RSS, ExportFormat.ATOM):
            with pytest.raises(StorylensError, match="feeds list stories"):
                export_store(store, what, file_format, base_url="http://x")
            return
        data = export_store(store, what, file_format, base_url="http://x")
    finally:
        store.close()
    if file_format is ExportFormat.JSON:
        assert [record["id"] for record in json.loads(data)] == (["s-1"] if what is ExportWhat.STORIES
                                                                 else ["a-1", "a-2"])
    elif file_format is ExportFormat.CSV:
        rows = list(csv.DictReader(io.StringIO(data.decode())))
        assert len(rows) == (1 if what is ExportWhat.STORIES else 2)
    elif file_format is ExportFormat.MARKDOWN:
        assert data.decode().startswith("# ")
    elif file_format in (ExportFormat.RSS, ExportFormat.ATOM):
        assert len(list(ET.fromstring(data).iter())) > 5
    else:
        assert data[:4] == b"PAR1"
