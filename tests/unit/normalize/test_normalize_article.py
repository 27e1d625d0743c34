"""normalize_document on hand-written Documents."""

from __future__ import annotations

from datetime import UTC, datetime

from storylens.model import Article, DateSource, Document, Origin, RejectCode, Rejected, SourceFormat
from storylens.normalize import NormalizeParams, normalize_document

ORIGIN = Origin(location="test.txt", format=SourceFormat.TEXT)
BODY = (
    "LISBON, 2 May 2024 (Meridian Wire) — Portugal's parliament approved the budget on Thursday after a "
    "long night of debate, the speaker said.\n\n"
    "The minister arrives for the vote in Lisbon, Portugal, May 1, 2024. REUTERS/Ana Lima/Pool\n\n"
    "The opposition voted against the plan, according to the Harbour Times.\n\n"
    "Reporting by Ana Lima; Editing by Alex Ray"
)


def normalized(document: Document, params: NormalizeParams = NormalizeParams()) -> Article:  # noqa: B008
    result = normalize_document(document, params)
    assert isinstance(result, Article), result
    return result


def test_parts_are_separated_and_the_dateline_date_is_stated() -> None:
    article = normalized(Document(origin=ORIGIN, text=BODY, title="Budget passes"))
    assert article.body == (
        "Portugal's parliament approved the budget on Thursday after a long night of debate, "
        "the speaker said.\n\nThe opposition voted against the plan, according to the Harbour Times.")
    assert article.dateline == "Lisbon"
    assert article.outlet == "Meridian Wire"
    assert article.published == datetime(2024, 5, 2, tzinfo=UTC)
    assert article.date_source is DateSource.STATED
    assert article.captions == ("The minister arrives for the vote in Lisbon, Portugal, May 1, 2024. "
                                "REUTERS/Ana Lima/Pool",)
    assert article.credits == ("Reporting by Ana Lima; Editing by Alex Ray",)
    assert article.authors == ("Ana Lima",)
    assert article.cited_outlets == ("Harbour Times",)
    assert article.language == "en"


def test_given_metadata_wins() -> None:
    published = datetime(2024, 5, 3, 12, tzinfo=UTC)
    article = normalized(Document(origin=ORIGIN, text=BODY, title="Budget passes", outlet="Lisbon Daily",
                                  published=published, authors=("Rui Costa",), language="PT-pt",
                                  url="https://www.lisbondaily.example/budget?utm_source=rss"))
    assert (article.outlet, article.published, article.date_source) == ("Lisbon Daily", published,
                                                                       DateSource.GIVEN)
    assert article.authors == ("Rui Costa",)
    assert article.language == "pt"
    assert article.url == "https://www.lisbondaily.example/budget"
    assert article.cited_outlets == ("Meridian Wire", "Harbour Times")


def test_outlet_falls_back_to_the_url_host() -> None:
    text = "The council approved the new harbour plan on Monday after a debate that lasted most of the night."
    article = normalized(Document(origin=ORIGIN, text=text, title="Plan", url="https://www.gazette.example/x"))
    assert article.outlet == "gazette.example"
    assert article.date_source is DateSource.UNKNOWN
    assert article.published is None


def test_title_falls_back_to_the_first_sentence() -> None:
    text = ("The council approved the new harbour plan on Monday. The debate lasted most of the night, and "
            "the vote was close.")
    assert normalized(Document(origin=ORIGIN, text=text)).title == (
        "The council approved the new harbour plan on Monday.")


def test_short_body_is_rejected() -> None:
    result = normalize_document(Document(origin=ORIGIN, text="PARIS (Reuters) - Too short.", title="T"))
    assert result == Rejected(origin=ORIGIN, code=RejectCode.NO_TEXT,
                              reason="body has 10 characters after cleanup (captions, credit lines and "
                                     "dateline removed); at least 80 are needed")


def test_min_body_chars_is_a_parameter() -> None:
    document = Document(origin=ORIGIN, text="Short but enough here.", title="T")
    assert isinstance(normalize_document(document, NormalizeParams(min_body_chars=10)), Article)


def test_too_little_text_for_language_gives_the_default() -> None:
    document = Document(origin=ORIGIN, text="12 34 56 78 90 " * 10, title="1")
    assert normalized(document).language == "und"


def test_same_document_gives_the_same_id() -> None:
    document = Document(origin=ORIGIN, text=BODY, title="Budget passes")
    assert normalized(document).id == normalized(document).id
