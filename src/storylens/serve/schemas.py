"""HTTP shapes: pydantic models at the edge only, each made from our records by one function."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from storylens.model import (
    Account,
    AlignedQuote,
    Article,
    Claim,
    Comparison,
    Mention,
    SourceCoverage,
    Story,
    SummarySentence,
)
from storylens.store.base import StoreStats
from storylens.synthesize.quote_alignment import quote_variants


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class StoryOut(_Out):
    id: str
    title: str
    article_ids: list[str]
    sources: int = Field(description="How many articles the story has.")
    outlets: list[str]
    first_published: datetime | None
    last_published: datetime | None


class StoryPage(_Out):
    items: list[StoryOut]
    total: int
    limit: int
    offset: int
    next: int | None = Field(description="The offset of the next page, or null on the last page.")


class ArticleOut(_Out):
    id: str
    title: str
    body: str
    url: str | None
    outlet: str | None
    published: datetime | None
    date_source: str
    language: str
    authors: list[str]
    dateline: str | None
    captions: list[str]
    credits: list[str]
    cited_outlets: list[str]
    origin: str


class ArticleSummaryOut(_Out):
    id: str
    title: str
    url: str | None
    outlet: str | None
    published: datetime | None
    language: str
    words: int


class ArticlePage(_Out):
    items: list[ArticleSummaryOut]
    limit: int
    offset: int
    next: int | None


class MentionOut(_Out):
    article_id: str
    start: int
    end: int
    text: str


class SummarySentenceOut(_Out):
    text: str
    sources: list[str]
    mentions: list[MentionOut]


class QuoteVariantOut(_Out):
    article_id: str
    text: str
    speaker: str | None
    is_direct: bool
    changes: list[tuple[str, str]] = Field(description="(kind, words) against the longest wording: "
                                                       "added, dropped, changed or ellipsis.")


class AlignedQuoteOut(_Out):
    speaker: str | None
    text: str
    sources: list[str]
    variants: list[QuoteVariantOut]


class ClaimOut(_Out):
    subject: str
    values: list[str]
    agreement: str
    sources: list[str]
    mentions: list[MentionOut]


class CoverageOut(_Out):
    outlet: str
    article_ids: list[str]
    adds: list[MentionOut]
    omits: list[str]
    copies_of: list[str]


class EntityOut(_Out):
    name: str
    kind: str
    mentions_by_outlet: dict[str, int]


class TimelineOut(_Out):
    at: datetime | None
    article_id: str
    outlet: str | None
    title: str


class AccountOut(_Out):
    story_id: str
    headline: str
    summary: list[SummarySentenceOut]
    quotes: list[AlignedQuoteOut]
    claims: list[ClaimOut]
    coverage: list[CoverageOut]
    entities: list[EntityOut]
    timeline: list[TimelineOut]
    generator: str


class StoryDetail(_Out):
    story: StoryOut
    account: AccountOut


class EvidenceOut(_Out):
    kind: str
    shared: list[str]
    only_first: list[str]
    only_second: list[str]
    weight: float


class ComparisonOut(_Out):
    first: str
    second: str
    similarity: float
    score: float = Field(description="SemEval-2022 scale: 1 = same story ... 4 = unrelated.")
    evidence: list[EvidenceOut]


class StatsOut(_Out):
    articles: int
    stories: int
    copies: int
    outlets: dict[str, int]
    languages: dict[str, int]
    rejected: int
    first_published: datetime | None
    last_published: datetime | None
    schema_version: int


class RejectionOut(_Out):
    input: str
    code: str
    reason: str


class IngestReportOut(_Out):
    read: int
    stored: int
    already_stored: int
    rejected: int
    rejected_by_code: dict[str, int]
    rejections: list[RejectionOut]
    stories: int
    seconds: float


class ArticleIn(BaseModel):
    """One article to ingest, with the fields of the JSON Lines ingest."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1,
                      description="The article's text (the body; a first-line headline is fine).")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    date: str | None = Field(default=None, description="Publication time, ISO 8601 or a common date format.")
    author: str | list[str] | None = None
    language: str | None = None

    def as_record(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class HealthOut(_Out):
    status: str


def story_out(story: Story) -> StoryOut:
    return StoryOut(id=story.id, title=story.title, article_ids=list(story.article_ids),
                    sources=len(story.article_ids), outlets=list(story.outlets),
                    first_published=story.first_published, last_published=story.last_published)


def article_out(article: Article) -> ArticleOut:
    return ArticleOut(
        id=article.id, title=article.title, body=article.body, url=article.url, outlet=article.outlet,
        published=article.published, date_source=str(article.date_source), language=article.language,
        authors=list(article.authors), dateline=article.dateline, captions=list(article.captions),
        credits=list(article.credits), cited_outlets=list(article.cited_outlets), origin=str(article.origin))


def article_summary_out(article: Article) -> ArticleSummaryOut:
    return ArticleSummaryOut(id=article.id, title=article.title, url=article.url, outlet=article.outlet,
                             published=article.published, language=article.language,
                             words=len(article.body.split()))


def mention_out(mention: Mention) -> MentionOut:
    return MentionOut(article_id=mention.article_id, start=mention.span[0], end=mention.span[1],
                      text=mention.text)


def _summary_out(sentence: SummarySentence) -> SummarySentenceOut:
    return SummarySentenceOut(text=sentence.text, sources=list(sentence.sources),
                              mentions=[mention_out(m) for m in sentence.mentions])


def _quote_out(quote: AlignedQuote) -> AlignedQuoteOut:
    variants = [QuoteVariantOut(article_id=variant.mention.article_id, text=variant.mention.text,
                                speaker=variant.speaker, is_direct=variant.is_direct,
                                changes=quote_variants(quote.text, variant.mention.text))
                for variant in quote.variants]
    return AlignedQuoteOut(speaker=quote.speaker, text=quote.text, sources=list(quote.sources),
                           variants=variants)


def _claim_out(claim: Claim) -> ClaimOut:
    return ClaimOut(subject=claim.subject, values=list(claim.values), agreement=str(claim.agreement),
                    sources=list(claim.sources), mentions=[mention_out(m) for m in claim.mentions])


def _coverage_out(coverage: SourceCoverage) -> CoverageOut:
    return CoverageOut(outlet=coverage.outlet, article_ids=list(coverage.article_ids),
                       adds=[mention_out(m) for m in coverage.adds], omits=list(coverage.omits),
                       copies_of=list(coverage.copies_of))


def account_out(account: Account) -> AccountOut:
    return AccountOut(
        story_id=account.story_id, headline=account.headline,
        summary=[_summary_out(s) for s in account.summary],
        quotes=[_quote_out(q) for q in account.quotes],
        claims=[_claim_out(c) for c in account.claims],
        coverage=[_coverage_out(c) for c in account.coverage],
        entities=[EntityOut(name=e.name, kind=e.kind, mentions_by_outlet=dict(e.mentions_by_outlet))
                  for e in account.entities],
        timeline=[TimelineOut(at=t.at, article_id=t.article_id, outlet=t.outlet, title=t.title)
                  for t in account.timeline],
        generator=account.generator)


def comparison_out(comparison: Comparison) -> ComparisonOut:
    return ComparisonOut(
        first=comparison.first, second=comparison.second, similarity=comparison.similarity,
        score=comparison.score,
        evidence=[EvidenceOut(kind=str(e.kind), shared=list(e.shared), only_first=list(e.only_first),
                              only_second=list(e.only_second), weight=e.weight) for e in comparison.evidence])


def stats_out(stats: StoreStats) -> StatsOut:
    return StatsOut(articles=stats.articles, stories=stats.stories, copies=stats.copies,
                    outlets=dict(stats.outlets), languages=dict(stats.languages), rejected=stats.rejected,
                    first_published=stats.first_published, last_published=stats.last_published,
                    schema_version=stats.schema_version)
