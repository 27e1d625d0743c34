"""Each kind of bad input becomes a Rejected with a precise reason; nothing raises."""

from __future__ import annotations

import gzip
from pathlib import Path

from storylens.ingest import ReadOptions, read_path
from storylens.model import Document, Origin, RejectCode, Rejected, SourceFormat


def rejected(path: Path, options: ReadOptions = ReadOptions()) -> Rejected:  # noqa: B008
    items = list(read_path(path, options))
    assert len(items) == 1
    assert isinstance(items[0], Rejected), items[0]
    return items[0]


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc\x00\x01\x02def")
    item = rejected(path)
    assert item.code is RejectCode.BINARY
    assert item.reason == "binary content (data with NUL bytes (first at byte 3)), not text"


def test_binary_signature_without_nul(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"%PDF-1.7 some pdf")
    assert rejected(path).reason == "binary content (a PDF document), not text"


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    assert (rejected(tmp_path / "empty.txt").code, rejected(tmp_path / "empty.txt").reason) == (
        RejectCode.EMPTY, "file is empty")
    assert rejected(tmp_path / "blank.txt").reason == "file holds only white space"


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 30)
    item = rejected(path)
    assert item.code is RejectCode.UNDECODABLE
    assert item.reason.startswith("not text in a known encoding: invalid UTF-8 byte 0x81 at offset 0")


def test_legacy_encoding_is_detected(tmp_path: Path) -> None:
    text = ("The café in Zürich served crème brûlée to the délégation on Saturday, officials said.\n\n"
            "Prices rose five percent, the owner said, and the terrace was full.")
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("cp1252"))
    items = list(read_path(path))
    assert isinstance(items[0], Document)
    assert items[0].title == text.splitlines()[0]


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Title\n\nBody text.".encode("utf-16"))
    items = list(read_path(path))
    assert isinstance(items[0], Document)
    assert (items[0].title, items[0].text) == ("Title", "Body text.")


def test_too_large_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 2048)
    item = rejected(path, ReadOptions(max_bytes=1024))
    assert item.code is RejectCode.TOO_LARGE
    assert item.reason == "file is 0.0 MiB (2048 bytes), over the 0.0 MiB limit"


def test_gzip_bomb_is_not_inflated_whole(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 20_000_000, compresslevel=9))  # ~20 KB on disk
    item = rejected(path, ReadOptions(max_bytes=1_000_000))
    assert item.code is RejectCode.TOO_LARGE
    assert item.reason.startswith("gzip content decompresses to more than the 1.0 MiB limit")


def test_corrupt_gzip_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(b"hello world")[:12])
    item = rejected(path)
    assert item.code is RejectCode.UNREADABLE
    assert item.reason.startswith("not a valid gzip stream")


def test_malformed_json_lines_amid_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"title": "A", "text": "One."}\n'
        '{"title": "B", "text": \n'
        '\n'
        '["not", "an", "object"]\n'
        '{"title": "C", "text": "Three."}\n'
        '{"title": "D"}\n', encoding="utf-8")
    items = list(read_path(path))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Document", "Rejected", "Rejected", "Document", "Rejected"]
    bad_json, not_object, no_text = (item for item in items if isinstance(item, Rejected))
    assert bad_json.origin == Origin(location=str(path), format=SourceFormat.JSONL, record=2)
    assert bad_json.code is RejectCode.MALFORMED
    assert bad_json.reason.startswith("line 2: invalid JSON: ")
    assert (not_object.code, not_object.reason) == (RejectCode.MALFORMED,
                                                    "line 4: expected a JSON object, got a list")
    assert no_text.code is RejectCode.NO_TEXT
    assert no_text.reason.startswith("line 6: no article text in column 'text' (also tried body, content")


def test_csv_with_a_broken_row(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("title,text\nA,One.\nB,Two.,extra\nC,Three.\n", encoding="utf-8")
    items = list(read_path(path))
    assert [type(item).__name__ for item in items] == ["Document", "Rejected", "Document"]
    broken = items[1]
    assert isinstance(broken, Rejected)
    assert broken.origin.record == 2
    assert broken.code is RejectCode.MALFORMED
    assert broken.reason == "row 2 (line 3): has 3 fields, the header has 2"


def test_csv_with_a_bad_quote(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('title,text\nA,One.\nB,"Two" words\nC,Three.\n', encoding="utf-8")
    items = list(read_path(path))
    assert [type(item).__name__ for item in items] == ["Document", "Rejected", "Document"]
    assert isinstance(items[1], Rejected)
    assert items[1].reason == "row 2 (line 3): ',' expected after '\"'"


def test_html_without_main_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text("<html><head><title>Menu</title></head>"
                    "<body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    item = rejected(path)
    assert item.code is RejectCode.NO_TEXT
    assert item.reason == "HTML page has 4 characters of main text (navigation, boilerplate or markup only)"


def test_html_with_markup_only(tmp_path: Path) -> None:
    path = tmp_path / "a.htm"
    path.write_text("<html><body></body></html>", encoding="utf-8")
    item = rejected(path)
    assert (item.code, item.reason) == (RejectCode.NO_TEXT,
                                        "HTML page has no main text (navigation, boilerplate or markup only)")


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "folder.txt"
    path.mkdir()
    item = rejected(path)
    assert item.code is RejectCode.UNREADABLE
    assert item.reason.startswith("cannot read the file: ")


def test_json_lines_are_streamed_so_the_size_cap_holds_for_each_line(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl.gz"
    line = '{"title": "Harbour strike", "text": "Dock workers in Arden stopped work on Monday."}\n'
    oversized = '{"title": "Long", "text": "' + "word " * 400 + '"}\n'
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(line * 30 + oversized + line * 30)  # the file is far over the cap, each line under it

    items = list(read_path(path, ReadOptions(max_bytes=1024)))

    assert [type(item).__name__ for item in items] == ["Document"] * 30 + ["Rejected"] + ["Document"] * 30
    too_long = items[30]
    assert isinstance(too_long, Rejected)
    assert (too_long.code, too_long.origin.record) == (RejectCode.TOO_LARGE, 31)
    assert too_long.reason == "line 31 is over the 1024 byte limit"


def test_a_json_lines_file_whose_gzip_stream_breaks_keeps_the_lines_before(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    lines = "".join(f'{{"title": "Story {n}", "text": "Ferry service {n} resumed in Arden."}}\n'
                    for n in range(2000))
    whole = gzip.compress(lines.encode("utf-8"))
    path.write_bytes(whole[:len(whole) // 2])

    items = list(read_path(path))

    *documents, broken = items
    assert documents
    assert all(isinstance(item, Document) for item in documents)
    assert isinstance(broken, Rejected)
    assert broken.code is RejectCode.UNREADABLE
    assert broken.reason.startswith(f"cannot read the file past line {len(documents)}")


def test_json_lines_in_a_legacy_encoding_and_blank_or_binary_files(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.jsonl"
    legacy.write_bytes('{"title": "Café owners", "text": "The café in Zürich reopened."}\n'.encode("cp1252"))
    (tmp_path / "blank.jsonl").write_bytes(b"\n \n")
    (tmp_path / "binary.jsonl").write_bytes(b"\x00\x01\x02" * 10)

    [document] = list(read_path(legacy))

    assert isinstance(document, Document)
    assert document.title == "Café owners"
    assert (rejected(tmp_path / "blank.jsonl").code, rejected(tmp_path / "blank.jsonl").reason) == (
        RejectCode.EMPTY, "file holds only white space")
    assert rejected(tmp_path / "binary.jsonl").code is RejectCode.BINARY


def test_a_json_string_may_hold_a_line_separator(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"title": "Tides", "text": "High tide\u2028at noon in Arden harbour."}\n', encoding="utf-8")

    [document] = list(read_path(path))

    assert isinstance(document, Document)
