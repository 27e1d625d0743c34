"""What each outlet adds that no other does, and what it leaves out.

Outlets are compared as independent witnesses: a copy or a reprint of a wire story is measured against the
others with its original, so it adds nothing and is listed under `copies_of`. An article that cites
another outlet in its own sentences stays its own witness (see `storylens.synthesize.claims.sentence_witness`);
its sentences crediting the other outlet are that outlet's, not additions of its own.

`adds` are an outlet's statements no other independent source covers: sentences with enough content terms,
not mostly quotation (quotes are aligned in their own section), ranked by how many terms no other source
uses, the most informative few kept in text order. `omits` are points at least two other independent
sources share: people, organisations and places (short mentions resolved to full names, so "Holm" is
"Marek Holm"), figures and quotes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storylens.analysis.sentences import split_sentences
from storylens.analysis.tokens import terms
from storylens.model import (
    Agreement,
    AlignedQuote,
    Article,
    ArticleId,
    Claim,
    CopyLink,
    EntityMentions,
    Mention,
    SourceCoverage,
    SummarySentence,
)
from storylens.synthesize.claims import sentence_witness


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverageParams:
    """When a sentence counts as covered elsewhere, and how much to list.

    Attributes:
        covered_overlap: share of a sentence's content terms (of the smaller sentence) another outlet's
            sentence must have for the statement to count as reported there too.
        min_terms: sentences with fewer content terms outside quotation marks are not statements worth
            listing.
        max_quoted_share: sentences more than this share quotation are left to the quotes section.
        max_adds: at most this many added sentences per outlet: those with the most terms no other
            independent source uses, in article order.
    """

    covered_overlap: float = 0.6
    min_terms: int = 4
    max_quoted_share: float = 0.6
    max_adds: int = 5


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_OMITTED_KINDS = frozenset({"person", "organisation", "place"})


def _statements(article: Article, witness: str, sources: Mapping[ArticleId, str], params: CoverageParams
                ) -> list[tuple[Mention, frozenset[str]]]:
    """The article's own statements (not credited to another outlet) and their content terms."""
    found = []
    for start, end in split_sentences(article.body):
        text = article.body[start:end]
        if sentence_witness(article, text, sources) != witness:
            continue
        quoted = sum(len(match.group(0)) for match in _QUOTED.finditer(text))
        unquoted = frozenset(terms(_QUOTED.sub(" ", text), article.language))
        if quoted > params.max_quoted_share * len(text) or len(unquoted) < params.min_terms:
            continue
        found.append((Mention(article_id=article.id, span=(start, end), text=text),
                      frozenset(terms(text, article.language))))
    return found


def _is_covered(content: frozenset[str], others: Sequence[frozenset[str]], params: CoverageParams) -> bool:
    return any(len(content & other) >= params.covered_overlap * min(len(content), len(other))
               for other in others if other)


def _main_points(witness: str, outlet_witness: Mapping[str, str], *, claims: Sequence[Claim],
                 quotes: Sequence[AlignedQuote], entities: Sequence[EntityMentions]) -> tuple[str, ...]:
    """Points at least two other independent sources share that this one lacks."""
    points: list[str] = []
    for entity in entities:
        if entity.kind not in _OMITTED_KINDS:
            continue
        mentioned = {outlet_witness.get(outlet, outlet) for outlet, _ in entity.mentions_by_outlet}
        if witness not in mentioned and len(mentioned) >= 2:
            points.append(entity.name)
    for claim in claims:
        if claim.agreement is Agreement.AGREE and len(set(claim.sources) - {witness}) >= 2 \
                and witness not in claim.sources:
            points.append(f"{claim.subject}: {claim.values[0]}")
    for quote in quotes:
        if len(set(quote.sources) - {witness}) >= 2 and witness not in quote.sources:
            points.append(f"{quote.speaker or 'unattributed'}: “{quote.text}”")
    return tuple(dict.fromkeys(points))


def describe_coverage(articles: Sequence[Article], sources: Mapping[ArticleId, str] | None = None, *,
                      summary: Sequence[SummarySentence] = (), claims: Sequence[Claim] = (),
                      quotes: Sequence[AlignedQuote] = (), entities: Sequence[EntityMentions] = (),
                      copies: Sequence[CopyLink] = (), params: CoverageParams | None = None,
                      ) -> tuple[SourceCoverage, ...]:
    """Per outlet, the statements only it reports and the shared points it leaves out.

    Args:
        articles: the story's articles.
        sources: article id -> independent witness outlet (see `independent_sources`); by default
            each article's own outlet.
        summary: the account's summary; accepted for symmetry, not used (its sentences are long, and
            the figures, quotes and names they carry are listed instead).
        claims, quotes, entities: the account's other parts; a figure, quote or named person,
            organisation or place two or more other independent sources share is listed in `omits` of an
            outlet that lacks it.
        copies: copy links among the articles; a copy adds and omits nothing of its own.
        params: thresholds; `CoverageParams()` by default.

    Returns:
        One record per outlet (articles without an outlet stand as "article:<id>"), by outlet name.
    """
    del summary
    params = params or CoverageParams()
    given = sources or {}
    ordered = sorted(articles, key=lambda article: article.id)
    copied = {link.copy for link in copies}
    witness_of = {article.id: sentence_witness(article, "", given) for article in ordered}
    statements = {article.id: _statements(article, witness_of[article.id], given, params)
                  for article in ordered if article.id not in copied}
    content_by_witness: dict[str, list[frozenset[str]]] = defaultdict(list)
    for article in ordered:
        for start, end in split_sentences(article.body):
            text = article.body[start:end]
            content_by_witness[sentence_witness(article, text, given)].append(
                frozenset(terms(text, article.language)))
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for article in ordered:
        by_outlet[article.outlet or f"article:{article.id}"].append(article)
    outlet_witness = {outlet: witness_of[own[0].id] for outlet, own in by_outlet.items()}

    coverage = []
    for outlet, own_articles in sorted(by_outlet.items()):
        own_witnesses = {witness_of[article.id] for article in own_articles}
        copies_of = tuple(sorted(witness for witness in own_witnesses if witness != outlet))
        others = [content for witness, contents in content_by_witness.items()
                  if witness not in own_witnesses for content in contents]
        vocabulary = frozenset().union(*others) if others else frozenset()
        candidates: list[tuple[int, int, Mention]] = []
        for article in own_articles:
            for position, (mention, content) in enumerate(statements.get(article.id, [])):
                if not _is_covered(content, others, params):
                    candidates.append((len(content - vocabulary), position, mention))
        best = sorted(candidates, key=lambda item: (-item[0], item[2].article_id, item[1]))[:params.max_adds]
        adds = tuple(mention for _, _, mention in sorted(best, key=lambda item: (item[2].article_id, item[1])))
        omits: tuple[str, ...] = ()
        if not copies_of:
            for witness in sorted(own_witnesses):
                omits += _main_points(witness, outlet_witness, claims=claims, quotes=quotes, entities=entities)
        coverage.append(SourceCoverage(outlet=outlet,
                                       article_ids=tuple(article.id for article in own_articles),
                                       adds=adds, omits=tuple(dict.fromkeys(omits)), copies_of=copies_of))
    return tuple(coverage)
