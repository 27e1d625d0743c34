from __future__ import annotations

from synthesize_articles import make_article

from storylens.model import Agreement, ArticleId, Claim, CopyLink, CopyMethod
from storylens.synthesize.coverage import describe_coverage

SHARED = "Heavy rain flooded the river town of Amberley on Monday, forcing hundreds from their homes."
WIRE = SHARED + "\n\nForecasters expect the swollen river to crest again on Wednesday evening."
PAPER = SHARED + "\n\nA local bakery handed out free bread to tired volunteers all afternoon."


def test_each_outlet_adds_what_no_other_reports() -> None:
    articles = [make_article("w", WIRE, outlet="Wire"), make_article("p", PAPER, outlet="Paper")]
    coverage = {record.outlet: record for record in describe_coverage(articles)}
    assert [mention.text for mention in coverage["Wire"].adds] == [
        "Forecasters expect the swollen river to crest again on Wednesday evening."]
    assert [mention.text for mention in coverage["Paper"].adds] == [
        "A local bakery handed out free bread to tired volunteers all afternoon."]
    assert coverage["Paper"].copies_of == ()


def test_a_copy_adds_nothing_and_names_its_original() -> None:
    articles = [make_article("w", WIRE, outlet="Wire"), make_article("r", WIRE, outlet="Reprint")]
    sources = {ArticleId("w"): "Wire", ArticleId("r"): "Wire"}
    links = [CopyLink(copy=ArticleId("r"), original=ArticleId("w"), similarity=1.0, method=CopyMethod.EXACT)]
    coverage = {record.outlet: record for record in describe_coverage(articles, sources, copies=links)}
    assert coverage["Reprint"].adds == ()
    assert coverage["Reprint"].copies_of == ("Wire",)
    assert len(coverage["Wire"].adds) == 2


def test_omits_lists_points_two_other_sources_share() -> None:
    articles = [make_article("a", WIRE, outlet="A"), make_article("b", WIRE, outlet="B"),
                make_article("c", PAPER, outlet="C")]
    claim = Claim(subject="people killed", values=("12",), agreement=Agreement.AGREE, sources=("A", "B"))
    coverage = {record.outlet: record for record in describe_coverage(articles, claims=[claim])}
    assert coverage["C"].omits == ("people killed: 12",)
    assert coverage["A"].omits == ()
