"""One story told once: headline, summary, quotes, claims, coverage, entities and timeline.

Every part cites independent outlets: a copy or a re-report stands for its original's outlet
(`storylens.dedup.original.independent_sources`), so it is shown with it and never counted twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from storylens.dedup.original import independent_sources
from storylens.model import Account, Article, ArticleId, CopyLink, Quote, Story, SummarySentence
from storylens.synthesize.claims import extract_claims
from storylens.synthesize.coverage import describe_coverage
from storylens.synthesize.quote_alignment import align_quotes
from storylens.synthesize.quotes import extract_quotes
from storylens.synthesize.summary import SummaryParams, summarize
from storylens.synthesize.timeline import build_timeline, count_entities

GENERATOR = "synthesize.account.v1"


def _headline(story: Story, articles: Sequence[Article], summary: Sequence[SummarySentence]) -> str:
    """The title of the article the summary's lead sentence comes from, else the story's own title."""
    titles = {article.id: article.title.strip() for article in articles}
    for sentence in summary[:1]:
        for mention in sentence.mentions:
            if titles.get(mention.article_id):
                return titles[mention.article_id]
    if story.title.strip():
        return story.title.strip()
    return next((title for _, title in sorted(titles.items()) if title), summary[0].text if summary else "")


def write_account(story: Story, articles: Sequence[Article], *, copies: Sequence[CopyLink] = (),
                  max_words: int = 120, summary_params: SummaryParams | None = None) -> Account:
    """Write the account of one story from its articles.

    Args:
        story: the story; only articles listed in `story.article_ids` are used.
        articles: the story's articles (others are ignored).
        copies: copy links among them (`find_copies`); a copy is shown with its original and not
            counted as a second source.
        max_words: the summary's word budget.
        summary_params: summarizer settings; the defaults by default.

    Returns:
        The account; `generator` names this function's version.
    """
    members = set(story.article_ids)
    chosen = sorted((article for article in articles if article.id in members),
                    key=lambda article: article.id)
    member_ids = {article.id for article in chosen}
    links = [link for link in copies if link.copy in member_ids and link.original in member_ids]
    sources = independent_sources(chosen, links)
    summary = summarize(chosen, max_words=max_words, sources=sources, params=summary_params)
    quotes_by_article: dict[ArticleId, tuple[Quote, ...]] = {
        article.id: extract_quotes(article) for article in chosen}
    quotes = tuple(align_quotes(quotes_by_article, sources))
    claims = extract_claims(chosen, sources)
    entities = count_entities(chosen)
    coverage = describe_coverage(chosen, sources, summary=summary, claims=claims, quotes=quotes,
                                 entities=entities, copies=links)
    return Account(story_id=story.id, headline=_headline(story, chosen, summary), summary=summary,
                   quotes=quotes, claims=claims, coverage=coverage, entities=entities,
                   timeline=build_timeline(chosen), generator=GENERATOR)
