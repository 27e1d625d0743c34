"""read_path on each format, plain and gzipped, with hand-written articles."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storylens.errors import IngestError
from storylens.ingest import ReadOptions, iter_paths, read_path, sniff_format
from storylens.model import Document, Origin, Rejected, SourceFormat

ARTICLE = (
    "Harbour bridge reopens after repairs\n"
    "\n"
    "PORTVILLE (Coastal Gazette) - The harbour bridge reopened to traffic on Tuesday after eight\n"
    "months of repairs, the city council said.\n"
    "\n"
    "Engineers replaced forty steel cables and resurfaced the deck.\n"
)
HTML = """<!DOCTYPE html><html lang="en"><head><title>Harbour bridge reopens | Coastal Gazette</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta property="og:site_name" content="Coastal Gazette">
<meta name="author" content="Mara Quinn">
<meta property="article:published_time" content="2024-05-14T08:30:00+02:00">
<link rel="canonical" href="https://www.coastalgazette.example/news/bridge-reopens">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour bridge reopens after repairs</h1>
<p>PORTVILLE (Coastal Gazette) - The harbour bridge reopened to traffic on Tuesday after eight months of
repairs, the city council said in a statement published on its website.</p>
<p>Engineers replaced forty steel cables and resurfaced the deck, at a cost of 12 million euros, according
to the council's figures.</p>
<p>"We are glad to give the bridge back to the people of Portville," the mayor told reporters.</p>
</article><footer>Copyright 2024 Coastal Gazette</footer></body></html>
"""
JSONL = (
    '{"title": "Bridge reopens", "text": "The bridge reopened.", "url": "https://a.example/1", '
    '"date": "2024-05-14T08:30:00Z", "outlet": "Coastal Gazette", "author": "Mara Quinn; Ivo Berg", '
    '"language": "en"}\n'
    '{"headline": "Mayor speaks", "body": "The mayor spoke.", "published": 1715675400000, '
    '"source": {"name": "Harbour News"}}\n'
)
CSV = (
    "title,text,date,outlet\n"
    "Bridge reopens,\"The bridge reopened.\n\nTraffic flows again.\",2024-05-14,Coastal Gazette\n"
    "Mayor speaks,The mayor spoke.,\"Tue, 14 May 2024 08:30:00 GMT\",Harbour News\n"
)


def write(path: Path, text: str, *, gzipped: bool = False) -> Path:
    data = text.encode("utf-8")
    path.write_bytes(gzip.compress(data) if gzipped else data)
    return path


def only(items: list[Document | Rejected]) -> Document:
    assert len(items) == 1
    assert isinstance(items[0], Document), items[0]
    return items[0]


@pytest.mark.parametrize("gzipped", [False, True])
def test_plain_text_first_line_is_title_and_paragraphs_are_kept(tmp_path: Path, gzipped: bool) -> None:
    name = "bridge.txt.gz" if gzipped else "bridge.txt"
    document = only(list(read_path(write(tmp_path / name, ARTICLE, gzipped=gzipped))))
    assert document.title == "Harbour bridge reopens after repairs"
    assert document.text == (
        "PORTVILLE (Coastal Gazette) - The harbour bridge reopened to traffic on Tuesday after eight\n"
        "months of repairs, the city council said.\n\n"
        "Engineers replaced forty steel cables and resurfaced the deck."
    )
    assert document.origin == Origin(location=str(tmp_path / name), format=SourceFormat.TEXT)


def test_plain_text_with_one_long_paragraph_has_no_title(tmp_path: Path) -> None:
    text = "word " * 100
    document = only(list(read_path(write(tmp_path / "a.txt", text))))
    assert document.title is None
    assert document.text == text.strip()


@pytest.mark.parametrize("gzipped", [False, True])
def test_html_gives_main_text_and_metadata(tmp_path: Path, gzipped: bool) -> None:
    document = only(list(read_path(write(tmp_path / "page.html", HTML, gzipped=gzipped))))
    assert document.title == "Harbour bridge reopens after repairs"
    assert document.outlet == "Coastal Gazette"
    assert document.authors == ("Mara Quinn",)
    assert document.url == "https://www.coastalgazette.example/news/bridge-reopens"
    assert document.published == datetime(2024, 5, 14, tzinfo=UTC)
    assert document.text.startswith("PORTVILLE (Coastal Gazette) - The harbour bridge reopened")
    assert document.text.count("\n\n") == 2
    assert "Home" not in document.text
    assert document.origin.format is SourceFormat.HTML


@pytest.mark.parametrize("gzipped", [False, True])
def test_jsonl_maps_columns_and_fallbacks(tmp_path: Path, gzipped: bool) -> None:
    first, second = list(read_path(write(tmp_path / "a.jsonl", JSONL, gzipped=gzipped)))
    assert first == Document(
        origin=Origin(location=str(tmp_path / "a.jsonl"), format=SourceFormat.JSONL, record=1),
        text="The bridge reopened.", title="Bridge reopens", url="https://a.example/1",
        outlet="Coastal Gazette", published=datetime(2024, 5, 14, 8, 30, tzinfo=UTC),
        authors=("Mara Quinn", "Ivo Berg"), language="en",
    )
    assert isinstance(second, Document)
    assert (second.title, second.text, second.outlet) == ("Mayor speaks", "The mayor spoke.", "Harbour News")
    assert second.published == datetime(2024, 5, 14, 8, 30, tzinfo=UTC)  # epoch milliseconds
    assert second.origin.record == 2


def test_json_array_gives_one_document_per_object(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", '[{"title": "A", "text": "One."}, {"title": "B", "text": "Two."}]')
    items = list(read_path(path))
    assert [(item.title, item.text, item.origin.record) for item in items if isinstance(item, Document)] == [
        ("A", "One.", 1), ("B", "Two.", 2)]


@pytest.mark.parametrize("gzipped", [False, True])
def test_csv_rows_with_quoted_multiline_text(tmp_path: Path, gzipped: bool) -> None:
    first, second = list(read_path(write(tmp_path / "a.csv", CSV, gzipped=gzipped)))
    assert isinstance(first, Document)
    assert isinstance(second, Document)
    assert first.text == "The bridge reopened.\n\nTraffic flows again."
    assert first.published == datetime(2024, 5, 14, tzinfo=UTC)
    assert (first.outlet, first.origin.record) == ("Coastal Gazette", 1)
    assert first.origin.format is SourceFormat.CSV
    assert second.published == datetime(2024, 5, 14, 8, 30, tzinfo=UTC)


def test_csv_delimiter_is_sniffed(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "Title;Body;Publisher\nBridge;The bridge reopened, at last.;Gazette\n")
    document = only(list(read_path(path)))
    assert (document.title, document.text, document.outlet) == ("Bridge", "The bridge reopened, at last.",
                                                               "Gazette")


def test_tsv_uses_tabs(tmp_path: Path) -> None:
    path = write(tmp_path / "a.tsv", "title\ttext\nBridge\tIt reopened, at last.\n")
    document = only(list(read_path(path)))
    assert document.text == "It reopened, at last."


def test_column_mapping_picks_the_named_columns(tmp_path: Path) -> None:
    record = '{"head": "H", "story_text": "Body.", "paper": "Gazette", "when": 0}\n'
    path = write(tmp_path / "a.jsonl", record)
    options = ReadOptions(text_field="story_text", outlet_field="paper", date_field="when")
    document = only(list(read_path(path, options)))
    assert (document.title, document.text, document.outlet) == ("H", "Body.", "Gazette")
    assert document.published == datetime(1970, 1, 1, tzinfo=UTC)


def test_column_names_compare_case_insensitively(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv",
                 "TITLE,TEXT,PUBLISHER,TIMESTAMP\nBridge,It reopened.,Gazette,1394470370698\n")
    document = only(list(read_path(path)))
    assert (document.title, document.outlet) == ("Bridge", "Gazette")
    assert document.published == datetime(2014, 3, 10, 16, 52, 50, 698000, tzinfo=UTC)


@pytest.mark.parametrize(("content", "expected"), [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", SourceFormat.HTML),
    ('{"text": "x"}\n', SourceFormat.JSONL),
    ("Headline\n\nBody.", SourceFormat.TEXT),
])
def test_unknown_extension_is_sniffed(content: str, expected: SourceFormat) -> None:
    assert sniff_format(content) is expected


def test_unknown_extension_json_lines_are_read_as_records(tmp_path: Path) -> None:
    document = only(list(read_path(write(tmp_path / "feed.dat", '{"title": "T", "text": "Body."}\n'))))
    assert document.origin.format is SourceFormat.JSONL


def test_iter_paths_walks_folders_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/z.txt", "b/a.txt", "c.txt", ".secret.txt", ".hidden/x.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [path.relative_to(tmp_path).as_posix() for path in iter_paths([tmp_path])] == [
        "b/a.txt", "b/z.txt", "c.txt"]


def test_missing_path_raises_ingest_error_with_a_fix(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file") as caught:
        list(iter_paths([tmp_path / "nope"]))
    assert caught.value.fix
    with pytest.raises(IngestError, match="no such file"):
        list(read_path(tmp_path / "nope.txt"))
