"""Captions, credit lines and the authors credit lines name."""

from __future__ import annotations

import pytest

from storylens.normalize import credited_authors, is_caption, is_credit, sort_paragraphs


@pytest.mark.parametrize("paragraph", [
    "The minister arrives for talks in Lisbon, Portugal, May 2, 2024. REUTERS/Ana Lima/Pool",
    "The mayor speaks at the ceremony. AP Photo/Mark Lennon",
    "Protesters gather outside parliament. Photo: Ali Navid/Harbour Agency",
    "A ferry leaves the port (Photo by Jo Smith/Getty Images)",
    "FILE PHOTO: A view of the harbour bridge in Portville.",
    "Firefighters at the scene. AFP PHOTO / STRINGER",
])
def test_captions(paragraph: str) -> None:
    assert is_caption(paragraph)
    assert not is_credit(paragraph)


@pytest.mark.parametrize("paragraph", [
    "Kerry told Reuters that the talks would go on.",
    "Reuters could not independently verify the report.",
    "The photo was taken on Monday, the agency said.",
    "By the end of the day, stocks had fallen.",
])
def test_body_paragraphs_stay_in_the_body(paragraph: str) -> None:
    assert not is_caption(paragraph)
    assert not is_credit(paragraph)


@pytest.mark.parametrize(("paragraph", "authors"), [
    ("Reporting by John Irish, editing by Ros Russell", ("John Irish",)),
    ("(Reporting by Ana Lima in Lisbon and Tom Finn in Doha; Editing by Alex Ray)", ("Ana Lima", "Tom Finn")),
    ("Additional reporting by Tom Finn", ("Tom Finn",)),
    ("Writing by Mara Quinn; Editing by Ivo Berg", ("Mara Quinn",)),
    ("Editing by Ivo Berg", ()),
    ("Compiled by Ivo Berg for the Gazette", ()),
    ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
])
def test_credit_lines_and_their_authors(paragraph: str, authors: tuple[str, ...]) -> None:
    assert is_credit(paragraph)
    assert credited_authors(paragraph) == authors


def test_sort_paragraphs_separates_the_parts() -> None:
    parts = sort_paragraphs([
        "The bridge reopened on Tuesday.",
        "The mayor speaks. AP Photo/Mark Lennon",
        "Reuters reported the cost at 12 million euros.",
        "Reporting by Ana Lima; Editing by Alex Ray",
    ])
    assert parts.body == ("The bridge reopened on Tuesday.", "Reuters reported the cost at 12 million euros.")
    assert parts.captions == ("The mayor speaks. AP Photo/Mark Lennon",)
    assert parts.credits == ("Reporting by Ana Lima; Editing by Alex Ray",)
    assert parts.authors == ("Ana Lima",)


def test_an_agency_credit_in_capitals_marks_a_caption() -> None:
    assert is_caption("Two ministers shake hands in Arden, March 3, 2025. MERIDIAN WIRE/Ana Ruiz/Pool")
    assert not is_caption("The MERIDIAN WIRE report was read aloud in parliament on Monday.")
