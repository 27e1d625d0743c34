"""Text cleanup."""

from __future__ import annotations

from storylens.normalize import clean_line, clean_text


def test_clean_text_folds_white_space_and_keeps_paragraphs() -> None:
    raw = "  First  line\nwraps here.\r\n\r\n\n Second\tparagraph.\u00a0End. \n"
    assert clean_text(raw) == "First line wraps here.\n\nSecond paragraph. End."


def test_clean_text_removes_control_and_invisible_characters() -> None:
    assert clean_text("a\x00b\u200bc\ufeffd\x07e") == "abcde"


def test_clean_text_keeps_the_authors_quote_marks() -> None:
    text = "“Grace,” he said. \"Yes,\" she said. ‘No’"
    assert clean_text(text) == text


def test_clean_text_normalizes_to_nfc() -> None:
    assert clean_text("cafe\u0301") == "café"


def test_clean_text_repairs_utf8_read_as_cp1252() -> None:
    assert clean_text("Russiaâ€™s choice, the cafÃ© said") == "Russia’s choice, the café said"


def test_clean_line() -> None:
    assert clean_line("  Bridge \n reopens ") == "Bridge reopens"
    assert clean_line(" \n") is None
    assert clean_line(None) is None
