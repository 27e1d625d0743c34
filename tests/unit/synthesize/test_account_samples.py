"""The account over the package's sample ferry story and the two seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.analysis.sentences import split_sentences
from storylens.dedup import find_copies, independent_sources
from storylens.ingest import read_path
from storylens.model import Agreement, Article, Story, StoryId
from storylens.normalize import normalize_document
from storylens.samples import sample_key, sample_labels, sample_paths
from storylens.synthesize import write_account
from storylens.synthesize.claims import extract_claims


def _articles(paths: list[Path]) -> list[Article]:
    found = [normalize_document(document) for path in paths for document in read_path(path)]
    return [article for article in found if isinstance(article, Article)]


def _ferry() -> list[Article]:
    labels = sample_labels()
    return _articles([path for path in sample_paths()
                      if labels[sample_key(path)].event == "skarra-ferry-capsizing-2025-05-18"])


def test_ferry_figures_conflict_between_the_governor_and_the_coast_guard() -> None:
    articles = _ferry()
    sources = independent_sources(articles, find_copies(articles))
    sides = {claim.subject: (claim.agreement, [(side.value, side.sources, side.outlets) for side in claim.sides])
             for claim in extract_claims(articles, sources)}
    both = ("Harbor Ledger", "Tideline News")
    wire = ("Kellmouth Courier", "Meridian Wire", "Tideline News")
    assert sides["people killed"] == (Agreement.CONFLICT, [
        ("12", both, both), ("at least 14", ("Meridian Wire",), wire)])
    assert sides["missing"] == (Agreement.CONFLICT, [("11", both, both), ("nine", ("Meridian Wire",), wire)])
    assert sides["aboard"] == (Agreement.CONFLICT, [
        ("208", both, both), ("212", ("Meridian Wire", "Tideline News"), wire)])


def test_ferry_account_shows_the_copy_with_its_original() -> None:
    articles = _ferry()
    story = Story(id=StoryId("ferry"), title="", article_ids=tuple(article.id for article in articles))
    account = write_account(story, articles, copies=find_copies(articles))
    assert account.claims[0].subject == "people killed"
    assert account.claims[0].agreement is Agreement.CONFLICT
    assert "Kellmouth Courier" not in {source for claim in account.claims for source in claim.sources}
    coverage = {record.outlet: record for record in account.coverage}
    assert coverage["Kellmouth Courier"].copies_of == ("Meridian Wire",)
    assert coverage["Kellmouth Courier"].adds == ()
    assert not {"Gusts", "Survivors", "Holm", "Divers", "Transport"} & {
        point for record in account.coverage for point in record.omits}
    assert all(":" not in value for claim in account.claims for value in claim.values)  # no clock times


def test_ferry_quotes_stay_whole_in_sentences() -> None:
    meridian = next(article for article in _ferry() if article.outlet == "Meridian Wire")
    sentences = [meridian.body[start:end] for start, end in split_sentences(meridian.body)]
    assert ("“The deck tipped and the cars started sliding. Then the lights went out,” said Nadia Ferre, 34, "
            "who was travelling to Skarra with her husband.") in sentences


@pytest.mark.shared
def test_seed_figures_reported_by_reuters_only(seeds_dir: Path) -> None:
    articles = _articles(sorted(seeds_dir.glob("*.txt")))
    story = Story(id=StoryId("seeds"), title="", article_ids=tuple(article.id for article in articles))
    claims = {claim.subject: claim for claim in write_account(story, articles).claims}
    assert (claims["people killed"].values, claims["people killed"].agreement,
            claims["people killed"].sources) == (("more than 300,000",), Agreement.SINGLE, ("Reuters",))
    assert claims["years of war"].values == ("more than five",)
    assert all(":" not in value for claim in claims.values() for value in claim.values)
