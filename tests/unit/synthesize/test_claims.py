from __future__ import annotations

import pytest
from synthesize_articles import make_article

from storylens.dedup import independent_sources
from storylens.model import Agreement, ArticleId, Claim
from storylens.synthesize.claims import extract_claims


def by_subject(articles, sources=None) -> dict[str, Claim]:  # type: ignore[no-untyped-def]
    return {claim.subject: claim for claim in extract_claims(articles, sources)}


@pytest.mark.parametrize(("sentence", "subject", "value"), [
    ("The storm hit the coast, killing at least 14 people.", "people killed", "at least 14"),
    ("Officials said 14 people were killed in the blast.", "people killed", "14"),
    ("The crash left 14 dead on the road.", "people killed", "14"),
    ("Divers raised the death toll to 12 on Monday.", "people killed", "12"),
    ("Five years of war have killed more than 300,000 people.", "people killed", "more than 300,000"),
    ("Rescuers recovered 14 bodies from the river.", "people killed", "14"),
    ("Police said 40 people were wounded.", "people injured", "40"),
    ("Boats searched for nine people still missing.", "missing", "nine"),
    ("The coast guard said 185 people had been rescued.", "rescued", "185"),
    ("A ferry carrying 212 people sank.", "aboard", "212"),
    ("Officials counted 208 listed on the manifest.", "aboard", "208"),
    ("The ship was licensed to carry 340 passengers.", "capacity", "340"),
    ("At least 30 were taken to the city hospital.", "hospitalised", "at least 30"),
    ("Police arrested 16 protesters overnight.", "arrested", "16"),
    ("About 41,000 people were displaced by the fighting.", "displaced", "about 41,000"),
    ("The firm will cut 1,100 jobs next year.", "jobs cut", "1,100"),
    ("Net profit rose 32% to $188 million.", "net profit", "$188 million"),
    ("Net profit rose 32% to $188 million.", "net profit change", "32%"),
    ("It earned 92 cents a share.", "earnings per share", "92 cents"),
    ("The company expects revenue of $9.4 billion to $9.7 billion.", "revenue forecast",
     "$9.4 billion to $9.7 billion"),
    ("Its shares fell 11.4% in early trading.", "share price change", "11.4%"),
    ("More than five years of war have ruined the city.", "years of war", "more than five"),
    ("The island is home to about 4,300 people.", "population", "about 4,300"),
    ("Four patrol vessels joined the search.", "patrol vessels", "four"),
])
def test_reads_what_a_figure_counts(sentence: str, subject: str, value: str) -> None:
    claims = by_subject([make_article("a", sentence, outlet="Wire")])
    assert claims[subject].values == (value,)


@pytest.mark.parametrize("sentence", [
    "The ferry left at 4:40 p.m. and sank at 5 pm.",
    "Its captain, a 58-year-old from Arden, survived.",
    "Nadia Ferre, 34, was rescued.",
    "The ship was built in 1994.",
    "Divers recovered two more bodies.",
    "Eight of them were in critical condition.",
    "Secretary Kerry (2ndL) attends a meeting.",
    "Gusts of up to 70 km/h (43 mph) were forecast.",
    "Call 555-201-3344 for news.",
    "They signed a 90-day truce.",
])
def test_skips_what_is_not_a_counted_figure(sentence: str) -> None:
    claims = by_subject([make_article("a", sentence, outlet="Wire")])
    assert set(claims) <= {"km/h"}
    assert all("43" not in value for claim in claims.values() for value in claim.values)


def test_compatible_figures_from_two_outlets_agree() -> None:
    claims = by_subject([
        make_article("a", "The war has killed more than 300,000 people since 2011.", outlet="Wire"),
        make_article("b", "Officials say 300,000 people have died.", outlet="Paper"),
    ])
    assert claims["people killed"].agreement == Agreement.AGREE
    assert claims["people killed"].values == ("more than 300,000",)
    assert claims["people killed"].sources == ("Paper", "Wire")


def test_different_values_for_one_quantity_conflict_with_each_side_named() -> None:
    articles = [make_article("a", "The blast left 12 dead and 40 injured.", outlet="Wire"),
                make_article("b", "At the scene, 14 people were killed.", outlet="Paper")]
    claims = by_subject(articles)
    assert claims["people killed"].agreement == Agreement.CONFLICT
    assert claims["people injured"].agreement == Agreement.SINGLE
    assert claims["people injured"].sources == ("Wire",)
    killed = next(claim for claim in extract_claims(articles) if claim.subject == "people killed")
    assert [(side.value, side.sources) for side in killed.sides] == [("12", ("Wire",)), ("14", ("Paper",))]


def test_conflicts_come_before_agreements_and_single_source_claims() -> None:
    claims = extract_claims([
        make_article("a", "The blast left 12 dead. Four patrol vessels came. Police arrested 3 men.", outlet="A"),
        make_article("b", "The blast left 14 dead. Four patrol vessels came.", outlet="B"),
    ])
    assert [(claim.subject, claim.agreement) for claim in claims] == [
        ("people killed", Agreement.CONFLICT), ("patrol vessels", Agreement.AGREE),
        ("arrested", Agreement.SINGLE)]


def test_a_copy_is_not_a_second_witness() -> None:
    articles = [make_article("a", "Rain fell for five days.", outlet="Wire"),
                make_article("b", "Rain fell for five days.", outlet="Reprint")]
    claims = by_subject(articles, {ArticleId("a"): "Wire", ArticleId("b"): "Wire"})
    assert claims["days"].agreement == Agreement.SINGLE
    assert claims["days"].sources == ("Wire",)
    assert len(claims["days"].mentions) == 2


def test_an_article_citing_an_outlet_witnesses_for_itself_except_where_it_credits_it() -> None:
    articles = [
        make_article("w", "The storm killed 14 people.", outlet="Wire"),
        make_article("l", "The storm killed 12 people.", outlet="Ledger"),
        make_article("t", "Officials said 12 people were killed. The governor put the toll at 14, Wire reported.",
                     outlet="Tide", cited=("Wire",)),
    ]
    sources = independent_sources(articles, [])
    assert sources[ArticleId("t")] == "Tide"
    killed = extract_claims(articles, sources)[0]
    assert [(side.value, side.sources, side.outlets) for side in killed.sides] == [
        ("12", ("Ledger", "Tide"), ("Ledger", "Tide")), ("14", ("Wire",), ("Tide", "Wire"))]


def test_event_dates_are_claims_and_dates_are_not_figures() -> None:
    claims = extract_claims([
        make_article("a", "The truce agreed on March 3, 2025 held. Monitors began patrols on March 14.",
                     outlet="A"),
        make_article("b", "The truce agreed on March 3 held.", outlet="B",
                     published=__import__("datetime").datetime(2025, 3, 4, tzinfo=__import__("datetime").UTC)),
    ])
    assert [(claim.subject, claim.values, claim.agreement) for claim in claims] == [
        ("date", ("2025-03-03",), Agreement.AGREE), ("date", ("March 14",), Agreement.SINGLE)]
