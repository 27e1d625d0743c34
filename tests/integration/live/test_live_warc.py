"""WARC files: HTML responses become documents, other records are passed over or rejected, streamed."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from live_site import article_page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storylens.ingest import ReadOptions, read_path
from storylens.model import Document, Rejected, SourceFormat


def write_warc(path: Path, *, gzip: bool) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "storylens tests"}))
        for slug in ("w1", "w2", "w3"):
            url = f"https://gazette.example/news/{slug}"
            request = writer.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=BytesIO(article_page(slug, f"Archived inquiry {slug}")),
                http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://gazette.example/logo.png", "response", payload=BytesIO(b"\x89PNG\r\n"), http_headers=image))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_warc_gives_its_html_pages_and_rejects_the_image(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, gzip=name.endswith(".gz"))
    records = list(read_path(path, ReadOptions()))
    documents = [record for record in records if isinstance(record, Document)]
    rejected = [record for record in records if isinstance(record, Rejected)]
    assert [document.url for document in documents] == [f"https://gazette.example/news/{slug}"
                                                       for slug in ("w1", "w2", "w3")]
    assert [document.title for document in documents] == [f"Archived inquiry {slug}" for slug in ("w1", "w2", "w3")]
    assert [(document.origin.format, document.origin.record) for document in documents] == [
        (SourceFormat.WARC, 2), (SourceFormat.WARC, 4), (SourceFormat.WARC, 6)]
    assert [(str(item.code), item.origin.record, item.reason) for item in rejected] == [
        ("unsupported", 7, "the archived response is image/png, not HTML")]


def test_a_page_over_the_cap_is_rejected_and_the_rest_still_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    records = list(read_path(path, ReadOptions(max_bytes=200)))
    assert [str(record.code) for record in records if isinstance(record, Rejected)] == [
        "too_large", "too_large", "too_large", "unsupported"]


def test_a_truncated_warc_gives_the_records_before_the_cut_without_raising(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, gzip=True)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert [record.title for record in read_path(cut, ReadOptions()) if isinstance(record, Document)] == [
        "Archived inquiry w1"]


def test_a_file_that_is_not_a_warc_is_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("these are notes, not an archive\n", encoding="utf-8")
    records = list(read_path(path, ReadOptions()))
    # warcio reads unknown text as an old ARC record without HTTP headers.
    assert [(type(record).__name__, getattr(record, "reason", "")) for record in records] == [
        ("Rejected", "the archived response has HTTP status None, not 200")]
