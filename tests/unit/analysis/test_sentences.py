from __future__ import annotations

import pytest

from storylens.analysis.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
    ("J. Smith said the U.S. would act. The U.N. agreed.",
     ["J. Smith said the U.S. would act.", "The U.N. agreed."]),
    ("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."]),
    ("They met on Dec. 10 in St. Louis. Talks failed.",
     ["They met on Dec. 10 in St. Louis.", "Talks failed."]),
    ("Prices rose 3.5 percent. Shares fell.", ["Prices rose 3.5 percent.", "Shares fell."]),
    ("He paused... and went on. Then... It ended.", ["He paused... and went on.", "Then...", "It ended."]),
    ("“We will win.” She smiled.", ["“We will win.”", "She smiled."]),
    ("\"Stop!\" he said. Nobody did.", ["\"Stop!\" he said.", "Nobody did."]),
    ("Is it over? No! It is not.", ["Is it over?", "No!", "It is not."]),
    ("A heading without a stop\n\nThe body starts here.",
     ["A heading without a stop", "The body starts here."]),
    ("the rebels left. the army moved in.", ["the rebels left.", "the army moved in."]),
])
def test_splits_literal_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_spans_are_stripped_offsets_into_the_text() -> None:
    text = "  One here.   Two there.  "
    assert split_sentences(text) == [(2, 11), (14, 24)]


def test_blank_text_has_no_sentences() -> None:
    assert split_sentences(" \n\n ") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("“The deck tipped. Then the lights went out,” said Ana. Both swam.",
     ["“The deck tipped. Then the lights went out,” said Ana.", "Both swam."]),
    ("\"It is over. Go home.\" The crowd left.", ["\"It is over. Go home.\"", "The crowd left."]),
    ("The so-called \"plan\" failed. It did.", ["The so-called \"plan\" failed.", "It did."]),
])
def test_keeps_a_closed_quotation_in_one_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_quotation_left_open_to_the_paragraph_end_does_not_join_sentences() -> None:
    text = "He said: “One. Two.\n\n“Three.” Done."
    assert sentences(text) == ["He said: “One.", "Two.", "“Three.”", "Done."]
