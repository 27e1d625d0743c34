from __future__ import annotations

from pathlib import Path

import pytest
from synthesize_articles import make_article

from storylens.model import Agreement, Article, Story, StoryId
from storylens.synthesize.account import write_account


def _seed_articles(seeds_dir: Path) -> list[Article]:
    articles = []
    for prefix, outlet, cited in (("000", "Reuters", ()), ("001", "EghtesadOnline", ("Bloomberg",))):
        path = next(seeds_dir.glob(f"{prefix}_*.txt"))
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        articles.append(make_article(f"seed-{prefix}", body.strip(), outlet=outlet, title=title.strip(),
                                     cited=cited))
    return articles


def test_account_cites_independent_outlets_and_keeps_to_the_story() -> None:
    wire = make_article("w", "Heavy rain flooded the town of Amberley on Monday, forcing 300 families out.",
                        outlet="Wire", title="Floods hit Amberley")
    other = make_article("x", "An unrelated report about a football match that ended in a draw.", outlet="X")
    story = Story(id=StoryId("s"), title="", article_ids=(wire.id,))
    account = write_account(story, [wire, other], max_words=50)
    assert account.headline == "Floods hit Amberley"
    assert [sentence.sources for sentence in account.summary] == [("Wire",)]
    assert [(claim.subject, claim.agreement) for claim in account.claims] == [("families", Agreement.SINGLE)]
    assert [entry.article_id for entry in account.timeline] == ["w"]


@pytest.mark.shared
def test_seed_story_account(seeds_dir: Path) -> None:
    articles = _seed_articles(seeds_dir)
    story = Story(id=StoryId("kerry"), title="", article_ids=tuple(article.id for article in articles))
    account = write_account(story, articles)
    bodies = {article.id: article.body for article in articles}
    for sentence in account.summary:
        assert any(sentence.text in bodies[mention.article_id] for mention in sentence.mentions)
    people = next(claim for claim in account.claims if "more than 300,000" in claim.values)
    assert (people.agreement, people.sources) == (Agreement.SINGLE, ("Reuters",))
    shared = [quote for quote in account.quotes if len(quote.variants) >= 2]
    assert any("magnanimous choices from Russia" in quote.text for quote in shared)
    kerry = next(quote for quote in shared if "magnanimous choices from Russia" in quote.text)
    assert set(kerry.sources) == {"Reuters", "EghtesadOnline"}  # it credits Bloomberg for other facts only
    assert {variant.mention.article_id for variant in kerry.variants} == {"seed-000", "seed-001"}
